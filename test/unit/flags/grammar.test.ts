/**
 * The flag grammar, value by value: what each parser accepts (and what it makes of it) and what it
 * refuses (and that the refusal names the flag and is a usage error).
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import {
  formatDuration,
  parseByteSize,
  parseChoiceList,
  parseCount,
  parseDuration,
  parseHeaderPair,
  parseHttpUrl,
  parsePort,
  parseRate,
  parseRatio,
} from '../../../src/flags/index.js';
import { MAX_TIMER_MS } from '../../../src/net/timing.js';

function refusal(parse: () => unknown): UsageError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error('accepted a value it should refuse');
}

describe('durations', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1h0m1s', 3_601_000],
    ['1s500ms', 1_500],
    ['1.5s', 1_500],
    ['.5s', 500],
    [' 2s ', 2_000],
    ['596h', 596 * 3_600_000],
    [`${MAX_TIMER_MS}ms`, MAX_TIMER_MS],
  ])('reads %s as %d ms', (text, milliseconds) => {
    expect(parseDuration('--timeout', text)).toBe(milliseconds);
  });

  it.each([
    ['30', /^--timeout 30: a duration needs a unit: 30s or 30ms$/],
    ['1.5', /needs a unit: 1\.5s or 1\.5ms/],
    ['0', /must be longer than 0/],
    ['0s', /must be longer than 0/],
    ['-1s', /cannot be negative/],
    ['', /--timeout "": needs a duration/],
    ['   ', /needs a duration/],
    ['NaN', /not a duration/],
    ['soon', /not a duration/],
    ['1e3ms', /not a duration/],
    ['0x10s', /not a duration/],
    ['Infinity', /not a duration/],
    ['30sec', /unknown unit "sec"; write 30s/],
    ['5 minutes', /unknown unit "minutes"; write 5m/],
    ['2d', /write 48h/],
    ['5M', /write 5m/],
    ['1000h', /at most 596h/],
    [`${MAX_TIMER_MS + 1}ms`, /at most 596h/],
    [`${'9'.repeat(400)}h`, /at most 596h/],
    ['0.1ms', /shorter than 1ms/],
  ])('refuses %j', (text, message) => {
    expect(refusal(() => parseDuration('--timeout', text)).message).toMatch(message);
  });

  it('takes 0, with or without a unit, only where a flag allows it', () => {
    expect(parseDuration('--ramp-up', '0', { zero: true })).toBe(0);
    expect(parseDuration('--ramp-up', '0s', { zero: true })).toBe(0);
    expect(refusal(() => parseDuration('--duration', '0', { zeroHint: 'leave it out' })).hint).toBe('leave it out');
  });

  it('keeps whole seconds where the wire carries seconds', () => {
    expect(parseDuration('--retry-after', '2s', { wholeSeconds: true })).toBe(2_000);
    expect(refusal(() => parseDuration('--retry-after', '1500ms', { wholeSeconds: true })).message).toMatch(/whole seconds only: 1s or 2s/);
  });

  it('spells a duration back in the same grammar', () => {
    for (const milliseconds of [0, 1, 500, 1_500, 90_000, 3_601_000, MAX_TIMER_MS]) {
      const text = formatDuration(milliseconds);
      expect(text === '0s' ? 0 : parseDuration('--x', text)).toBe(milliseconds);
    }
  });
});

describe('rates and counts', () => {
  it.each([
    ['1000', 1_000],
    ['10k', 10_000],
    ['10K', 10_000],
    ['1.5M', 1_500_000],
    ['1.1k', 1_100],
    ['0.5', 0.5],
    ['10k/s', 10_000],
  ])('reads the rate %s as %d per second', (text, rate) => {
    expect(parseRate('--rate', text)).toBe(rate);
  });

  it.each([
    ['1m', /^--rate 1m: "m" is ambiguous/],
    ['2.5m', /ambiguous/],
    ['-5', /cannot be negative/],
    ['', /needs a rate/],
    ['NaN', /not a rate/],
    ['1e3', /not a rate/],
    ['0x10', /not a rate/],
    ['10G', /not a rate/],
    ['0', /must be above 0/],
    ['9'.repeat(400), /at most/],
  ])('refuses the rate %j', (text, message) => {
    expect(refusal(() => parseRate('--rate', text)).message).toMatch(message);
  });

  it('says what 1m would be written as', () => {
    expect(refusal(() => parseRate('--rate', '1m')).hint).toMatch(/1M for 1 million per second/);
  });

  it('takes 0 as "none" where a flag allows it', () => {
    expect(parseRate('--metrics-rate', '0', { zero: true })).toBe(0);
  });

  it.each([
    ['1', 1],
    ['2k', 2_000],
    ['1.5k', 1_500],
    ['1M', 1_000_000],
  ])('reads the count %s as %d', (text, count) => {
    expect(parseCount('--count', text)).toBe(count);
  });

  it.each([
    ['0', {}, /must be from 1 to/],
    ['1.5', {}, /whole number/],
    ['1m', {}, /ambiguous/],
    ['-1', {}, /cannot be negative/],
    ['', {}, /needs a whole number/],
    ['ten', {}, /not a whole number/],
    ['9'.repeat(400), {}, /must be from 1 to/],
    ['20001', { max: 20_000 }, /must be from 1 to 20000/],
  ])('refuses the count %j (%o)', (text, rules, message) => {
    expect(refusal(() => parseCount('--count', text, rules)).message).toMatch(message);
  });

  it('reads ports without suffixes', () => {
    expect(parsePort('--http-port', '0')).toBe(0);
    expect(parsePort('--http-port', '65535')).toBe(65_535);
    expect(refusal(() => parsePort('--http-port', '65536')).message).toMatch(/^--http-port 65536: must be from 0 to 65535/);
    expect(refusal(() => parsePort('--http-port', '4k')).message).toMatch(/not a whole number/);
  });

  it('reads sizes, refusing the ambiguous M', () => {
    expect(parseByteSize('--max-body-bytes', '1048576')).toBe(1_048_576);
    expect(parseByteSize('--max-body-bytes', '16MiB')).toBe(16 * 2 ** 20);
    expect(parseByteSize('--max-body-bytes', '1MB')).toBe(1_000_000);
    expect(refusal(() => parseByteSize('--max-body-bytes', '16M')).hint).toMatch(/16MiB .* or 16MB/);
    expect(refusal(() => parseByteSize('--max-body-bytes', '0')).message).toMatch(/from 1/);
  });
});

describe('ratios', () => {
  it.each([
    ['0', 0],
    ['1', 1],
    ['0.25', 0.25],
    ['.5', 0.5],
    ['25%', 0.25],
    ['100%', 1],
    // exactly the ratio a loss of 7 in 1000 computes to, so that loss is within a 0.7% budget
    ['0.7%', 7 / 1000],
    ['1.1%', 11 / 1000],
  ])('reads %s as %d', (text, ratio) => {
    expect(parseRatio('--max-loss', text)).toBe(ratio);
  });

  it.each([
    ['25', /a ratio is from 0 to 1/],
    ['101%', /at most 100%/],
    ['-0.1', /cannot be negative/],
    ['%', /not a ratio/],
    ['', /needs a ratio/],
    ['NaN', /not a ratio/],
    ['1e-1', /not a ratio/],
    ['1e-1%', /not a ratio/],
    ['0x1', /not a ratio/],
  ])('refuses %j', (text, message) => {
    expect(refusal(() => parseRatio('--max-loss', text)).message).toMatch(message);
  });

  it('suggests a percentage for a number above 1', () => {
    expect(refusal(() => parseRatio('--error-ratio', '25')).hint).toBe('for 25 percent write 25%');
  });
});

describe('URLs', () => {
  it('takes http and https URLs as typed', () => {
    expect(parseHttpUrl('--jaeger', 'http://localhost:16686', 'x')).toBe('http://localhost:16686');
    expect(parseHttpUrl('--jaeger', 'https://u:p@jaeger.example/', 'x')).toBe('https://u:p@jaeger.example/');
  });

  it.each([
    ['localhost:16686', /needs an http:\/\/ or https:\/\/ URL/],
    ['ftp://host/', /not ftp:\/\//],
    ['http//host:16686/?token=PLANTED-SECRET', /scheme needs a colon/],
    ['https://user:Zx#PLANTED-SECRET@collector:4318', /percent-encode them/],
    ['https://otlp.vendor.io:443l?api_key=PLANTED-SECRET', /the port is not a number/],
    ['https://host:99999/?sig=PLANTED-SECRET', /above 65535/],
    ['http://host name/?token=PLANTED-SECRET', /spaces/],
    ['user:PLANTED-SECRET@host:16686', /needs an http/],
    ['', /needs a URL/],
  ])('refuses %j without quoting it', (text, message) => {
    const error = refusal(() => parseHttpUrl('--jaeger', text, 'http://localhost:16686'));
    expect(error.message).toMatch(/^--jaeger: /);
    expect(error.message).toMatch(message);
    expect(`${error.message} ${error.hint ?? ''}`).not.toContain('PLANTED-SECRET');
  });
});

describe('text', () => {
  it('reads comma-separated choices, suggesting the nearest for a typo', () => {
    expect(parseChoiceList('--signals', 'traces, logs,traces', ['traces', 'metrics', 'logs'])).toEqual(['traces', 'logs']);
    expect(refusal(() => parseChoiceList('--signals', 'traces,metric', ['traces', 'metrics', 'logs'])).message).toMatch(
      /unknown value metric \(did you mean metrics\?\)/,
    );
    expect(refusal(() => parseChoiceList('--only', ' , ', ['a'])).message).toMatch(/needs at least one value/);
  });

  it('reads headers as name=value or name: value, never quoting the value', () => {
    expect(parseHeaderPair('--require-header', 'Authorization=Bearer a=b')).toEqual({ name: 'authorization', value: 'Bearer a=b' });
    expect(parseHeaderPair('--require-header', 'X-Api-Key: k1')).toEqual({ name: 'x-api-key', value: 'k1' });
    expect(refusal(() => parseHeaderPair('--require-header', 'novalue=')).message).toMatch(/^--require-header: needs name=value/);
    expect(refusal(() => parseHeaderPair('--require-header', 'Bearer PLANTED-SECRET')).message).not.toContain('PLANTED-SECRET');
  });

  it('shows control characters in a refused value escaped', () => {
    expect(refusal(() => parseDuration('--timeout', '\u001b[2J5')).message).toContain('\\u001b[2J5');
  });
});
