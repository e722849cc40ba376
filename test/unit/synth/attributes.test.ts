import { describe, expect, it } from 'vitest';
import { drawAttribute, drawAttributes, drawBaggage } from '../../../src/synth/attributes.js';
import { createRandom } from '../../../src/synth/random.js';

describe('attribute templates', () => {
  it('passes literals through, kvlists and arrays included', () => {
    const r = createRandom(1);
    expect(drawAttribute('kafka', r)).toBe('kafka');
    expect(drawAttribute([1, 2], r)).toEqual([1, 2]);
    expect(drawAttribute({ nested: 'map' }, r)).toEqual({ nested: 'map' });
  });

  it('draws each generator within its bounds', () => {
    const r = createRandom('gen');
    for (let i = 0; i < 200; i++) {
      const int = drawAttribute({ $int: [3, 5] }, r) as number;
      expect(Number.isInteger(int) && int >= 3 && int <= 5).toBe(true);
      const float = drawAttribute({ $float: [0.5, 1.5] }, r) as number;
      expect(float).toBeGreaterThanOrEqual(0.5);
      expect(float).toBeLessThanOrEqual(1.5);
      expect(drawAttribute({ $id: 12 }, r)).toMatch(/^[0-9a-f]{12}$/);
      expect(['a', 'b']).toContain(drawAttribute({ $oneOf: ['a', 'b'] }, r));
    }
  });

  it('turns baggage values into strings, and draws the same values for the same seed', () => {
    expect(drawBaggage({ 'user-id': { $int: [1, 9] }, plan: 'gold' }, createRandom(7))).toEqual(
      drawBaggage({ 'user-id': { $int: [1, 9] }, plan: 'gold' }, createRandom(7)),
    );
    const baggage = drawBaggage({ 'user-id': { $int: [1, 9] } }, createRandom(7));
    expect(typeof baggage['user-id']).toBe('string');
    expect(drawAttributes(undefined, createRandom(1))).toEqual({});
  });
});
