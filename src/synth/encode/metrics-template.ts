/**
 * ExportMetricsServiceRequest templates (opentelemetry/proto/metrics/v1/metrics.proto) for
 * --metrics-rate: the processor.* instruments of the stream-processor telemetry guide ("Available
 * Metrics", planned in src/synth/metric-plan.ts), with `points` data points spread over them as
 * distinct series (a `series.id` attribute), delta temporality over a one-second window ending "now".
 * Counters are monotonic sums, durations explicit-bucket histograms, the watermark lag a gauge.
 */
import type { AttributeValue } from '../../otlp/types.js';
import { PROCESSOR_INSTRUMENTS } from '../metric-plan.js';
import type { InstrumentPlan, Random } from '../types.js';
import { attributesJson, writeAttributes } from '../../otlp/encode/attributes.js';
import { JsonPlaceholders } from '../../otlp/encode/json-placeholders.js';
import { ProtoWriter } from '../../otlp/encode/proto-writer.js';
import { compileTemplate, type RequestTemplate, type TemplateFormat } from '../../otlp/encode/template.js';

const WINDOW_NS = 1_000_000_000;
const DELTA = 1;
const BOUNDS = [5, 10, 25, 50, 100, 250, 500, 1000];

interface Point {
  attributes: Record<string, AttributeValue>;
  value: number;
  histogram?: { count: number; sum: number; min: number; max: number; buckets: number[] };
}

function drawPoint(instrument: InstrumentPlan, series: number, random: Random): Point {
  const attributes: Record<string, AttributeValue> = { 'series.id': series };
  for (const key of instrument.attributeKeys) attributes[key] = `${key.split('.')[0]}-${random.int(0, 7)}`;
  if (instrument.type !== 'histogram')
    return { attributes, value: instrument.type === 'counter' ? random.int(1, 100) : random.int(50, 5000) };
  const count = random.int(1, 50);
  const buckets = new Array<number>(BOUNDS.length + 1).fill(0);
  let sum = 0;
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < count; i++) {
    const value = Math.round(random.next() * 600 * 1000) / 1000;
    sum += value;
    min = Math.min(min, value);
    max = Math.max(max, value);
    const bucket = BOUNDS.findIndex((bound) => value <= bound);
    buckets[bucket < 0 ? BOUNDS.length : bucket]! += 1;
  }
  return { attributes, value: 0, histogram: { count, sum, min, max, buckets } };
}

function packed(values: number[], kind: 'fixed64' | 'double'): Buffer {
  const out = Buffer.alloc(values.length * 8);
  for (const [i, v] of values.entries()) {
    if (kind === 'double') out.writeDoubleLE(v, i * 8);
    else out.writeBigUInt64LE(BigInt(v), i * 8);
  }
  return out;
}

function pointProto(instrument: InstrumentPlan, point: Point): ProtoWriter {
  const w = new ProtoWriter();
  if (instrument.type !== 'gauge') w.patchedTime(2, 0);
  w.patchedTime(3, WINDOW_NS);
  if (point.histogram) {
    const h = point.histogram;
    w.fixed64(4, BigInt(h.count)).double(5, h.sum).bytes(6, packed(h.buckets, 'fixed64')).bytes(7, packed(BOUNDS, 'double'));
    writeAttributes(w, 9, point.attributes);
    return w.double(11, h.min).double(12, h.max);
  }
  w.double(4, point.value);
  writeAttributes(w, 7, point.attributes);
  return w;
}

function pointJson(instrument: InstrumentPlan, point: Point, ph: JsonPlaceholders): Record<string, unknown> {
  const times = { ...(instrument.type !== 'gauge' ? { startTimeUnixNano: ph.time(0) } : {}), timeUnixNano: ph.time(WINDOW_NS) };
  const attributes = attributesJson(point.attributes);
  if (!point.histogram) return { attributes, ...times, asDouble: point.value };
  const h = point.histogram;
  return {
    attributes,
    ...times,
    count: String(h.count),
    sum: h.sum,
    bucketCounts: h.buckets.map(String),
    explicitBounds: BOUNDS,
    min: h.min,
    max: h.max,
  };
}

export interface MetricsTemplateInput {
  points: number;
  format: TemplateFormat;
  resource: Record<string, AttributeValue>;
  scope: { name: string; version: string };
  random: Random;
}

export function buildMetricsTemplate(input: MetricsTemplateInput): RequestTemplate {
  const groups = PROCESSOR_INSTRUMENTS.map((instrument) => ({ instrument, points: [] as Point[] }));
  for (let i = 0; i < input.points; i++) {
    const group = groups[i % groups.length]!;
    group.points.push(drawPoint(group.instrument, Math.floor(i / groups.length), input.random));
  }
  const used = groups.filter((g) => g.points.length > 0);
  const common = { signal: 'metrics' as const, items: input.points, traceSlots: 0, spanSlots: 0, durationNs: WINDOW_NS };
  if (input.format === 'protobuf') {
    const scopeMetrics = new ProtoWriter().message(1, new ProtoWriter().string(1, input.scope.name).string(2, input.scope.version));
    for (const { instrument, points } of used) {
      const metric = new ProtoWriter().string(1, instrument.name).string(2, instrument.description).string(3, instrument.unit);
      const data = new ProtoWriter();
      for (const point of points) data.message(1, pointProto(instrument, point));
      if (instrument.type === 'gauge') metric.message(5, data);
      else if (instrument.type === 'counter') metric.message(7, data.varint(2, DELTA).varint(3, 1));
      else metric.message(9, data.varint(2, DELTA));
      scopeMetrics.message(2, metric);
    }
    const resource = new ProtoWriter();
    writeAttributes(resource, 1, input.resource);
    const request = new ProtoWriter().message(1, new ProtoWriter().message(1, resource).message(2, scopeMetrics));
    return compileTemplate({ ...common, format: 'protobuf', bytes: request.finish(), patches: request.patches });
  }
  const ph = new JsonPlaceholders();
  const metrics = used.map(({ instrument, points }) => {
    const dataPoints = points.map((point) => pointJson(instrument, point, ph));
    const base = { name: instrument.name, description: instrument.description, unit: instrument.unit };
    if (instrument.type === 'gauge') return { ...base, gauge: { dataPoints } };
    if (instrument.type === 'counter') return { ...base, sum: { dataPoints, aggregationTemporality: DELTA, isMonotonic: true } };
    return { ...base, histogram: { dataPoints, aggregationTemporality: DELTA } };
  });
  const document = {
    resourceMetrics: [{ resource: { attributes: attributesJson(input.resource) }, scopeMetrics: [{ scope: input.scope, metrics }] }],
  };
  const { bytes, patches } = ph.finish(document);
  return compileTemplate({ ...common, format: 'json', bytes, patches });
}
