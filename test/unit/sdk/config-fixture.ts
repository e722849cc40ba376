/**
 * An EffectiveConfig built directly, for SDK tests that must not depend on how the configuration
 * core resolves env vars: every value is a default unless overridden.
 */
import type { EffectiveConfig, OtlpProtocol, Signal, SignalExportConfig, Sourced } from '../../../src/config/types.js';

const d = <T>(value: T): Sourced<T> => ({ value, source: { kind: 'default' } });

export interface FixtureOptions {
  protocol?: OtlpProtocol;
  /** Base endpoint, e.g. http://127.0.0.1:4318; HTTP signals get /v1/<signal> appended. */
  endpoint: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  compression?: 'gzip' | 'none';
  temporality?: 'cumulative' | 'delta' | 'lowmemory';
  histogramAggregation?: 'explicit_bucket_histogram' | 'base2_exponential_bucket_histogram';
  sampler?: string;
  ratio?: number;
  propagators?: string[];
  serviceName?: string;
  exporters?: string[];
  /** Batch queue size for spans and log records (default 2048). */
  maxQueueSize?: number;
}

function signalConfig(signal: Signal, o: FixtureOptions): SignalExportConfig {
  const protocol = o.protocol ?? 'http/protobuf';
  const base = o.endpoint.replace(/\/$/, '');
  return {
    signal,
    exporters: d(o.exporters ?? ['otlp']),
    protocol: d(protocol),
    endpoint: d(o.endpoint),
    url: protocol === 'grpc' ? base : `${base}/v1/${signal}`,
    headers: d(o.headers ?? {}),
    timeoutMs: d(o.timeoutMs ?? 5000),
    compression: d(o.compression ?? 'none'),
    insecure: d(base.startsWith('http://')),
  };
}

export function effectiveConfig(o: FixtureOptions): EffectiveConfig {
  const queue = o.maxQueueSize ?? 2048;
  const batch = { scheduleDelayMs: d(200), exportTimeoutMs: d(30000), maxQueueSize: d(queue), maxExportBatchSize: d(Math.min(512, queue)) };
  const serviceName = o.serviceName ?? 'emit-test';
  return {
    sdkDisabled: d(false),
    // A given name counts as configured (OTEL_SERVICE_NAME); without one it is the default.
    serviceName: o.serviceName ? { value: serviceName, source: { kind: 'env', name: 'OTEL_SERVICE_NAME' } } : d(serviceName),
    resourceAttributes: d({ 'service.name': serviceName, 'deployment.environment.name': 'test' }),
    propagators: d(o.propagators ?? ['tracecontext', 'baggage']),
    sampler: { name: d(o.sampler ?? 'parentbased_always_on'), ...(o.ratio !== undefined ? { ratio: d(o.ratio) } : {}) },
    logLevel: d('info'),
    spanBatch: batch,
    logBatch: batch,
    metricReader: {
      exportIntervalMs: d(60000),
      exportTimeoutMs: d(30000),
      temporality: d(o.temporality ?? 'cumulative'),
      histogramAggregation: d(o.histogramAggregation ?? 'explicit_bucket_histogram'),
    },
    traces: signalConfig('traces', o),
    metrics: signalConfig('metrics', o),
    logs: signalConfig('logs', o),
  };
}
