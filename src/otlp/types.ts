/**
 * OTLP records as otel-proc decodes them: plain JSON-friendly values, the shape the receiver keeps,
 * the encoders fill and the synthetic processor plans. Ids are lowercase hex, timestamps decimal
 * strings of Unix nanoseconds (they overflow a double). Field meanings follow the OTLP protobuf
 * definitions: https://github.com/open-telemetry/opentelemetry-proto/tree/main/opentelemetry/proto
 */
import type { OtlpProtocol } from '../config/types.js';

export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };
export type Attributes = Record<string, AttributeValue>;

export type ReceivedSignal = 'traces' | 'metrics' | 'logs';

interface ReceivedCommon {
  /** How it arrived. */
  protocol: OtlpProtocol;
  resource: Attributes;
  scope: { name: string; version?: string };
}

export interface ReceivedSpan extends ReceivedCommon {
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  traceState: string;
  name: string;
  kind: 'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: Attributes;
  events: Array<{ name: string; timeUnixNano: string; attributes: Attributes }>;
  links: Array<{ traceId: string; spanId: string; traceState: string; attributes: Attributes }>;
  status: { code: 'unset' | 'ok' | 'error'; message: string };
  /** What the sender's limits dropped (OTEL_SPAN_*_LIMIT); present only when not 0. */
  droppedAttributesCount?: number;
  droppedEventsCount?: number;
  droppedLinksCount?: number;
}

export interface ReceivedDataPoint extends ReceivedCommon {
  metricName: string;
  description: string;
  unit: string;
  type: 'gauge' | 'sum' | 'histogram' | 'exponential_histogram' | 'summary';
  /** For sums and histograms. */
  temporality?: 'cumulative' | 'delta' | 'unspecified';
  monotonic?: boolean;
  attributes: Attributes;
  startTimeUnixNano: string;
  timeUnixNano: string;
  /** gauge and sum */
  value?: number;
  /** histogram, exponential histogram, summary */
  count?: number;
  sum?: number;
  min?: number;
  max?: number;
  bucketCounts?: number[];
  explicitBounds?: number[];
  /** Exemplars' trace ids, when any. */
  exemplarTraceIds?: string[];
  /** exponential histogram only */
  scale?: number;
  zeroCount?: number;
  positive?: { offset: number; bucketCounts: number[] };
  negative?: { offset: number; bucketCounts: number[] };
  /** summary only */
  quantileValues?: Array<{ quantile: number; value: number }>;
}

export interface ReceivedLogRecord extends ReceivedCommon {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number;
  severityText: string;
  body: AttributeValue;
  attributes: Attributes;
  /** '' when not correlated. */
  traceId: string;
  spanId: string;
  /** LogRecord.event_name ('' when not set). */
  eventName?: string;
  /** Present only when not 0. */
  droppedAttributesCount?: number;
}
