import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/synth/random.js';

describe('createRandom', () => {
  it('repeats its sequence for the same seed, and a number seed equals its text', () => {
    const a = createRandom(42);
    const b = createRandom('42');
    const sa = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(sa);
    expect(sa.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('stays within bounds for int, pick and hex, and covers the whole integer range', () => {
    const r = createRandom('bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = r.int(3, 7);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(7);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(r.hex(13)).toMatch(/^[0-9a-f]{13}$/);
    expect(() => r.pick([])).toThrow();
  });

  it('chance(0) is never true and chance(1) always', () => {
    const r = createRandom('c');
    for (let i = 0; i < 200; i++) {
      expect(r.chance(0)).toBe(false);
      expect(r.chance(1)).toBe(true);
    }
  });
});
