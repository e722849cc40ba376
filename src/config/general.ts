/**
 * The SDK-wide settings
 * (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/#general-sdk-configuration):
 * sampler, propagators, log level, batch processors and the periodic metric reader, each as the JS SDK will
 * use it, with a diagnostic wherever the SDK ignores, clamps or replaces a value.
 */
import type { DiagnosticSink } from './diagnostics.js';
import { abbreviate, reportCaseMismatch, type EnvReader } from './env-reader.js';
import type { FileSettings } from './file-settings.js';
import { nearestValue } from './known-variables.js';
import type { BatchConfig, ConfigFlags, MetricReaderConfig, SamplerConfig, Sourced, ValueSource } from './types.js';

const DEFAULT: ValueSource = { kind: 'default' };
const def = <T>(value: T): Sourced<T> => ({ value, source: DEFAULT });

export const JS_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;
const SPEC_ONLY_SAMPLERS = ['jaeger_remote', 'parentbased_jaeger_remote', 'xray'];
export const RATIO_SAMPLERS = ['traceidratio', 'parentbased_traceidratio'];

/** OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG (sdk-node create-from-env: case-sensitive, ratio defaults to 1). */
export function resolveSampler(reader: EnvReader, file: FileSettings, flags: ConfigFlags, sink: DiagnosticSink): SamplerConfig {
  const configured: Sourced<string> =
    (flags.sampler !== undefined ? { value: flags.sampler, source: { kind: 'flag', flag: '--sampler' } } : undefined) ??
    reader.string('OTEL_TRACES_SAMPLER') ??
    file.sampler?.name ??
    def('parentbased_always_on');
  let name = configured;
  const label = sourceLabel(configured.source, 'OTEL_TRACES_SAMPLER');
  // sdk-node matches the raw value: " always_on" is an unknown sampler there.
  if (
    configured.source.kind === 'env' &&
    reader.untrimmed('OTEL_TRACES_SAMPLER', 'the sampler name does not match and parentbased_always_on is used')
  ) {
    name = { value: 'parentbased_always_on', source: configured.source };
  } else if (!(JS_SAMPLERS as readonly string[]).includes(configured.value)) {
    name = { value: 'parentbased_always_on', source: configured.source };
    if (SPEC_ONLY_SAMPLERS.includes(configured.value)) {
      sink.report(
        'SAMPLER_UNSUPPORTED_BY_JS',
        `${label}="${abbreviate(configured.value, 40)}" is in the spec, but the JS SDK does not implement it and uses parentbased_always_on.`,
        {
          source: configured.source,
          hint: 'Use parentbased_traceidratio with OTEL_TRACES_SAMPLER_ARG, or sample in the Collector.',
        },
      );
    } else if (
      !reportCaseMismatch(sink, label, configured.value, JS_SAMPLERS, configured.source, 'it uses parentbased_always_on', 'error')
    ) {
      const nearest = nearestValue(configured.value, [...JS_SAMPLERS, ...SPEC_ONLY_SAMPLERS]);
      sink.report(
        'SAMPLER_UNKNOWN',
        `${label}="${abbreviate(configured.value, 40)}" is not a sampler the JS SDK knows (it compares case-sensitively); it uses parentbased_always_on.`,
        {
          source: configured.source,
          hint: nearest ? `Did you mean "${nearest}"?` : `Use one of: ${JS_SAMPLERS.join(', ')}.`,
        },
      );
    }
  }
  const argument: Sourced<string> | undefined =
    (flags.samplerArg !== undefined ? { value: flags.samplerArg, source: { kind: 'flag', flag: '--sampler-arg' } } : undefined) ??
    reader.string('OTEL_TRACES_SAMPLER_ARG');
  if (!RATIO_SAMPLERS.includes(name.value)) {
    if (argument) {
      sink.report(
        'SAMPLER_ARG_UNUSED',
        `${sourceLabel(argument.source, 'OTEL_TRACES_SAMPLER_ARG')} is set, but the sampler ${name.value} takes no ratio; it is ignored.`,
        {
          source: argument.source,
          hint: 'Use traceidratio or parentbased_traceidratio to sample by ratio.',
        },
      );
    }
    return { name };
  }
  if (!argument) return { name, ratio: file.sampler?.ratio ?? def(1) };
  const ratio = Number(argument.value);
  const argLabel = sourceLabel(argument.source, 'OTEL_TRACES_SAMPLER_ARG');
  if (!Number.isFinite(ratio)) {
    sink.report(
      'SAMPLER_ARG_INVALID',
      `${argLabel}="${abbreviate(argument.value, 40)}" is not a number; the JS SDK samples everything (ratio 1.0).`,
      { source: argument.source, hint: 'Set a ratio between 0 and 1, e.g. 0.1.' },
    );
    return { name, ratio: { value: 1, source: argument.source } };
  }
  if (ratio < 0 || ratio > 1) {
    const percent = ratio > 1 && ratio <= 100 ? ` (a percentage? ${abbreviate(argument.value, 10)}% is ${ratio / 100})` : '';
    sink.report(
      'SAMPLER_ARG_OUT_OF_RANGE',
      `${argLabel}=${abbreviate(argument.value, 40)} is outside [0, 1]${percent}; the JS SDK samples everything (ratio 1.0).`,
      { source: argument.source, hint: 'Set a ratio between 0 and 1, e.g. 0.1.' },
    );
    return { name, ratio: { value: 1, source: argument.source } };
  }
  return { name, ratio: { value: ratio, source: argument.source } };
}

