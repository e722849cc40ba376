import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { parseShard, sliceOf } from '../../../src/load/shard.js';
import { loadOptionsFrom } from '../../../src/commands/load/run.js';
import type { LoadOptionValues } from '../../../src/commands/load/index.js';

const FLAGS = {
  rate: '1000',
  metricsRate: '0',
  logsRate: '0',
  rampUp: '0s',
  batchSize: '512',
  concurrency: '16',
  workers: '1',
  engine: 'fast',
  drainTimeout: '15s',
} as LoadOptionValues;

describe('load flag values', () => {
  it('reads rates with suffixes, durations with units, counts and ratios', () => {
    const options = loadOptionsFrom({
      ...FLAGS,
      rate: '10k',
      metricsRate: '1.5M',
      duration: '1m30s',
      rampUp: '500ms',
      count: '2k',
      maxLoss: '0.7%',
    });
    expect(options).toMatchObject({
      rate: 10_000,
      metricsRate: 1_500_000,
      durationSeconds: 90,
      rampUpSeconds: 0.5,
      count: 2_000,
      drainTimeoutMs: 15_000,
    });
    // exactly the ratio a loss of 7 in 1000 computes to, so that loss is within a 0.7% budget
    expect(options.maxLoss).toBe(7 / 1000);
  });

  it.each([
    [{ duration: '90' }, /^--duration 90: a duration needs a unit: 90s or 90ms$/],
    [{ duration: '0s' }, /--duration 0s: must be longer than 0/],
    [{ drainTimeout: '15' }, /--drain-timeout 15: a duration needs a unit/],
    [{ rampUp: '10' }, /--ramp-up 10: a duration needs a unit/],
    [{ rate: '1m' }, /--rate 1m: "m" is ambiguous/],
    [{ rate: 'fast' }, /--rate fast/],
    [{ maxLoss: '2' }, /--max-loss 2: a ratio is from 0 to 1/],
    [{ concurrency: '0' }, /--concurrency 0: must be from 1 to 10000/],
    [{ workers: '257' }, /--workers 257/],
    [{ batchSize: '1.5' }, /--batch-size 1.5: must be a whole number/],
    // 1000h overflowed setTimeout, which then fired after 1 ms and failed every request in flight
    [{ drainTimeout: '1000h' }, /--drain-timeout 1000h: at most 596h/],
    [{ duration: '5s', rampUp: '5s' }, /--ramp-up must be shorter than --duration/],
  ])('refuses %o', (flags, message) => {
    expect(() => loadOptionsFrom({ ...FLAGS, ...flags } as LoadOptionValues)).toThrow(UsageError);
    expect(() => loadOptionsFrom({ ...FLAGS, ...flags } as LoadOptionValues)).toThrow(message);
  });

  it('takes 0 for the rates, --ramp-up and --drain-timeout', () => {
    expect(loadOptionsFrom({ ...FLAGS, rate: '0', metricsRate: '1k', rampUp: '0', drainTimeout: '0' })).toMatchObject({
      rate: 0,
      rampUpSeconds: 0,
      drainTimeoutMs: 0,
    });
  });

  it('reads shards', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    expect(() => parseShard('4/4')).toThrow(UsageError);
    expect(() => parseShard('1-4')).toThrow(UsageError);
    expect(() => parseShard('0/0')).toThrow(/at least 1/);
  });

  it('splits counts so the slices add up exactly', () => {
    const slices = [0, 1, 2].map((i) => sliceOf(1000, i, 3));
    expect(slices).toEqual([334, 333, 333]);
    expect(sliceOf(1000.5, 0, 2)).toBe(500.25);
  });
});
