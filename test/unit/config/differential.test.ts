/**
 * Differential test: for each environment in a table, build the real OpenTelemetry JS exporters
 * (HTTP and gRPC) and compare what they actually computed (URL or address, headers or metadata,
 * plaintext or TLS, timeout) with what our resolver says. The exporters read process.env when they
 * are constructed, so each case sets process.env and restores it. Known, deliberate differences
 * are listed in DEVIATIONS with the reason.
 */
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve.js';
import type { Signal } from '../../../src/config/types.js';

const require = createRequire(import.meta.url);
interface HttpParameters {
  url: string;
  timeoutMillis: number;
  headers: () => Promise<Record<string, string>>;
}
interface GrpcParameters {
  address: string;
  metadata: () => { getMap(): Record<string, unknown> };
  credentials: () => { _isSecure(): boolean };
}
interface Exporter {
  _delegate: { _timeout: number; _transport: { _transport?: { _parameters: HttpParameters }; _parameters?: GrpcParameters } };
}

const HTTP_EXPORTERS: Record<Signal, string> = {
  traces: '@opentelemetry/exporter-trace-otlp-http',
  metrics: '@opentelemetry/exporter-metrics-otlp-http',
  logs: '@opentelemetry/exporter-logs-otlp-http',
};
const HTTP_CLASS: Record<Signal, string> = { traces: 'OTLPTraceExporter', metrics: 'OTLPMetricExporter', logs: 'OTLPLogExporter' };

async function sdkHttp(signal: Signal): Promise<{ url: string; headers: Record<string, string>; timeoutMs: number }> {
  const module = require(HTTP_EXPORTERS[signal]) as Record<string, new () => Exporter>;
  const exporter = new module[HTTP_CLASS[signal]]!();
  const parameters = exporter._delegate._transport._transport!._parameters;
  const headers = await parameters.headers();
  delete headers['Content-Type'];
  return { url: parameters.url, headers, timeoutMs: exporter._delegate._timeout };
}

function sdkGrpc(): { address: string; metadata: Record<string, string>; plaintext: boolean; timeoutMs: number } {
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-grpc') as { OTLPTraceExporter: new () => Exporter };
  const exporter = new OTLPTraceExporter();
  const parameters = exporter._delegate._transport._parameters!;
  const metadata = Object.fromEntries(Object.entries(parameters.metadata().getMap()).map(([key, value]) => [key, String(value)]));
  return {
    address: parameters.address,
    metadata,
    plaintext: !parameters.credentials()._isSecure(),
    timeoutMs: exporter._delegate._timeout,
  };
}

const saved = { ...process.env };
function setEnv(env: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('OTEL_') || /_proxy$/i.test(key)) delete process.env[key];
  Object.assign(process.env, env);
}
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

