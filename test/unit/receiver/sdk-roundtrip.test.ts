/**
 * Real traffic from the official OpenTelemetry JS exporters (gRPC, HTTP protobuf, HTTP JSON, with
 * and without gzip) must arrive decoded exactly: every span, data point and log record, field by field.
 */
import {
  AggregationTemporality,
  DataPointType,
  type ExponentialHistogram,
  type Histogram,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OtlpProtocol } from '../../../src/config/types.js';
import { startReceiver } from '../../../src/receiver/index.js';
import type { ReceivedDataPoint, ReceiverHandle } from '../../../src/receiver/types.js';
import {
  ExportResultCode,
  exportWith,
  hrTimeToNanos,
  logExporter,
  makeLogRecords,
  makeMetrics,
  makeSpans,
  metricExporter,
  PROTOCOLS,
  RESOURCE,
  traceExporter,
} from './sdk-senders.js';

const SCOPE = { name: 'receiver-test', version: '0.0.1' };
const KINDS = ['internal', 'server', 'client', 'producer', 'consumer'];
const STATUS = ['unset', 'ok', 'error'];

function expectedSpan(span: ReadableSpan, protocol: OtlpProtocol) {
  return {
    protocol,
    resource: RESOURCE,
    scope: SCOPE,
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? '',
    traceState: '',
    name: span.name,
    kind: KINDS[span.kind],
    startTimeUnixNano: hrTimeToNanos(span.startTime),
    endTimeUnixNano: hrTimeToNanos(span.endTime),
    attributes: span.attributes,
    events: span.events.map((event) => ({ name: event.name, timeUnixNano: hrTimeToNanos(event.time), attributes: event.attributes ?? {} })),
    links: span.links.map((link) => ({
      traceId: link.context.traceId,
      spanId: link.context.spanId,
      traceState: '',
      attributes: link.attributes ?? {},
    })),
    status: { code: STATUS[span.status.code], message: span.status.message ?? '' },
  };
}

function expectedDataPoints(
  resourceMetrics: ResourceMetrics,
  protocol: OtlpProtocol,
  temporality: 'cumulative' | 'delta' = 'cumulative',
): Array<Partial<ReceivedDataPoint>> {
  const points: Array<Partial<ReceivedDataPoint>> = [];
  for (const scopeMetrics of resourceMetrics.scopeMetrics) {
    for (const metric of scopeMetrics.metrics) {
      for (const point of metric.dataPoints) {
        const common = {
          protocol,
          resource: RESOURCE,
          scope: SCOPE,
          metricName: metric.descriptor.name,
          description: metric.descriptor.description,
          unit: metric.descriptor.unit,
          attributes: point.attributes as ReceivedDataPoint['attributes'],
          startTimeUnixNano: hrTimeToNanos(point.startTime),
          timeUnixNano: hrTimeToNanos(point.endTime),
        };
        if (metric.dataPointType === DataPointType.EXPONENTIAL_HISTOGRAM) {
          const value = point.value as ExponentialHistogram;
          points.push({
            ...common,
            type: 'exponential_histogram',
            temporality,
            count: value.count,
            sum: value.sum,
            min: value.min,
            max: value.max,
            scale: value.scale,
            zeroCount: value.zeroCount,
            positive: value.positive,
            negative: value.negative,
          });
        } else if (metric.dataPointType === DataPointType.HISTOGRAM) {
          const value = point.value as Histogram;
          points.push({
            ...common,
            type: 'histogram',
            temporality,
            count: value.count,
            sum: value.sum,
            min: value.min,
            max: value.max,
            bucketCounts: value.buckets.counts,
            explicitBounds: value.buckets.boundaries,
          });
        } else if (metric.dataPointType === DataPointType.SUM) {
          points.push({ ...common, type: 'sum', temporality, monotonic: metric.isMonotonic, value: point.value as number });
        } else {
          points.push({ ...common, type: 'gauge', value: point.value as number });
        }
      }
    }
  }
  return points;
}

function expectedLogRecord(record: ReadableLogRecord, protocol: OtlpProtocol) {
  return {
    protocol,
    resource: RESOURCE,
    scope: SCOPE,
    timeUnixNano: hrTimeToNanos(record.hrTime),
    observedTimeUnixNano: hrTimeToNanos(record.hrTimeObserved),
    severityNumber: record.severityNumber,
    severityText: record.severityText,
    body: record.body,
    attributes: record.attributes,
    traceId: '',
    spanId: '',
    eventName: '',
  };
}

