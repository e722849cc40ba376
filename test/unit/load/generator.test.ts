/**
 * The fast engine against the embedded receiver, for every protocol: what the report says was
 * accepted is exactly what the receiver decoded, and what it decoded is unique, current and well-formed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runGenerator } from '../../../src/load/generator.js';
import { startReceiver } from '../../../src/receiver/index.js';
import type { ReceiverHandle, ReceivedSpan } from '../../../src/receiver/types.js';
import { balanced, spec, type Wire } from './helpers.js';

let receiver: ReceiverHandle | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

function checkTrees(spans: ReceivedSpan[]): void {
  const byTrace = new Map<string, Map<string, ReceivedSpan>>();
  for (const span of spans) {
    const trace = byTrace.get(span.traceId) ?? new Map<string, ReceivedSpan>();
    trace.set(span.spanId, span);
    byTrace.set(span.traceId, trace);
  }
  for (const trace of byTrace.values()) {
    const roots = [...trace.values()].filter((s) => s.parentSpanId === '');
    expect(roots).toHaveLength(1);
    for (const span of trace.values()) {
      if (span.parentSpanId === '') continue;
      const parent = trace.get(span.parentSpanId);
      expect(parent, `parent of ${span.name}`).toBeDefined();
      expect(BigInt(span.startTimeUnixNano) >= BigInt(parent!.startTimeUnixNano)).toBe(true);
      expect(BigInt(span.endTimeUnixNano) <= BigInt(parent!.endTimeUnixNano)).toBe(true);
    }
  }
}

describe.each<Wire>(['grpc', 'http/protobuf', 'http/json'])('fast engine over %s', (wire) => {
  it('sends exactly the count, all accepted, unique, current and well-formed', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0 });
    const before = BigInt(Date.now() - 1000) * 1_000_000n;
    const result = await runGenerator(spec(receiver, wire, [{ signal: 'traces', rate: 20_000, batchSize: 300, count: 3000 }]));
    const after = BigInt(Date.now()) * 1_000_000n;
    const report = result.signals[0]!;
    expect(report.sent).toBe(3000);
    expect(report.accepted).toBe(3000);
    expect(balanced(report)).toBe(true);
    expect(report.requests).toBe(10);
    const spans = receiver.received.spans;
    expect(spans).toHaveLength(3000);
    expect(new Set(spans.map((s) => s.spanId)).size).toBe(3000);
    for (const span of spans) {
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(BigInt(span.endTimeUnixNano) <= after).toBe(true);
      // current: a trace of the built-in scenario lasts well under a second
      expect(BigInt(span.startTimeUnixNano) >= before).toBe(true);
    }
    checkTrees(spans);
    // multi-service trees arrive as separate resources
    expect(new Set(spans.map((s) => s.resource['service.name'])).size).toBeGreaterThan(1);
    expect(spans[0]!.resource['deployment.environment.name']).toBe('test');
  });

  it('sends metrics and logs alongside, counted per signal', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0 });
    const result = await runGenerator(
      spec(
        receiver,
        wire,
        [
          { signal: 'traces', rate: 4000, batchSize: 200 },
          { signal: 'metrics', rate: 2000, batchSize: 100 },
          { signal: 'logs', rate: 1000, batchSize: 100 },
        ],
        { durationSeconds: 1 },
      ),
    );
    const [traces, metrics, logs] = result.signals;
    expect([traces!.expected, metrics!.expected, logs!.expected]).toEqual([4000, 2000, 1000]);
    for (const s of result.signals) {
      // Whatever a busy machine could not send is accounted for as shortfall, never lost.
      expect(s.sent).toBeGreaterThan(0);
      expect(s.sent + s.shortfall.items).toBe(s.expected);
    }
    expect(receiver.received.counts.spans).toBe(traces!.accepted);
    expect(receiver.received.dataPoints).toHaveLength(metrics!.accepted);
    expect(receiver.received.logRecords).toHaveLength(logs!.accepted);
    const names = new Set(receiver.received.dataPoints.map((p) => p.metricName));
    expect(names).toContain('processor.events.processed');
    expect(names).toContain('processor.processing.duration');
    for (const record of receiver.received.logRecords) {
      expect(record.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(record.spanId).toMatch(/^[0-9a-f]{16}$/);
    }
    for (const s of result.signals) expect(balanced(s)).toBe(true);
  });
});

describe('low rates', () => {
  it('send steadily instead of waiting for a full batch', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0, countOnly: true });
    const result = await runGenerator(spec(receiver, 'grpc', [{ signal: 'traces', rate: 50, batchSize: 512 }], { durationSeconds: 2.5 }));
    const report = result.signals[0]!;
    // a full batch would take 10 s; partial batches leave at least once a second
    expect(report.requests).toBeGreaterThanOrEqual(3);
    expect(report.sent).toBe(125);
    expect(receiver.received.counts.spans).toBe(125);
  });
});

describe('Ctrl-C', () => {
  it('sends what the schedule called for up to the interrupt, instead of reporting it as a CPU-bound shortfall', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0, countOnly: true });
    const controller = new AbortController();
    // 1000 spans/s in batches of 500. Once the first batch has arrived the run is under way; the
    // interrupt then comes 200 ms into the next batch (the scenario's timer), so the bucket holds a
    // partial batch not yet due.
    const firstBatch = receiver.received
      .waitFor((store) => store.counts.spans >= 500, 30_000)
      .then(() => setTimeout(() => controller.abort(), 200));
    const result = await runGenerator(
      spec(receiver, 'grpc', [{ signal: 'traces', rate: 1000, batchSize: 500 }], { durationSeconds: 60 }),
      controller.signal,
    );
    await firstBatch;
    const report = result.signals[0]!;
    expect(result.interrupted).toBe(true);
    expect(report.sent).toBeGreaterThan(0);
    expect(report.shortfall.limitedBy).toBeUndefined();
    expect(report.sent + report.shortfall.items).toBeGreaterThanOrEqual(report.expected);
    expect(receiver.received.counts.spans).toBe(report.sent);
    expect(balanced(report)).toBe(true);
  });
});
