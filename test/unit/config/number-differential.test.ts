/**
 * Differential test for numbers the spec calls invalid but JavaScript's Number() accepts: for each
 * environment, build the objects sdk-node builds from it (BatchSpanProcessor, the log processor's
 * settings, PeriodicExportingMetricReader, an OTLP exporter) and compare what they hold with the
 * effective values our resolver reports. sdk-node reads process.env, so each case sets and restores it.
 */
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve.js';

const require = createRequire(import.meta.url);

interface SdkNumbers {
  bsp: { queue: number; batch: number; delay: number; timeout: number };
  blrp: { queue: number; batch: number; delay: number; timeout: number };
  metricInterval: number;
  metricTimeout: number;
  otlpTimeout: number;
}

/** What sdk-node itself builds from the environment (create-from-env.js, utils.js). */
function sdkNumbers(): SdkNumbers {
  const { createBatchSpanProcessorFromEnv } = require('@opentelemetry/sdk-node/build/src/create-from-env.js') as {
    createBatchSpanProcessorFromEnv(exporter: unknown): Record<string, number>;
  };
  const { getBatchLogRecordProcessorConfigFromEnv, getPeriodicExportingMetricReaderFromEnv } =
    require('@opentelemetry/sdk-node/build/src/utils.js') as {
      getBatchLogRecordProcessorConfigFromEnv(): {
        maxQueueSize?: number;
        maxExportBatchSize?: number;
        scheduledDelayMillis?: number;
        exportTimeoutMillis?: number;
      };
      getPeriodicExportingMetricReaderFromEnv(exporter: unknown): { _exportInterval: number; _exportTimeout: number };
    };
  const { BatchLogRecordProcessor } = require('@opentelemetry/sdk-logs') as {
    BatchLogRecordProcessor: new (options: object) => Record<string, number>;
  };
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as {
    OTLPTraceExporter: new () => { _delegate: { _timeout: number } };
  };
  const exporter = { export: () => undefined, shutdown: async () => undefined, forceFlush: async () => undefined };
  const bsp = createBatchSpanProcessorFromEnv(exporter);
  const blrp = new BatchLogRecordProcessor({ exporter, ...getBatchLogRecordProcessorConfigFromEnv() });
  const reader = getPeriodicExportingMetricReaderFromEnv(exporter);
  return {
    bsp: {
      queue: bsp._maxQueueSize!,
      batch: bsp._maxExportBatchSize!,
      delay: bsp._scheduledDelayMillis!,
      timeout: bsp._exportTimeoutMillis!,
    },
    blrp: {
      queue: blrp._maxQueueSize!,
      batch: blrp._maxExportBatchSize!,
      delay: blrp._scheduledDelayMillis!,
      timeout: blrp._exportTimeoutMillis!,
    },
    metricInterval: reader._exportInterval,
    metricTimeout: reader._exportTimeout,
    otlpTimeout: new OTLPTraceExporter()._delegate._timeout,
  };
}

const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

const CASES: Array<Record<string, string>> = [
  { OTEL_BSP_MAX_QUEUE_SIZE: 'Infinity' },
  { OTEL_BSP_MAX_QUEUE_SIZE: '1e309', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: 'Infinity' },
  { OTEL_BSP_SCHEDULE_DELAY: '1e309', OTEL_BSP_EXPORT_TIMEOUT: 'Infinity' },
  { OTEL_BLRP_MAX_QUEUE_SIZE: 'Infinity', OTEL_BLRP_SCHEDULE_DELAY: '-0', OTEL_BLRP_EXPORT_TIMEOUT: '0x10' },
  { OTEL_BSP_MAX_QUEUE_SIZE: '-0', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '0x10', OTEL_BSP_SCHEDULE_DELAY: '0b101' },
  { OTEL_METRIC_EXPORT_INTERVAL: 'Infinity' },
  { OTEL_METRIC_EXPORT_INTERVAL: '0x2710', OTEL_METRIC_EXPORT_TIMEOUT: '-0' },
  { OTEL_EXPORTER_OTLP_TIMEOUT: 'Infinity' },
  { OTEL_EXPORTER_OTLP_TIMEOUT: '1e309' },
  { OTEL_EXPORTER_OTLP_TIMEOUT: '-0' },
  { OTEL_EXPORTER_OTLP_TIMEOUT: '0x10' },
];

describe('numbers as the JS SDK reads them', () => {
  it.each(CASES)('%j', async (env) => {
    for (const key of Object.keys(process.env)) if (key.startsWith('OTEL_')) delete process.env[key];
    Object.assign(process.env, env);
    const sdk = sdkNumbers();
    const { config } = await resolveConfig({ env: { ...env }, cwd: process.cwd(), noConfigSearch: true });
    // The processors clamp the batch to the queue themselves; our config keeps what was set and says so (BATCH_EXCEEDS_QUEUE).
    const clamp = (batch: number, queue: number): number => Math.min(batch, queue);
    expect({
      bsp: {
        queue: config.spanBatch.maxQueueSize.value,
        batch: clamp(config.spanBatch.maxExportBatchSize.value, config.spanBatch.maxQueueSize.value),
        delay: config.spanBatch.scheduleDelayMs.value,
        timeout: config.spanBatch.exportTimeoutMs.value,
      },
      blrp: {
        queue: config.logBatch.maxQueueSize.value,
        batch: clamp(config.logBatch.maxExportBatchSize.value, config.logBatch.maxQueueSize.value),
        delay: config.logBatch.scheduleDelayMs.value,
        timeout: config.logBatch.exportTimeoutMs.value,
      },
      metricInterval: config.metricReader.exportIntervalMs.value,
      // sdk-node clamps the metric export timeout to the interval.
      metricTimeout: Math.min(config.metricReader.exportTimeoutMs.value, config.metricReader.exportIntervalMs.value),
      otlpTimeout: config.traces.timeoutMs.value,
    }).toEqual(sdk);
  });
});
