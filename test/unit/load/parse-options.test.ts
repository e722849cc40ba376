import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/errors.js';
import { parseCount, parseDurationSeconds, parseRate, parseRatio } from '../../../src/load/parse-options.js';
import { parseShard, sliceOf } from '../../../src/load/shard.js';
import { loadOptionsFrom } from '../../../src/load/command.js';
import type { LoadOptionValues } from '../../../src/commands/load.js';

describe('load flag values', () => {
  it('reads rates with suffixes and durations with units', () => {
    expect(parseRate('10k', '--rate')).toBe(10_000);
    expect(parseRate('1.5M', '--rate')).toBe(1_500_000);
    expect(parseDurationSeconds('500ms', '--duration')).toBe(0.5);
    expect(parseDurationSeconds('5m', '--duration')).toBe(300);
    expect(parseDurationSeconds('90', '--duration')).toBe(90);
    expect(parseRatio('1%', '--max-loss')).toBeCloseTo(0.01);
    // exactly the ratio a loss of 7 in 1000 computes to, so that loss is within a 0.7% budget
    expect(parseRatio('0.7%', '--max-loss')).toBe(7 / 1000);
    expect(parseRatio('1.1%', '--max-loss')).toBe(11 / 1000);
    expect(() => parseRatio('1e-1%', '--max-loss')).toThrow(UsageError);
    expect(parseCount('2k', '--count')).toBe(2000);
  });

  it('rejects nonsense as usage errors', () => {
    expect(() => parseRate('fast', '--rate')).toThrow(UsageError);
    expect(() => parseDurationSeconds('10 minutes', '--duration')).toThrow(UsageError);
    expect(() => parseRatio('2', '--max-loss')).toThrow(UsageError);
    expect(() => parseCount('0', '--concurrency')).toThrow(UsageError);
    expect(() => parseShard('4/4')).toThrow(UsageError);
    expect(() => parseShard('1-4')).toThrow(UsageError);
    // a bare percent sign read as Number('') = 0, a zero loss budget nobody asked for
    expect(() => parseRatio('%', '--max-loss')).toThrow(UsageError);
    expect(() => parseRatio(' ', '--max-loss')).toThrow(UsageError);
    expect(parseRatio('1%', '--max-loss')).toBeCloseTo(0.01);
    // exactly the ratio a loss of 7 in 1000 computes to, so that loss is within a 0.7% budget
    expect(parseRatio('0.7%', '--max-loss')).toBe(7 / 1000);
    expect(parseRatio('1.1%', '--max-loss')).toBe(11 / 1000);
    expect(() => parseRatio('1e-1%', '--max-loss')).toThrow(UsageError);
    expect(parseRatio('0.001', '--max-loss')).toBe(0.001);
    expect(() => parseShard('0/0')).toThrow(/at least 1/);
  });

  it('splits counts so the slices add up exactly', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    const slices = [0, 1, 2].map((i) => sliceOf(1000, i, 3));
    expect(slices).toEqual([334, 333, 333]);
    expect(sliceOf(1000.5, 0, 2)).toBe(500.25);
  });

  it('bounds --drain-timeout to what a timer can hold', () => {
    const flags = { rate: '1000', metricsRate: '0', logsRate: '0', rampUp: '0s', batchSize: '512', concurrency: '16', workers: '1', engine: 'fast' } as LoadOptionValues;
    expect(loadOptionsFrom({ ...flags, drainTimeout: '24h' }).drainTimeoutMs).toBe(86_400_000);
    // 1000h overflowed setTimeout, which then fired after 1 ms and failed every request in flight
    expect(() => loadOptionsFrom({ ...flags, drainTimeout: '1000h' })).toThrow(UsageError);
  });
});
