import { describe, expect, it } from 'vitest';
import { canBuildPropagator, randomSample, roundTrip, transfer } from '../../../src/propagation/roundtrip.js';

describe('roundTrip through the installed propagators', () => {
  for (const sampled of [true, false]) {
    it(`keeps ids, sampled=${sampled}, tracestate and baggage through tracecontext,baggage`, () => {
      const result = roundTrip(['tracecontext', 'baggage'], randomSample(sampled));
      expect(result.losses).toEqual([]);
      expect(result.headers).toEqual(['baggage', 'traceparent', 'tracestate']);
    });
  }

  it('keeps ids and the sampled flag through B3 single and multi', () => {
    expect(roundTrip(['b3'], randomSample(true))).toMatchObject({ losses: [], headers: ['b3'] });
    const multi = roundTrip(['b3multi'], randomSample(false));
    expect(multi.losses).toEqual([]);
    expect(multi.headers).toEqual(expect.arrayContaining(['x-b3-traceid', 'x-b3-spanid', 'x-b3-sampled']));
  });

  it('keeps ids and baggage through Jaeger', () => {
    const result = roundTrip(['jaeger'], randomSample(true));
    expect(result.losses).toEqual([]);
    expect(result.headers).toContain('uber-trace-id');
    expect(result.headers.some((h) => h.startsWith('uberctx-'))).toBe(true);
  });

  it('loses the whole context when an upstream speaks B3 and this service only extracts tracecontext', () => {
    const sample = randomSample(true);
    const result = transfer(['b3multi'], ['tracecontext', 'baggage'], sample);
    expect(result.losses.map((loss) => loss.field)).toEqual(['traceId', 'spanId', 'sampled']);
    expect(result.losses[0]).toEqual({ field: 'traceId', sent: sample.traceId, received: '(none)' });
  });

  it('recovers B3 multi headers with the b3 (single) propagator, which extracts both encodings', () => {
    expect(transfer(['b3multi'], ['b3'], randomSample(true)).losses).toEqual([]);
  });

  it('loses Jaeger baggage when the receiver has no jaeger propagator', () => {
    const losses = transfer(['jaeger'], ['tracecontext', 'baggage', 'b3'], randomSample(true)).losses;
    expect(losses.map((loss) => loss.field)).toEqual(['traceId', 'spanId', 'sampled', 'baggage', 'baggage']);
  });

  it('knows no propagator for names that need packages a plain SDK lacks', () => {
    expect(canBuildPropagator('xray')).toBe(false);
    expect(canBuildPropagator('b3')).toBe(true);
  });
});
