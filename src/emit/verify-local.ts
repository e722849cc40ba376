/**
 * emit --local: proves that every item the exporters reported as delivered reached the embedded
 * receiver intact. The export ledger kept what each successful export carried (the SDK's own
 * ReadableSpan, ResourceMetrics and ReadableLogRecord objects); each is looked up in what the
 * receiver decoded from the wire and compared field by field: ids and parent links, names, kinds,
 * exact nanosecond times, attributes, events, links, status; metric names, units, descriptions,
 * types, temporality and values; log bodies, severities and trace/span correlation.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { AggregationTemporality, DataPointType, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { ExportLedger } from '../sdk/export-ledger.js';
import type { ReceivedDataPoint, ReceivedStore } from '../receiver/types.js';
import { seriesKey } from '../synth/metric-plan.js';
import type { CheckCounts } from './report.js';
import { hrTimeToNs } from './time.js';

const MAX_EXAMPLES = 5;
const KIND_NAMES: Record<SpanKind, string> = {
  [SpanKind.INTERNAL]: 'internal',
  [SpanKind.SERVER]: 'server',
  [SpanKind.CLIENT]: 'client',
  [SpanKind.PRODUCER]: 'producer',
  [SpanKind.CONSUMER]: 'consumer',
};
const STATUS_NAMES: Record<SpanStatusCode, string> = { [SpanStatusCode.UNSET]: 'unset', [SpanStatusCode.OK]: 'ok', [SpanStatusCode.ERROR]: 'error' };

/** Stable text of an attribute map, independent of key order. */
function canonical(attributes: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(attributes).sort().map((k) => [k, attributes[k]]));
}

function tally(expected: number, problems: string[], found: number): CheckCounts {
  return { expected, found, problems: problems.slice(0, MAX_EXAMPLES) };
}

export function verifySpans(kept: readonly ReadableSpan[][], store: ReceivedStore): CheckCounts {
  const received = new Map(store.spans.map((s) => [`${s.traceId}/${s.spanId}`, s]));
  const problems: string[] = [];
  let expected = 0;
  let found = 0;
  for (const span of kept.flat()) {
    expected++;
    const { traceId, spanId } = span.spanContext();
    const got = received.get(`${traceId}/${spanId}`);
    const label = `span ${span.name} ${spanId}`;
    if (!got) {
      problems.push(`${label}: missing`);
      continue;
    }
    const differences: string[] = [];
    const check = (what: string, want: unknown, have: unknown): void => {
      if (want !== have) differences.push(`${what} ${JSON.stringify(have)} != ${JSON.stringify(want)}`);
    };
    check('name', span.name, got.name);
    check('parent', span.parentSpanContext?.spanId ?? '', got.parentSpanId);
    check('kind', KIND_NAMES[span.kind], got.kind);
    check('start', hrTimeToNs(span.startTime).toString(), got.startTimeUnixNano);
    check('end', hrTimeToNs(span.endTime).toString(), got.endTimeUnixNano);
    check('attributes', canonical(span.attributes), canonical(got.attributes));
    check('events', span.events.map((e) => `${e.name}@${hrTimeToNs(e.time)}`).join(','), got.events.map((e) => `${e.name}@${e.timeUnixNano}`).join(','));
    check('links', span.links.map((l) => `${l.context.traceId}/${l.context.spanId}`).join(','), got.links.map((l) => `${l.traceId}/${l.spanId}`).join(','));
    check('status', STATUS_NAMES[span.status.code], got.status.code);
    if (differences.length > 0) problems.push(`${label}: ${differences.join('; ')}`);
    else found++;
  }
  return tally(expected, problems, found);
}

const POINT_TYPE: Record<DataPointType, ReceivedDataPoint['type']> = {
  [DataPointType.HISTOGRAM]: 'histogram',
  [DataPointType.EXPONENTIAL_HISTOGRAM]: 'exponential_histogram',
  [DataPointType.GAUGE]: 'gauge',
  [DataPointType.SUM]: 'sum',
};

