/**
 * `emit --engine app-sdk` → the real Collector → Jaeger and Prometheus (test/e2e/helpers/stack.ts).
 * The NodeSDK is configured by the environment alone, as an application is. emit's own
 * --verify-jaeger/--verify-prometheus must pass, and the backends, queried here independently,
 * must hold the full span trees (with the resource the SDK's detectors built) and all eight
 * processor.* instruments under their Prometheus names.
 */
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { eventually, fetchJaegerTrace, queryPrometheus, startStack, type TelemetryStack } from './helpers/stack.js';

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
  services: string[];
  traces: Array<{ traceId: string; sampled: boolean; spans: number }>;
  signals: Array<{ signal: string; protocol: string; url: string; status: string; sent: number; accepted: number }>;
  jaeger?: { ok: boolean; found: number; expected: number };
  prometheus?: { ok: boolean; found: number; expected: number; missing: string[] };
}

/** The eight processor.* instruments as the Collector's prometheus exporter names them (unit suffix, _total on counters). */
const PROMETHEUS_SERIES = [
  'processor_events_processed_total',
  'processor_events_dropped_total',
  'processor_window_triggers_total',
  'processor_deduplication_count_total',
  'processor_processing_duration_milliseconds_bucket',
  'processor_aggregation_duration_milliseconds_bucket',
  'processor_state_operation_duration_milliseconds_bucket',
  'processor_watermark_lag_milliseconds',
];

const COUNT = 5;

describe.each([
  ['grpc', 'otlpGrpc'],
  ['http/protobuf', 'otlpHttp'],
] as const)('emit --engine app-sdk through the Collector over %s', (protocol, port) => {
  const service = `e2e-emit-app-sdk-${protocol.replace('/', '-')}`;

  it('lands every trace in Jaeger and the eight processor.* instruments in Prometheus', async () => {
    const endpoint = stack.collector[port];
    const result = await runCli(
      [
        'emit',
        '--engine',
        'app-sdk',
        '--count',
        String(COUNT),
        '--seed',
        'e2e',
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
      // Only the environment: the app-sdk engine refuses --endpoint, --protocol and --service-name.
      {
        cwd: tmpdir(),
        timeoutMs: 150_000,
        env: { OTEL_SERVICE_NAME: service, OTEL_EXPORTER_OTLP_PROTOCOL: protocol, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint },
      },
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as EmitJson;
    expect(report.ok).toBe(true);
    expect(report.services).toEqual([service]);
    expect(report.signals.map((s) => [s.signal, s.protocol, s.status])).toEqual([
      ['traces', protocol, 'success'],
      ['metrics', protocol, 'success'],
      ['logs', protocol, 'success'],
    ]);
    for (const signal of report.signals) expect(signal.accepted, signal.signal).toBe(signal.sent);
    expect(report.traces).toHaveLength(COUNT);
    expect(report.jaeger).toMatchObject({ ok: true, found: COUNT, expected: COUNT });
    expect(report.prometheus).toMatchObject({ ok: true, found: 8, expected: 8, missing: [] });

    // Independently: Jaeger holds each tree whole, one service, with the resource the NodeSDK's
    // detectors add (host.*, process.*), which otel-proc's default engine never sends.
    for (const { traceId, spans } of report.traces) {
      const trace = await eventually(() => fetchJaegerTrace(stack.jaeger.query, traceId), 30_000, `trace ${traceId}`);
      expect(trace.spans).toHaveLength(spans);
      const ids = new Set(trace.spans.map((s) => s.spanID));
      const roots = trace.spans.filter((s) => !s.references.some((r) => r.refType === 'CHILD_OF'));
      expect(roots.map((r) => r.operationName)).toEqual(['process_event']);
      for (const span of trace.spans)
        for (const ref of span.references.filter((r) => r.refType === 'CHILD_OF')) expect(ids.has(ref.spanID)).toBe(true);
      const processes = Object.values(trace.processes);
      expect(new Set(processes.map((p) => p.serviceName))).toEqual(new Set([service]));
      const resourceKeys = processes[0]!.tags.map((tag) => tag.key);
      expect(resourceKeys).toEqual(expect.arrayContaining(['host.name', 'process.pid', 'process.runtime.name']));
    }

    // Prometheus: every one of the eight series exists for this service, and the counts are emit's.
    for (const series of PROMETHEUS_SERIES) {
      const rows = await eventually(
        async () => {
          const found = await queryPrometheus(stack.prometheus.url, `${series}{job=~"(.+/)?${service}"}`);
          return found.length > 0 ? found : undefined;
        },
        60_000,
        `${series} for ${service}`,
      );
      expect(rows.length, series).toBeGreaterThan(0);
    }
    const processed = await eventually(
      async () => {
        const rows = await queryPrometheus(stack.prometheus.url, `sum(processor_events_processed_total{job=~"(.+/)?${service}"})`);
        return rows[0] && rows[0].value === COUNT ? rows[0].value : undefined;
      },
      60_000,
      `processor_events_processed_total = ${COUNT}`,
    );
    expect(processed).toBe(COUNT);
  });
});
