/**
 * Every code `load` reports: why items failed (LOAD_FAILED_*) and what held the generator below its
 * target rate (LOAD_SHORTFALL_*). The report counts them by reason, the kebab-case string the
 * transport gives (`connection-refused`, `grpc-unavailable`, `http-503`); `loadCodeOf` names the
 * code of a reason. The OTLP failure rules are those of the spec:
 * https://opentelemetry.io/docs/specs/otlp/#failures. With `--engine sdk` failures carry the SDK
 * exporter's EXPORT_* codes (the emit catalogue).
 */
import { entry, type CatalogueEntry } from '../findings/entry.js';

export const LOAD_CATALOGUE = {
  // socket and session failures (otlp/transport/classify.ts and the senders)
  LOAD_FAILED_CONNECTION_REFUSED: entry('error', 'connection refused: nothing listens on the endpoint (retried, then counted failed)'),
  LOAD_FAILED_CONNECTION_RESET: entry('error', 'the peer reset the connection (ECONNRESET, EPIPE)'),
  LOAD_FAILED_CONNECTION_CLOSED: entry('error', 'the HTTP/2 session or stream closed under the request (GOAWAY, cancel, premature close)'),
  LOAD_FAILED_STREAM_REFUSED: entry('error', 'the gRPC server refused the stream (REFUSED_STREAM)'),
  LOAD_FAILED_HOST_UNREACHABLE: entry('error', 'no route to the endpoint host'),
  LOAD_FAILED_DNS: entry('error', 'the endpoint host name could not be resolved'),
  LOAD_FAILED_TLS: entry('error', 'the TLS handshake failed'),
  LOAD_FAILED_PROTOCOL_MISMATCH: entry('error', 'the port speaks another protocol than the one configured'),
  LOAD_FAILED_NOT_OTLP: entry('error', 'the HTTP answer is not from an OTLP/HTTP receiver (wrong content type)'),
  LOAD_FAILED_INVALID_HEADER: entry(
    'error',
    'a configured header HTTP/2 cannot carry: no gRPC request was sent (the configuration check refuses it first)',
  ),
  LOAD_FAILED_NETWORK: entry('error', 'another socket error'),
  LOAD_FAILED_TIMEOUT: entry('error', 'no answer within the request timeout'),
  LOAD_FAILED_CLOSED: entry('error', 'the sender was closed at the end of the run with the request unanswered'),
  LOAD_FAILED_DRAIN_TIMEOUT: entry('error', 'not delivered (or a retry still pending) when the drain timeout ran out'),
  LOAD_FAILED_HTTP_STATUS: entry('error', 'the OTLP/HTTP receiver answered with an error status (the report names it, e.g. http-503)'),

  // gRPC status codes (grpc/doc/statuscodes.md); retryable ones only after the retries ran out
  LOAD_FAILED_GRPC_CANCELLED: entry('error', 'gRPC CANCELLED'),
  LOAD_FAILED_GRPC_UNKNOWN: entry('error', 'gRPC UNKNOWN'),
  LOAD_FAILED_GRPC_INVALID_ARGUMENT: entry('error', 'gRPC INVALID_ARGUMENT: the receiver rejected the data as invalid'),
  LOAD_FAILED_GRPC_DEADLINE_EXCEEDED: entry('error', 'gRPC DEADLINE_EXCEEDED'),
  LOAD_FAILED_GRPC_NOT_FOUND: entry('error', 'gRPC NOT_FOUND'),
  LOAD_FAILED_GRPC_ALREADY_EXISTS: entry('error', 'gRPC ALREADY_EXISTS'),
  LOAD_FAILED_GRPC_PERMISSION_DENIED: entry('error', 'gRPC PERMISSION_DENIED: the credentials may not write here'),
  LOAD_FAILED_GRPC_RESOURCE_EXHAUSTED: entry('error', 'gRPC RESOURCE_EXHAUSTED: the receiver is out of capacity'),
  LOAD_FAILED_GRPC_FAILED_PRECONDITION: entry('error', 'gRPC FAILED_PRECONDITION'),
  LOAD_FAILED_GRPC_ABORTED: entry('error', 'gRPC ABORTED'),
  LOAD_FAILED_GRPC_OUT_OF_RANGE: entry('error', 'gRPC OUT_OF_RANGE'),
  LOAD_FAILED_GRPC_UNIMPLEMENTED: entry('error', 'gRPC UNIMPLEMENTED: no OTLP service for this signal at the endpoint'),
  LOAD_FAILED_GRPC_INTERNAL: entry('error', 'gRPC INTERNAL'),
  LOAD_FAILED_GRPC_UNAVAILABLE: entry('error', 'gRPC UNAVAILABLE: the receiver cannot take data now'),
  LOAD_FAILED_GRPC_DATA_LOSS: entry('error', 'gRPC DATA_LOSS'),
  LOAD_FAILED_GRPC_UNAUTHENTICATED: entry('error', 'gRPC UNAUTHENTICATED: missing or wrong credentials'),

  // what limited the generator below its target (load/types.ts LimitReason)
  LOAD_SHORTFALL_CPU_BOUND: entry('warning', 'the generator could not keep up with the target rate (CPU-bound)'),
  LOAD_SHORTFALL_IN_FLIGHT_LIMIT: entry('warning', 'every request slot was busy waiting for answers (the in-flight limit)'),
  LOAD_SHORTFALL_SERVER_BACKPRESSURE: entry('warning', 'the server asked to slow down (RetryInfo, Retry-After, or retryable errors)'),
} as const satisfies Record<string, CatalogueEntry>;

const SHORTFALL_REASONS = new Set(['cpu-bound', 'in-flight-limit', 'server-backpressure']);

/**
 * The code of a reason as the load report counts it: `grpc-unavailable` is LOAD_FAILED_GRPC_UNAVAILABLE,
 * `http-503` LOAD_FAILED_HTTP_STATUS, `cpu-bound` LOAD_SHORTFALL_CPU_BOUND, and the SDK engine's
 * `export-timeout` the emit catalogue's EXPORT_TIMEOUT. Undefined for a reason no catalogue names.
 */
export function loadCodeOf(reason: string): string | undefined {
  const upper = reason.toUpperCase().replace(/-/g, '_');
  if (upper.startsWith('EXPORT_')) return upper;
  const code = SHORTFALL_REASONS.has(reason)
    ? `LOAD_SHORTFALL_${upper}`
    : /^http-\d+$/.test(reason)
      ? 'LOAD_FAILED_HTTP_STATUS'
      : `LOAD_FAILED_${upper}`;
  return code in LOAD_CATALOGUE ? code : undefined;
}
