/**
 * doctor's app-sdk check against the real OpenTelemetry Collector (test/e2e/helpers/stack.ts):
 * a NodeSDK started from the environment alone, as an application starts it. Per signal the
 * report must say what the SDK did: exported and counted by the collector's
 * otelcol_receiver_accepted_* counters on a healthy stack; the SDK's own error with its cause on a
 * protocol swap, a port where nothing listens and a collector that wants a bearer token; and
 * success once the token is in the application's environment.
 */
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DoctorReport, Finding } from '../../src/doctor/types.js';
import { runCli } from '../helpers/cli.js';
import { closedPort } from '../unit/net/peers.js';
import { eventually, fetchText, sumCounter, startStack, type TelemetryStack } from './helpers/stack.js';

vi.setConfig({ testTimeout: 120_000 });

const SIGNALS = ['traces', 'metrics', 'logs'] as const;
const PROTOCOLS = [
  ['grpc', 'otlpGrpc'],
  ['http/protobuf', 'otlpHttp'],
] as const;

let stack: TelemetryStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

interface DoctorRun {
  code: number | null;
  report: DoctorReport;
  appSdk: Finding[];
  output: string;
}

/** doctor --json with the application's environment `env`; the app-sdk check's findings apart. */
async function doctor(env: Record<string, string>, args: string[]): Promise<DoctorRun> {
  const result = await runCli(['doctor', '--json', ...args], { cwd: tmpdir(), env, timeoutMs: 90_000 });
  const report = JSON.parse(result.stdout) as DoctorReport;
  const appSdk = report.checks.find((check) => check.id === 'app-sdk')?.findings ?? [];
  return { code: result.code, report, appSdk, output: result.stdout + result.stderr };
}

const codesFor = (findings: Finding[], signal: string): string[] => findings.filter((f) => f.target === signal).map((f) => f.code);
const causeOf = (finding: Finding | undefined): unknown => finding?.details?.cause;
const exporterOf = (finding: Finding): { name: string; protocol: string; url: string } =>
  (finding.details!.exporters as Array<{ name: string; protocol: string; url: string }>)[0]!;

