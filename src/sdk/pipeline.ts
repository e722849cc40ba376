/**
 * The real OpenTelemetry JS SDK pipeline built from an EffectiveConfig: tracer providers (one per
 * service, each with its own resource, so multi-service traces look like separate processes),
 * a meter provider and a logger provider, with OTLP exporters wrapped by the export ledger.
 * Shared by emit, doctor and load's SDK engine.
 *
 * flush() and shutdown() are bounded: an endpoint that never answers cannot hold the command
 * beyond the exporter timeout plus a margin. Nothing is registered globally, so several pipelines
 * (and tests) can live in one process.
 */
import type { Tracer } from '@opentelemetry/api';
import type { Logger } from '@opentelemetry/api-logs';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricReader,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { BatchConfig, EffectiveConfig, Signal } from '../config/types.js';
import { captureExports, createExportLedger, exportsSettled, type ExportLedger } from './export-ledger.js';
import { abortAgents, createAgentRegistry, createLogExporter, createMetricExporter, createSpanExporter } from './exporters.js';
import { FlushMetricReader } from './flush-metric-reader.js';
import { buildPropagator, type BuiltPropagator } from './propagators.js';
import { buildResource } from './resource.js';
import { buildSampler, type BuiltSampler } from './sampler.js';
import { MAX_TIMER_MS } from '../net/timing.js';

export const INSTRUMENTATION_SCOPE = { name: 'otel-proc', version: '0.1.0' } as const;

export interface SdkPipelineOptions {
  /** Signals to build providers for; the others stay undefined. */
  signals: readonly Signal[];
  ledger?: ExportLedger;
  /** 'periodic' (the app's behaviour, OTEL_METRIC_EXPORT_INTERVAL) or 'on-flush' (one export per flush). */
  metricExport?: 'periodic' | 'on-flush';
  /** Extra time flush/shutdown wait beyond the exporters' own timeouts. Default 5000 ms. */
  marginMs?: number;
}

export interface SdkPipeline {
  config: EffectiveConfig;
  ledger: ExportLedger;
  sampler: BuiltSampler;
  propagator: BuiltPropagator;
  /** A tracer whose spans carry the resource of `service` (default: the configured service). */
  tracer(service?: string): Tracer;
  /** A logger whose records carry the resource of `service` (default: the configured service). */
  logger(service?: string): Logger;
  meterProvider?: MeterProvider;
  loggerProvider?: LoggerProvider;
  /** Export everything buffered; resolves `false` if the deadline passed first. */
  flush(): Promise<boolean>;
  /**
   * Export what one signal has buffered (e.g. to keep a burst within the batch queue, which drops
   * items when full); resolves `false` if the deadline passed first. Metrics: a collection and export.
   */
  flushSignal(signal: Signal): Promise<boolean>;
  /** Flush, stop and close every exporter; idempotent; resolves `false` if the deadline passed first. */
  shutdown(): Promise<boolean>;
  /**
   * Abandon in-flight exports (Ctrl-C): destroy the HTTP sockets and close the gRPC channels, so
   * nothing keeps the process alive until an export timeout. Follow with shutdown().
   */
  abort(): void;
}

function bufferConfig(batch: BatchConfig) {
  // Spec: max export batch size must not exceed the queue; the JS SDK clamps the same way.
  const maxQueueSize = Math.max(1, batch.maxQueueSize.value);
  return {
    maxQueueSize,
    maxExportBatchSize: Math.min(Math.max(1, batch.maxExportBatchSize.value), maxQueueSize),
    scheduledDelayMillis: batch.scheduleDelayMs.value,
    exportTimeoutMillis: batch.exportTimeoutMs.value,
  };
}

/**
 * Resolve to true when `work` settles in time, false when the deadline passes first; never rejects.
 * The deadline is capped at the longest timer Node holds: beyond it setTimeout fires after 1 ms, and
 * an OTEL_EXPORTER_OTLP_TIMEOUT of 3e9 (which the JS exporter truncates and honours) would read as
 * every flush timing out at once.
 */
export async function withDeadline(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.min(ms, MAX_TIMER_MS));
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const countSpans = (spans: ReadableSpan[]): number => spans.length;
const countLogs = (records: ReadableLogRecord[]): number => records.length;
const countPoints = (metrics: ResourceMetrics): number =>
  metrics.scopeMetrics.reduce((n, scope) => n + scope.metrics.reduce((m, metric) => m + metric.dataPoints.length, 0), 0);

