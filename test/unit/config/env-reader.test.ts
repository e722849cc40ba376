import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../../src/config/diagnostics.js';
import { EnvReader } from '../../../src/config/env-reader.js';

function reader(env: Record<string, string>) {
  const sink = new DiagnosticSink();
  return { reader: new EnvReader(env, new Map(), sink), codes: () => sink.diagnostics.map((d) => d.code) };
}

describe('value typing (spec configuration/common, as the JS SDK applies it)', () => {
  it('treats empty and whitespace-only values as unset', () => {
    const { reader: r, codes } = reader({ A: '', B: '   ', C: ' x ' });
    expect(r.string('A')).toBeUndefined();
    expect(r.string('B')).toBeUndefined();
    expect(r.string('C')?.value).toBe('x');
    expect(r.number('B')).toBeUndefined();
    expect(codes()).toEqual([]);
  });

  it.each([
    ['true', true, []],
    ['TRUE', true, []],
    [' True ', true, []],
    ['false', false, []],
    ['1', false, ['BOOLEAN_INVALID']],
    ['yes', false, ['BOOLEAN_INVALID']],
    ['on', false, ['BOOLEAN_INVALID']],
  ] as const)('boolean %j is %s', (raw, value, expected) => {
    const { reader: r, codes } = reader({ FLAG: raw });
    expect(r.boolean('FLAG')?.value).toBe(value);
    expect(codes()).toEqual(expected);
  });

  it.each([
    ['5000', 5000, []],
    ['+5000', 5000, []],
    ['1e3', 1000, ['NUMBER_NOT_INTEGER']],
    ['250.5', 250.5, ['NUMBER_NOT_INTEGER']],
    ['0x100', 256, ['NUMBER_NOT_DECIMAL']],
    ['abc', undefined, ['NUMBER_INVALID']],
    ['Infinity', undefined, ['NUMBER_INFINITE']],
    ['1e309', undefined, ['NUMBER_INFINITE']],
    ['-0', undefined, ['NUMBER_NOT_POSITIVE']],
    ['-1', undefined, ['NUMBER_NEGATIVE']],
    ['0', undefined, ['NUMBER_NOT_POSITIVE']],
    ['3000000000', 3000000000, ['NUMBER_OUT_OF_RANGE']],
    ['30', 30, ['DURATION_LOOKS_LIKE_SECONDS']],
  ] as const)('an OTLP timeout %j reads as %s', (raw, value, expected) => {
    const { reader: r, codes } = reader({ TIMEOUT: raw });
    expect(r.number('TIMEOUT', { mustBePositive: true, duration: true, consumer: 'finite-timeout' })?.value).toBe(value);
    expect(codes()).toEqual(expected);
  });

  it.each([
    ['OTEL_BSP_MAX_QUEUE_SIZE', 'Infinity', 'queue', Infinity, 'error', /the batch queue is unbounded/],
    [
      'OTEL_BSP_MAX_QUEUE_SIZE',
      '1e309',
      'queue',
      Infinity,
      'error',
      /1e309 overflows a double: the JS SDK \(Number\(\)\) reads it as Infinity, which it uses/,
    ],
    ['OTEL_BSP_SCHEDULE_DELAY', '1e309', 'timer', Infinity, 'error', /exports almost every item on its own/],
    ['OTEL_BSP_EXPORT_TIMEOUT', 'Infinity', 'timer', Infinity, 'error', /every export is given up as timed out after 1 ms/],
    ['OTEL_METRIC_EXPORT_INTERVAL', 'Infinity', 'timer', Infinity, 'error', /collected and exported continuously/],
    ['OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 'Infinity', 'batch', Infinity, 'warning', /clamps the batch size to the queue size/],
    ['OTEL_ATTRIBUTE_COUNT_LIMIT', 'Infinity', 'limit', Infinity, 'error', /there is no limit/],
  ] as const)('%s=%s: the SDK uses Infinity, and the finding says what that does', (name, raw, consumer, value, severity, message) => {
    const sink = new DiagnosticSink();
    const r = new EnvReader({ [name]: raw }, new Map(), sink);
    expect(r.number(name, { mustBePositive: consumer !== 'limit', duration: consumer === 'timer', consumer })?.value).toBe(value);
    expect(sink.diagnostics).toHaveLength(1);
    expect(sink.diagnostics[0]).toMatchObject({ code: 'NUMBER_INFINITE', severity, message: expect.stringMatching(message) });
  });

  it('says what the SDK makes of -0 and 0x10', () => {
    const sink = new DiagnosticSink();
    const r = new EnvReader({ OTEL_BSP_MAX_QUEUE_SIZE: '-0', OTEL_BSP_SCHEDULE_DELAY: '0x10' }, new Map(), sink);
    expect(r.number('OTEL_BSP_MAX_QUEUE_SIZE', { mustBePositive: true, consumer: 'queue' })).toBeUndefined();
    expect(r.number('OTEL_BSP_SCHEDULE_DELAY', { mustBePositive: true, duration: true, consumer: 'timer' })?.value).toBe(16);
    expect(sink.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        'NUMBER_NOT_POSITIVE',
        expect.stringContaining('OTEL_BSP_MAX_QUEUE_SIZE=-0: the JS SDK needs a value greater than 0 and uses the default'),
      ],
      [
        'NUMBER_NOT_DECIMAL',
        'OTEL_BSP_SCHEDULE_DELAY=0x10 is hexadecimal: the JS SDK (Number()) reads it as 16, while the spec wants a decimal integer and other SDKs reject it.',
      ],
      ['DURATION_LOOKS_LIKE_SECONDS', 'OTEL_BSP_SCHEDULE_DELAY=0x10 means 16 milliseconds, not seconds.'],
    ]);
  });

  it('says a timer delay above 2^31-1 ms fires after 1 ms', () => {
    const sink = new DiagnosticSink();
    const r = new EnvReader({ OTEL_BLRP_SCHEDULE_DELAY: '3000000000' }, new Map(), sink);
    expect(r.number('OTEL_BLRP_SCHEDULE_DELAY', { mustBePositive: true, duration: true, consumer: 'timer' })?.value).toBe(3e9);
    expect(sink.diagnostics[0]).toMatchObject({
      code: 'NUMBER_OUT_OF_RANGE',
      severity: 'error',
      message: expect.stringContaining('the longest timer Node holds'),
    });
  });

  it('accepts 0 where the SDK allows it', () => {
    const { reader: r, codes } = reader({ LIMIT: '0' });
    expect(r.number('LIMIT')?.value).toBe(0);
    expect(codes()).toEqual([]);
  });

  it('reports enum values in the wrong case separately from unknown ones', () => {
    const { reader: r, codes } = reader({ A: 'Delta', B: 'detla', C: 'delta' });
    const allowed = ['cumulative', 'delta', 'lowmemory'] as const;
    expect(r.enumeration('A', allowed)).toBeUndefined();
    expect(r.enumeration('B', allowed)).toBeUndefined();
    expect(r.enumeration('C', allowed)?.value).toBe('delta');
    expect(codes()).toEqual(['ENUM_CASE', 'ENUM_INVALID']);
  });

  it('lets real variables win over --env-file variables and keeps file and line', () => {
    const sink = new DiagnosticSink();
    const r = new EnvReader(
      { A: 'real' },
      new Map([
        ['A', { value: 'file', file: '.env', line: 2 }],
        ['B', { value: 'from-file', file: '.env', line: 3 }],
      ]),
      sink,
    );
    expect(r.string('A')).toEqual({ value: 'real', source: { kind: 'env', name: 'A' } });
    expect(r.string('B')).toEqual({ value: 'from-file', source: { kind: 'env', name: 'B', file: '.env', line: 3 } });
  });
});
