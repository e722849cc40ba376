/**
 * Every code `emit` raises: notes about the run (EMIT_*) and the reason a signal's verdict failed
 * (EXPORT_*). The EXPORT_* codes come from the SDK exporter's error (sdk/export-failure.ts) or from
 * the verdict itself (dropped, timed out, interrupted); `load --engine sdk` reports the same ones.
 */
import { entry, type CatalogueEntry } from '../findings/entry.js';

export const EMIT_CATALOGUE = {
  // notes about the run
  EMIT_SDK_DISABLED: entry('warning', 'OTEL_SDK_DISABLED=true: the application sends nothing; emit sent anyway to test the path'),
  EMIT_SAMPLER_UNSUPPORTED: entry('warning', 'a sampler the JS SDK does not have: parentbased_always_on was used, as the SDK does'),
  EMIT_PROPAGATOR_UNSUPPORTED: entry('warning', 'propagators not available in the JS SDK here were skipped'),
  EMIT_LOCAL_IGNORES_TLS: entry('info', '--local: the embedded receiver speaks plaintext, so the configured certificates were not used'),
  EMIT_UNSAMPLED: entry('info', 'the sampler dropped some traces; only sampled traces are exported'),
  EMIT_PROPAGATION_LOST: entry('warning', 'the configured propagators cannot carry the trace across services'),
  EMIT_BAGGAGE_LOST: entry('warning', 'baggage did not cross service boundaries: the baggage propagator is not configured'),
  EMIT_DEFAULT_SERVICE_NAME: entry('info', 'no service name configured: emit sent under its default name'),
  EMIT_VERIFY_SKIPPED: entry('error', 'a backend was not checked because the signal was not delivered'),

  // why a signal's export failed
  EXPORT_CONNECTION_REFUSED: entry('error', 'connection refused: nothing listens on the endpoint host and port'),
  EXPORT_CONNECTION_LOST: entry('error', 'the connection dropped during the export: what was in flight may or may not have arrived'),
  EXPORT_WRONG_PROTOCOL: entry('error', 'the port speaks another protocol (gRPC against OTLP/HTTP, plaintext against TLS, or not OTLP)'),
  EXPORT_UNAUTHENTICATED: entry('error', 'the receiver rejected the credentials (HTTP 401, gRPC UNAUTHENTICATED)'),
  EXPORT_PERMISSION_DENIED: entry('error', 'the credentials are valid but not allowed to write here (HTTP 403, gRPC PERMISSION_DENIED)'),
  EXPORT_TIMEOUT: entry('error', 'no answer within the export timeout'),
  EXPORT_DNS: entry('error', 'the endpoint host name could not be resolved'),
  EXPORT_TLS: entry('error', 'the TLS handshake failed (untrusted certificate, or a plaintext peer)'),
  EXPORT_NOT_FOUND: entry('error', 'nothing at the export path (HTTP 404, gRPC NOT_FOUND or UNIMPLEMENTED)'),
  EXPORT_REJECTED: entry('error', 'the receiver rejected the data as invalid (HTTP 4xx, gRPC INVALID_ARGUMENT)'),
  EXPORT_UNAVAILABLE: entry('error', 'the receiver is unavailable or throttling (HTTP 429/5xx, gRPC UNAVAILABLE or RESOURCE_EXHAUSTED)'),
  EXPORT_CONCURRENCY_LIMIT: entry('error', 'the exporter refused the batch: too many exports were already in flight'),
  EXPORT_DROPPED: entry('error', 'the SDK dropped items before export (batch queue full)'),
  EXPORT_INTERRUPTED: entry('error', 'interrupted (Ctrl-C) before the export finished; exports still in flight are not confirmed'),
  EXPORT_BAD_ENDPOINT: entry('error', 'the endpoint is not an http:// or https:// URL'),
  EXPORT_FAILED: entry('error', 'the export failed for another reason (the message carries the status or error)'),
} as const satisfies Record<string, CatalogueEntry>;