const HTTP_CASES: Array<[string, Record<string, string>]> = [
  ['defaults', {}],
  ['base endpoint', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }],
  ['base endpoint with trailing slash', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }],
  ['base endpoint with a path', { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://gateway.example.com/otlp' }],
  ['base endpoint already ending in /v1/traces', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/v1/traces' }],
  [
    'signal endpoint without a path',
    {
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://m:4318',
      OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://l:4318',
    },
  ],
  ['signal endpoint with a path', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector:4318/custom/traces' }],
  [
    'signal endpoint beats base',
    { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://base:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://specific:4318/v1/traces' },
  ],
  ['uppercase host', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://COLLECTOR.example:4318/v1/traces' }],
  ['unparseable endpoint', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://[::1' }],
  ['unparseable signal endpoint', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'not a url' }],
  ['headers', { OTEL_EXPORTER_OTLP_HEADERS: 'a=1,b=2' }],
  ['headers with base64 padding', { OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Basic%20dXNlcjpwYXNz==' }],
  ['header value with ";"', { OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer abc;def,x=1' }],
  ['malformed header entries', { OTEL_EXPORTER_OTLP_HEADERS: 'token,=y,k=%zz,ok=yes,empty=, spaced = out ' }],
  ['percent-encoded header', { OTEL_EXPORTER_OTLP_HEADERS: 'x-list=a%2Cb%3Dc,x%20key=v' }],
  [
    'general and signal headers merge',
    { OTEL_EXPORTER_OTLP_HEADERS: 'a=general,b=general', OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'b=specific,c=specific' },
  ],
  ['timeout', { OTEL_EXPORTER_OTLP_TIMEOUT: '5000' }],
  ['signal timeout beats general', { OTEL_EXPORTER_OTLP_TIMEOUT: '5000', OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '3000' }],
  ['invalid signal timeout falls back to general', { OTEL_EXPORTER_OTLP_TIMEOUT: '5000', OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: 'abc' }],
  ['zero timeout', { OTEL_EXPORTER_OTLP_TIMEOUT: '0' }],
  ['negative timeout', { OTEL_EXPORTER_OTLP_TIMEOUT: '-5' }],
  ['exponent timeout', { OTEL_EXPORTER_OTLP_TIMEOUT: '1e3' }],
  ['fractional timeout', { OTEL_EXPORTER_OTLP_TIMEOUT: '2500.5' }],
  ['trailing space in the base endpoint', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318 ' }],
  ['spaces around a signal endpoint', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: ' http://collector:4318/v1/traces ' }],
  ['whitespace-only values are unset', { OTEL_EXPORTER_OTLP_ENDPOINT: '   ', OTEL_EXPORTER_OTLP_TIMEOUT: ' ' }],
];

describe('differential: our HTTP resolution equals the JS HTTP exporters', () => {
  for (const [name, env] of HTTP_CASES) {
    it(name, async () => {
      setEnv(env);
      const { config } = await resolveConfig({ env: { ...env }, cwd: process.cwd(), noConfigSearch: true });
      for (const signal of ['traces', 'metrics', 'logs'] as const) {
        const sdk = await sdkHttp(signal);
        expect({
          signal,
          url: config[signal].url,
          headers: config[signal].headers.value,
          timeoutMs: config[signal].timeoutMs.value,
        }).toEqual({ signal, ...sdk });
      }
    });
  }
});

const GRPC_CASES: Array<[string, Record<string, string>]> = [
  ['defaults', {}],
  ['http:// is plaintext', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4317' }],
  ['https:// is TLS', { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector:4317' }],
  ['no scheme is TLS', { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4317' }],
  ['no scheme with INSECURE=true is plaintext', { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4317', OTEL_EXPORTER_OTLP_INSECURE: 'true' }],
  ['INSECURE is case-insensitive', { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4317', OTEL_EXPORTER_OTLP_TRACES_INSECURE: 'TRUE' }],
  ['INSECURE=1 is not true', { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4317', OTEL_EXPORTER_OTLP_INSECURE: '1' }],
  ['the scheme beats INSECURE', { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector:4317', OTEL_EXPORTER_OTLP_INSECURE: 'true' }],
  ['a path is ignored', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4317/v1/traces' }],
  [
    'signal endpoint beats base',
    { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://base:4317', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://specific:4317' },
  ],
  ['headers become lowercase metadata', { OTEL_EXPORTER_OTLP_HEADERS: 'X-Tenant=acme,authorization=Bearer%20tok' }],
  ['headers merge, signal wins', { OTEL_EXPORTER_OTLP_HEADERS: 'a=general,b=general', OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'b=specific' }],
  ['timeouts', { OTEL_EXPORTER_OTLP_TIMEOUT: '0', OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '7000' }],
  ['spaces around the endpoint', { OTEL_EXPORTER_OTLP_ENDPOINT: ' http://collector:4317 ' }],
];

describe('differential: our gRPC resolution equals the JS gRPC exporter', () => {
  for (const [name, env] of GRPC_CASES) {
    it(name, async () => {
      setEnv(env);
      const ours = await resolveConfig({ env: { ...env, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, cwd: process.cwd(), noConfigSearch: true });
      const traces = ours.config.traces;
      const sdk = sdkGrpc();
      const lowercase = Object.fromEntries(Object.entries(traces.headers.value).map(([key, value]) => [key.toLowerCase(), value]));
      expect({
        address: new URL(traces.url).host,
        metadata: lowercase,
        plaintext: traces.insecure.value,
        timeoutMs: traces.timeoutMs.value,
      }).toEqual(sdk);
      // Our url also says which transport security is used.
      expect(traces.url.startsWith(sdk.plaintext ? 'http://' : 'https://')).toBe(true);
    });
  }
});

describe('documented deviations from the JS exporters', () => {
  it('shows a leading space in the base endpoint trimmed; the JS URL string keeps it, and both parse to the same URL', async () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: '  http://collector:4318' };
    setEnv(env);
    const { config } = await resolveConfig({ env, cwd: process.cwd(), noConfigSearch: true });
    const sdk = await sdkHttp('traces');
    expect(sdk.url).toBe('  http://collector:4318/v1/traces');
    expect(config.traces.url).toBe('http://collector:4318/v1/traces');
    expect(new URL(sdk.url).href).toBe(new URL(config.traces.url).href);
  });

  it('merges header names case-insensitively, where the JS HTTP exporter would send both spellings', async () => {
    const env = { OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=general', OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'authorization=specific' };
    setEnv(env);
    const { config } = await resolveConfig({ env, cwd: process.cwd(), noConfigSearch: true });
    const sdk = await sdkHttp('traces');
    expect(sdk.headers).toEqual({ Authorization: 'general', authorization: 'specific' });
    expect(config.traces.headers.value).toEqual({ authorization: 'specific' });
  });
});
