/**
 * OTLP exporters for one signal, built from the resolved configuration with every option passed
 * explicitly (URL, headers, timeout, compression, TLS), so what is sent is what `validate` shows.
 * (The JS exporters also merge OTEL_* variables from process.env into headers; the resolved
 * configuration came from the same environment, so this adds nothing new.)
 *
 * gRPC: credentials follow the URL scheme: http:// plaintext, https:// TLS with the optional CA and client
 * pair (Insecure in https://opentelemetry.io/docs/specs/otel/protocol/exporter/#configuration-options). HTTP:
 * TLS options go to the agent.
 */
import { credentials as grpcCredentials, Metadata, type ChannelCredentials } from '@grpc/grpc-js';
import { Agent as HttpAgent, type AgentOptions } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions as HttpsAgentOptions } from 'node:https';
import { Socket } from 'node:net';
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
  if (signal.url.startsWith('http://') || (signal.insecure.value && !signal.url.startsWith('https://')))
    return grpcCredentials.createInsecure();
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

/**
 * The HTTP agents and gRPC calls of the exporters, so the pipeline can destroy the sockets and
 * cancel the calls on Ctrl-C instead of waiting for an in-flight request's timeout. (otel-proc loads no HTTP instrumentation, so the
 * usual advice to import http lazily for instrumentation does not apply.)
 */
export interface AgentRegistry {
  agents: Set<HttpAgent>;
  /**
   * gRPC export calls in flight. Closing a grpc-js channel lets its active calls run on until the
   * server answers or the deadline (the export timeout) passes, so Ctrl-C must cancel them itself.
   */
  grpcCalls: Set<CancellableCall>;
  /** Once set, every new connection fails at once with a non-retryable error, ending retry loops. */
  aborted: boolean;
}

interface CancellableCall {
  cancel(): void;
}

export function createAgentRegistry(): AgentRegistry {
  return { agents: new Set(), grpcCalls: new Set(), aborted: false };
}

function refusedAfterAbort(): Socket {
  const socket = new Socket();
  process.nextTick(() => socket.destroy(new Error('export abandoned: interrupted')));
  return socket;
}

class AbortableHttpAgent extends HttpAgent {
  constructor(
    options: AgentOptions,
    private readonly registry: AgentRegistry,
  ) {
    super(options);
  }
  // createConnection exists at runtime on http.Agent (net.createConnection) but not in its typings.
  createConnection(...args: unknown[]): Socket {
    if (this.registry.aborted) return refusedAfterAbort();
    return (HttpAgent.prototype as unknown as { createConnection: (...a: unknown[]) => Socket }).createConnection.apply(this, args);
  }
}

class AbortableHttpsAgent extends HttpsAgent {
  constructor(
    options: HttpsAgentOptions,
    private readonly registry: AgentRegistry,
  ) {
    super(options);
  }
  createConnection(...args: unknown[]): Socket {
    if (this.registry.aborted) return refusedAfterAbort();
    return (HttpsAgent.prototype as unknown as { createConnection: (...a: unknown[]) => Socket }).createConnection.apply(this, args);
  }
}

/** Abandon every in-flight export: destroy live HTTP sockets, cancel gRPC calls, and refuse new ones. */
export function abortAgents(registry: AgentRegistry): void {
  registry.aborted = true;
  for (const agent of registry.agents) agent.destroy();
  for (const call of registry.grpcCalls) call.cancel();
  registry.grpcCalls.clear();
}

type GrpcExportCall = (...args: unknown[]) => CancellableCall;

/** Record each unary export call of a grpc-js client, so abortAgents can cancel it (CANCELLED). */
function trackClientCalls(client: { export: GrpcExportCall }, registry: AgentRegistry): void {
  const original = client.export;
  client.export = (...args: unknown[]) => {
    const callback = args[args.length - 1] as (...result: unknown[]) => void;
    let call: CancellableCall | undefined;
    args[args.length - 1] = (...result: unknown[]) => {
      if (call) registry.grpcCalls.delete(call);
      callback(...result);
    };
    call = original.apply(client, args);
    if (registry.aborted) call.cancel();
    else registry.grpcCalls.add(call);
    return call;
  };
}

