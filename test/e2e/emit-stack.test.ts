/**
 * emit → Collector → Jaeger and Prometheus, with the real binaries (test/e2e/helpers/stack.ts).
 * emit's own --verify-jaeger/--verify-prometheus must pass, and the backends, queried here
 * independently, must hold the full trees and the translated processor_* series.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tmpdir } from 'node:os';
import { runCli } from '../helpers/cli.js';
import { eventually, fetchJaegerTrace, queryPrometheus, startCollector, startStack, type TelemetryStack } from './helpers/stack.js';

// Backends ingest asynchronously: each test may wait up to its --verify-timeout (60 s) and more.
vi.setConfig({ testTimeout: 180_000 });

let stack: TelemetryStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

interface EmitJson {
  ok: boolean;
  traces: Array<{ traceId: string; sampled: boolean; spans: number }>;
  signals: Array<{ signal: string; status: string }>;
  jaeger?: { ok: boolean; found: number; expected: number };
  prometheus?: { ok: boolean; found: number; expected: number; missing: string[] };
}

describe.each(['http/protobuf', 'grpc'])('emit through the Collector over %s', (protocol) => {
  const service = `e2e-emit-${protocol.replace('/', '-')}`;

  it('lands every trace in Jaeger with its full tree and the processor_* metrics in Prometheus', async () => {
    const endpoint = protocol === 'grpc' ? stack.collector.otlpGrpc : stack.collector.otlpHttp;
    const result = await runCli(
      [
        'emit',
        '--protocol',
        protocol,
        '--endpoint',
        endpoint,
        '--service-name',
        service,
        '--count',
        '5',
        '--seed',
        'e2e',
        '--services',
        '3',
        '--error-ratio',
        '0.4',
        '--verify-jaeger',
        stack.jaeger.query,
        '--verify-prometheus',
        stack.prometheus.url,
        '--verify-timeout',
        '60s',
        '--json',
      ],
      { cwd: tmpdir(), timeoutMs: 120_000 },
    );
    const report = JSON.parse(result.stdout) as EmitJson;
    expect(result.code, result.stderr).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.signals.map((s) => s.status)).toEqual(['success', 'success', 'success']);
    expect(report.jaeger).toMatchObject({ ok: true, found: 5, expected: 5 });
    expect(report.prometheus).toMatchObject({ ok: true });

    // Independently: Jaeger holds each tree with its parent links and three services.
    for (const { traceId, spans } of report.traces) {
      const trace = await eventually(() => fetchJaegerTrace(stack.jaeger.query, traceId), 30_000, `trace ${traceId}`);
      expect(trace.spans).toHaveLength(spans);
      const ids = new Set(trace.spans.map((s) => s.spanID));
      const roots = trace.spans.filter((s) => !s.references.some((r) => r.refType === 'CHILD_OF'));
      expect(roots.map((r) => r.operationName)).toEqual(['process_event']);
      for (const span of trace.spans)
        for (const ref of span.references.filter((r) => r.refType === 'CHILD_OF')) expect(ids.has(ref.spanID)).toBe(true);
      expect(new Set(Object.values(trace.processes).map((p) => p.serviceName))).toEqual(
        new Set([service, 'window-aggregator', 'state-store']),
      );
    }

    // Prometheus: the translated names, with the counts emit sent.
    const processed = await eventually(
      async () => {
        const rows = await queryPrometheus(stack.prometheus.url, `sum(processor_events_processed_total{job=~"(.+/)?${service}"})`);
        return rows[0] && rows[0].value === 5 ? rows[0].value : undefined;
      },
      60_000,
      'processor_events_processed_total = 5',
    );
    expect(processed).toBe(5);
    const buckets = await queryPrometheus(
      stack.prometheus.url,
      `processor_processing_duration_milliseconds_bucket{job=~"(.+/)?${service}"}`,
    );
    expect(buckets.length).toBeGreaterThan(0);
    const lag = await queryPrometheus(stack.prometheus.url, `processor_watermark_lag_milliseconds{job=~"(.+/)?${service}"}`);
    expect(lag.length).toBeGreaterThan(0);
  });
});

describe('emit with delta temporality through the Collector', () => {
  it('still lands the processor_* series in Prometheus (the exporter accumulates deltas)', async () => {
    const result = await runCli(
      [
        'emit',
        '--signals',
        'metrics',
        '--endpoint',
        stack.collector.otlpHttp,
        '--service-name',
        'e2e-delta',
        '--count',
        '4',
        '--verify-prometheus',
        stack.prometheus.url,
        '--verify-timeout',
        '60s',
        '--json',
      ],
      { cwd: tmpdir(), timeoutMs: 120_000, env: { OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE: 'delta' } },
    );
    const report = JSON.parse(result.stdout) as EmitJson;
    expect(report.prometheus, JSON.stringify(report.prometheus)).toMatchObject({ ok: true });
    expect(result.code).toBe(0);
  });
});

describe('emit verification when the backend never gets the data', () => {
  it('exits 1 naming the missing traces when the Collector accepts them but exports them nowhere', async () => {
    // A lone collector: it accepts OTLP, but its traces exporter points at a closed port.
    const lone = await startCollector();
    try {
      const result = await runCli(
        [
          'emit',
          '--signals',
          'traces',
          '--count',
          '2',
          '--endpoint',
          lone.otlpHttp,
          '--service-name',
          'e2e-lost',
          '--verify-jaeger',
          stack.jaeger.query,
          '--verify-timeout',
          '5s',
          '--json',
        ],
        { cwd: tmpdir(), timeoutMs: 60_000 },
      );
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as EmitJson;
      expect(report.signals[0]!.status).toBe('success');
      expect(report.jaeger).toMatchObject({ ok: false, found: 0, expected: 2 });
    } finally {
      await lone.stop();
    }
  });
});