const CASES = PROTOCOLS.flatMap((protocol) => [
  { protocol, gzip: false },
  { protocol, gzip: true },
]);

describe('receiver with the official OpenTelemetry JS exporters', () => {
  let receiver: ReceiverHandle;
  let spans: ReadableSpan[];
  let metrics: ResourceMetrics;
  let logRecords: ReadableLogRecord[];

  beforeAll(async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0 });
    [spans, metrics, logRecords] = await Promise.all([makeSpans(), makeMetrics(), makeLogRecords()]);
  });
  afterAll(() => receiver.stop());

  it.each(CASES)('receives every span exactly over $protocol (gzip: $gzip)', async ({ protocol, gzip }) => {
    const before = receiver.received.spans.length;
    const exporter = await traceExporter(receiver, protocol, { gzip });
    try {
      expect((await exportWith(exporter, spans)).code).toBe(ExportResultCode.SUCCESS);
    } finally {
      await exporter.shutdown();
    }
    const arrived = receiver.received.spans.slice(before);
    expect(arrived).toHaveLength(spans.length);
    for (const span of spans) {
      expect(arrived.find((item) => item.spanId === span.spanContext().spanId)).toEqual(expectedSpan(span, protocol));
    }
    // The child really is a child: the parent id survived the trip.
    expect(arrived.filter((item) => item.parentSpanId !== '')).toHaveLength(1);
  });

  it.each(CASES)('receives every data point exactly over $protocol (gzip: $gzip)', async ({ protocol, gzip }) => {
    const before = receiver.received.dataPoints.length;
    const exporter = await metricExporter(receiver, protocol, { gzip });
    try {
      expect((await exportWith(exporter, metrics)).code).toBe(ExportResultCode.SUCCESS);
    } finally {
      await exporter.shutdown();
    }
    const arrived = receiver.received.dataPoints.slice(before);
    const expected = expectedDataPoints(metrics, protocol);
    expect(expected).toHaveLength(5);
    expect(arrived).toEqual(expected);
  });

  it.each(PROTOCOLS)('receives delta sums and exponential histograms exactly over %s', async (protocol) => {
    const before = receiver.received.dataPoints.length;
    const deltaMetrics = await makeMetrics(AggregationTemporality.DELTA, true);
    const exporter = await metricExporter(receiver, protocol);
    try {
      expect((await exportWith(exporter, deltaMetrics)).code).toBe(ExportResultCode.SUCCESS);
    } finally {
      await exporter.shutdown();
    }
    const arrived = receiver.received.dataPoints.slice(before);
    expect(arrived).toEqual(expectedDataPoints(deltaMetrics, protocol, 'delta'));
    const exponential = arrived.find((point) => point.type === 'exponential_histogram');
    expect(exponential).toMatchObject({ count: 4, sum: 763, min: 3, max: 700 });
    expect(exponential!.positive!.bucketCounts.reduce((total, count) => total + count, 0)).toBe(4);
  });

  it.each(CASES)('receives every log record exactly over $protocol (gzip: $gzip)', async ({ protocol, gzip }) => {
    const before = receiver.received.logRecords.length;
    const exporter = await logExporter(receiver, protocol, { gzip });
    try {
      expect((await exportWith(exporter, logRecords)).code).toBe(ExportResultCode.SUCCESS);
    } finally {
      await exporter.shutdown();
    }
    expect(receiver.received.logRecords.slice(before)).toEqual(logRecords.map((record) => expectedLogRecord(record, protocol)));
  });

  it('counts what it accepted, per service', () => {
    const { counts, byService } = receiver.received;
    expect(counts.spans).toBe(spans.length * CASES.length);
    expect(counts.dataPoints).toBe(5 * CASES.length + 5 * PROTOCOLS.length);
    expect(counts.logRecords).toBe(logRecords.length * CASES.length);
    expect(counts.failedRequests).toBe(0);
    expect(counts.requests).toBe(3 * CASES.length + PROTOCOLS.length);
    expect(byService).toEqual({ checkout: { spans: counts.spans, dataPoints: counts.dataPoints, logRecords: counts.logRecords } });
  });
});
