import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../../src/config/diagnostics.js';
import { resolveEndpoint } from '../../../src/config/endpoint.js';
import type { OtlpProtocol } from '../../../src/config/types.js';

function resolve(protocol: OtlpProtocol, endpoint: string, signalSpecific = false, insecure?: boolean) {
  const sink = new DiagnosticSink();
  const name = signalSpecific ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT';
  const result = resolveEndpoint(
    {
      signal: 'traces',
      protocol,
      endpoint: { value: endpoint, source: { kind: 'env', name } },
      signalSpecific,
      ...(insecure !== undefined
        ? { insecureSetting: { value: insecure, source: { kind: 'env', name: 'OTEL_EXPORTER_OTLP_INSECURE' } } }
        : {}),
    },
    sink,
  );
  return { url: result.url, insecure: result.insecure.value, codes: sink.diagnostics.map((d) => d.code) };
}

describe('HTTP URL rules (spec protocol/exporter)', () => {
  it.each([
    ['http://collector:4318', 'http://collector:4318/v1/traces'],
    ['http://collector:4318/', 'http://collector:4318/v1/traces'],
    ['https://gateway.example.com:443/otlp', 'https://gateway.example.com:443/otlp/v1/traces'],
    ['https://gateway.example.com:443/otlp/', 'https://gateway.example.com:443/otlp/v1/traces'],
  ])('appends v1/traces to the base endpoint %s', (endpoint, url) => {
    expect(resolve('http/protobuf', endpoint).url).toBe(url);
  });

  it('uses a signal-specific endpoint exactly as given (normalised like new URL().href)', () => {
    expect(resolve('http/json', 'http://collector:4318/custom/path', true)).toEqual({
      url: 'http://collector:4318/custom/path',
      insecure: true,
      codes: ['OTLP_SIGNAL_ENDPOINT_NO_PATH'],
    });
    expect(resolve('http/json', 'https://collector:4318/v1/traces', true)).toEqual({
      url: 'https://collector:4318/v1/traces',
      insecure: false,
      codes: [],
    });
  });

  it('doubles the path of a base endpoint that already ends in /v1/<signal>, and says so', () => {
    expect(resolve('http/protobuf', 'http://collector:4318/v1/traces')).toMatchObject({
      url: 'http://collector:4318/v1/traces/v1/traces',
      codes: ['OTLP_ENDPOINT_DOUBLED_PATH'],
    });
  });

  it('falls back to the default URL when the endpoint is not a URL, as the SDK does', () => {
    expect(resolve('http/protobuf', 'http://[::1')).toMatchObject({
      url: 'http://localhost:4318/v1/traces',
      codes: ['OTLP_ENDPOINT_INVALID'],
    });
  });
});

describe('gRPC endpoint rules', () => {
  it.each([
    ['http://collector:4317', undefined, 'http://collector:4317', true, []],
    ['https://collector:4317', undefined, 'https://collector:4317', false, []],
    ['collector:4317', undefined, 'https://collector:4317', false, ['OTLP_ENDPOINT_NO_SCHEME']],
    ['collector:4317', true, 'http://collector:4317', true, ['OTLP_ENDPOINT_NO_SCHEME']],
    ['https://collector:4317', true, 'https://collector:4317', false, ['OTLP_HTTPS_INSECURE']],
    ['http://collector:4317', false, 'http://collector:4317', true, ['OTLP_INSECURE_IGNORED']],
    ['http://collector:4317/v1/traces', undefined, 'http://collector:4317', true, ['OTLP_GRPC_ENDPOINT_PATH']],
  ] as const)('%s with INSECURE=%s sends to %s (plaintext: %s)', (endpoint, insecure, url, plaintext, codes) => {
    expect(resolve('grpc', endpoint, false, insecure)).toEqual({ url, insecure: plaintext, codes });
  });
});
