/**
 * emit --local: proves that every item the exporters reported as delivered reached the embedded
 * receiver intact. The export ledger kept what each successful export carried (the SDK's own
 * ReadableSpan, ResourceMetrics and ReadableLogRecord objects); each is looked up in what the
 * receiver decoded from the wire and compared field by field: ids and parent links, trace state,
 * names, kinds, exact nanosecond times, attributes, events and links (with their attributes),
 * status with its message, dropped counts, resource and scope; metric names, units, descriptions,
 * types, temporality, monotonicity, start and end times and values (histogram buckets, bounds,
 * min and max); log bodies, severities, attributes, event names, times and trace/span correlation.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  DataPointType,
  type ExponentialHistogram,
  type Histogram,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
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
const STATUS_NAMES: Record<SpanStatusCode, string> = {
  [SpanStatusCode.UNSET]: 'unset',
  [SpanStatusCode.OK]: 'ok',
  [SpanStatusCode.ERROR]: 'error',
};

/** Stable text of an attribute map, independent of key order (nested maps too). */
function canonical(attributes: Record<string, unknown> | undefined): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value !== null && typeof value === 'object' && !(value instanceof Uint8Array)
        ? Object.keys(value)
            .sort()
            .map((k) => [k, sorted((value as Record<string, unknown>)[k])])
        : value;
  return JSON.stringify(sorted(attributes ?? {}));
}

/** What the SDK attached to every item of a provider: its resource and instrumentation scope. */
function origin(resource: { attributes: Record<string, unknown> }, scope: { name: string; version?: string }): string {
  return `resource ${canonical(resource.attributes)} scope ${scope.name}@${scope.version ?? ''}`;
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
    check(
      'events',
      span.events.map((e) => `${e.name}@${hrTimeToNs(e.time)} ${canonical(e.attributes)}`).join(','),
      got.events.map((e) => `${e.name}@${e.timeUnixNano} ${canonical(e.attributes)}`).join(','),
    );
    check(
      'links',
      span.links.map((l) => `${l.context.traceId}/${l.context.spanId} ${canonical(l.attributes)}`).join(','),
      got.links.map((l) => `${l.traceId}/${l.spanId} ${canonical(l.attributes)}`).join(','),
    );
    check('trace state', span.spanContext().traceState?.serialize() ?? '', got.traceState);
    check('status', `${STATUS_NAMES[span.status.code]} ${span.status.message ?? ''}`, `${got.status.code} ${got.status.message}`);
    check(
      'dropped',
      `${span.droppedAttributesCount}/${span.droppedEventsCount}/${span.droppedLinksCount}`,
      `${got.droppedAttributesCount ?? 0}/${got.droppedEventsCount ?? 0}/${got.droppedLinksCount ?? 0}`,
    );
    check('origin', origin(span.resource, span.instrumentationScope), origin({ attributes: got.resource }, got.scope));
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
  for (const { metric, from } of kept.flatMap((rm) =>
    rm.scopeMetrics.flatMap((sm) => sm.metrics.map((metric) => ({ metric, from: origin(rm.resource, sm.scope) }))),
  )) {
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
      if (
        metric.dataPointType === DataPointType.SUM ||
        metric.dataPointType === DataPointType.HISTOGRAM ||
        metric.dataPointType === DataPointType.EXPONENTIAL_HISTOGRAM
      ) {
        check('temporality', metric.aggregationTemporality === AggregationTemporality.DELTA ? 'delta' : 'cumulative', got.temporality);
      }
      if (metric.dataPointType === DataPointType.SUM) check('monotonic', metric.isMonotonic, got.monotonic);
      check('start', hrTimeToNs(point.startTime).toString(), got.startTimeUnixNano);
      check('origin', from, origin({ attributes: got.resource }, got.scope));
      if (metric.dataPointType === DataPointType.SUM || metric.dataPointType === DataPointType.GAUGE)
        check('value', point.value, got.value);
      else {
        const value = point.value as { count: number; sum?: number; min?: number; max?: number };
        check('count', value.count, got.count);
        check('sum', value.sum, got.sum);
        check('min', value.min, got.min);
        check('max', value.max, got.max);
        if (metric.dataPointType === DataPointType.HISTOGRAM) {
          const { buckets } = point.value as Histogram;
          check('bucket counts', buckets.counts.join(','), got.bucketCounts?.join(','));
          check('bounds', buckets.boundaries.join(','), got.explicitBounds?.join(','));
        } else {
          const exponential = point.value as ExponentialHistogram;
          const side = (s?: { offset: number; bucketCounts: number[] }): string => (s ? `${s.offset}:${s.bucketCounts.join(',')}` : '');
          check(
            'buckets',
            `${exponential.scale} ${exponential.zeroCount} ${side(exponential.positive)} ${side(exponential.negative)}`,
            `${got.scale} ${got.zeroCount} ${side(got.positive)} ${side(got.negative)}`,
          );
        }
      }
      if (differences.length > 0) problems.push(`data point ${key}: ${differences.join('; ')}`);
      else found++;
    }
  }
  return tally(expected, problems, found);
}

export function verifyLogRecords(kept: readonly ReadableLogRecord[][], store: ReceivedStore): CheckCounts {
  const received = new Map<string, number>();
  // Every field is part of the key: a record that arrived changed is then one that is missing.
  const keyOf = (
    time: string,
    observed: string,
    traceId: string,
    spanId: string,
    severity: number,
    severityText: string,
    body: unknown,
    attributes: string,
    eventName: string,
    dropped: number,
    from: string,
  ): string => JSON.stringify([time, observed, traceId, spanId, severity, severityText, body, attributes, eventName, dropped, from]);
  for (const r of store.logRecords) {
    const key = keyOf(
      r.timeUnixNano,
      r.observedTimeUnixNano,
      r.traceId,
      r.spanId,
      r.severityNumber,
      r.severityText,
      r.body,
      canonical(r.attributes),
      r.eventName ?? '',
      r.droppedAttributesCount ?? 0,
      origin({ attributes: r.resource }, r.scope),
    );
    received.set(key, (received.get(key) ?? 0) + 1);
  }
  const problems: string[] = [];
  let expected = 0;
  let found = 0;
  for (const record of kept.flat()) {
    expected++;
    const key = keyOf(
      hrTimeToNs(record.hrTime).toString(),
      hrTimeToNs(record.hrTimeObserved).toString(),
      record.spanContext?.traceId ?? '',
      record.spanContext?.spanId ?? '',
      record.severityNumber ?? 0,
      record.severityText ?? '',
      record.body,
      canonical(record.attributes),
      record.eventName ?? '',
      record.droppedAttributesCount,
      origin(record.resource, record.instrumentationScope),
    );
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
    dataPoints: metrics.reduce(
      (n, rm) => n + rm.scopeMetrics.reduce((m, sm) => m + sm.metrics.reduce((k, metric) => k + metric.dataPoints.length, 0), 0),
      0,
    ),
    logRecords: logs.reduce((n, batch) => n + batch.length, 0),
  };
  try {
    await store.waitFor(
      (s) => s.spans.length >= want.spans && s.dataPoints.length >= want.dataPoints && s.logRecords.length >= want.logRecords,
      waitMs,
    );
  } catch {
    // Compare anyway: the comparison names what is missing.
  }
  return {
    spans: verifySpans(spans, store),
    dataPoints: verifyDataPoints(metrics, store),
    logRecords: verifyLogRecords(logs, store),
  };
}