const JS_PROPAGATORS = ['tracecontext', 'baggage', 'b3', 'b3multi', 'jaeger'];
const SPEC_ONLY_PROPAGATORS: Record<string, string> = {
  xray: 'install @opentelemetry/propagator-aws-xray and register it in code',
  ottrace: 'it is deprecated in the spec; install @opentelemetry/propagator-ot-trace if you still need it',
};

/** OTEL_PROPAGATORS as sdk-node reads it: deduplicated, "none" anywhere means no propagator at all. */
export function resolvePropagators(reader: EnvReader, file: FileSettings, sink: DiagnosticSink): Sourced<string[]> {
  const configured = reader.list('OTEL_PROPAGATORS') ?? file.propagators;
  if (!configured) return def(['tracecontext', 'baggage']);
  const source = configured.source;
  const label = sourceLabel(source, 'OTEL_PROPAGATORS');
  const unique = [...new Set(configured.value)];
  if (unique.includes('none')) {
    if (unique.length > 1)
      sink.report('PROPAGATOR_NONE_MIXED', `${label} contains "none" and other propagators: the JS SDK registers no propagator at all.`, {
        source,
        hint: 'Remove "none" to propagate context.',
      });
    return { value: ['none'], source };
  }
  const usable: string[] = [];
  for (const propagator of unique) {
    if (JS_PROPAGATORS.includes(propagator)) {
      usable.push(propagator);
      if (propagator === 'jaeger')
        sink.report(
          'PROPAGATOR_DEPRECATED',
          `${label} contains "jaeger": the Jaeger propagator is deprecated (the JS SDK warns at start-up).`,
          { source, hint: 'Use "tracecontext"; Jaeger understands W3C Trace Context.' },
        );
    } else if (SPEC_ONLY_PROPAGATORS[propagator]) {
      sink.report(
        'PROPAGATOR_UNSUPPORTED_BY_JS',
        `${label} contains "${propagator}", which the JS SDK does not build in; it is skipped (${SPEC_ONLY_PROPAGATORS[propagator]}).`,
        { source },
      );
    } else if (!reportCaseMismatch(sink, label, propagator, [...JS_PROPAGATORS, 'none'], source, 'it is skipped')) {
      const nearest = nearestValue(propagator, [...JS_PROPAGATORS, ...Object.keys(SPEC_ONLY_PROPAGATORS), 'none']);
      sink.report('PROPAGATOR_UNKNOWN', `${label} contains "${abbreviate(propagator, 40)}", which is not a propagator; it is skipped.`, {
        source,
        hint: nearest ? `Did you mean "${nearest}"?` : `Use one of: ${JS_PROPAGATORS.join(', ')}.`,
      });
    }
  }
  if (usable.length === 0) {
    sink.report(
      'PROPAGATOR_UNKNOWN',
      `${label} names no usable propagator: the JS SDK registers none (it does not fall back to the default).`,
      { source },
    );
  }
  return { value: usable, source };
}

const LOG_LEVELS = ['NONE', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'VERBOSE', 'ALL'];

export function resolveLogLevel(reader: EnvReader, sink: DiagnosticSink): Sourced<string> {
  const level = reader.string('OTEL_LOG_LEVEL');
  if (!level) return def('info');
  // NodeSDK upper-cases the raw value without trimming it.
  if (reader.untrimmed('OTEL_LOG_LEVEL', 'the level is not recognised and INFO is used')) return { value: 'info', source: level.source };
  if (LOG_LEVELS.includes(level.value.toUpperCase())) return { value: level.value.toLowerCase(), source: level.source };
  const nearest = nearestValue(level.value, LOG_LEVELS);
  sink.report('LOG_LEVEL_INVALID', `OTEL_LOG_LEVEL="${abbreviate(level.value, 40)}" is not a JS log level; INFO is used.`, {
    source: level.source,
    hint: nearest ? `Did you mean "${nearest}"?` : `Use one of: ${LOG_LEVELS.join(', ')}.`,
  });
  return { value: 'info', source: level.source };
}

/** OTEL_BSP_* / OTEL_BLRP_*: sdk-node ignores values <= 0 (getNonNegativeNumberFromEnv). */
export function resolveBatch(reader: EnvReader, prefix: 'OTEL_BSP' | 'OTEL_BLRP', file: Partial<BatchConfig>): BatchConfig {
  const read = (suffix: string, duration: boolean): Sourced<number> | undefined =>
    reader.number(`${prefix}_${suffix}`, {
      mustBePositive: true,
      duration,
      consumer: duration ? 'timer' : suffix === 'MAX_QUEUE_SIZE' ? 'queue' : 'batch',
    });
  return {
    scheduleDelayMs: read('SCHEDULE_DELAY', true) ?? file.scheduleDelayMs ?? def(prefix === 'OTEL_BSP' ? 5000 : 1000),
    exportTimeoutMs: read('EXPORT_TIMEOUT', true) ?? file.exportTimeoutMs ?? def(30_000),
    maxQueueSize: read('MAX_QUEUE_SIZE', false) ?? file.maxQueueSize ?? def(2048),
    maxExportBatchSize: read('MAX_EXPORT_BATCH_SIZE', false) ?? file.maxExportBatchSize ?? def(512),
  };
}

