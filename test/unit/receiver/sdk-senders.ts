/**
 * Test helper: the official OpenTelemetry JS exporters, pointed at a receiver, plus real SDK data
 * to send (spans, metrics, log records made by the real SDK, captured in memory first so a test
 * can compare what arrived with exactly what was sent).
 */
import { context, SpanKind, SpanStatusCode, trace, type HrTime } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPLogExporter as GrpcLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPLogExporter as JsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtoLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPMetricExporter as GrpcMetricExporter } from '@opentelemetry/exporter-metrics-otlp-grpc';
import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { OTLPTraceExporter as GrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';
import {
  AggregationTemporality,
  AggregationType,
  InstrumentType,
  MeterProvider,
  MetricReader,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { OtlpProtocol } from '../../../src/config/types.js';
import type { ReceiverHandle } from '../../../src/receiver/types.js';

export const PROTOCOLS: OtlpProtocol[] = ['grpc', 'http/protobuf', 'http/json'];

interface Exporter<T> {
  export(items: T, done: (result: ExportResult) => void): void;
  shutdown(): Promise<void>;
}

export interface SenderOptions {
  gzip?: boolean;
  headers?: Record<string, string>;
  timeoutMillis?: number;
}

function endpoint(receiver: ReceiverHandle, protocol: OtlpProtocol, path: string): string {
  if (protocol === 'grpc') return `http://${receiver.host}:${receiver.ports.grpc}`;
  return `http://${receiver.host}:${receiver.ports.http}/v1/${path}`;
}

interface ExporterSettings {
  url: string;
  compression: CompressionAlgorithm;
  timeoutMillis: number;
  headers?: Record<string, string>;
  metadata?: ReturnType<typeof metadataOf>;
}

function config(receiver: ReceiverHandle, protocol: OtlpProtocol, path: string, options: SenderOptions): ExporterSettings {
  const compression = options.gzip ? CompressionAlgorithm.GZIP : CompressionAlgorithm.NONE;
  const base = { url: endpoint(receiver, protocol, path), compression, timeoutMillis: options.timeoutMillis ?? 10_000 };
  if (!options.headers) return base;
  if (protocol !== 'grpc') return { ...base, headers: options.headers };
  return { ...base, metadata: metadataOf(options.headers) };
}

async function metadataOf(headers: Record<string, string>) {
  const { Metadata } = await import('@grpc/grpc-js');
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(headers)) metadata.set(key, value);
  return metadata;
}

export async function traceExporter(
  receiver: ReceiverHandle,
  protocol: OtlpProtocol,
  options: SenderOptions = {},
): Promise<Exporter<ReadableSpan[]>> {
  const settings = config(receiver, protocol, 'traces', options);
  if (protocol === 'grpc') return new GrpcTraceExporter({ ...settings, metadata: await settings.metadata } as never);
  return protocol === 'http/json' ? new JsonTraceExporter(settings) : new ProtoTraceExporter(settings);
}

export async function metricExporter(
  receiver: ReceiverHandle,
  protocol: OtlpProtocol,
  options: SenderOptions = {},
): Promise<Exporter<ResourceMetrics>> {
  const settings = config(receiver, protocol, 'metrics', options);
  if (protocol === 'grpc') return new GrpcMetricExporter({ ...settings, metadata: await settings.metadata } as never);
  return protocol === 'http/json' ? new JsonMetricExporter(settings) : new ProtoMetricExporter(settings);
}

export async function logExporter(
  receiver: ReceiverHandle,
  protocol: OtlpProtocol,
  options: SenderOptions = {},
): Promise<Exporter<ReadableLogRecord[]>> {
  const settings = config(receiver, protocol, 'logs', options);
  if (protocol === 'grpc') return new GrpcLogExporter({ ...settings, metadata: await settings.metadata } as never);
  return protocol === 'http/json' ? new JsonLogExporter(settings) : new ProtoLogExporter(settings);
}

export function exportWith<T>(exporter: Exporter<T>, items: T): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(items, resolve));
}

export { ExportResultCode };

export function hrTimeToNanos(time: HrTime): string {
  return (BigInt(time[0]) * 1_000_000_000n + BigInt(time[1])).toString();
}

export const RESOURCE = { 'service.name': 'checkout', 'service.version': '1.2.3', 'deployment.environment.name': 'test' };

/** A small trace made by the real SDK: a server root, a client child with an event, link and error. */
export async function makeSpans(): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(RESOURCE),
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const tracer = provider.getTracer('receiver-test', '0.0.1');
  const root = tracer.startSpan('GET /orders', {
    kind: SpanKind.SERVER,
    attributes: { 'http.request.method': 'GET', 'http.response.status_code': 200 },
  });
  {
    // No context manager in a bare provider: the parent is passed explicitly.
    const parentContext = trace.setSpan(context.active(), root);
    const linkTarget = root.spanContext();
    const child = tracer.startSpan(
      'SELECT orders',
      {
        kind: SpanKind.CLIENT,
        attributes: { 'db.system.name': 'postgresql', retries: 3, ratio: 0.25, cached: false, tags: ['a', 'b'] },
        links: [{ context: linkTarget, attributes: { 'link.kind': 'follows' } }],
      },
      parentContext,
    );
    child.addEvent('exception', { 'exception.type': 'TimeoutError', 'exception.message': 'took too long' });
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'query timed out' });
    child.end();
    root.setStatus({ code: SpanStatusCode.OK });
    root.end();
  }
  await provider.forceFlush();
  const spans = memory.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

class CollectingReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/**
 * One collection of a counter, an up-down counter, a histogram and a gauge, from the real SDK.
 * `exponential` switches histograms to base-2 exponential aggregation.
 */
export async function makeMetrics(temporality = AggregationTemporality.CUMULATIVE, exponential = false): Promise<ResourceMetrics> {
  const reader = new CollectingReader({
    aggregationTemporalitySelector: () => temporality,
    aggregationSelector: (instrument) =>
      exponential && instrument === InstrumentType.HISTOGRAM
        ? { type: AggregationType.EXPONENTIAL_HISTOGRAM }
        : { type: AggregationType.DEFAULT },
  });
  const provider = new MeterProvider({ resource: resourceFromAttributes(RESOURCE), readers: [reader] });
  const meter = provider.getMeter('receiver-test', '0.0.1');
  const processed = meter.createCounter('processor.events.processed', { unit: '{event}', description: 'Events processed' });
  processed.add(5, { 'processor.stage': 'parse' });
  processed.add(7, { 'processor.stage': 'enrich' });
  meter.createUpDownCounter('processor.queue.depth').add(-3);
  const latency = meter.createHistogram('processor.latency', { unit: 'ms' });
  for (const value of [3, 12, 48, 700]) latency.record(value, { 'processor.stage': 'parse' });
  meter.createGauge('processor.lag').record(42.5);
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  return resourceMetrics;
}

export async function makeLogRecords(): Promise<ReadableLogRecord[]> {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes(RESOURCE),
    processors: [new SimpleLogRecordProcessor({ exporter: memory })],
  });
  const logger = provider.getLogger('receiver-test', '0.0.1');
  logger.emit({ severityNumber: 9, severityText: 'INFO', body: 'order accepted', attributes: { 'order.id': 'o-1', amount: 12 } });
  logger.emit({ severityNumber: 17, severityText: 'ERROR', body: { reason: 'card declined', code: 51 } });
  await provider.forceFlush();
  const records = memory.getFinishedLogRecords();
  await provider.shutdown();
  return records;
}
