/**
 * Turns an exporter's error into plain words and a stable code. The same endpoint mistake looks
 * different per transport (https://opentelemetry.io/docs/specs/otlp/#protocol-details): HTTP/1.1 sent to
 * a gRPC port gets an HTTP/2 frame back ("Expected HTTP/") or a closed socket; gRPC sent to an
 * HTTP/1.1 port fails the HTTP/2 preface; auth failures are 401/403 or gRPC 16/7.
 */
import type { OtlpProtocol } from '../config/types.js';
import { describeConnectFailure } from '../net/connect-failure.js';
import { NOT_OTLP_RESPONSE } from './export-ledger.js';

export interface ExportFailure {
  code:
    | 'EXPORT_CONNECTION_REFUSED'
    | 'EXPORT_CONNECTION_LOST'
    | 'EXPORT_WRONG_PROTOCOL'
    | 'EXPORT_UNAUTHENTICATED'
    | 'EXPORT_PERMISSION_DENIED'
    | 'EXPORT_TIMEOUT'
    | 'EXPORT_DNS'
    | 'EXPORT_TLS'
    | 'EXPORT_NOT_FOUND'
    | 'EXPORT_REJECTED'
    | 'EXPORT_UNAVAILABLE'
    | 'EXPORT_CONCURRENCY_LIMIT'
    | 'EXPORT_DROPPED'
    | 'EXPORT_INTERRUPTED'
    | 'EXPORT_BAD_ENDPOINT'
    | 'EXPORT_FAILED';
  /** One line, plain words, no secrets. */
  message: string;
  hint?: string;
  /** The exporter's own error text (first line), for bug reports and --json consumers. */
  detail?: string;
}

export interface FailureContext {
  protocol: OtlpProtocol;
  url: string;
  timeoutMs: number;
}

