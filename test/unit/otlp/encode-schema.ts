/**
 * An independent decoder for the encoder's tests: protobufjs parsing the relevant parts of
 * opentelemetry-proto (field numbers copied from the .proto files), so the hand-written encoder is
 * checked against a real protobuf implementation rather than against itself.
 */
import protobuf from 'protobufjs';

const PROTO = `
syntax = "proto3";
package otlp;
message AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4; ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7; } }
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; }
message Resource { repeated KeyValue attributes = 1; }
message Status { string message = 2; int32 code = 3; }
message Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; }
message Link { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; repeated KeyValue attributes = 4; fixed32 flags = 6; }
message Span { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4; fixed32 flags = 16; string name = 5; int32 kind = 6; fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8; repeated KeyValue attributes = 9; repeated Event events = 11; repeated Link links = 13; Status status = 15; }
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message NumberDataPoint { repeated KeyValue attributes = 7; fixed64 start_time_unix_nano = 2; fixed64 time_unix_nano = 3; double as_double = 4; sfixed64 as_int = 6; }
message HistogramDataPoint { repeated KeyValue attributes = 9; fixed64 start_time_unix_nano = 2; fixed64 time_unix_nano = 3; fixed64 count = 4; double sum = 5; repeated fixed64 bucket_counts = 6; repeated double explicit_bounds = 7; double min = 11; double max = 12; }
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum { repeated NumberDataPoint data_points = 1; int32 aggregation_temporality = 2; bool is_monotonic = 3; }
message Histogram { repeated HistogramDataPoint data_points = 1; int32 aggregation_temporality = 2; }
message Metric { string name = 1; string description = 2; string unit = 3; Gauge gauge = 5; Sum sum = 7; Histogram histogram = 9; }
message ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; }
message ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; }
message ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
message LogRecord { fixed64 time_unix_nano = 1; fixed64 observed_time_unix_nano = 11; int32 severity_number = 2; string severity_text = 3; AnyValue body = 5; repeated KeyValue attributes = 6; fixed32 flags = 8; bytes trace_id = 9; bytes span_id = 10; }
message ScopeLogs { InstrumentationScope scope = 1; repeated LogRecord log_records = 2; }
message ResourceLogs { Resource resource = 1; repeated ScopeLogs scope_logs = 2; }
message ExportLogsServiceRequest { repeated ResourceLogs resource_logs = 1; }
`;

const root = protobuf.parse(PROTO, { keepCase: false }).root;

/*
 * The decoded requests as plain objects (the same shape as OTLP/JSON, whose ids are hex rather than
 * base64): 64-bit integers are decimal strings, bytes base64, repeated fields always arrays. A field
 * left out at its zero value (defaults: false) is optional, unless the encoder under test always
 * writes it (ids, names, timestamps): a test then fails on the missing field either way.
 */
interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values: AnyValue[] };
  kvlistValue?: { values: KeyValue[] };
  bytesValue?: string;
}
interface KeyValue {
  key: string;
  value?: AnyValue;
}
interface Scope {
  name?: string;
  version?: string;
  attributes: KeyValue[];
}
interface Span {
  traceId: string;
  spanId: string;
  traceState?: string;
  parentSpanId?: string;
  flags?: number;
  name: string;
  kind?: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: KeyValue[];
  events: { timeUnixNano: string; name: string; attributes: KeyValue[] }[];
  links: { traceId: string; spanId: string; traceState?: string; attributes: KeyValue[]; flags?: number }[];
  status?: { message?: string; code?: number };
}
export interface TracesRequest {
  resourceSpans: { resource?: { attributes: KeyValue[] }; scopeSpans: { scope?: Scope; spans: Span[] }[] }[];
}
interface NumberDataPoint {
  attributes: KeyValue[];
  startTimeUnixNano: string;
  timeUnixNano: string;
  asDouble?: number;
  asInt?: string;
}
interface HistogramDataPoint {
  attributes: KeyValue[];
  startTimeUnixNano: string;
  timeUnixNano: string;
  count?: string;
  sum?: number;
  bucketCounts: string[];
  explicitBounds: number[];
  min?: number;
  max?: number;
}
interface Metric {
  name: string;
  description?: string;
  unit?: string;
  gauge?: { dataPoints: NumberDataPoint[] };
  sum?: { dataPoints: NumberDataPoint[]; aggregationTemporality?: number; isMonotonic?: boolean };
  histogram?: { dataPoints: HistogramDataPoint[]; aggregationTemporality?: number };
}
export interface MetricsRequest {
  resourceMetrics: { resource?: { attributes: KeyValue[] }; scopeMetrics: { scope?: Scope; metrics: Metric[] }[] }[];
}
interface LogRecord {
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber?: number;
  severityText?: string;
  body?: AnyValue;
  attributes: KeyValue[];
  flags?: number;
  traceId: string;
  spanId: string;
}
interface LogsRequest {
  resourceLogs: { resource?: { attributes: KeyValue[] }; scopeLogs: { scope?: Scope; logRecords: LogRecord[] }[] }[];
}
interface Requests {
  ExportTraceServiceRequest: TracesRequest;
  ExportMetricsServiceRequest: MetricsRequest;
  ExportLogsServiceRequest: LogsRequest;
}

export function decode<T extends keyof Requests>(type: T, bytes: Uint8Array): Requests[T] {
  const message = root.lookupType(`otlp.${type}`);
  return message.toObject(message.decode(bytes), { longs: String, bytes: String, arrays: true, defaults: false }) as Requests[T];
}

export function hex(base64: string): string {
  return Buffer.from(base64, 'base64').toString('hex');
}
