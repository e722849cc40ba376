/**
 * runEmit in-process against a real embedded receiver, once per protocol: the received trees,
 * metrics and logs are checked against what the stream-processor telemetry guide and the plan promise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { startReceiver } from '../../../src/receiver/index.js';
import type { ReceivedSpan, ReceiverHandle } from '../../../src/receiver/types.js';
import type { OtlpProtocol } from '../../../src/config/types.js';
import { runEmit } from '../../../src/emit/run-emit.js';
import { parseEmitOptions, type RawEmitFlags } from '../../../src/emit/options.js';
import { effectiveConfig, type FixtureOptions } from '../sdk/config-fixture.js';

let receiver: ReceiverHandle;
beforeAll(async () => {
  receiver = await startReceiver({ grpcPort: 0, httpPort: 0 });
});
afterAll(async () => {
  await receiver?.stop();
});

const endpointFor = (protocol: OtlpProtocol): string =>
  `http://127.0.0.1:${protocol === 'grpc' ? receiver.ports.grpc : receiver.ports.http}`;

async function emit(flags: RawEmitFlags, config: Partial<FixtureOptions> & { protocol: OtlpProtocol; serviceName: string }) {
  const report = await runEmit(effectiveConfig({ endpoint: endpointFor(config.protocol), ...config }), parseEmitOptions(flags));
  return { report, spans: receiver.received.spans.filter((s) => report.traces.some((t) => t.traceId === s.traceId)) };
}

const ns = (text: string): bigint => BigInt(text);

describe.each<OtlpProtocol>(['grpc', 'http/protobuf', 'http/json'])('emit over %s', (protocol) => {
  const serviceName = `emit-${protocol.replace('/', '-')}`;

  it('delivers stream-processor trees with nested timing, guide attributes, events, errors and baggage', async () => {
    const { report, spans } = await emit({ count: '6', seed: 'trees', errorRatio: '0.5', signals: 'traces' }, { protocol, serviceName });
    expect(report.ok).toBe(true);
    expect(report.signals).toMatchObject([{ signal: 'traces', status: 'success', accepted: 66, rejected: 0 }]);
    expect(spans).toHaveLength(66);
    for (const { traceId } of report.traces) {
      const tree = spans.filter((s) => s.traceId === traceId);
      const byId = new Map(tree.map((s) => [s.spanId, s]));
      const roots = tree.filter((s) => s.parentSpanId === '');
      expect(roots).toHaveLength(1);
      const root = roots[0]!;
      expect(root.name).toBe('process_event');
      expect(['server', 'consumer']).toContain(root.kind);
      expect(root.attributes).toMatchObject({
        'event.type': expect.any(String),
        'event.source': expect.any(String),
        'partition.id': expect.any(String),
        'event.size': expect.any(Number),
      });
      expect(root.events.map((e) => e.name)).toEqual(expect.arrayContaining(['Validation started', 'Validation complete']));
      expect(tree.map((s) => s.name).sort()).toEqual([
        'aggregate_window',
        'deduplicate_event',
        'deserialize_event',
        'process_event',
        'state.get',
        'state.get',
        'state.get',
        'state.get',
        'state.put',
        'state.put',
        'window_trigger',
      ]);
      for (const span of tree) {
        expect(span.resource['service.name']).toBe(serviceName);
        // Baggage from the root context is on every span.
        expect(span.attributes).toMatchObject({ 'user-id': expect.stringMatching(/^\d+$/), 'tenant-id': expect.any(String) });
        if (span.parentSpanId === '') continue;
        const parent = byId.get(span.parentSpanId)!;
        expect(parent).toBeDefined();
        expect(ns(span.startTimeUnixNano)).toBeGreaterThan(ns(parent.startTimeUnixNano));
        expect(ns(span.endTimeUnixNano)).toBeLessThan(ns(parent.endTimeUnixNano));
      }
      const failed = tree.filter((s) => s.events.some((e) => e.name === 'exception'));
      if (root.status.code === 'error') {
        expect(failed).toHaveLength(1);
        const exception = failed[0]!.events.find((e) => e.name === 'exception')!;
        expect(exception.attributes).toMatchObject({
          'exception.type': expect.any(String),
          'exception.message': failed[0]!.status.message,
        });
        expect(failed[0]!.status.code).toBe('error');
      } else {
        expect(failed).toHaveLength(0);
        expect(tree.every((s) => s.status.code === 'unset')).toBe(true);
      }
    }
    // The seed decides the error placement: with 0.5, some of the 6 fail and some do not.
    const errorRoots = spans.filter((s) => s.parentSpanId === '' && s.status.code === 'error').length;
    expect(errorRoots).toBeGreaterThan(0);
    expect(errorRoots).toBeLessThan(6);
  });

  it('sends the stream-processor guide metrics with units, descriptions, types and cumulative temporality', async () => {
    const before = receiver.received.dataPoints.length;
    const { report } = await emit(
      { count: '20', seed: 'metrics', errorRatio: '0.3', signals: 'metrics' },
      { protocol, serviceName: `${serviceName}-m` },
    );
    expect(report.signals[0]).toMatchObject({ signal: 'metrics', status: 'success' });
    const points = receiver.received.dataPoints.slice(before);
    const byName = new Map(points.map((p) => [p.metricName, p]));
    expect(byName.get('processor.events.processed')).toMatchObject({
      type: 'sum',
      monotonic: true,
      temporality: 'cumulative',
      unit: '{event}',
      description: 'Count of processed events',
    });
    expect(byName.get('processor.events.dropped')).toMatchObject({ type: 'sum', unit: '{event}' });
    expect(byName.get('processor.window.triggers')).toMatchObject({ type: 'sum', unit: '{trigger}' });
    for (const name of ['processor.processing.duration', 'processor.aggregation.duration', 'processor.state.operation.duration']) {
      expect(byName.get(name)).toMatchObject({ type: 'histogram', unit: 'ms', temporality: 'cumulative' });
    }
    expect(byName.get('processor.watermark.lag')).toMatchObject({ type: 'gauge', unit: 'ms' });
    const processed = points.filter((p) => p.metricName === 'processor.events.processed').reduce((n, p) => n + (p.value ?? 0), 0);
    expect(processed).toBe(20);
    const stateOps = points.filter((p) => p.metricName === 'processor.state.operation.duration').reduce((n, p) => n + (p.count ?? 0), 0);
    expect(stateOps).toBe(60);
    expect(points.find((p) => p.metricName === 'processor.state.operation.duration')!.attributes).toHaveProperty('operation.type');
  });

  it('correlates every log record with a span of the emitted traces', async () => {
    const before = receiver.received.logRecords.length;
    const { report, spans } = await emit(
      { count: '4', seed: 'logs', errorRatio: '1', signals: 'traces,logs' },
      { protocol, serviceName: `${serviceName}-l` },
    );
    expect(report.ok).toBe(true);
    const records = receiver.received.logRecords.slice(before);
    expect(records.length).toBe(report.signals.find((s) => s.signal === 'logs')!.accepted);
    const spanIds = new Map(spans.map((s) => [s.spanId, s] as [string, ReceivedSpan]));
    for (const record of records) {
      const span = spanIds.get(record.spanId);
      expect(span, `log "${String(record.body)}"`).toBeDefined();
      expect(record.traceId).toBe(span!.traceId);
    }
    const errors = records.filter((r) => r.severityText === 'ERROR');
    expect(errors).toHaveLength(4);
    for (const e of errors) expect(spanIds.get(e.spanId)!.status.code).toBe('error');
  });
});

describe('emit options through the SDK', () => {
  it('uses delta temporality when configured', async () => {
    const before = receiver.received.dataPoints.length;
    const { report } = await emit(
      { count: '3', seed: 'd', signals: 'metrics' },
      { protocol: 'http/protobuf', serviceName: 'emit-delta', temporality: 'delta' },
    );
    expect(report.ok).toBe(true);
    const sums = receiver.received.dataPoints.slice(before).filter((p) => p.type === 'sum' || p.type === 'histogram');
    expect(sums.length).toBeGreaterThan(0);
    expect(sums.every((p) => p.temporality === 'delta')).toBe(true);
  });

  it('spreads traces over services with their own resources, propagated through tracecontext', async () => {
    const logsBefore = receiver.received.logRecords.length;
    const { report, spans } = await emit(
      { count: '2', seed: 'svc', services: '3', signals: 'traces,logs', errorRatio: '1' },
      { protocol: 'http/protobuf', serviceName: 'edge' },
    );
    expect(report.services).toEqual(['edge', 'window-aggregator', 'state-store']);
    const services = new Set(spans.map((s) => s.resource['service.name']));
    expect(services).toEqual(new Set(['edge', 'window-aggregator', 'state-store']));
    for (const server of spans.filter((s) => s.resource['service.name'] === 'state-store')) {
      const parent = spans.find((s) => s.spanId === server.parentSpanId)!;
      expect(parent.kind).toBe('client');
      expect(parent.resource['service.name']).toBe('edge');
      // Baggage crossed the service boundary through the baggage propagator.
      expect(server.attributes['tenant-id']).toBe(parent.attributes['tenant-id']);
    }
    // Each log record comes from the service of the span it was emitted in.
    const records = receiver.received.logRecords.slice(logsBefore);
    expect(records.length).toBeGreaterThan(0);
    expect(new Set(records.map((r) => r.resource['service.name'])).size).toBeGreaterThan(1);
    for (const record of records) {
      const span = spans.find((s) => s.spanId === record.spanId)!;
      expect(record.resource['service.name']).toBe(span.resource['service.name']);
    }
  });

  it('reports when propagators cannot carry the trace across services', async () => {
    const { report } = await emit(
      { count: '1', seed: 'p', services: '2', signals: 'traces' },
      { protocol: 'http/protobuf', serviceName: 'edge2', propagators: ['none'] },
    );
    expect(report.findings.map((f) => f.code)).toContain('EMIT_PROPAGATION_LOST');
  });

  it('carries the trace across services with B3 too, and says baggage is lost without its propagator', async () => {
    const { report, spans } = await emit(
      { count: '2', seed: 'b3', services: '3', signals: 'traces' },
      { protocol: 'http/protobuf', serviceName: 'b3-edge', propagators: ['b3multi'] },
    );
    const codes = report.findings.map((f) => f.code);
    expect(codes).not.toContain('EMIT_PROPAGATION_LOST');
    expect(codes).toContain('EMIT_BAGGAGE_LOST');
    const stateServer = spans.find((s) => s.resource['service.name'] === 'state-store')!;
    expect(spans.some((s) => s.spanId === stateServer.parentSpanId)).toBe(true);
    expect(stateServer.attributes['tenant-id']).toBeUndefined();
  });

  it('exports only the traces a ratio sampler keeps, and says how many it dropped', async () => {
    const { report } = await emit(
      { count: '40', seed: 'ratio', local: true },
      { protocol: 'grpc', serviceName: 'ratio', sampler: 'traceidratio', ratio: 0.5 },
    );
    const sampled = report.traces.filter((t) => t.sampled).length;
    expect(sampled).toBeGreaterThan(0);
    expect(sampled).toBeLessThan(40);
    expect(report.signals.find((s) => s.signal === 'traces')).toMatchObject({ status: 'success', accepted: sampled * 11 });
    expect(report.findings.find((f) => f.code === 'EMIT_UNSAMPLED')?.message).toContain(`dropped ${40 - sampled} of 40`);
    // Logs are not sampled: every event's records still go out, correlated.
    expect(report.local).toMatchObject({ ok: true });
  });

  it('links the first trace of each batch to the previous batch', async () => {
    const { report, spans } = await emit(
      { count: '6', seed: 'links', signals: 'traces' },
      { protocol: 'http/protobuf', serviceName: 'links' },
    );
    const sixthRoot = spans.find((s) => s.traceId === report.traces[5]!.traceId && s.parentSpanId === '')!;
    expect(sixthRoot.links.map((l) => l.traceId).sort()).toEqual(
      report.traces
        .slice(0, 5)
        .map((t) => t.traceId)
        .sort(),
    );
    const firstRoot = spans.find((s) => s.traceId === report.traces[0]!.traceId && s.parentSpanId === '')!;
    expect(firstRoot.links).toEqual([]);
  });

  it('sends only sampled traces and says so; a sampler that drops everything is a failure', async () => {
    const all = await emit(
      { count: '3', seed: 's', signals: 'traces' },
      { protocol: 'http/protobuf', serviceName: 'off', sampler: 'always_off' },
    );
    expect(all.report.ok).toBe(false);
    expect(all.report.signals[0]).toMatchObject({ status: 'nothing-sent' });
    expect(all.report.signals[0]!.note).toMatch(/always_off/);
  });

  it('verifies arrival in the embedded receiver with --local', async () => {
    const { report } = await emit({ count: '5', seed: 'local', local: true }, { protocol: 'grpc', serviceName: 'local' });
    expect(report.ok).toBe(true);
    expect(report.local).toMatchObject({ ok: true, spans: { expected: 55, found: 55 }, logRecords: { problems: [] } });
    expect(report.local!.dataPoints!.found).toBe(report.local!.dataPoints!.expected);
  });

  it('paces a burst larger than the batch queues so nothing is dropped', async () => {
    const { report } = await emit(
      { count: '60', seed: 'burst', local: true },
      { protocol: 'http/protobuf', serviceName: 'burst', maxQueueSize: 64 },
    );
    expect(report.ok).toBe(true);
    expect(report.signals.find((s) => s.signal === 'traces')).toMatchObject({ status: 'success', accepted: 660 });
    expect(report.signals.find((s) => s.signal === 'traces')!.exports).toBeGreaterThan(10);
    expect(report.local).toMatchObject({ ok: true, spans: { expected: 660, found: 660 } });
  });

  it('paces inside a trace that is larger than the batch queue, so a big scenario tree is not dropped', async () => {
    // 11 spans per trace and a queue of 4: before, pacing only between traces let each trace overflow it.
    const { report } = await emit(
      { count: '3', seed: 'tall', local: true, errorRatio: '1' },
      { protocol: 'http/protobuf', serviceName: 'tall', maxQueueSize: 4 },
    );
    expect(report.signals.find((s) => s.signal === 'traces')).toMatchObject({ status: 'success', sent: 33, accepted: 33 });
    expect(report.signals.find((s) => s.signal === 'logs')).toMatchObject({ status: 'success' });
    expect(report.local).toMatchObject({ ok: true, spans: { expected: 33, found: 33 } });
    expect(report.ok).toBe(true);
  });

  it('keeps planned durations to the nanosecond and the failing span of a scenario file', async () => {
    const scenarioFile = fileURLToPath(new URL('../../../fixtures/emit/scenarios/checkout/scenario.yaml', import.meta.url));
    const { report, spans } = await emit(
      { count: '4', seed: 'exact', scenario: scenarioFile, signals: 'traces', errorRatio: '1' },
      { protocol: 'http/json', serviceName: 'shop' },
    );
    expect(report.scenario).toBe('checkout');
    const charges = spans.filter((s) => s.name === 'charge card');
    expect(charges).toHaveLength(4);
    // durationMs: 5 in the file: exactly 5 ms on the wire.
    for (const span of charges) expect(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)).toBe(5_000_000n);
    // --error-ratio 1 picks the one span that declares an exception.
    for (const span of charges) {
      expect(span.status).toEqual({ code: 'error', message: 'card declined' });
      expect(span.events.find((e) => e.name === 'exception')!.attributes).toMatchObject({
        'exception.type': 'PaymentDeclined',
        'exception.message': 'card declined',
      });
    }
    expect(spans.filter((s) => s.name === 'POST /charge').every((s) => s.resource['service.name'] === 'payments')).toBe(true);
  });

  it('refuses a run whose scenario trees add up to more spans than a run may send', async () => {
    const wide = fileURLToPath(new URL('../../../fixtures/emit/scenarios/wide/scenario.yaml', import.meta.url));
    await expect(emit({ count: '23', scenario: wide }, { protocol: 'grpc', serviceName: 'wide' })).rejects.toThrow(
      /--count 23 × 9991 spans per trace of the wide scenario is 229793 spans; emit sends at most 220000/,
    );
  });

  it('is not OK when a backend check was asked for but its signal was skipped (OTEL_METRICS_EXPORTER=none)', async () => {
    const config = effectiveConfig({ endpoint: endpointFor('http/protobuf'), protocol: 'http/protobuf', serviceName: 'skip' });
    const skipped = {
      ...config,
      metrics: { ...config.metrics, exporters: { value: ['none'], source: { kind: 'env' as const, name: 'OTEL_METRICS_EXPORTER' } } },
    };
    const report = await runEmit(skipped, parseEmitOptions({ count: '1', verifyPrometheus: 'http://127.0.0.1:9090', verifyTimeout: '1s' }));
    expect(report.signals.find((s) => s.signal === 'metrics')).toMatchObject({ status: 'skipped' });
    expect(report.prometheus).toBeUndefined();
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        code: 'EMIT_VERIFY_SKIPPED',
        severity: 'error',
        message: expect.stringContaining('OTEL_METRICS_EXPORTER=none'),
      }),
    );
    expect(report.ok).toBe(false);
  });

  it('refuses more services than the scenario has', async () => {
    await expect(emit({ count: '1', services: '4' }, { protocol: 'grpc', serviceName: 'x' })).rejects.toThrow(/only 3 services/);
  });
});
