/**
 * Reading Collector configs as the Collector does: `${env:VAR}`, `${VAR}`, `${env:VAR:-default}`
 * and `$$`, typed when a value is one reference alone; several files merged with maps merging and
 * lists replaced; every node keeping its file and line.
 */
import { describe, expect, it } from 'vitest';
import { expandValue } from '../../../src/collector/substitute.js';
import { at, mergeNodes, parseConfigText, scalarValue } from '../../../src/collector/tree.js';

const env: Record<string, string> = { PORT: '4317', HOST: 'collector', EMPTY: '', FLAG: 'true' };
const lookup = (name: string): string | undefined => env[name];

function expand(value: string): { value: unknown; notes: string[] } {
  const notes: string[] = [];
  return { value: expandValue(value, lookup, (kind, name) => notes.push(`${kind}:${name}`)), notes };
}

describe('substitution', () => {
  it('types a value that is one reference alone, pastes text inside longer values', () => {
    expect(expand('${env:PORT}').value).toBe(4317);
    expect(expand('${env:FLAG}').value).toBe(true);
    expect(expand('${env:HOST}:${env:PORT}').value).toBe('collector:4317');
    expect(expand('${HOST}').value).toBe('collector');
  });

  it('uses :-defaults only for unset variables, and reports unset ones without a default', () => {
    expect(expand('${env:MISSING:-0.0.0.0:4317}').value).toBe('0.0.0.0:4317');
    expect(expand('${env:HOST:-other}').value).toBe('collector');
    expect(expand('${env:MISSING}')).toEqual({ value: null, notes: ['unset:MISSING'] });
    expect(expand('${env:EMPTY}')).toEqual({ value: null, notes: [] });
    expect(expand('${env:MISSING:-}').value).toBe('');
  });

  it('keeps $$ as a literal $, leaves other providers as written, rejects bad names', () => {
    expect(expand('price: $$5').value).toBe('price: $5');
    expect(expand('${file:/etc/token}')).toEqual({ value: '${file:/etc/token}', notes: ['other-provider:${file:/etc/token}'] });
    expect(expand('${env:1BAD}').notes).toEqual(['invalid-name:1BAD']);
  });
});

describe('files and merging', () => {
  it('remembers file and line of every key and value', () => {
    const parsed = parseConfigText('a.yaml', 'receivers:\n  otlp:\n    protocols:\n      grpc:\n        endpoint: 0.0.0.0:4317\n');
    const endpoint = at(parsed.root, 'receivers.otlp.protocols.grpc.endpoint');
    expect(endpoint?.origin).toEqual({ path: 'a.yaml', line: 5 });
  });

  it('reports a key written twice as a YAML error on its line', () => {
    const parsed = parseConfigText('a.yaml', 'exporters:\n  debug:\n  debug:\n');
    expect(parsed.root).toBeUndefined();
    expect(parsed.errors[0]?.line).toBe(3);
  });

  it('merges maps key by key (later wins, with its own position) and replaces lists', () => {
    const base = parseConfigText(
      'base.yaml',
      'exporters:\n  otlp_grpc:\n    endpoint: a:4317\n    compression: gzip\nservice:\n  pipelines:\n    traces:\n      exporters: [debug, otlp_grpc]\n',
    ).root;
    const over = parseConfigText(
      'over.yaml',
      'exporters:\n  otlp_grpc:\n    endpoint: b:4317\nservice:\n  pipelines:\n    traces:\n      exporters: [otlp_grpc]\n',
    ).root;
    const merged = mergeNodes(base, over);
    expect(scalarValue(at(merged, 'exporters.otlp_grpc.endpoint'))).toBe('b:4317');
    expect(at(merged, 'exporters.otlp_grpc.endpoint')?.origin).toEqual({ path: 'over.yaml', line: 3 });
    expect(scalarValue(at(merged, 'exporters.otlp_grpc.compression'))).toBe('gzip');
    const list = at(merged, 'service.pipelines.traces.exporters');
    expect(list?.kind === 'seq' ? list.items.map((item) => scalarValue(item)) : undefined).toEqual(['otlp_grpc']);
  });
});
