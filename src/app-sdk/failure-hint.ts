/**
 * Turns the error a NodeSDK exporter got into the cause and the setting to change, so the app-sdk
 * finding stands on its own (also under `doctor --only app-sdk`, when no other check ran). The
 * application reads only its environment, so every fix names an OTEL_* variable, never a flag.
 *
 * The texts matched are the SDK's and its transports' own:
 * - OTLP/HTTP: the status text of the response (otlp-exporter-base http-transport-utils.ts) or
 *   Node's socket error (`connect ECONNREFUSED`, `Parse Error` when the port answers in HTTP/2).
 * - gRPC: `<code> <NAME>: <details>` from grpc-js (status codes:
 *   https://grpc.github.io/grpc/core/md_doc_statuscodes.html), where an HTTP/1.1 port shows up as
 *   `Protocol error` of the HTTP/2 session.
 */
import type { OtlpProtocol, Signal, SignalExportConfig, ValueSource } from '../config/types.js';

export type FailureCause = 'unauthenticated' | 'refused' | 'protocol-mismatch' | 'not-found';

export interface FailureHint {
  cause: FailureCause;
  fix: string;
}

// OTLP/HTTP answers 401/403 (https://opentelemetry.io/docs/specs/otlp/#failures-1); gRPC 16/7.
const UNAUTHENTICATED = /\bUNAUTHENTICATED\b|\bPERMISSION_DENIED\b|\bUnauthorized\b|\bForbidden\b|\b40[13]\b/i;
const REFUSED = /\bECONNREFUSED\b/;
const GRPC_TO_HTTP1 = /\bProtocol error\b/;
const HTTP1_TO_HTTP2 = /\bParse Error\b|\bHPE_INVALID_CONSTANT\b/;
const NOT_FOUND = /\bNot Found\b|\b404\b|\bUNIMPLEMENTED\b/;

/** The variable the app's value came from (its settings are environment only), else the general one. */
function variableOf(source: ValueSource, fallback: string): string {
  return source.kind === 'env' ? source.name : fallback;
}

export function failureHint(
  signal: Signal,
  protocol: OtlpProtocol | undefined,
  error: string,
  app: SignalExportConfig,
): FailureHint | undefined {
  const upper = signal.toUpperCase();
  const endpointVariable = variableOf(app.endpoint.source, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (UNAUTHENTICATED.test(error)) {
    return {
      cause: 'unauthenticated',
      fix: `The server wants credentials your app does not send: give the app OTEL_EXPORTER_OTLP_HEADERS="authorization=Bearer <token>" (or OTEL_EXPORTER_OTLP_${upper}_HEADERS for ${signal} alone).`,
    };
  }
  if (REFUSED.test(error)) {
    return {
      cause: 'refused',
      fix: `Nothing listens there: start the collector, or point ${endpointVariable} at its OTLP port (4317 gRPC, 4318 HTTP).`,
    };
  }
  if (protocol === 'grpc' && GRPC_TO_HTTP1.test(error)) {
    return {
      cause: 'protocol-mismatch',
      fix: `The port does not speak gRPC (an OTLP/HTTP port?): set ${variableOf(app.protocol.source, 'OTEL_EXPORTER_OTLP_PROTOCOL')}=http/protobuf, or point ${endpointVariable} at the collector's gRPC port (4317).`,
    };
  }
  if (protocol !== 'grpc' && protocol !== undefined && HTTP1_TO_HTTP2.test(error)) {
    return {
      cause: 'protocol-mismatch',
      fix: `The port answers in HTTP/2, not OTLP/HTTP (a gRPC port?): set ${variableOf(app.protocol.source, 'OTEL_EXPORTER_OTLP_PROTOCOL')}=grpc, or point ${endpointVariable} at the collector's OTLP/HTTP port (4318).`,
    };
  }
  if (NOT_FOUND.test(error)) {
    return {
      cause: 'not-found',
      fix:
        protocol === 'grpc'
          ? `The server has no OTLP ${signal} service: enable the otlp receiver in a ${signal} pipeline of the collector.`
          : `Nothing serves this path: OTLP/HTTP paths are /v1/traces, /v1/metrics and /v1/logs (a ${endpointVariable} is used as given when it is signal-specific).`,
    };
  }
  return undefined;
}
