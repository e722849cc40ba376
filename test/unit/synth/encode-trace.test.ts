import { describe, expect, it } from 'vitest';
import { IdSource } from '../../../src/otlp/encode/id-source.js';
import { Stamper } from '../../../src/otlp/encode/stamp.js';
import { buildTraceTemplate } from '../../../src/synth/encode/trace-template.js';
import { decode, hex, type TracesRequest } from '../otlp/encode-schema.js';
import { sampleTrace } from '../otlp/encode-fixtures.js';

const resource = { 'deployment.environment.name': 'test' };
const scope = { name: 'otel-proc', version: '0.1.0' };

function flatten(request: TracesRequest) {
  return request.resourceSpans.flatMap((rs) =>
    rs.scopeSpans.flatMap((ss) =>
      ss.spans.map((s) => ({ ...s, service: rs.resource!.attributes.find((a) => a.key === 'service.name')!.value!.stringValue })),
    ),
  );
}

describe('trace template (protobuf)', () => {
  const template = buildTraceTemplate({ traces: [sampleTrace(), sampleTrace(true)], format: 'protobuf', resource, scope });

  it('decodes with a real protobuf implementation and keeps the tree, attributes and status', () => {
    const stamper = new Stamper(new IdSource());
    const target = Buffer.from(template.bytes);
    const now = Date.now();
    stamper.stamp(template, target, now);
    const spans = flatten(decode('ExportTraceServiceRequest', target));
    expect(spans).toHaveLength(8);
    expect(template.items).toBe(8);
    const byId = new Map(spans.map((s) => [hex(s.spanId), s]));
    for (const span of spans) {
      if (span.name === 'process_event') {
        expect(span.parentSpanId).toBeUndefined();
        continue;
      }
      const parent = byId.get(hex(span.parentSpanId!))!;
      expect(parent, span.name).toBeDefined();
      expect(hex(parent.traceId)).toBe(hex(span.traceId));
      // children nest inside parents
      expect(BigInt(span.startTimeUnixNano) >= BigInt(parent.startTimeUnixNano)).toBe(true);
      expect(BigInt(span.endTimeUnixNano) <= BigInt(parent.endTimeUnixNano)).toBe(true);
    }
    const root = spans.find((s) => s.name === 'process_event' && s.status?.code === 1)!;
    expect(root.kind).toBe(5);
    expect(root.attributes).toEqual(
      expect.arrayContaining([
        { key: 'event.type', value: { stringValue: 'click' } },
        { key: 'partition.id', value: { intValue: '3' } },
        { key: 'ratio', value: { doubleValue: 0.5 } },
        { key: 'ok', value: { boolValue: true } },
      ]),
    );
    const failed = spans.find((s) => s.name === 'process_event' && s.status?.code === 2)!;
    expect(failed.status!.message).toBe('boom');
    expect(failed.events.map((e) => e.name)).toEqual(['Validation started', 'exception']);
    // the second trace's root links to the first trace's root, with the ids stamped in this request
    expect(failed.links).toHaveLength(1);
    expect(hex(failed.links[0].traceId)).toBe(hex(root.traceId));
    expect(hex(failed.links[0].spanId)).toBe(hex(root.spanId));
    // baggage is recorded on every span
    for (const span of spans) expect(span.attributes).toContainEqual({ key: 'user-id', value: { stringValue: 'u1' } });
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['processor', 'state-store']));
    // the newest timestamp is "now", nothing lies in the future
    const ends = spans.map((s) => BigInt(s.endTimeUnixNano));
    // biome-ignore lint/complexity/useMathMinMax: Math.max throws on a BigInt, and nanosecond timestamps exceed 2^53
    const newest = ends.reduce((a, b) => (a > b ? a : b));
    expect(newest).toBe(BigInt(now) * 1_000_000n);
  });

  it('gives every span and trace a fresh id on every stamping', () => {
    const stamper = new Stamper(new IdSource({ index: 3, count: 4 }));
    const spanIds = new Set<string>();
    const traceIds = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const target = Buffer.from(template.bytes);
      stamper.stamp(template, target, Date.now());
      for (const span of flatten(decode('ExportTraceServiceRequest', target))) {
        spanIds.add(hex(span.spanId));
        traceIds.add(hex(span.traceId));
        expect(hex(span.traceId).slice(0, 4)).toBe('0003');
      }
    }
    expect(spanIds.size).toBe(50 * 8);
    expect(traceIds.size).toBe(50 * 2);
  });
});

describe('trace template (OTLP/JSON)', () => {
  it('is valid JSON with hex ids and decimal-string timestamps', () => {
    const template = buildTraceTemplate({ traces: [sampleTrace(true)], format: 'json', resource, scope });
    const target = Buffer.from(template.bytes);
    const now = 1_764_000_000_123;
    new Stamper(new IdSource()).stamp(template, target, now);
    const document = JSON.parse(target.toString('utf8')) as TracesRequest;
    const spans = document.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));
    expect(spans).toHaveLength(4);
    for (const span of spans) {
      expect(span.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
      expect(span.startTimeUnixNano).toMatch(/^\d{19}$/);
    }
    const root = spans.find((s) => s.name === 'process_event')!;
    expect(root.endTimeUnixNano).toBe(`${now}000000`);
    expect(root.startTimeUnixNano).toBe(String(BigInt(now) * 1_000_000n - 5_000_000n));
    const child = spans.find((s) => s.name === 'kv.read')!;
    const parent = spans.find((s) => s.name === 'state.get')!;
    expect(child.parentSpanId).toBe(parent.spanId);
    expect(root.events[0].timeUnixNano).toBe(String(BigInt(now) * 1_000_000n - 5_000_000n + 1000n));
  });
});