export function createSdkPipeline(config: EffectiveConfig, options: SdkPipelineOptions): SdkPipeline {
  const ledger = options.ledger ?? createExportLedger();
  const sampler = buildSampler(config.sampler);
  const propagator = buildPropagator(config.propagators.value);
  const wants = (signal: Signal): boolean => options.signals.includes(signal);
  const tracerProviders = new Map<string, BasicTracerProvider>();
  const timeouts = options.signals.map((s) => config[s].timeoutMs.value);
  const marginMs = options.marginMs ?? 5000;
  // Each export may retry until its own timeout, and the batch processors export one batch after another.
  const budgetMs = Math.max(0, ...timeouts) + marginMs;

  const agents = createAgentRegistry();
  const exporters: object[] = [];
  const track = <T extends object>(exporter: T): T => {
    exporters.push(exporter);
    return exporter;
  };

  const providerFor = (service: string): BasicTracerProvider => {
    let provider = tracerProviders.get(service);
    if (!provider) {
      const exporter = captureExports<ReadableSpan[], SpanExporter>(
        'traces',
        track(createSpanExporter(config.traces, agents)),
        countSpans,
        ledger,
      );
      provider = new BasicTracerProvider({
        resource: buildResource(config, service === config.serviceName.value ? {} : { 'service.name': service }),
        sampler: sampler.sampler,
        spanProcessors: [new BatchSpanProcessor(exporter, bufferConfig(config.spanBatch))],
      });
      tracerProviders.set(service, provider);
    }
    return provider;
  };

  let meterProvider: MeterProvider | undefined;
  if (wants('metrics')) {
    const exporter = captureExports<ResourceMetrics, PushMetricExporter>(
      'metrics',
      track(createMetricExporter(config.metrics, config.metricReader, agents)),
      countPoints,
      ledger,
    );
    const timeoutMs = Math.min(config.metricReader.exportTimeoutMs.value, config.metricReader.exportIntervalMs.value);
    const reader: MetricReader =
      options.metricExport === 'on-flush'
        ? new FlushMetricReader(exporter, timeoutMs)
        : new PeriodicExportingMetricReader({
            exporter,
            exportIntervalMillis: config.metricReader.exportIntervalMs.value,
            exportTimeoutMillis: timeoutMs,
          });
    meterProvider = new MeterProvider({ resource: buildResource(config), readers: [reader] });
  }

  const loggerProviders = new Map<string, LoggerProvider>();
  const loggerProviderFor = (service: string): LoggerProvider => {
    let provider = loggerProviders.get(service);
    if (!provider) {
      const exporter = captureExports<ReadableLogRecord[], LogRecordExporter>(
        'logs',
        track(createLogExporter(config.logs, agents)),
        countLogs,
        ledger,
      );
      provider = new LoggerProvider({
        resource: buildResource(config, service === config.serviceName.value ? {} : { 'service.name': service }),
        processors: [new BatchLogRecordProcessor({ exporter, ...bufferConfig(config.logBatch) })],
      });
      loggerProviders.set(service, provider);
    }
    return provider;
  };
  const loggerProvider = wants('logs') ? loggerProviderFor(config.serviceName.value) : undefined;

  // Create the main tracer provider eagerly so a bad TLS file fails before anything is recorded.
  if (wants('traces')) providerFor(config.serviceName.value);

  let shutdownResult: Promise<boolean> | undefined;
  const forceFlush = (signal?: Signal): Promise<unknown> =>
    Promise.allSettled([
      ...(signal === undefined || signal === 'traces' ? [...tracerProviders.values()].map((p) => p.forceFlush()) : []),
      ...(signal === undefined || signal === 'metrics' ? [meterProvider?.forceFlush()] : []),
      ...(signal === undefined || signal === 'logs' ? [...loggerProviders.values()].map((p) => p.forceFlush()) : []),
    ]);
  // The BatchSpanProcessor exports a full batch on its own, and its forceFlush() exports only what
  // is still queued without waiting for that export (@opentelemetry/sdk-trace
  // BatchSpanProcessorBase._flushAll). Over gRPC the first export also opens the channel, so the
  // flush's small last batch could finish first, and a report written then missed the full one.
  // So flushing also waits for every export in flight (the ledger sees each one), then flushes what
  // the processors queued meanwhile, until nothing is queued or in flight.
  const flushUntilSettled = async (signal?: Signal): Promise<void> => {
    await forceFlush(signal);
    while ([...ledger.pending].some((p) => signal === undefined || p.signal === signal)) {
      await exportsSettled(ledger, signal);
      await forceFlush(signal);
    }
  };

  return {
    config,
    ledger,
    sampler,
    propagator,
    tracer(service = config.serviceName.value) {
      if (!wants('traces')) throw new Error('this pipeline was built without traces');
      return providerFor(service).getTracer(INSTRUMENTATION_SCOPE.name, INSTRUMENTATION_SCOPE.version);
    },
    logger(service = config.serviceName.value) {
      if (!wants('logs')) throw new Error('this pipeline was built without logs');
      return loggerProviderFor(service).getLogger(INSTRUMENTATION_SCOPE.name, INSTRUMENTATION_SCOPE.version);
    },
    meterProvider,
    loggerProvider,
    flush: () => withDeadline(flushUntilSettled(), budgetMs),
    flushSignal: (signal) => withDeadline(flushUntilSettled(signal), budgetMs),
    abort() {
      // Destroys the HTTP sockets and cancels the gRPC calls in flight (closing a grpc-js channel
      // alone would let an active call run on until the server answers or its deadline passes).
      abortAgents(agents);
      // The OTLP exporters keep their transport in `_delegate._transport`; its shutdown closes the
      // gRPC channel, so later exports fail at once. (HTTP transports have nothing more to close.)
      for (const exporter of exporters) {
        const transport = (exporter as { _delegate?: { _transport?: { shutdown?: () => void } } })._delegate?._transport;
        try {
          transport?.shutdown?.();
        } catch {
          // already closed
        }
      }
    },
    shutdown() {
      shutdownResult ??= withDeadline(
        Promise.allSettled([
          ...[...tracerProviders.values()].map((p) => p.shutdown()),
          meterProvider?.shutdown(),
          ...[...loggerProviders.values()].map((p) => p.shutdown()),
        ]),
        budgetMs,
      );
      return shutdownResult;
    },
  };
}
