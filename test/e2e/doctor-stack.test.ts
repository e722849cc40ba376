/**
 * doctor against the real OpenTelemetry Collector, Jaeger and Prometheus (test/e2e/helpers/stack.ts):
 * the healthy stack passes end to end (canary accepted, counted by the collector, found in Jaeger and
 * Prometheus); a protocol/port swap, a stopped collector and a collector requiring a bearer token
 * each give their specific finding and fix.
 */
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport, Finding } from '../../src/doctor/types.js';
import { runCli } from '../helpers/cli.js';
import { startStack, type TelemetryStack } from './helpers/stack.js';

let stack: TelemetryStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function doctor(args: string[]): Promise<{ code: number | null; report: DoctorReport; stderr: string }> {
  const result = await runCli(['doctor', '--json', '--service-name', 'e2e-doctor', ...args], { cwd: tmpdir(), timeoutMs: 120_000 });
  return { code: result.code, report: JSON.parse(result.stdout) as DoctorReport, stderr: result.stderr };
}

const all = (report: DoctorReport): Finding[] => report.checks.flatMap((check) => check.findings);
const codesOf = (report: DoctorReport, status?: Finding['status']): string[] =>
  all(report)
    .filter((f) => !status || f.status === status)
    .map((f) => f.code);
const find = (report: DoctorReport, code: string): Finding[] => all(report).filter((f) => f.code === code);

describe.each(['grpc', 'http/protobuf'])('doctor against the healthy stack over %s', (protocol) => {
  it('passes: canary accepted and counted by the collector, trace in Jaeger, metric in Prometheus', async () => {
    const endpoint = protocol === 'grpc' ? stack.collector.otlpGrpc : stack.collector.otlpHttp;
    const { code, report, stderr } = await doctor([
      '-p',
      protocol,
      '-e',
      endpoint,
      '--health-url',
      stack.collector.health,
      '--metrics-url',
      stack.collector.metrics,
      '--jaeger',
      stack.jaeger.query,
      '--prometheus',
      stack.prometheus.url,
      '--backend-wait',
      '60s',
    ]);
    expect(codesOf(report, 'fail'), stderr).toEqual([]);
    expect(code).toBe(0);
    expect(find(report, 'PROTOCOL_MATCH')).toHaveLength(1);
    expect(find(report, 'CANARY_ACCEPTED').map((f) => f.target)).toEqual(['traces', 'metrics', 'logs']);
    expect(codesOf(report)).toEqual(
      expect.arrayContaining(['COLLECTOR_HEALTHY', 'COLLECTOR_CANARY_COUNTED', 'BACKEND_JAEGER_FOUND', 'BACKEND_PROMETHEUS_FOUND']),
    );
    expect(find(report, 'COLLECTOR_CANARY_COUNTED').map((f) => f.target)).toEqual(['traces', 'metrics', 'logs']);
    // The stack's Prometheus scrapes every 2 s (ci preset), read from its configuration; the SDK default exports every 60 s.
    expect(find(report, 'TUNING_EXPORT_INTERVAL_EXCEEDS_SCRAPE')[0]!.details).toMatchObject({
      scrapeIntervalMs: 2000,
      scrapeIntervalFrom: 'the Prometheus configuration',
    });
  });
});

describe('doctor against a broken collector set-up', () => {
  it("finds HTTP sent to the collector's gRPC port and gRPC sent to its HTTP port, with the fix", async () => {
    const grpcPort = new URL(stack.collector.otlpGrpc).port;
    const httpPort = new URL(stack.collector.otlpHttp).port;
    const httpToGrpc = await doctor(['-p', 'http/protobuf', '-e', stack.collector.otlpGrpc, '--only', 'reachability,protocol,canary']);
    expect(httpToGrpc.code).toBe(1);
    expect(find(httpToGrpc.report, 'PROTOCOL_MISMATCH')[0]!.hint).toBe(
      `${grpcPort} speaks gRPC: set --protocol grpc or use the collector's OTLP/HTTP port (4318)`,
    );
    const grpcToHttp = await doctor(['-p', 'grpc', '-e', stack.collector.otlpHttp, '--only', 'reachability,protocol,canary']);
    expect(grpcToHttp.code).toBe(1);
    expect(find(grpcToHttp.report, 'PROTOCOL_MISMATCH')[0]!.hint).toBe(
      `${httpPort} speaks OTLP/HTTP: set --protocol http/protobuf or use the collector's gRPC port (4317)`,
    );
  });

  it('finds a stopped collector: connection refused, nothing else probed', async () => {
    const lone = await stack.startCollector();
    const endpoint = lone.otlpGrpc;
    await lone.stop();
    const { code, report } = await doctor(['-p', 'grpc', '-e', endpoint]);
    expect(code).toBe(1);
    expect(codesOf(report, 'fail')).toEqual(['REACHABILITY_TCP_REFUSED']);
    expect(codesOf(report, 'skip')).toEqual(expect.arrayContaining(['PROTOCOL_SKIPPED', 'CANARY_SKIPPED', 'COLLECTOR_SKIPPED']));
  });

  it('finds a collector that requires a bearer token, and passes once the header is given', async () => {
    const secured = await stack.startCollector({ bearerToken: 'e2e-s3cret' });
    try {
      for (const [protocol, endpoint] of [
        ['grpc', secured.otlpGrpc],
        ['http/protobuf', secured.otlpHttp],
      ] as const) {
        const refused = await doctor(['-p', protocol, '-e', endpoint, '--only', 'canary']);
        expect(refused.code).toBe(1);
        expect(codesOf(refused.report)).toEqual(['CANARY_UNAUTHENTICATED', 'CANARY_UNAUTHENTICATED', 'CANARY_UNAUTHENTICATED']);
        expect(find(refused.report, 'CANARY_UNAUTHENTICATED')[0]!.hint).toContain(
          'OTEL_EXPORTER_OTLP_HEADERS="authorization=Bearer <token>"',
        );
        const accepted = await doctor(['-p', protocol, '-e', endpoint, '--only', 'canary', '-H', 'authorization=Bearer e2e-s3cret']);
        expect(codesOf(accepted.report)).toEqual(['CANARY_ACCEPTED', 'CANARY_ACCEPTED', 'CANARY_ACCEPTED']);
        expect(JSON.stringify(accepted.report)).not.toContain('e2e-s3cret');
      }
    } finally {
      await secured.stop();
    }
  });
});
