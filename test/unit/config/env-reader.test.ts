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
    ['0x100', 256, ['NUMBER_NOT_INTEGER']],
    ['abc', undefined, ['NUMBER_INVALID']],
    ['Infinity', undefined, ['NUMBER_INVALID']],
    ['-1', undefined, ['NUMBER_NEGATIVE']],
    ['0', undefined, ['NUMBER_NOT_POSITIVE']],
    ['3000000000', 3000000000, ['NUMBER_OUT_OF_RANGE']],
    ['30', 30, ['DURATION_LOOKS_LIKE_SECONDS']],
  ] as const)('duration %j reads as %s', (raw, value, expected) => {
    const { reader: r, codes } = reader({ TIMEOUT: raw });
    expect(r.number('TIMEOUT', { mustBePositive: true, duration: true })?.value).toBe(value);
    expect(codes()).toEqual(expected);
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
    const r = new EnvReader({ A: 'real' }, new Map([['A', { value: 'file', file: '.env', line: 2 }], ['B', { value: 'from-file', file: '.env', line: 3 }]]), sink);
    expect(r.string('A')).toEqual({ value: 'real', source: { kind: 'env', name: 'A' } });
    expect(r.string('B')).toEqual({ value: 'from-file', source: { kind: 'env', name: 'B', file: '.env', line: 3 } });
  });
});
