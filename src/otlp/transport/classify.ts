/**
 * Classification rules of the OTLP specification (protocol/otlp.md "Failures"):
 * gRPC CANCELLED, DEADLINE_EXCEEDED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS are retryable;
 * RESOURCE_EXHAUSTED only when the server attached RetryInfo (it promises recovery); HTTP 429, 502,
 * 503, 504 are retryable, honouring Retry-After. Everything else is permanent.
 */
import type { ExportOutcome } from './types.js';

export const GRPC_CODE_NAMES = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
] as const;

const RETRYABLE_GRPC = new Set([1, 4, 10, 11, 14, 15]);
const RESOURCE_EXHAUSTED = 8;
const RETRYABLE_HTTP = new Set([429, 502, 503, 504]);

export function classifyGrpcStatus(code: number, message: string, retryDelayMs?: number): ExportOutcome {
  const name = GRPC_CODE_NAMES[code] ?? `CODE_${code}`;
  const reason = `grpc-${name.toLowerCase().replace(/_/g, '-')}`;
  const text = message ? `${name}: ${message}` : name;
  if (RETRYABLE_GRPC.has(code))
    return { kind: 'retryable', reason, message: text, ...(retryDelayMs !== undefined ? { retryAfterMs: retryDelayMs } : {}) };
  if (code === RESOURCE_EXHAUSTED && retryDelayMs !== undefined)
    return { kind: 'retryable', reason, message: text, retryAfterMs: retryDelayMs };
  return { kind: 'permanent', reason, message: text };
}

export function classifyHttpStatus(status: number, message: string | undefined, retryAfterMs?: number): ExportOutcome {
  const reason = `http-${status}`;
  const text = message ? `HTTP ${status}: ${message}` : `HTTP ${status}`;
  if (RETRYABLE_HTTP.has(status))
    return { kind: 'retryable', reason, message: text, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  return { kind: 'permanent', reason, message: text };
}

/** Socket-level failures: the server is not there (yet) or went away, which is worth retrying; TLS and protocol mismatches are not. */
export function classifyNetworkError(error: unknown): ExportOutcome {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const retryable: Record<string, string> = {
    ECONNREFUSED: 'connection-refused',
    ECONNRESET: 'connection-reset',
    EPIPE: 'connection-reset',
    ETIMEDOUT: 'timeout',
    EHOSTUNREACH: 'host-unreachable',
    ENETUNREACH: 'host-unreachable',
    EAI_AGAIN: 'dns',
    ERR_STREAM_PREMATURE_CLOSE: 'connection-closed',
  };
  if (retryable[code]) return { kind: 'retryable', reason: retryable[code]!, message };
  if (code === 'ENOTFOUND') return { kind: 'permanent', reason: 'dns', message };
  if (
    /tls|ssl|certificate|self.signed|wrong version number/i.test(message) ||
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    code.includes('CERT')
  ) {
    return { kind: 'permanent', reason: 'tls', message };
  }
  // ERR_HTTP2_PROTOCOL: our HTTP/2 client's Http2ProtocolError (a peer that breaks or does not speak HTTP/2).
  if (code === 'ERR_HTTP2_PROTOCOL' || /protocol|frame|preface|greeting|parse error/i.test(message)) {
    return { kind: 'permanent', reason: 'protocol-mismatch', message };
  }
  return { kind: 'retryable', reason: 'network', message: code ? `${code}: ${message}` : message };
}
