/**
 * The OTLP protobuf schema as protobufjs types, built once from the proto sources beside this
 * file. Everyone who encodes or decodes OTLP protobuf (the receiver, doctor's canary request,
 * tests) gets the message types from here, so there is exactly one schema in the code base.
 *
 * Decoded 64-bit fields are `Long` objects (protobufjs uses the `long` package); bytes fields are
 * Buffers/Uint8Arrays. Field names are camelCase, as in the OTLP/JSON mapping.
 */
import protobuf from 'protobufjs';
import { COMMON_PROTO, GOOGLE_RPC_PROTO, RESOURCE_PROTO, WELL_KNOWN_PROTO } from './common-schema.js';
import { LOGS_PROTO, LOGS_SERVICE_PROTO } from './logs-schema.js';
import { METRICS_PROTO, METRICS_SERVICE_PROTO } from './metrics-schema.js';
import { TRACE_PROTO, TRACE_SERVICE_PROTO } from './trace-schema.js';

export type ProtoType = protobuf.Type;

export interface OtlpTypes {
  root: protobuf.Root;
  ExportTraceServiceRequest: ProtoType;
  ExportTraceServiceResponse: ProtoType;
  ExportMetricsServiceRequest: ProtoType;
  ExportMetricsServiceResponse: ProtoType;
  ExportLogsServiceRequest: ProtoType;
  ExportLogsServiceResponse: ProtoType;
  Status: ProtoType;
  RetryInfo: ProtoType;
  Any: ProtoType;
}

/** gRPC method paths of the three OTLP export services (opentelemetry-proto collector/*). */
export const OTLP_GRPC_PATHS = {
  traces: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
  metrics: '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
  logs: '/opentelemetry.proto.collector.logs.v1.LogsService/Export',
} as const;

export const RETRY_INFO_TYPE_URL = 'type.googleapis.com/google.rpc.RetryInfo';

let cached: OtlpTypes | undefined;

/** The OTLP message types (parsed on first use, a few milliseconds). */
export function otlpTypes(): OtlpTypes {
  if (cached) return cached;
  const root = new protobuf.Root();
  const sources = [
    WELL_KNOWN_PROTO,
    GOOGLE_RPC_PROTO,
    COMMON_PROTO,
    RESOURCE_PROTO,
    TRACE_PROTO,
    METRICS_PROTO,
    LOGS_PROTO,
    TRACE_SERVICE_PROTO,
    METRICS_SERVICE_PROTO,
    LOGS_SERVICE_PROTO,
  ];
  for (const source of sources) protobuf.parse(source, root, { keepCase: false });
  root.resolveAll();
  const type = (name: string): ProtoType => root.lookupType(name);
  cached = {
    root,
    ExportTraceServiceRequest: type('opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest'),
    ExportTraceServiceResponse: type('opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse'),
    ExportMetricsServiceRequest: type('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest'),
    ExportMetricsServiceResponse: type('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse'),
    ExportLogsServiceRequest: type('opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest'),
    ExportLogsServiceResponse: type('opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse'),
    Status: type('google.rpc.Status'),
    RetryInfo: type('google.rpc.RetryInfo'),
    Any: type('google.protobuf.Any'),
  };
  return cached;
}
