/**
 * The OTEL_* variable names the spec (and the JS SDK) define, so that a name nobody reads can be
 * reported, with the nearest real name when it looks like a typo, and removed names can be named.
 * Sources (specification v1.60): https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/ and
 * https://opentelemetry.io/docs/specs/otel/protocol/exporter/, and opentelemetry-js.
 */
import { distance } from 'fastest-levenshtein';

const OTLP_OPTIONS = [
  'ENDPOINT',
  'PROTOCOL',
  'HEADERS',
  'TIMEOUT',
  'COMPRESSION',
  'INSECURE',
  'CERTIFICATE',
  'CLIENT_KEY',
  'CLIENT_CERTIFICATE',
];

function otlpNames(): string[] {
  const names: string[] = [];
  for (const option of OTLP_OPTIONS) {
    names.push(`OTEL_EXPORTER_OTLP_${option}`);
    for (const signal of ['TRACES', 'METRICS', 'LOGS']) names.push(`OTEL_EXPORTER_OTLP_${signal}_${option}`);
  }
  return names;
}

function batchNames(prefix: string): string[] {
  return ['SCHEDULE_DELAY', 'EXPORT_TIMEOUT', 'MAX_QUEUE_SIZE', 'MAX_EXPORT_BATCH_SIZE'].map((n) => `${prefix}_${n}`);
}

export const KNOWN_VARIABLES: ReadonlySet<string> = new Set([
  'OTEL_SDK_DISABLED',
  'OTEL_SERVICE_NAME',
  'OTEL_RESOURCE_ATTRIBUTES',
  'OTEL_LOG_LEVEL',
  'OTEL_PROPAGATORS',
  'OTEL_TRACES_SAMPLER',
  'OTEL_TRACES_SAMPLER_ARG',
  ...batchNames('OTEL_BSP'),
  ...batchNames('OTEL_BLRP'),
  'OTEL_METRIC_EXPORT_INTERVAL',
  'OTEL_METRIC_EXPORT_TIMEOUT',
  'OTEL_METRICS_EXEMPLAR_FILTER',
  'OTEL_TRACES_EXPORTER',
  'OTEL_METRICS_EXPORTER',
  'OTEL_LOGS_EXPORTER',
  'OTEL_ATTRIBUTE_COUNT_LIMIT',
  'OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT',
  'OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT',
  'OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT',
  'OTEL_SPAN_EVENT_COUNT_LIMIT',
  'OTEL_SPAN_LINK_COUNT_LIMIT',
  'OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT',
  'OTEL_LINK_ATTRIBUTE_COUNT_LIMIT',
  'OTEL_SPAN_ATTRIBUTE_PER_EVENT_COUNT_LIMIT',
  'OTEL_SPAN_ATTRIBUTE_PER_LINK_COUNT_LIMIT',
  'OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT',
  'OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT',
  'OTEL_CONFIG_FILE',
  'OTEL_NODE_RESOURCE_DETECTORS',
  'OTEL_NODE_DISABLED_INSTRUMENTATIONS',
  'OTEL_NODE_ENABLED_INSTRUMENTATIONS',
  'OTEL_NODE_EXPERIMENTAL_SDK_METRICS',
  'OTEL_SEMCONV_STABILITY_OPT_IN',
  'OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE',
  'OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION',
  'OTEL_EXPORTER_ZIPKIN_ENDPOINT',
  'OTEL_EXPORTER_ZIPKIN_TIMEOUT',
  'OTEL_EXPORTER_PROMETHEUS_HOST',
  'OTEL_EXPORTER_PROMETHEUS_PORT',
  'OTEL_EXPORTER_CONSOLE_FORMAT',
  ...otlpNames(),
]);

/** Names that used to mean something; what to use now. */
export const OBSOLETE_VARIABLES: ReadonlyArray<{ pattern: RegExp; replacement: string }> = [
  {
    pattern: /^OTEL_EXPORTER_JAEGER_/,
    replacement: 'the OTLP exporter (OTEL_EXPORTER_OTLP_*): Jaeger accepts OTLP natively, and JS removed the Jaeger exporter',
  },
  { pattern: /^OTEL_EXPORTER_OTLP_SPAN_INSECURE$/, replacement: 'OTEL_EXPORTER_OTLP_TRACES_INSECURE' },
  { pattern: /^OTEL_EXPORTER_OTLP_METRIC_INSECURE$/, replacement: 'OTEL_EXPORTER_OTLP_METRICS_INSECURE' },
  { pattern: /^OTEL_EXPERIMENTAL_CONFIG_FILE$/, replacement: 'OTEL_CONFIG_FILE' },
  { pattern: /^OTEL_EXPORTER_OTLP_SPAN_/, replacement: 'OTEL_EXPORTER_OTLP_TRACES_*' },
  { pattern: /^OTEL_EXPORTER_OTLP_METRIC_/, replacement: 'OTEL_EXPORTER_OTLP_METRICS_*' },
  { pattern: /^OTEL_EXPORTER_OTLP_LOG_/, replacement: 'OTEL_EXPORTER_OTLP_LOGS_*' },
];

/** Names that other OpenTelemetry distributions read; not typos, but not read by this SDK either. */
const FOREIGN_PREFIXES = [
  'OTEL_INSTRUMENTATION_',
  'OTEL_JAVAAGENT_',
  'OTEL_PYTHON_',
  'OTEL_DOTNET_',
  'OTEL_GO_',
  'OTEL_PHP_',
  'OTEL_RUBY_',
  'OTEL_BSP_EXPORT_',
  'OTEL_COLLECTOR_',
];

export function isForeignVariable(name: string): boolean {
  return FOREIGN_PREFIXES.some((prefix) => name.startsWith(prefix));
}

export function obsoleteReplacement(name: string): string | undefined {
  return OBSOLETE_VARIABLES.find((obsolete) => obsolete.pattern.test(name))?.replacement;
}

/**
 * The nearest known name, when close enough to be a typo: edit distance scaled to the name's length
 * catches OTEL_TRACE_EXPORTER and OTEL_SERVICENAME; a shared signal-insensitive core catches
 * OTEL_EXPORTER_OTLP_HEADER (a missing S) as well.
 */
export function nearestName(name: string, candidates: Iterable<string> = KNOWN_VARIABLES): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(2, Math.floor(name.length / 6));
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}

/** The nearest allowed value of an enumeration (for "did you mean"). */
export function nearestValue(value: string, allowed: readonly string[]): string | undefined {
  const lower = value.toLowerCase();
  const exact = allowed.find((candidate) => candidate.toLowerCase() === lower);
  if (exact) return exact;
  // `http` for `http/protobuf`: a prefix is a better hint than the nearest by edit distance.
  const prefixed = lower.length >= 3 ? allowed.find((candidate) => candidate.toLowerCase().startsWith(lower)) : undefined;
  if (prefixed) return prefixed;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of allowed) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(value.length / 3)) ? best : undefined;
}
