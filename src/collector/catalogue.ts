/**
 * Every finding otel-proc raises about a Collector configuration: a stable code, its usual severity,
 * a one-line summary (SARIF rule text), and `refuses`: true when the Collector itself refuses to start
 * with it (`otelcol validate` fails). Those claims are checked against the real pinned Collector by
 * test/e2e/collector-honesty.test.ts; every other finding is advice and the Collector accepts it.
 */
import type { Severity } from '../config/types.js';

export interface CollectorRule {
  severity: Severity;
  summary: string;
  refuses: boolean;
  /** Which part of otel-proc raises it. */
  group: 'structure' | 'components' | 'practice' | 'cross-check';
}

function rule(group: CollectorRule['group'], severity: Severity, refuses: boolean, summary: string): CollectorRule {
  return { group, severity, refuses, summary };
}

export const COLLECTOR_CATALOGUE = {
  // The file and its shape (confmap unmarshalling)
  COLLECTOR_YAML_INVALID: rule('structure', 'error', true, 'the file is not valid YAML (syntax error or a key written twice)'),
  COLLECTOR_CONFIG_EMPTY: rule('structure', 'error', true, 'no receivers, processors, exporters, connectors or extensions at all'),
  COLLECTOR_SECTION_UNKNOWN: rule(
    'structure',
    'error',
    true,
    'a key the Collector does not know at the top level, in service or in a pipeline',
  ),
  COLLECTOR_SECTION_NOT_MAP: rule('structure', 'error', true, 'a section that must be a map (or a list of ids) has another shape'),
  COLLECTOR_ENV_UNSET: rule(
    'structure',
    'warning',
    false,
    '${env:VAR} names a variable that is not set and has no :-default; the Collector uses an empty value',
  ),
  COLLECTOR_ENV_NAME_INVALID: rule('structure', 'error', true, '${env:NAME} with a name that is not letters, digits and _'),
  COLLECTOR_PROVIDER_UNRESOLVED: rule(
    'structure',
    'info',
    false,
    'a ${file:...}, ${http:...} or other provider reference otel-proc does not follow',
  ),

  // Components and pipelines (otelcol/config.go, service/pipelines/config.go, service/internal/graph)
  COLLECTOR_RECEIVERS_MISSING: rule('components', 'error', true, 'no receiver is defined'),
  COLLECTOR_EXPORTERS_MISSING: rule('components', 'error', true, 'no exporter is defined'),
  COLLECTOR_PIPELINES_MISSING: rule('components', 'error', true, 'service.pipelines is missing or empty'),
  COLLECTOR_COMPONENT_ID_INVALID: rule(
    'components',
    'error',
    true,
    'a component id that is not type[/name] (type: a letter, then letters, digits or _)',
  ),
  COLLECTOR_COMPONENT_UNDEFINED: rule('components', 'error', true, 'a pipeline uses a component that is not defined in its section'),
  COLLECTOR_EXTENSION_UNDEFINED: rule('components', 'error', true, 'service.extensions lists an extension that is not defined'),
  COLLECTOR_COMPONENT_UNUSED: rule(
    'components',
    'warning',
    false,
    'a component is defined but no pipeline (or service.extensions) uses it: the Collector ignores it',
  ),
  COLLECTOR_DUPLICATE_ID: rule(
    'components',
    'warning',
    false,
    'the same receiver, exporter or extension is listed twice: the repeat does nothing',
  ),
  COLLECTOR_PROCESSOR_DUPLICATE: rule('components', 'error', true, 'a pipeline lists the same processor twice'),
  COLLECTOR_CONNECTOR_ID_AMBIGUOUS: rule('components', 'error', true, 'a connector has the same id as a receiver or an exporter'),
  COLLECTOR_PIPELINE_NO_RECEIVERS: rule('components', 'error', true, 'a pipeline without receivers'),
  COLLECTOR_PIPELINE_NO_EXPORTERS: rule('components', 'error', true, 'a pipeline without exporters'),
  COLLECTOR_PIPELINE_SIGNAL_INVALID: rule('components', 'error', true, 'a pipeline id whose signal is not traces, metrics or logs'),
  COLLECTOR_CONNECTOR_ONE_SIDED: rule(
    'components',
    'error',
    true,
    'a connector used only as an exporter or only as a receiver (for the signals it joins)',
  ),
  COLLECTOR_COMPONENT_TYPE_UNKNOWN: rule(
    'components',
    'error',
    true,
    'a component type the chosen Collector distribution does not contain',
  ),
  COLLECTOR_COMPONENT_SIGNAL_UNSUPPORTED: rule('components', 'error', true, 'a component in a pipeline of a signal it does not support'),
  COLLECTOR_EXPORTER_ENDPOINT_MISSING: rule('components', 'error', true, 'an OTLP exporter without an endpoint'),
  COLLECTOR_OTLP_RECEIVER_NO_PROTOCOLS: rule(
    'components',
    'error',
    true,
    'an otlp receiver with neither protocols.grpc nor protocols.http',
  ),

  // Best practice (the Collector accepts these)
  COLLECTOR_MEMORY_LIMITER_MISSING: rule('practice', 'warning', false, 'a pipeline without the memory_limiter processor'),
  COLLECTOR_MEMORY_LIMITER_NOT_FIRST: rule('practice', 'warning', false, 'memory_limiter is not the first processor of a pipeline'),
  COLLECTOR_BATCH_BEFORE_MEMORY_LIMITER: rule('practice', 'warning', false, 'batch runs before memory_limiter'),
  COLLECTOR_RECEIVER_ALL_INTERFACES: rule(
    'practice',
    'warning',
    false,
    'a receiver listens on 0.0.0.0 (every interface) for a production deployment',
  ),
  COLLECTOR_TLS_INSECURE_REMOTE: rule(
    'practice',
    'warning',
    false,
    'tls.insecure or insecure_skip_verify towards a host that is not loopback',
  ),
  COLLECTOR_DEBUG_DETAILED: rule('practice', 'warning', false, 'the debug exporter at detailed verbosity logs every item'),
  COLLECTOR_PIPELINE_NO_REAL_EXPORTER: rule(
    'practice',
    'warning',
    false,
    "a pipeline's only exporters are debug or nop: its data goes nowhere",
  ),
  COLLECTOR_EXPORTER_QUEUE_DISABLED: rule(
    'practice',
    'warning',
    false,
    'sending_queue or retry_on_failure disabled on an exporter that sends over the network',
  ),
  COLLECTOR_HEALTH_CHECK_MISSING: rule(
    'practice',
    'warning',
    false,
    'no health_check extension in service.extensions: probes and otel-proc doctor cannot ask',
  ),
  COLLECTOR_TELEMETRY_METRICS_DISABLED: rule(
    'practice',
    'warning',
    false,
    "the Collector's own metrics are off (service.telemetry.metrics.level: none)",
  ),

  // The application against the Collector
  COLLECTOR_APP_NO_RECEIVER: rule(
    'cross-check',
    'error',
    false,
    'no OTLP receiver of the Collector serves the protocol and port the app sends to',
  ),
  COLLECTOR_APP_PROTOCOL_DISABLED: rule(
    'cross-check',
    'error',
    false,
    "the app's OTLP protocol (grpc or http) is not enabled on the receiver",
  ),
  COLLECTOR_APP_PORT_MISMATCH: rule('cross-check', 'error', false, 'the app sends to a port the receiver does not listen on'),
  COLLECTOR_APP_LOCALHOST_BIND: rule(
    'cross-check',
    'error',
    false,
    'the receiver listens on localhost only (the default since Collector 0.104) but the app sends from another host',
  ),
  COLLECTOR_APP_URL_PATH_MISMATCH: rule(
    'cross-check',
    'error',
    false,
    "the app's OTLP/HTTP path differs from the receiver's traces/metrics/logs_url_path",
  ),
  COLLECTOR_APP_TLS_MISMATCH: rule('cross-check', 'error', false, 'TLS on one side only'),
  COLLECTOR_APP_AUTH_HEADER_MISSING: rule('cross-check', 'error', false, 'the receiver requires an auth header the app does not send'),
  COLLECTOR_APP_COMPRESSION_UNSUPPORTED: rule(
    'cross-check',
    'error',
    false,
    'the app compresses with an algorithm the receiver does not accept',
  ),
  COLLECTOR_APP_MESSAGE_TOO_LARGE: rule(
    'cross-check',
    'warning',
    false,
    "the app's largest batch may exceed the receiver's message size limit",
  ),
  COLLECTOR_APP_PIPELINE_MISSING: rule(
    'cross-check',
    'error',
    false,
    'the app exports a signal but no pipeline of that signal contains the receiver',
  ),
  COLLECTOR_APP_PIPELINE_NO_REAL_EXPORTER: rule(
    'cross-check',
    'warning',
    false,
    "the pipeline receiving the app's signal only exports to debug or nop",
  ),
} as const satisfies Record<string, CollectorRule>;

export type CollectorCode = keyof typeof COLLECTOR_CATALOGUE;

/** Codes whose finding means "the Collector will refuse this configuration". */
export const REFUSAL_CODES: ReadonlySet<string> = new Set(
  Object.entries(COLLECTOR_CATALOGUE)
    .filter(([, entry]) => entry.refuses)
    .map(([code]) => code),
);