function appEnv(protocol: string, endpoint: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OTEL_SERVICE_NAME: `e2e-app-sdk-${protocol.replace('/', '-')}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    ...extra,
  };
}

describe.each(PROTOCOLS)('doctor app-sdk against the healthy stack over %s', (protocol, port) => {
  it('exports every signal and the collector counts each one; the span reaches Jaeger', async () => {
    const endpoint = stack.collector[port];
    const env = appEnv(protocol, endpoint);
    const before = sumCounter(await fetchText(stack.collector.metrics), 'otelcol_receiver_accepted_spans');
    // The whole doctor, as a user runs it: the app-sdk check beside the others, all configured by the environment.
    const run = await doctor(env, ['--metrics-url', stack.collector.metrics, '--health-url', stack.collector.health]);
    const failed = run.report.checks.flatMap((check) => check.findings).filter((f) => f.status === 'fail');
    expect(
      failed.map((f) => f.code),
      run.output,
    ).toEqual([]);
    expect(run.code).toBe(0);
    for (const signal of SIGNALS) {
      expect(codesFor(run.appSdk, signal), signal).toEqual(['APP_SDK_EXPORTED', 'APP_SDK_ARRIVED']);
      const exported = run.appSdk.find((f) => f.target === signal && f.code === 'APP_SDK_EXPORTED')!;
      expect(exporterOf(exported)).toMatchObject({ protocol, url: protocol === 'grpc' ? endpoint : `${endpoint}/v1/${signal}` });
      // One span, one metric point, one log record: the collector's counter rose by exactly that.
      expect(run.appSdk.find((f) => f.target === signal && f.code === 'APP_SDK_ARRIVED')!.details).toEqual({ accepted: 1 });
    }
    // otel-proc's own canary (1 span) and the app's (1 span) both passed the collector.
    expect(sumCounter(await fetchText(stack.collector.metrics), 'otelcol_receiver_accepted_spans') - before).toBe(2);
    // Independently of the counters: the app's canary span is in Jaeger under the app's service name.
    const found = await eventually(
      async () => {
        const body = JSON.parse(
          await fetchText(
            `${stack.jaeger.query}/api/traces?service=${encodeURIComponent(env.OTEL_SERVICE_NAME!)}&operation=${encodeURIComponent('otel-proc app-sdk canary')}&limit=5`,
          ),
        ) as { data: unknown[] };
        return body.data.length > 0 ? body.data.length : undefined;
      },
      30_000,
      'the app-sdk canary span in Jaeger',
    );
    expect(found).toBe(1);
  });
});

describe('doctor app-sdk against a wrong protocol', () => {
  it("fails each signal with the SDK's error and a protocol-mismatch fix: gRPC to the HTTP port", async () => {
    const run = await doctor(appEnv('grpc', stack.collector.otlpHttp), [
      '--only',
      'app-sdk',
      '--metrics-url',
      stack.collector.metrics,
      '--timeout',
      '10s',
    ]);
    expect(run.code).toBe(1);
    for (const signal of SIGNALS) {
      expect(codesFor(run.appSdk, signal), run.output).toEqual(['APP_SDK_EXPORT_FAILED']);
      const failed = run.appSdk.find((f) => f.target === signal)!;
      expect(exporterOf(failed)).toMatchObject({ protocol: 'grpc', url: stack.collector.otlpHttp });
      expect(causeOf(failed)).toBe('protocol-mismatch');
      expect(failed.hint).toContain('OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf');
    }
  });

  it("fails each signal with the SDK's error and a protocol-mismatch fix: http/protobuf to the gRPC port", async () => {
    const run = await doctor(appEnv('http/protobuf', stack.collector.otlpGrpc), [
      '--only',
      'app-sdk',
      '--metrics-url',
      stack.collector.metrics,
      '--timeout',
      '10s',
    ]);
    expect(run.code).toBe(1);
    for (const signal of SIGNALS) {
      expect(codesFor(run.appSdk, signal), run.output).toEqual(['APP_SDK_EXPORT_FAILED']);
      const failed = run.appSdk.find((f) => f.target === signal)!;
      expect(exporterOf(failed)).toMatchObject({ protocol: 'http/protobuf', url: `${stack.collector.otlpGrpc}/v1/${signal}` });
      expect(causeOf(failed)).toBe('protocol-mismatch');
      expect(failed.hint).toContain('OTEL_EXPORTER_OTLP_PROTOCOL=grpc');
    }
    // The SDK's failures are reported once, per signal, not again as logged warnings.
    expect(run.appSdk.map((f) => f.code)).not.toContain('APP_SDK_SDK_WARNINGS');
  });
});

describe('doctor app-sdk against a port where nothing listens', () => {
  it('gRPC: the SDK fails at once (its OTLP gRPC transport never retries), connection refused', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const run = await doctor(appEnv('grpc', endpoint), ['--only', 'app-sdk', '--timeout', '5s']);
    expect(run.code).toBe(1);
    for (const signal of SIGNALS) {
      expect(codesFor(run.appSdk, signal), run.output).toEqual(['APP_SDK_EXPORT_FAILED']);
      const failed = run.appSdk.find((f) => f.target === signal)!;
      expect(failed.message).toContain('ECONNREFUSED');
      expect(causeOf(failed)).toBe('refused');
    }
  });

  it('http/protobuf: the SDK is still retrying at the timeout, and says why', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const run = await doctor(appEnv('http/protobuf', endpoint), ['--only', 'app-sdk', '--timeout', '2s']);
    expect(run.code).toBe(1);
    for (const signal of SIGNALS) {
      // The OTLP/HTTP exporter retries a refused connection until its own 10 s export timeout.
      expect(codesFor(run.appSdk, signal), run.output).toEqual(['APP_SDK_NO_ANSWER']);
      const stalled = run.appSdk.find((f) => f.target === signal)!;
      expect(stalled.message).toContain('ECONNREFUSED');
      expect(causeOf(stalled)).toBe('refused');
    }
  });
});

describe('doctor app-sdk against a collector that requires a bearer token', () => {
  it.each(PROTOCOLS)(
    'over %s: fails without the header, passes with it in the environment, never prints the token',
    async (protocol, port) => {
      const secured = await stack.startCollector({ bearerToken: 'e2e-app-s3cret' });
      try {
        const args = ['--only', 'app-sdk', '--metrics-url', secured.metrics, '--timeout', '10s'];
        const refused = await doctor(appEnv(protocol, secured[port]), args);
        expect(refused.code).toBe(1);
        for (const signal of SIGNALS) {
          expect(codesFor(refused.appSdk, signal), refused.output).toEqual(['APP_SDK_EXPORT_FAILED']);
          const failed = refused.appSdk.find((f) => f.target === signal)!;
          expect(causeOf(failed)).toBe('unauthenticated');
          expect(failed.hint).toContain('OTEL_EXPORTER_OTLP_HEADERS="authorization=Bearer <token>"');
        }

        const accepted = await doctor(
          appEnv(protocol, secured[port], { OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer e2e-app-s3cret' }),
          args,
        );
        expect(accepted.code, accepted.output).toBe(0);
        for (const signal of SIGNALS) {
          expect(codesFor(accepted.appSdk, signal)).toEqual(['APP_SDK_EXPORTED', 'APP_SDK_ARRIVED']);
          // The header is named, its value never shown.
          expect(exporterOf(accepted.appSdk.find((f) => f.target === signal)!)).toMatchObject({ headerNames: ['authorization'] });
        }
        expect(refused.output + accepted.output).not.toContain('e2e-app-s3cret');
      } finally {
        await secured.stop();
      }
    },
  );
});