// gRPC status codes (grpc/doc/statuscodes.md).
const GRPC = {
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

const TLS_CODES =
  /^(EPROTO|ERR_SSL_|ERR_TLS_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|CERT_)/;

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

function otherProtocolHint(context: FailureContext): string {
  return context.protocol === 'grpc'
    ? 'the port looks like an OTLP/HTTP receiver (4318): use --protocol http/protobuf, or the gRPC port (4317)'
    : 'the port looks like an OTLP/gRPC receiver (4317): use --protocol grpc, or the HTTP port (4318)';
}

export function describeExportFailure(error: unknown, context: FailureContext): ExportFailure {
  const failure = classify(error, context);
  const detail = (error as { message?: string } | undefined)?.message?.split('\n')[0];
  return detail ? { ...failure, detail } : failure;
}

function classify(error: unknown, context: FailureContext): ExportFailure {
  const err = (error ?? {}) as { message?: string; code?: unknown; details?: string; data?: string };
  const text = `${err.message ?? String(error)} ${err.details ?? ''}`;
  const host = hostOf(context.url);
  const numeric = typeof err.code === 'number' ? err.code : undefined;
  const sysCode = typeof err.code === 'string' ? err.code : (/\b(E[A-Z]+|HPE_[A-Z_]+)\b/.exec(text)?.[1] ?? '');

  if (err.code === NOT_OTLP_RESPONSE) {
    return {
      code: 'EXPORT_WRONG_PROTOCOL',
      message: `${host} answered with success, but not with an OTLP response: the data most likely went nowhere`,
      hint: 'is the endpoint an OTLP receiver? a web server or proxy answering every request looks like this',
    };
  }
  if (err.message === 'Concurrent export limit reached') {
    return {
      code: 'EXPORT_CONCURRENCY_LIMIT',
      message: 'the exporter refused the batch: 30 exports were already in flight',
      hint: 'the receiver answers too slowly for this rate',
    };
  }
  if (/Protocol "[^"]*" not supported|Invalid URL/i.test(text)) {
    return {
      code: 'EXPORT_BAD_ENDPOINT',
      message: `the endpoint ${context.url} is not an http:// or https:// URL`,
      hint: 'write the endpoint with its scheme, e.g. http://collector:4318',
    };
  }
  if (sysCode === 'ECONNREFUSED')
    return {
      code: 'EXPORT_CONNECTION_REFUSED',
      message: describeConnectFailure('refused', host),
      hint: 'is the Collector running, and is the endpoint right?',
    };
  if (sysCode === 'ENOTFOUND' || sysCode === 'EAI_AGAIN' || /Name resolution failed|DNS resolution failed/i.test(text)) {
    return { code: 'EXPORT_DNS', message: describeConnectFailure('dns', host), hint: 'check the endpoint for typos' };
  }
  if (TLS_CODES.test(sysCode) || /SSL|TLS|certificate|handshake/i.test(text)) {
    const plaintextPeer = /wrong version number|packet length too long|WRONG_VERSION_NUMBER/i.test(text);
    return {
      code: 'EXPORT_TLS',
      message: plaintextPeer
        ? `TLS handshake failed: ${host} answered in plaintext`
        : `TLS handshake with ${host} failed: ${err.message ?? text}`.trim(),
      hint: plaintextPeer
        ? 'use an http:// endpoint (or --insecure for gRPC without a scheme)'
        : 'check --certificate (CA), and --client-key/--client-certificate for mTLS',
    };
  }
  // HTTP/1.1 parser saw an HTTP/2 frame: the port speaks gRPC.
  if (sysCode.startsWith('HPE_') || /Expected HTTP\/|Parse Error/i.test(text)) {
    return {
      code: 'EXPORT_WRONG_PROTOCOL',
      message: `wrong protocol for the port: ${host} does not speak OTLP/HTTP`,
      hint: otherProtocolHint(context),
    };
  }
  // grpc-js says "Connection dropped" when an established connection closes under a call: the
  // receiver stopped or restarted (a port that does not speak gRPC fails with "Protocol error").
  if (context.protocol === 'grpc' && /Connection dropped/i.test(text)) {
    return {
      code: 'EXPORT_CONNECTION_LOST',
      message: `the connection to ${host} dropped during the export: did the receiver stop or restart?`,
      hint: 'what was in flight may or may not have arrived',
    };
  }
  if (
    context.protocol === 'grpc' &&
    (/Protocol error|HTTP\/?2|preface|Received HTTP status code|frame|Trying to connect an http1/i.test(text) ||
      (numeric === GRPC.INTERNAL && /RST_STREAM/.test(text)))
  ) {
    return {
      code: 'EXPORT_WRONG_PROTOCOL',
      message: `wrong protocol for the port: ${host} does not speak gRPC`,
      hint: otherProtocolHint(context),
    };
  }
  const plaintext = context.url.startsWith('http://');
  if (sysCode === 'ECONNRESET' || /socket hang up/i.test(text)) {
    // A TLS listener hangs up on plaintext just like a gRPC port on HTTP/1.1 can.
    const hint = plaintext ? `${otherProtocolHint(context)}; or, if it expects TLS, use an https:// endpoint` : otherProtocolHint(context);
    return {
      code: context.protocol === 'grpc' ? 'EXPORT_FAILED' : 'EXPORT_WRONG_PROTOCOL',
      message:
        context.protocol === 'grpc'
          ? `${host} closed the connection`
          : `wrong protocol for the port: ${host} closed the connection on an OTLP/HTTP request`,
      hint: context.protocol === 'grpc' ? undefined : hint,
    };
  }
  // grpc-js: the TCP connection was made but no HTTP/2 session came of it (not refused, not DNS):
  // over plaintext the usual cause is a port that expects TLS.
  if (
    context.protocol === 'grpc' &&
    plaintext &&
    numeric === GRPC.UNAVAILABLE &&
    /No connection established\. Last error: Failed to connect/i.test(text)
  ) {
    return {
      code: 'EXPORT_WRONG_PROTOCOL',
      message: `wrong protocol for the port: ${host} took the connection but no plaintext gRPC session came of it (does it expect TLS?)`,
      hint: 'use an https:// endpoint (with --certificate for a private CA) if the port serves TLS; otherwise check that it is an OTLP/gRPC port (4317)',
    };
  }
  if (/timed out|timeout|ETIMEDOUT/i.test(text) || (numeric === GRPC.DEADLINE_EXCEEDED && context.protocol === 'grpc')) {
    return {
      code: 'EXPORT_TIMEOUT',
      message: `timed out: no answer from ${host} within ${context.timeoutMs} ms`,
      hint: 'is the host reachable (firewall, wrong address)? raise --timeout if the Collector is just slow',
    };
  }
  if (context.protocol === 'grpc' && numeric !== undefined) return describeGrpcStatus(numeric, err.details ?? err.message ?? '', host);
  if (numeric !== undefined) return describeHttpStatus(numeric, err.data ?? '', context);
  if (/retryable status/i.test(text)) {
    return {
      code: 'EXPORT_UNAVAILABLE',
      message: `${host} kept answering "try again later" (HTTP 429/502/503/504) until the timeout ran out`,
      hint: 'the Collector is overloaded or a proxy in front of it is failing',
    };
  }
  return { code: 'EXPORT_FAILED', message: `export to ${host} failed: ${(err.message ?? String(error)).split('\n')[0]}` };
}

