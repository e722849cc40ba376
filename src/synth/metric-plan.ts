/**
 * The metric series plan: the stream-processor telemetry guide's processor.* instruments ("Available Metrics"), and the
 * measurements a planned trace implies. Pure data: emit records them through the SDK's metrics
 * API, load encodes them itself, and verification aggregates them with expectedSeries().
 *
 * Units follow UCUM as the semantic conventions ask: `ms` for the durations (so Prometheus names
 * the histograms `..._milliseconds_bucket`), curly-brace annotations for counts (dropped by the
 * Prometheus translation, leaving `processor_events_processed_total`).
 */
import type { InstrumentPlan, PlannedMeasurement, PlannedTrace, Random } from './types.js';

export const PROCESSOR_INSTRUMENTS: readonly InstrumentPlan[] = [
  {
    name: 'processor.events.processed',
    type: 'counter',
    unit: '{event}',
    description: 'Count of processed events',
    attributeKeys: ['event.type', 'partition.id'],
  },
  {
    name: 'processor.events.dropped',
    type: 'counter',
    unit: '{event}',
    description: 'Count of dropped events',
    attributeKeys: ['event.type', 'reason'],
  },
  {
    name: 'processor.window.triggers',
    type: 'counter',
    unit: '{trigger}',
    description: 'Window trigger count',
    attributeKeys: ['window.type'],
  },
  {
    name: 'processor.deduplication.count',
    type: 'counter',
    unit: '{event}',
    description: 'Deduplication count',
    attributeKeys: ['event.type'],
  },
  {
    name: 'processor.processing.duration',
    type: 'histogram',
    unit: 'ms',
    description: 'Processing duration',
    attributeKeys: ['event.type', 'operation.type'],
  },
  {
    name: 'processor.aggregation.duration',
    type: 'histogram',
    unit: 'ms',
    description: 'Aggregation duration',
    attributeKeys: ['aggregation.type', 'operation.type'],
  },
  {
    name: 'processor.state.operation.duration',
    type: 'histogram',
    unit: 'ms',
    description: 'State operation duration',
    attributeKeys: ['operation.type'],
  },
  { name: 'processor.watermark.lag', type: 'gauge', unit: 'ms', description: 'Watermark lag', attributeKeys: ['partition.id'] },
];

function text(value: unknown, fallback: string): string {
  return value === undefined || value === null ? fallback : String(value);
}

/** Milliseconds with microsecond precision: what a histogram records for a span's duration. */
function durationMs(durationNs: number): number {
  return Math.round(durationNs / 1000) / 1000;
}

/**
 * The measurements one processed event (one planned trace) implies. `random` only draws the
 * watermark lag, the single value a trace does not determine.
 */
export function planMeasurements(trace: PlannedTrace, random: Random): PlannedMeasurement[] {
  const root = trace.spans[0]!;
  const eventType = text(root.attributes['event.type'], 'unknown');
  const partition = text(root.attributes['partition.id'], '0');
  const out: PlannedMeasurement[] = [];
  const failed = root.status.code === 'error';
  out.push({ instrument: 'processor.events.processed', value: 1, attributes: { 'event.type': eventType, 'partition.id': partition } });
  // A counter that did not move is recorded with 0, so its series exists from the first event on:
  // a dashboard or alert on processor.events.dropped then reads 0, not "no data", and a smoke test
  // sees every instrument arrive (an SDK exports a series only once something was recorded on it,
  // https://opentelemetry.io/docs/specs/otel/metrics/sdk/#metricreader).
  out.push({ instrument: 'processor.events.dropped', value: failed ? 1 : 0, attributes: { 'event.type': eventType, reason: 'error' } });
  let duplicates = 0;
  let triggers = 0;
  out.push({
    instrument: 'processor.processing.duration',
    value: durationMs(root.durationNs),
    attributes: { 'event.type': eventType, 'operation.type': 'process_event' },
  });
  for (const span of trace.spans) {
    switch (span.role) {
      case 'deduplicate':
        if (span.attributes['dedup.duplicate'] === true) duplicates++;
        break;
      case 'window-trigger':
        triggers++;
        out.push({
          instrument: 'processor.window.triggers',
          value: 1,
          attributes: { 'window.type': text(span.attributes['window.type'], 'tumbling') },
        });
        break;
      case 'aggregate':
        out.push({
          instrument: 'processor.aggregation.duration',
          value: durationMs(span.durationNs),
          attributes: { 'aggregation.type': text(span.attributes['aggregation.type'], 'unknown'), 'operation.type': 'aggregation' },
        });
        break;
      case 'state-get':
      case 'state-put':
        out.push({
          instrument: 'processor.state.operation.duration',
          value: durationMs(span.durationNs),
          attributes: { 'operation.type': span.role === 'state-get' ? 'get' : 'put' },
        });
        break;
      default:
        break;
    }
  }
  out.push({ instrument: 'processor.deduplication.count', value: duplicates, attributes: { 'event.type': eventType } });
  if (triggers === 0) out.push({ instrument: 'processor.window.triggers', value: 0, attributes: { 'window.type': 'tumbling' } });
  // Guide, "Recording Gauges": watermark lag per partition, in milliseconds.
  out.push({ instrument: 'processor.watermark.lag', value: random.int(50, 5000), attributes: { 'partition.id': partition } });
  return out;
}

/** What a backend should hold after all measurements: per instrument and attribute set. */
export interface ExpectedSeries {
  instrument: string;
  type: InstrumentPlan['type'];
  attributes: Record<string, string>;
  /** Counter total, histogram count, or the last gauge value. */
  value: number;
  /** Histograms: the sum of recorded values. */
  sum?: number;
}

export function seriesKey(instrument: string, attributes: Record<string, unknown>): string {
  const sorted = Object.keys(attributes)
    .sort()
    .map((key) => `${key}=${String(attributes[key])}`);
  return `${instrument}{${sorted.join(',')}}`;
}

export function expectedSeries(measurements: readonly PlannedMeasurement[]): ExpectedSeries[] {
  const byKey = new Map<string, ExpectedSeries>();
  for (const m of measurements) {
    const instrument = PROCESSOR_INSTRUMENTS.find((i) => i.name === m.instrument);
    if (!instrument) throw new Error(`unknown instrument ${m.instrument}`);
    const key = seriesKey(m.instrument, m.attributes);
    const series = byKey.get(key) ?? {
      instrument: m.instrument,
      type: instrument.type,
      attributes: m.attributes,
      value: 0,
      ...(instrument.type === 'histogram' ? { sum: 0 } : {}),
    };
    if (instrument.type === 'counter') series.value += m.value;
    else if (instrument.type === 'gauge') series.value = m.value;
    else {
      series.value += 1;
      series.sum = (series.sum ?? 0) + m.value;
    }
    byKey.set(key, series);
  }
  return [...byKey.values()];
}
