/**
 * OTLP exporters for one signal, built from the resolved configuration with every option passed
 * explicitly (URL, headers, timeout, compression, TLS), so what is sent is what `validate` shows.
 * (The JS exporters also merge OTEL_* variables from process.env into headers; the resolved
 * configuration came from the same environment, so this adds nothing new.)
 *
 * gRPC: credentials follow the URL scheme: http:// plaintext, https:// TLS with the optional CA
 * and client pair (spec "OTLP Exporter Configuration", Insecure). HTTP: TLS options go to the agent.
 */
import { credentials as grpcCredentials, Metadata, type ChannelCredentials } from '@grpc/grpc-js';
import { OTLPLogExporter as GrpcLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter as GrpcMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { AggregationTemporalityPreference, OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter as GrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import { AggregationType, InstrumentType, type AggregationOption, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { MetricReaderConfig, SignalExportConfig } from '../config/types.js';
import { readTlsMaterial, type TlsMaterial } from './tls.js';

function grpcCredentialsFor(signal: SignalExportConfig, tls: TlsMaterial): ChannelCredentials {
  if (signal.url.startsWith('http://') || (signal.insecure.value && !signal.url.startsWith('https://'))) return grpcCredentials.createInsecure();
  return grpcCredentials.createSsl(tls.ca ?? null, tls.key ?? null, tls.cert ?? null);
}

function grpcMetadata(headers: Record<string, string>): Metadata {
  const metadata = new Metadata();
  // gRPC metadata keys are lowercase ASCII (HTTP/2 header rules).
  for (const [key, value] of Object.entries(headers)) metadata.set(key.toLowerCase(), value);
  return metadata;
}

function compression(signal: SignalExportConfig): CompressionAlgorithm {
  return signal.compression.value === 'gzip' ? CompressionAlgorithm.GZIP : CompressionAlgorithm.NONE;
}

function grpcOptions(signal: SignalExportConfig) {
  const tls = readTlsMaterial(signal);
  return {
    url: signal.url,
    credentials: grpcCredentialsFor(signal, tls),
    metadata: grpcMetadata(signal.headers.value),
    compression: compression(signal),
    timeoutMillis: signal.timeoutMs.value,
  };
}

function httpOptions(signal: SignalExportConfig) {
  const tls = readTlsMaterial(signal);
  const hasTls = tls.ca !== undefined || tls.key !== undefined;
  return {
    url: signal.url,
    headers: { ...signal.headers.value },
    compression: compression(signal),
    timeoutMillis: signal.timeoutMs.value,
    // keepAlive off: a one-shot command must not leave sockets holding the event loop open.
    keepAlive: false,
    ...(hasTls ? { httpAgentOptions: { keepAlive: false, ca: tls.ca, key: tls.key, cert: tls.cert } } : {}),
  };
}

export function createSpanExporter(signal: SignalExportConfig): SpanExporter {
  switch (signal.protocol.value) {
    case 'grpc':
      return new GrpcTraceExporter(grpcOptions(signal));
    case 'http/json':
      return new JsonTraceExporter(httpOptions(signal));
    default:
      return new ProtoTraceExporter(httpOptions(signal));
  }
}

export function createLogExporter(signal: SignalExportConfig): LogRecordExporter {
  switch (signal.protocol.value) {
    case 'grpc':
      return new GrpcLogExporter(grpcOptions(signal));
    case 'http/json':
      return new JsonLogExporter(httpOptions(signal));
    default:
      return new ProtoLogExporter(httpOptions(signal));
  }
}

const TEMPORALITY = {
  cumulative: AggregationTemporalityPreference.CUMULATIVE,
  delta: AggregationTemporalityPreference.DELTA,
  lowmemory: AggregationTemporalityPreference.LOWMEMORY,
} as const;

/** OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION: exponential histograms when asked. */
function aggregationSelector(reader: MetricReaderConfig): ((type: InstrumentType) => AggregationOption) | undefined {
  if (reader.histogramAggregation.value !== 'base2_exponential_bucket_histogram') return undefined;
  return (type) => (type === InstrumentType.HISTOGRAM ? { type: AggregationType.EXPONENTIAL_HISTOGRAM } : { type: AggregationType.DEFAULT });
}

export function createMetricExporter(signal: SignalExportConfig, reader: MetricReaderConfig): PushMetricExporter {
  const metricOptions = {
    temporalityPreference: TEMPORALITY[reader.temporality.value],
    ...(aggregationSelector(reader) ? { aggregationPreference: aggregationSelector(reader) } : {}),
  };
  switch (signal.protocol.value) {
    case 'grpc':
      return new GrpcMetricExporter({ ...grpcOptions(signal), ...metricOptions });
    case 'http/json':
      return new JsonMetricExporter({ ...httpOptions(signal), ...metricOptions });
    default:
      return new ProtoMetricExporter({ ...httpOptions(signal), ...metricOptions });
  }
}