export function verifyDataPoints(kept: readonly ResourceMetrics[], store: ReceivedStore): CheckCounts {
  const received = new Map<string, ReceivedDataPoint[]>();
  for (const point of store.dataPoints) {
    const key = `${seriesKey(point.metricName, point.attributes)}@${point.timeUnixNano}`;
    received.set(key, [...(received.get(key) ?? []), point]);
  }
  const problems: string[] = [];
  let expected = 0;
  let found = 0;
  for (const metric of kept.flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics))) {
    for (const point of metric.dataPoints) {
      expected++;
      const key = `${seriesKey(metric.descriptor.name, point.attributes)}@${hrTimeToNs(point.endTime)}`;
      const got = received.get(key)?.shift();
      if (!got) {
        problems.push(`data point ${key}: missing`);
        continue;
      }
      const differences: string[] = [];
      const check = (what: string, want: unknown, have: unknown): void => {
        if (want !== have) differences.push(`${what} ${JSON.stringify(have)} != ${JSON.stringify(want)}`);
      };
      check('unit', metric.descriptor.unit, got.unit);
      check('description', metric.descriptor.description, got.description);
      check('type', POINT_TYPE[metric.dataPointType], got.type);
      if (metric.dataPointType === DataPointType.SUM || metric.dataPointType === DataPointType.HISTOGRAM || metric.dataPointType === DataPointType.EXPONENTIAL_HISTOGRAM) {
        check('temporality', metric.aggregationTemporality === AggregationTemporality.DELTA ? 'delta' : 'cumulative', got.temporality);
      }
      if (metric.dataPointType === DataPointType.SUM || metric.dataPointType === DataPointType.GAUGE) check('value', point.value, got.value);
      else {
        const value = point.value as { count: number; sum?: number };
        check('count', value.count, got.count);
        check('sum', value.sum, got.sum);
      }
      if (differences.length > 0) problems.push(`data point ${key}: ${differences.join('; ')}`);
      else found++;
    }
  }
  return tally(expected, problems, found);
}

export function verifyLogRecords(kept: readonly ReadableLogRecord[][], store: ReceivedStore): CheckCounts {
  const received = new Map<string, number>();
  const keyOf = (time: string, traceId: string, spanId: string, severity: number, body: unknown): string => `${time}/${traceId}/${spanId}/${severity}/${JSON.stringify(body)}`;
  for (const r of store.logRecords) {
    const key = keyOf(r.timeUnixNano, r.traceId, r.spanId, r.severityNumber, r.body);
    received.set(key, (received.get(key) ?? 0) + 1);
  }
  const problems: string[] = [];
  let expected = 0;
  let found = 0;
  for (const record of kept.flat()) {
    expected++;
    const key = keyOf(hrTimeToNs(record.hrTime).toString(), record.spanContext?.traceId ?? '', record.spanContext?.spanId ?? '', record.severityNumber ?? 0, record.body);
    const left = received.get(key) ?? 0;
    if (left === 0) {
      problems.push(`log record "${String(record.body)}" (span ${record.spanContext?.spanId ?? 'none'}): missing or changed`);
      continue;
    }
    received.set(key, left - 1);
    found++;
  }
  return tally(expected, problems, found);
}

/** Wait until the receiver holds at least what the ledger says was delivered, then compare. */
export async function verifyLocal(ledger: ExportLedger, store: ReceivedStore, waitMs: number) {
  const spans = ledger.kept.traces as ReadableSpan[][];
  const metrics = ledger.kept.metrics as ResourceMetrics[];
  const logs = ledger.kept.logs as ReadableLogRecord[][];
  const want = {
    spans: spans.reduce((n, batch) => n + batch.length, 0),
    logRecords: logs.reduce((n, batch) => n + batch.length, 0),
  };
  try {
    await store.waitFor((s) => s.spans.length >= want.spans && s.logRecords.length >= want.logRecords, waitMs);
  } catch {
    // Compare anyway: the comparison names what is missing.
  }
  return {
    spans: verifySpans(spans, store),
    dataPoints: verifyDataPoints(metrics, store),
    logRecords: verifyLogRecords(logs, store),
  };
}
