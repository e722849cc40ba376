/**
 * The otel-proc config file, modelled on the stream processor's `TelemetryConfig` (stream-processor
 * telemetry guide, "Telemetry Configuration"): a `tracing` and a `metrics` section with the same fields as the Rust
 * structs, in camelCase, plus an optional `logs` section and a few resource-wide settings.
 * Durations are milliseconds (a number) or a string with a unit: "500ms", "5s", "1m".
 * `init` writes files in this shape; `validate` checks them against this schema.
 */
import { z } from 'zod';
import { MAX_TIMER_MS } from '../../net/timing.js';

const DURATION_PATTERN = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

const DURATION_MESSAGE = 'a duration is a whole number of milliseconds or a string like "500ms", "5s", "1m"';

/**
 * Milliseconds, or "<number><ms|s|m|h>". Every duration in the file is a timeout, delay or interval
 * the JS SDK needs greater than 0 (an exporter throws on a timeout of 0), as the OTEL_* variables
 * they stand for; and, like them, no larger than 2^31-1 ms (Node's timers give up beyond).
 */
export const durationSchema = z
  .union(
    [
      z.number().int('a duration in milliseconds must be a whole number').nonnegative('a duration cannot be negative'),
      z
        .string()
        .regex(DURATION_PATTERN, 'a duration is a number of milliseconds or a string like "500ms", "5s", "1m"')
        .transform((text) => {
          const [, amount, unit] = DURATION_PATTERN.exec(text)!;
          return Math.round(Number(amount) * UNIT_MS[unit!]!);
        }),
    ],
    { error: DURATION_MESSAGE },
  )
  .pipe(
    z
      .number()
      .positive('a duration must be greater than 0: the JS SDK refuses 0 and the default applies')
      .max(MAX_TIMER_MS, 'a duration must be at most 2147483647 ms (about 24.8 days)'),
  );

export const protocolSchema = z.enum(['grpc', 'http/protobuf', 'http/json']);

const leafSamplingSchema = z.discriminatedUnion('strategy', [
  z.strictObject({ strategy: z.literal('always_on') }),
  z.strictObject({ strategy: z.literal('always_off') }),
  z.strictObject({
    strategy: z.literal('trace_id_ratio'),
    ratio: z.number().min(0, 'a ratio is between 0 and 1').max(1, 'a ratio is between 0 and 1'),
  }),
]);

/** SamplingStrategy: AlwaysOn, AlwaysOff, TraceIdRatio { ratio }, ParentBased { root }. */
export const samplingSchema = z.discriminatedUnion('strategy', [
  ...leafSamplingSchema.options,
  z.strictObject({ strategy: z.literal('parent_based'), root: leafSamplingSchema }),
]);

const headersSchema = z.record(z.string().min(1), z.string());

/** Fields every signal section shares: where and how to export. */
const exportFields = {
  enabled: z.boolean().optional(),
  otlpEndpoint: z.string().min(1).optional(),
  otlpProtocol: protocolSchema.optional(),
  headers: headersSchema.optional(),
  timeout: durationSchema.optional(),
  compression: z.enum(['gzip', 'none']).optional(),
};

const serviceFields = {
  serviceName: z.string().min(1).optional(),
  serviceVersion: z.string().min(1).optional(),
  environment: z.string().min(1).optional(),
};

/** TraceConfig + BatchConfiguration. */
export const tracingSchema = z.strictObject({
  ...serviceFields,
  ...exportFields,
  sampling: samplingSchema.optional(),
  batchConfig: z
    .strictObject({
      maxQueueSize: z.number().int().positive().optional(),
      maxExportBatchSize: z.number().int().positive().optional(),
      scheduledDelay: durationSchema.optional(),
      exportTimeout: durationSchema.optional(),
    })
    .optional(),
});

/** MetricsConfig + ExportConfig. */
export const metricsSchema = z.strictObject({
  ...serviceFields,
  ...exportFields,
  temporality: z.enum(['cumulative', 'delta', 'lowmemory']).optional(),
  exportConfig: z
    .strictObject({
      exportInterval: durationSchema.optional(),
      exportTimeout: durationSchema.optional(),
    })
    .optional(),
});

export const logsSchema = z.strictObject({ ...exportFields });

export const otelProcConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  tracing: tracingSchema.optional(),
  metrics: metricsSchema.optional(),
  logs: logsSchema.optional(),
  resourceAttributes: z.record(z.string().min(1), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
  propagators: z.array(z.enum(['tracecontext', 'baggage', 'b3', 'b3multi', 'jaeger', 'xray', 'ottrace', 'none'])).optional(),
});

/** After validation (durations in milliseconds). */
export type OtelProcConfig = z.output<typeof otelProcConfigSchema>;

/** The keys allowed in each object of the file, for "did you mean" on unknown keys. */
export const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': Object.keys(otelProcConfigSchema.shape),
  tracing: Object.keys(tracingSchema.shape),
  metrics: Object.keys(metricsSchema.shape),
  logs: Object.keys(logsSchema.shape),
  'tracing.batchConfig': ['maxQueueSize', 'maxExportBatchSize', 'scheduledDelay', 'exportTimeout'],
  'metrics.exportConfig': ['exportInterval', 'exportTimeout'],
  'tracing.sampling': ['strategy', 'ratio', 'root'],
  'tracing.sampling.root': ['strategy', 'ratio'],
};
