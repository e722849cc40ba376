/**
 * What the receiver answers to one export request, independent of transport. The gRPC and HTTP
 * front ends translate an outcome into their own status codes, following the OTLP specification's
 * equivalence (OTLP spec "OTLP/HTTP Response" and "OTLP/gRPC Response"):
 *
 *   failure             gRPC status            HTTP status   retryable by clients
 *   invalid-argument    INVALID_ARGUMENT (3)   400           no
 *   unauthenticated     UNAUTHENTICATED (16)   401           no
 *   unavailable         UNAVAILABLE (14)       503           yes (Retry-After / RetryInfo)
 *   resource-exhausted  RESOURCE_EXHAUSTED (8) 429           yes (gRPC only with RetryInfo)
 *   too-large           RESOURCE_EXHAUSTED (8) 413           no
 */
import type { FaultOptions } from './types.js';

export type FailureKind = 'invalid-argument' | 'unauthenticated' | 'unavailable' | 'resource-exhausted' | 'too-large';

export type ExportOutcome =
  | { ok: true; rejected: number; errorMessage: string }
  | { ok: false; failure: FailureKind; message: string; retryAfterSeconds?: number; injected?: boolean };

/** gRPC status codes (grpc/doc/statuscodes.md) for each failure. */
export const GRPC_CODE: Record<FailureKind, number> = {
  'invalid-argument': 3,
  unauthenticated: 16,
  unavailable: 14,
  'resource-exhausted': 8,
  'too-large': 8,
};

export const HTTP_STATUS: Record<FailureKind, number> = {
  'invalid-argument': 400,
  unauthenticated: 401,
  unavailable: 503,
  'resource-exhausted': 429,
  'too-large': 413,
};

/** --fail-with names, gRPC- or HTTP-flavoured, mapped onto the one equivalent failure. */
export function failureFromFaultName(name: NonNullable<FaultOptions['failWith']> | undefined): FailureKind {
  switch (name) {
    case 'resource-exhausted':
    case '429':
      return 'resource-exhausted';
    case 'unauthenticated':
    case '401':
      return 'unauthenticated';
    case 'unavailable':
    case '503':
    case undefined:
      return 'unavailable';
  }
}

/** Only throttling answers carry a retry delay (OTLP spec "Throttling"). */
export function carriesRetryDelay(failure: FailureKind): boolean {
  return failure === 'unavailable' || failure === 'resource-exhausted';
}
