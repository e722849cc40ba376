/**
 * Every diagnostic otel-proc can raise about a configuration: a stable code, its usual severity,
 * and a one-line summary (README and `--json` consumers rely on the codes; never rename one).
 * Severity follows one rule: `error` when telemetry will not be exported as the user meant,
 * `warning` when the value is ignored, clamped or suspicious, `info` for notes worth knowing.
 */
import type { Severity } from './types.js';

interface CatalogueEntry {
  severity: Severity;
  summary: string;
}

function entry(severity: Severity, summary: string): CatalogueEntry {
  return { severity, summary };
}

export const CATALOGUE = {
  // Value typing: https://opentelemetry.io/docs/specs/otel/configuration/common/
  BOOLEAN_INVALID: entry('warning', 'a boolean that is not true/false (JS treats it as false)'),
  NUMBER_INVALID: entry('warning', 'not a number; ignored, the default applies'),
  NUMBER_NOT_INTEGER: entry('warning', 'not an integer (the spec wants integers; JS accepts it anyway)'),
  NUMBER_NEGATIVE: entry('warning', 'a negative number; ignored, the default applies'),
  NUMBER_NOT_POSITIVE: entry('warning', 'zero where JS needs a value greater than 0; the default applies'),
  NUMBER_OUT_OF_RANGE: entry('warning', 'larger than 2^31-1 (for a timer delay: Node fires it after 1 ms)'),
  NUMBER_INFINITE: entry(
    'error',
    'Infinity or a number too large for a double (1e309): JS uses Infinity, or the default where a finite value is required',
  ),
  NUMBER_NOT_DECIMAL: entry('warning', 'a hexadecimal, octal or binary number: JS reads it, the spec and other SDKs do not'),
  DURATION_LOOKS_LIKE_SECONDS: entry('warning', 'a millisecond value small enough to be meant as seconds'),
  ENUM_INVALID: entry('warning', 'a value outside the allowed set; ignored'),
  ENUM_CASE: entry('warning', 'right value, wrong case: the spec is case-insensitive, JS is not'),
  VARIABLE_IGNORED_BY_JS: entry('info', 'a spec variable the JS SDK (NodeSDK) does not read'),
  LOG_LEVEL_INVALID: entry('warning', 'OTEL_LOG_LEVEL is not a level JS knows'),
  VALUE_WHITESPACE: entry('warning', 'leading or trailing whitespace in a value the JS SDK does not trim'),

  // OTLP exporter settings: https://opentelemetry.io/docs/specs/otel/protocol/exporter/
  OTLP_PROTOCOL_INVALID: entry('error', 'not grpc, http/protobuf or http/json; JS falls back to http/protobuf'),
  OTLP_PROTOCOL_PORT_MISMATCH: entry('warning', 'HTTP on the gRPC port 4317, or gRPC on the HTTP port 4318'),
  OTLP_ENDPOINT_INVALID: entry('error', 'the endpoint is not a valid URL'),
  OTLP_ENDPOINT_NO_SCHEME: entry('warning', 'the endpoint has no http:// or https://'),
  OTLP_ENDPOINT_BAD_SCHEME: entry('error', 'the endpoint scheme is neither http nor https'),
  OTLP_ENDPOINT_DOUBLED_PATH: entry('error', 'a base endpoint already ending in /v1/<signal>: the path is doubled'),
  OTLP_ENDPOINT_QUERY: entry('error', 'a base HTTP endpoint with ?query or #fragment: v1/<signal> is appended after it, not to the path'),
  OTLP_SIGNAL_ENDPOINT_NO_PATH: entry('warning', 'a signal-specific HTTP endpoint without /v1/<signal> is used as given'),
  OTLP_GRPC_ENDPOINT_PATH: entry('warning', 'a gRPC endpoint with a path: the path is ignored'),
  OTLP_ENDPOINT_NO_PORT: entry('info', 'no port in the endpoint: the scheme default (80/443) applies'),
  OTLP_ENDPOINT_CREDENTIALS: entry('warning', 'user:password inside the endpoint URL'),
  OTLP_INSECURE_IGNORED: entry('warning', 'INSECURE has no effect here (HTTP protocol, or the endpoint has a scheme)'),
  OTLP_HTTPS_INSECURE: entry('warning', 'https:// endpoint with INSECURE=true: TLS is used anyway'),
  OTLP_CERTIFICATE_WITH_HTTP: entry('warning', 'TLS certificate settings with a plaintext http:// endpoint'),
  OTLP_CLIENT_KEY_CERT_UNPAIRED: entry('error', 'only one of client key and client certificate is set'),
  OTLP_CERTIFICATE_UNREADABLE: entry('error', 'a certificate or key file cannot be read'),
  OTLP_COMPRESSION_INVALID: entry('warning', 'compression is not gzip or none; ignored'),

  // Headers and resource attributes (W3C-baggage-like lists, percent-encoded)
  HEADER_MALFORMED: entry('error', 'a header entry without "=", with an empty key, or a bad % escape: JS drops it'),
  HEADER_EMPTY_VALUE: entry('warning', 'a header with an empty value: JS drops it'),
  HEADER_VALUE_SEMICOLON: entry('error', 'a header value containing ";": JS cuts the value there'),
  HEADER_INVALID_NAME: entry('error', 'a header name that HTTP or gRPC metadata does not allow'),
  HEADER_INVALID_VALUE: entry('error', 'a header value with characters HTTP does not allow'),
  RESOURCE_ATTRIBUTES_MALFORMED: entry('error', 'a bad OTEL_RESOURCE_ATTRIBUTES entry: JS discards the whole variable'),
  RESOURCE_ATTRIBUTE_QUOTED: entry('warning', 'a resource attribute value in quotes: the quotes become part of the value'),
  SERVICE_NAME_CONFLICT: entry('warning', 'service.name is set in two places with different values'),
  SERVICE_NAME_MISSING: entry('warning', 'no service name: the backend will show unknown_service'),

  // Samplers, propagators, exporters, processors
  SAMPLER_UNKNOWN: entry('error', 'an unknown sampler; JS uses the default parentbased_always_on'),
  SAMPLER_UNSUPPORTED_BY_JS: entry('error', 'a spec sampler the JS SDK does not implement'),
  SAMPLER_ARG_INVALID: entry('error', 'the sampler argument is not a number; JS uses 1.0'),
  SAMPLER_ARG_OUT_OF_RANGE: entry('error', 'the sampler ratio is outside [0, 1]; JS uses 1.0'),
  SAMPLER_ARG_UNUSED: entry('warning', 'a sampler argument without a ratio sampler'),
  SAMPLING_DROPS_ALL: entry('warning', 'the sampler keeps no root traces (always_off or ratio 0)'),
  PROPAGATOR_UNKNOWN: entry('warning', 'an unknown propagator; ignored'),
  PROPAGATOR_DEPRECATED: entry('warning', 'a deprecated propagator'),
  PROPAGATOR_UNSUPPORTED_BY_JS: entry('warning', 'a spec propagator the JS SDK does not build in'),
  PROPAGATOR_NONE_MIXED: entry('warning', '"none" next to other propagators: JS registers none'),
  EXPORTER_UNKNOWN: entry('error', 'an exporter name that is not known'),
  EXPORTER_DEPRECATED: entry('warning', 'a deprecated exporter name'),
  EXPORTER_REMOVED: entry('error', 'an exporter the JS SDK no longer has'),
  EXPORTER_NONE_MIXED: entry('warning', '"none" next to other exporters'),
  EXPORTER_NONE: entry('warning', 'a signal whose exporter is none: nothing is exported'),
  SDK_DISABLED: entry('warning', 'OTEL_SDK_DISABLED=true: the SDK does nothing'),
  BATCH_EXCEEDS_QUEUE: entry('warning', 'max export batch size larger than the queue; JS clamps it'),
  METRIC_TIMEOUT_EXCEEDS_INTERVAL: entry('warning', 'metric export timeout above the interval; JS clamps it'),
  RESOURCE_DETECTOR_UNKNOWN: entry('warning', 'an unknown OTEL_NODE_RESOURCE_DETECTORS entry'),

  // Environment as a whole
  ENV_NAME_TYPO: entry('warning', 'an OTEL_* name that is not a real variable, close to one that is'),
  ENV_NAME_UNKNOWN: entry('info', 'an OTEL_* name this SDK does not read'),
  ENV_NAME_OBSOLETE: entry('warning', 'a variable that was removed or renamed'),
  PROXY_CAPTURES_ENDPOINT: entry('warning', 'a proxy variable that will carry the OTLP traffic'),
  PROXY_IGNORED_BY_NODE: entry('info', 'a proxy variable Node.js 20 HTTP does not use'),

  // otel-proc config file and --env-file
  CONFIG_FILE_INVALID: entry('error', 'the otel-proc config file does not match its schema'),
  CONFIG_FILE_UNKNOWN_KEY: entry('error', 'an unknown key in the otel-proc config file'),
  CONFIG_FILE_OVERRIDDEN: entry('info', 'a config file value hidden by an environment variable or flag'),
  ENV_FILE_LINE_IGNORED: entry('warning', 'an --env-file line that is not NAME=value: skipped without a word by dotenv and Node'),
  ENV_FILE_OVERRIDDEN: entry('info', 'an --env-file variable hidden by a real environment variable'),

  // OpenTelemetry declarative configuration (OTEL_CONFIG_FILE)
  DECLARATIVE_FILE_UNREADABLE: entry('error', 'OTEL_CONFIG_FILE names a file that cannot be read or parsed'),
  DECLARATIVE_FILE_FORMAT_MISSING: entry('error', 'the declarative file has no file_format'),
  DECLARATIVE_FILE_FORMAT_UNSUPPORTED: entry('error', 'file_format major version is not 1'),
  DECLARATIVE_FILE_FORMAT_NEWER: entry('warning', 'file_format minor version newer than the JS SDK knows'),
  DECLARATIVE_SCHEMA_INVALID: entry('error', 'the declarative file does not match the OpenTelemetry schema'),
  DECLARATIVE_UNKNOWN_KEY: entry('warning', 'an unknown top-level key in the declarative file'),
  DECLARATIVE_SUBSTITUTION_INVALID: entry('error', 'a bad ${...} reference in the declarative file'),
  DECLARATIVE_SUBSTITUTION_UNSET: entry('info', 'a ${VAR} reference to an unset variable without a default'),
  DECLARATIVE_ENV_IGNORED: entry('warning', 'OTEL_* variables set but ignored because OTEL_CONFIG_FILE is set'),
  DECLARATIVE_JS_SUPPORT: entry('info', 'how the JS SDK uses OTEL_CONFIG_FILE'),
} satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof CATALOGUE;