/**
 * The OTLP gRPC exporters keep their transport in `_delegate._transport` and create its grpc-js
 * client lazily in `_client` on the first export; watch that field to track the client's calls.
 * If the exporter's layout ever changes, nothing is tracked and Ctrl-C falls back to closing the
 * channel (the pipeline's abort), which ends the calls at their deadline.
 */
function trackGrpcCalls<E extends object>(exporter: E, registry: AgentRegistry | undefined): E {
  const transport = (exporter as { _delegate?: { _transport?: object } })._delegate?._transport;
  if (!registry || !transport || !('_client' in transport)) return exporter;
  let client = (transport as { _client?: { export: GrpcExportCall } })._client;
  if (client) trackClientCalls(client, registry);
  Object.defineProperty(transport, '_client', {
    configurable: true,
    enumerable: true,
    get: () => client,
    set: (value: { export: GrpcExportCall } | undefined) => {
      if (value && typeof value.export === 'function') trackClientCalls(value, registry);
      client = value;
    },
  });
  return exporter;
}

function httpOptions(signal: SignalExportConfig, agents?: AgentRegistry) {
  const tls = readTlsMaterial(signal);
  return {
    url: signal.url,
    headers: { ...signal.headers.value },
    compression: compression(signal),
    timeoutMillis: signal.timeoutMs.value,
    // keepAlive off: a one-shot command must not leave sockets holding the event loop open.
    httpAgentOptions: (protocol: string) => {
      const registry = agents ?? createAgentRegistry();
      const agent =
        protocol === 'http:'
          ? new AbortableHttpAgent({ keepAlive: false }, registry)
          : new AbortableHttpsAgent({ keepAlive: false, ca: tls.ca, key: tls.key, cert: tls.cert }, registry);
      registry.agents.add(agent);
      return agent;
    },
  };
}

export function createSpanExporter(signal: SignalExportConfig, agents?: AgentRegistry): SpanExporter {
  switch (signal.protocol.value) {
    case 'grpc':
      return trackGrpcCalls(new GrpcTraceExporter(grpcOptions(signal)), agents);
    case 'http/json':
      return new JsonTraceExporter(httpOptions(signal, agents));
    default:
      return new ProtoTraceExporter(httpOptions(signal, agents));
  }
}

export function createLogExporter(signal: SignalExportConfig, agents?: AgentRegistry): LogRecordExporter {
  switch (signal.protocol.value) {
    case 'grpc':
      return trackGrpcCalls(new GrpcLogExporter(grpcOptions(signal)), agents);
    case 'http/json':
      return new JsonLogExporter(httpOptions(signal, agents));
    default:
      return new ProtoLogExporter(httpOptions(signal, agents));
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
  return (type) =>
    type === InstrumentType.HISTOGRAM ? { type: AggregationType.EXPONENTIAL_HISTOGRAM } : { type: AggregationType.DEFAULT };
}

export function createMetricExporter(signal: SignalExportConfig, reader: MetricReaderConfig, agents?: AgentRegistry): PushMetricExporter {
  const metricOptions = {
    temporalityPreference: TEMPORALITY[reader.temporality.value],
    ...(aggregationSelector(reader) ? { aggregationPreference: aggregationSelector(reader) } : {}),
  };
  switch (signal.protocol.value) {
    case 'grpc':
      return trackGrpcCalls(new GrpcMetricExporter({ ...grpcOptions(signal), ...metricOptions }), agents);
    case 'http/json':
      return new JsonMetricExporter({ ...httpOptions(signal, agents), ...metricOptions });
    default:
      return new ProtoMetricExporter({ ...httpOptions(signal, agents), ...metricOptions });
  }
}