function describeGrpcStatus(code: number, details: string, host: string): ExportFailure {
  const detail = details.replace(/^\d+ [A-Z_]+: /, '');
  switch (code) {
    case GRPC.UNAUTHENTICATED:
      return {
        code: 'EXPORT_UNAUTHENTICATED',
        message: `unauthenticated: ${host} rejected the credentials (gRPC UNAUTHENTICATED)`,
        hint: 'check the authorization header (--header / OTEL_EXPORTER_OTLP_HEADERS)',
      };
    case GRPC.PERMISSION_DENIED:
      return {
        code: 'EXPORT_PERMISSION_DENIED',
        message: `permission denied by ${host} (gRPC PERMISSION_DENIED)`,
        hint: 'the credentials are valid but not allowed to write here',
      };
    case GRPC.UNAVAILABLE:
    case GRPC.RESOURCE_EXHAUSTED:
      return {
        code: 'EXPORT_UNAVAILABLE',
        message: `${host} is unavailable or throttling (gRPC ${code === GRPC.UNAVAILABLE ? 'UNAVAILABLE' : 'RESOURCE_EXHAUSTED'}): ${detail}`,
      };
    case GRPC.UNIMPLEMENTED:
    case GRPC.NOT_FOUND:
      return {
        code: 'EXPORT_NOT_FOUND',
        message: `${host} does not offer this OTLP service (gRPC ${code === GRPC.NOT_FOUND ? 'NOT_FOUND' : 'UNIMPLEMENTED'})`,
        hint: 'is this an OTLP receiver, with a pipeline for this signal?',
      };
    case GRPC.INVALID_ARGUMENT:
      return { code: 'EXPORT_REJECTED', message: `${host} rejected the data as invalid (gRPC INVALID_ARGUMENT): ${detail}` };
    default:
      return { code: 'EXPORT_FAILED', message: `export to ${host} failed (gRPC status ${code}): ${detail}` };
  }
}

function describeHttpStatus(status: number, body: string, context: FailureContext): ExportFailure {
  const host = hostOf(context.url);
  const path = (() => {
    try {
      return new URL(context.url).pathname;
    } catch {
      return context.url;
    }
  })();
  const said = body.trim() ? `: ${body.trim().slice(0, 120)}` : '';
  if (status === 401)
    return {
      code: 'EXPORT_UNAUTHENTICATED',
      message: `unauthenticated: ${host} answered HTTP 401`,
      hint: 'check the authorization header (--header / OTEL_EXPORTER_OTLP_HEADERS)',
    };
  if (status === 403)
    return {
      code: 'EXPORT_PERMISSION_DENIED',
      message: `permission denied: ${host} answered HTTP 403`,
      hint: 'the credentials are valid but not allowed to write here',
    };
  if (status === 404)
    return {
      code: 'EXPORT_NOT_FOUND',
      message: `HTTP 404: ${host} has nothing at ${path}`,
      hint: 'a signal-specific endpoint is used as given and must end in /v1/<signal>',
    };
  if (status === 405 || status === 415 || status === 400 || status === 413) {
    return { code: 'EXPORT_REJECTED', message: `${host} rejected the request with HTTP ${status}${said}` };
  }
  if (status === 429 || status >= 500)
    return { code: 'EXPORT_UNAVAILABLE', message: `${host} is unavailable or throttling (HTTP ${status})${said}` };
  return { code: 'EXPORT_FAILED', message: `export to ${host} failed with HTTP ${status}${said}` };
}
