import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../../src/config/diagnostics.js';
import { checkHeaderCharacters, parseHeaderList, parseResourceAttributeList } from '../../../src/config/key-value-lists.js';

const source = { kind: 'env', name: 'OTEL_EXPORTER_OTLP_HEADERS' } as const;

function headers(text: string): { value: Record<string, string>; codes: string[] } {
  const sink = new DiagnosticSink();
  const value = parseHeaderList(text, 'OTEL_EXPORTER_OTLP_HEADERS', source, sink);
  return { value, codes: sink.diagnostics.map((d) => d.code) };
}

describe('OTLP header lists (parsed as the JS SDK does)', () => {
  it('splits on the first "=" so base64 padding survives, and percent-decodes', () => {
    expect(headers('authorization=Basic%20dXNlcjpwYXNz==,x-tenant=a%2Cb')).toEqual({
      value: { authorization: 'Basic dXNlcjpwYXNz==', 'x-tenant': 'a,b' },
      codes: [],
    });
  });

  it('trims keys and values and ignores empty entries', () => {
    expect(headers(' a = 1 ,, b=2,')).toEqual({ value: { a: '1', b: '2' }, codes: [] });
  });

  it('drops bad entries with a diagnostic each, keeping the good ones', () => {
    const result = headers('token,=v,k=%zz,ok=yes,empty=');
    expect(result.value).toEqual({ ok: 'yes' });
    expect(result.codes).toEqual(['HEADER_MALFORMED', 'HEADER_MALFORMED', 'HEADER_MALFORMED', 'HEADER_EMPTY_VALUE']);
  });

  it('cuts a value at ";" like the SDK baggage parser, and says so', () => {
    expect(headers('authorization=Bearer abc;def')).toEqual({ value: { authorization: 'Bearer abc' }, codes: ['HEADER_VALUE_SEMICOLON'] });
  });

  it('never puts a header value into a message', () => {
    const sink = new DiagnosticSink();
    parseHeaderList('authorization=Bearer s3cr3t-t0ken;x,Bearer other-s3cr3t,k=s3cr3t%zz', 'OTEL_EXPORTER_OTLP_HEADERS', source, sink);
    expect(sink.diagnostics).toHaveLength(3);
    expect(JSON.stringify(sink.diagnostics)).not.toMatch(/s3cr3t/);
  });

  it('flags names gRPC metadata rejects, and values HTTP rejects', () => {
    const sink = new DiagnosticSink();
    checkHeaderCharacters({ 'X Tenant': 'a', 'x-id-bin': 'b', ok: 'line\nbreak' }, true, source, sink);
    expect(sink.diagnostics.map((d) => d.code)).toEqual(['HEADER_INVALID_NAME', 'HEADER_INVALID_NAME', 'HEADER_INVALID_VALUE']);
    const http = new DiagnosticSink();
    checkHeaderCharacters({ 'X-Tenant': 'Überall' }, false, source, http);
    expect(http.diagnostics).toEqual([]);
  });
});

describe('OTEL_RESOURCE_ATTRIBUTES (JS envDetector rules)', () => {
  const attributes = (text: string): { value: Record<string, string> | undefined; codes: string[] } => {
    const sink = new DiagnosticSink();
    const value = parseResourceAttributeList(text, { kind: 'env', name: 'OTEL_RESOURCE_ATTRIBUTES' }, sink);
    return { value, codes: sink.diagnostics.map((d) => d.code) };
  };

  it('decodes percent-encoded "," and "="', () => {
    expect(attributes('team=payments%2Cbilling,query=a%3Db,empty=')).toEqual({
      value: { team: 'payments,billing', query: 'a=b', empty: '' },
      codes: [],
    });
  });

  it.each([['a=1,b'], ['a=1=2'], ['=x'], ['a=%E0%A4%A'], [`k=${'v'.repeat(256)}`]])('discards the whole variable for %s', (text) => {
    expect(attributes(text)).toEqual({ value: undefined, codes: ['RESOURCE_ATTRIBUTES_MALFORMED'] });
  });

  it('warns about quotes that become part of the value', () => {
    expect(attributes('team="payments"')).toEqual({ value: { team: '"payments"' }, codes: ['RESOURCE_ATTRIBUTE_QUOTED'] });
  });
});
