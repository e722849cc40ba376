/**
 * The canary: one tiny, recognisable OTLP export request per signal (a span, a monotonic sum data
 * point, a log record), all tagged with the run id so it can be found in Jaeger and Prometheus.
 * Protobuf through the project's one OTLP schema (src/otlp/proto/root.ts); JSON per the OTLP/JSON
 * mapping (ids as hex, 64-bit integers as strings, enums as numbers).
 */
import { randomBytes } from 'node:crypto';
import type { Signal } from '../config/types.js';
import { otlpTypes } from '../otlp/proto/root.js';

export const CANARY_SPAN_NAME = 'otel-proc doctor canary';
/** Becomes `otel_proc_doctor_canary_total` in Prometheus (counter name translation). */
export const CANARY_METRIC_NAME = 'otel_proc.doctor.canary';
export const RUN_ID_ATTRIBUTE = 'otel_proc.doctor.run_id';

export interface CanaryIdentity {
  runId: string;
  traceId: string;
  spanId: string;
  serviceName: string;
  nowNs: bigint;
}

export function newCanaryIdentity(serviceName: string): CanaryIdentity {
  return {
    runId: randomBytes(6).toString('hex'),
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    serviceName,
    nowNs: BigInt(Date.now()) * 1_000_000n,
  };
}

const str = (key: string, value: string): { key: string; value: { stringValue: string } } => ({ key, value: { stringValue: value } });

/** The request as an OTLP/JSON object; ids stay hex here and become bytes for protobuf. */
function requestObject(signal: Signal, id: CanaryIdentity): Record<string, unknown> {
  const resource = { attributes: [str('service.name', id.serviceName), str(RUN_ID_ATTRIBUTE, id.runId)] };
  const scope = { name: 'otel-proc-doctor' };
  const start = (id.nowNs - 1_000_000n).toString();
  const end = id.nowNs.toString();
  const attributes = [str(RUN_ID_ATTRIBUTE, id.runId)];
  if (signal === 'traces') {
    const span = {
      traceId: id.traceId,
      spanId: id.spanId,
      name: CANARY_SPAN_NAME,
      kind: 1,
      startTimeUnixNano: start,
      endTimeUnixNano: end,
      attributes,
    };
    return { resourceSpans: [{ resource, scopeSpans: [{ scope, spans: [span] }] }] };
  }
  if (signal === 'metrics') {
    const point = { attributes, startTimeUnixNano: start, timeUnixNano: end, asInt: '1' };
    // aggregationTemporality 2 = CUMULATIVE.
    const metric = {
      name: CANARY_METRIC_NAME,
      description: 'otel-proc doctor canary',
      unit: '1',
      sum: { dataPoints: [point], aggregationTemporality: 2, isMonotonic: true },
    };
    return { resourceMetrics: [{ resource, scopeMetrics: [{ scope, metrics: [metric] }] }] };
  }
  const record = {
    timeUnixNano: end,
    observedTimeUnixNano: end,
    severityNumber: 9,
    severityText: 'INFO',
    body: { stringValue: CANARY_SPAN_NAME },
    attributes,
    traceId: id.traceId,
    spanId: id.spanId,
  };
  return { resourceLogs: [{ resource, scopeLogs: [{ scope, logRecords: [record] }] }] };
}

/** Hex ids to bytes, for protobufjs' fromObject. */
function withByteIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withByteIds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      (key === 'traceId' || key === 'spanId') && typeof inner === 'string' ? Buffer.from(inner, 'hex') : withByteIds(inner),
    ]),
  );
}

export function encodeCanary(signal: Signal, format: 'protobuf' | 'json', id: CanaryIdentity): Buffer {
  const object = requestObject(signal, id);
  if (format === 'json') return Buffer.from(JSON.stringify(object));
  const types = otlpTypes();
  const type =
    signal === 'traces'
      ? types.ExportTraceServiceRequest
      : signal === 'metrics'
        ? types.ExportMetricsServiceRequest
        : types.ExportLogsServiceRequest;
  return Buffer.from(type.encode(type.fromObject(withByteIds(object) as Record<string, unknown>)).finish());
}

/** Items in one canary request, for comparing with the collector's counters. */
export const CANARY_ITEMS = 1;
