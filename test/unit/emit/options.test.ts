import { describe, expect, it } from 'vitest';
import { parseEmitOptions } from '../../../src/emit/options.js';
import { UsageError } from '../../../src/errors.js';

describe('parseEmitOptions', () => {
  it('has sensible defaults', () => {
    expect(parseEmitOptions({})).toMatchObject({
      signals: ['traces', 'metrics', 'logs'],
      count: 10,
      local: false,
      verifyTimeoutMs: 30000,
      json: false,
    });
  });

  it.each([
    [{ signals: 'traces,spans' }, /--signals/],
    [{ count: '0' }, /--count 0: must be from 1 to 20000/],
    [{ count: 'ten' }, /--count ten: not a whole number/],
    [{ count: '20001' }, /--count 20001: must be from 1 to 20000/],
    [{ errorRatio: '1.5' }, /--error-ratio/],
    [{ errorRatio: '' }, /--error-ratio/],
    [{ errorRatio: '0x1' }, /--error-ratio/],
    [{ errorRatio: '1e-1' }, /--error-ratio/],
    [{ seed: ' ' }, /--seed " ": needs a value/],
    [{ verifyTimeout: 'soon' }, /--verify-timeout/],
    // It was milliseconds here and seconds in load and receive: now it needs its unit.
    [{ verifyTimeout: '30' }, /^--verify-timeout 30: a duration needs a unit: 30s or 30ms$/],
    [{ verifyJaeger: 'localhost:16686' }, /^--verify-jaeger: needs an http:\/\/ or https:\/\/ URL/],
    [{ local: true, verifyJaeger: 'http://j:16686' }, /--local/],
    [{ signals: 'metrics', verifyJaeger: 'http://j:16686' }, /needs traces/],
  ])('rejects %o as a usage error', (flags, message) => {
    expect(() => parseEmitOptions(flags)).toThrow(UsageError);
    expect(() => parseEmitOptions(flags)).toThrow(message);
  });

  it('takes decimal error ratios', () => {
    expect(parseEmitOptions({ errorRatio: '0.25' }).errorRatio).toBe(0.25);
    expect(parseEmitOptions({ errorRatio: '1' }).errorRatio).toBe(1);
    expect(parseEmitOptions({ errorRatio: '.5' }).errorRatio).toBe(0.5);
    expect(parseEmitOptions({ errorRatio: '0' }).errorRatio).toBe(0);
  });

  it('reads the flag grammar: durations with units, counts with k, percentages', () => {
    expect(parseEmitOptions({ verifyTimeout: '1m30s', count: '2k', errorRatio: '20%' })).toMatchObject({
      verifyTimeoutMs: 90_000,
      count: 2_000,
      errorRatio: 0.2,
    });
  });
});
