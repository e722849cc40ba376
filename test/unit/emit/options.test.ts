import { describe, expect, it } from 'vitest';
import { parseDuration, parseEmitOptions } from '../../../src/emit/options.js';
import { UsageError } from '../../../src/cli/errors.js';

describe('parseEmitOptions', () => {
  it('has sensible defaults', () => {
    expect(parseEmitOptions({})).toMatchObject({ signals: ['traces', 'metrics', 'logs'], count: 10, local: false, verifyTimeoutMs: 30000, json: false });
  });

  it.each([
    [{ signals: 'traces,spans' }, /--signals/],
    [{ count: '0' }, /--count must be between 1/],
    [{ count: 'ten' }, /--count must be a whole number/],
    [{ errorRatio: '1.5' }, /--error-ratio/],
    [{ errorRatio: '' }, /--error-ratio/],
    [{ errorRatio: '0x1' }, /--error-ratio/],
    [{ errorRatio: '1e-1' }, /--error-ratio/],
    [{ seed: ' ' }, /--seed needs a value/],
    [{ verifyTimeout: 'soon' }, /--verify-timeout/],
    [{ verifyJaeger: 'localhost:16686' }, /http:\/\/ or https:\/\//],
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

  it('parses durations', () => {
    expect(parseDuration('--x', '45s')).toBe(45000);
    expect(parseDuration('--x', '2m')).toBe(120000);
    expect(parseDuration('--x', '1500')).toBe(1500);
  });
});