export function resolveMetricReader(reader: EnvReader, file: Partial<MetricReaderConfig>): MetricReaderConfig {
  return {
    exportIntervalMs:
      reader.number('OTEL_METRIC_EXPORT_INTERVAL', { mustBePositive: true, duration: true, consumer: 'timer' }) ??
      file.exportIntervalMs ??
      def(60_000),
    exportTimeoutMs:
      reader.number('OTEL_METRIC_EXPORT_TIMEOUT', { mustBePositive: true, duration: true, consumer: 'timer' }) ??
      file.exportTimeoutMs ??
      def(30_000),
    // The JS metric exporters lower-case this value (but do not trim it).
    temporality:
      (reader.untrimmed('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', 'the value is not recognised and cumulative is used')
        ? undefined
        : reader.enumeration('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE', ['cumulative', 'delta', 'lowmemory'] as const, {
            caseInsensitive: true,
          })) ??
      file.temporality ??
      def('cumulative'),
    histogramAggregation:
      reader.enumeration('OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION', [
        'explicit_bucket_histogram',
        'base2_exponential_bucket_histogram',
      ] as const) ??
      file.histogramAggregation ??
      def('explicit_bucket_histogram'),
  };
}

/** Spec variables sdk-node 0.223 and its exporters never read (only the declarative-config factory does). */
const IGNORED_BY_JS: Array<[string, string]> = [
  ['OTEL_METRICS_EXEMPLAR_FILTER', 'the SDK keeps its default (trace_based)'],
  [
    'OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION',
    'histograms keep explicit buckets unless a View says otherwise (otel-proc emit and load do apply it)',
  ],
  ['OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT', 'use OTEL_SPAN_ATTRIBUTE_PER_EVENT_COUNT_LIMIT, which JS reads instead'],
  ['OTEL_LINK_ATTRIBUTE_COUNT_LIMIT', 'use OTEL_SPAN_ATTRIBUTE_PER_LINK_COUNT_LIMIT, which JS reads instead'],
];

const RESOURCE_DETECTORS = ['env', 'host', 'os', 'process', 'serviceinstance', 'all', 'none'];
const CONTRIB_DETECTORS = ['container', 'alibaba', 'aws', 'azure', 'gcp'];

/** The remaining SDK-wide enumerations, read only for their diagnostics. */
export function checkOtherGeneralVariables(reader: EnvReader, sink: DiagnosticSink): void {
  reader.enumeration('OTEL_METRICS_EXEMPLAR_FILTER', ['always_on', 'always_off', 'trace_based'] as const);
  for (const [name, effect] of IGNORED_BY_JS) {
    const variable = reader.string(name);
    if (variable)
      sink.report('VARIABLE_IGNORED_BY_JS', `${name} is in the spec, but the JS SDK (NodeSDK) does not read it: ${effect}.`, {
        source: variable.source,
      });
  }
  const detectors = reader.list('OTEL_NODE_RESOURCE_DETECTORS');
  for (const detector of detectors?.value ?? []) {
    if (RESOURCE_DETECTORS.includes(detector)) continue;
    const contrib = CONTRIB_DETECTORS.includes(detector);
    const nearest = contrib ? undefined : nearestValue(detector, RESOURCE_DETECTORS);
    sink.report(
      'RESOURCE_DETECTOR_UNKNOWN',
      `OTEL_NODE_RESOURCE_DETECTORS contains "${abbreviate(detector, 40)}", which sdk-node does not build in; it is skipped${contrib ? ' (it comes with @opentelemetry/auto-instrumentations-node)' : ''}.`,
      {
        source: detectors!.source,
        hint: nearest ? `Did you mean "${nearest}"?` : `Built in: ${RESOURCE_DETECTORS.join(', ')}.`,
      },
    );
  }
  for (const name of [
    'OTEL_ATTRIBUTE_COUNT_LIMIT',
    'OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT',
    'OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT',
    'OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT',
    'OTEL_SPAN_EVENT_COUNT_LIMIT',
    'OTEL_SPAN_LINK_COUNT_LIMIT',
    'OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT',
    'OTEL_LINK_ATTRIBUTE_COUNT_LIMIT',
    'OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT',
    'OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT',
  ]) {
    reader.number(name);
  }
}

function sourceLabel(source: ValueSource, fallback: string): string {
  if (source.kind === 'env') return source.name;
  if (source.kind === 'flag') return source.flag;
  if (source.kind === 'file') return `${source.key} (${source.path})`;
  return fallback;
}
