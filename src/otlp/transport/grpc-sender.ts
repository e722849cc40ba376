/**
 * OTLP/gRPC with gRPC's framing done by hand (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md)
 * over our own HTTP/2 client (h2/): a few connections (grpc-sessions.ts) multiplex every request,
 * each body is a 5-byte prefix (compressed flag, big-endian length) plus the already encoded
 * message, and the request headers are one HPACK block encoded when the sender is made. Skipping
 * grpc-js's call machinery and node:http2's per-stream objects is what lets a single Node thread
 * approach the wire's ceiling.
 */
import { gunzipSync } from 'node:zlib';
import { classifyGrpcStatus, classifyNetworkError } from './classify.js';
import { gzipBody } from './compress.js';
import { DeadlineQueue, type Deadline } from './deadlines.js';
import { GrpcConnectionPool } from './grpc-sessions.js';
import type { Http2Connection, StreamEnd, StreamHandle } from './h2/connection.js';
import { ErrorCode, errorName } from './h2/frames.js';
import { encodeHeaderBlock, type HeaderList, InvalidHeaderError } from './h2/header-block.js';
import { parsePartialSuccessProto, parseRpcStatus } from './responses.js';
import type { ExportOutcome, Sender, SenderOptions } from './types.js';

const PATHS = {
  traces: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
  metrics: '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
  logs: '/opentelemetry.proto.collector.logs.v1.LogsService/Export',
} as const;

/** How long a connection suspected dead gets to answer a PING. */
const MAX_LIVENESS_WAIT_MS = 10_000;

/** grpc-timeout allows at most 8 digits (PROTOCOL-HTTP2.md "Timeout"): milliseconds, else seconds. */
export function grpcTimeout(ms: number): string {
  const millis = Math.max(1, Math.round(ms));
  return millis <= 99_999_999 ? `${millis}m` : `${Math.min(99_999_999, Math.ceil(millis / 1000))}S`;
}

/** gRPC's mapping of HTTP statuses seen without a grpc-status (PROTOCOL-HTTP2 / http-grpc-status-mapping.md). */
function grpcCodeForHttpStatus(status: number): number {
  if (status === 400) return 13;
  if (status === 401) return 16;
  if (status === 403) return 7;
  if (status === 404) return 12;
  if (status === 429 || status === 502 || status === 503 || status === 504) return 14;
  return 2;
}

/**
 * A stream the server reset, mapped the way gRPC maps HTTP/2 error codes (PROTOCOL-HTTP2.md
 * "Errors"): REFUSED_STREAM means the server never processed it and it is safe to retry (RFC 9113
 * §8.7), CANCEL is CANCELLED, ENHANCE_YOUR_CALM is RESOURCE_EXHAUSTED, INADEQUATE_SECURITY
 * PERMISSION_DENIED, the rest INTERNAL.
 */
export function classifyReset(code: number): ExportOutcome {
  const message = `the server reset the stream (${errorName(code)})`;
  if (code === ErrorCode.REFUSED_STREAM) return { kind: 'retryable', reason: 'stream-refused', message };
  const grpcCode =
    code === ErrorCode.CANCEL ? 1 : code === ErrorCode.ENHANCE_YOUR_CALM ? 8 : code === ErrorCode.INADEQUATE_SECURITY ? 7 : 13;
  return classifyGrpcStatus(grpcCode, message);
}

/** The request headers, pseudo-headers first (RFC 9113 §8.3); the user's metadata may replace ours. */
function requestHeaders(options: SenderOptions, gzip: boolean): Array<[string, string]> {
  const url = new URL(options.url);
  const fields: Record<string, string> = {
    'content-type': 'application/grpc',
    te: 'trailers',
    'grpc-timeout': grpcTimeout(options.timeoutMs),
    'grpc-accept-encoding': 'identity,gzip',
    ...(gzip ? { 'grpc-encoding': 'gzip' } : {}),
    'user-agent': 'otel-proc-load',
  };
  for (const [key, value] of Object.entries(options.headers)) fields[key.toLowerCase()] = value;
  // A Host header given by the user names the authority: HTTP/2 carries it as :authority (RFC 9113 §8.3.1).
  const authority = fields.host ?? url.host;
  delete fields.host;
  return [
    [':method', 'POST'],
    [':scheme', url.protocol === 'https:' ? 'https' : 'http'],
    [':path', PATHS[options.signal]],
    [':authority', authority],
    ...Object.entries(fields),
  ];
}

export class GrpcSender implements Sender {
  private readonly pool: GrpcConnectionPool;
  private readonly deadlines: DeadlineQueue;
  /** The request headers are the same for every request of a sender: encoded once. */
  private readonly block: Buffer | InvalidHeaderError;
  private readonly gzip: boolean;
  private closed = false;

  constructor(private readonly options: SenderOptions) {
    this.pool = new GrpcConnectionPool(options.url, options.tls, options.maxConcurrency);
    this.deadlines = new DeadlineQueue(options.timeoutMs);
    this.gzip = options.compression === 'gzip';
    try {
      this.block = encodeHeaderBlock(requestHeaders(options, this.gzip));
    } catch (error) {
      if (!(error instanceof InvalidHeaderError)) throw error;
      this.block = error;
    }
  }

  async send(body: Buffer): Promise<ExportOutcome> {
    if (this.closed) return { kind: 'retryable', reason: 'closed', message: 'sender closed' };
    const block = this.block;
    if (block instanceof InvalidHeaderError) return { kind: 'permanent', reason: 'invalid-header', message: block.message };
    const payload = this.gzip ? await gzipBody(body) : body;
    // close() may have come while the body was compressing: the pool would open a new connection
    // that nothing closes any more, and the request would go out after the sender said it was done.
    if (this.closed) return { kind: 'retryable', reason: 'closed', message: 'sender closed' };
    const prefix = Buffer.allocUnsafe(5);
    prefix[0] = this.gzip ? 1 : 0;
    prefix.writeUInt32BE(payload.length, 1);
    return new Promise<ExportOutcome>((resolve) => {
      let settled = false;
      let handle: StreamHandle | undefined;
      const finish = (outcome: ExportOutcome): void => {
        if (settled) return;
        settled = true;
        deadline.cancel();
        resolve(outcome);
      };
      let connection: Http2Connection | undefined;
      const deadline: Deadline = this.deadlines.add(() => {
        handle?.cancel();
        // A request that timed out may sit on a dead connection: make it prove it is alive.
        connection?.checkAlive(Math.min(this.options.timeoutMs, MAX_LIVENESS_WAIT_MS));
        finish({ kind: 'retryable', reason: 'timeout', message: `no answer within ${this.options.timeoutMs} ms` });
      });
      try {
        connection = this.pool.acquire();
        handle = connection.request(block, [prefix, payload], (end) => finish(outcomeOf(end)));
      } catch (error) {
        finish(classifyNetworkError(error));
      }
    });
  }

  async close(options: { abandon?: boolean } = {}): Promise<void> {
    this.closed = true;
    await this.pool.close({ abandon: options.abandon === true, graceMs: 2000 });
    // Whatever is still pending ends with its stream; no deadline outlives the sender.
    this.deadlines.clear();
  }
}

/** The outcome of a stream that ended on its own (not by our deadline). */
function outcomeOf(end: StreamEnd): ExportOutcome {
  if (end.kind === 'reset') return classifyReset(end.code);
  if (end.kind === 'refused') return { kind: 'retryable', reason: 'stream-refused', message: end.message };
  if (end.kind === 'closed')
    return end.error
      ? classifyNetworkError(end.error)
      : { kind: 'retryable', reason: 'connection-closed', message: 'the connection closed before the answer' };
  return responseOutcome(end.headers, end.trailers ?? {}, end.data);
}

function responseOutcome(headers: HeaderList, trailers: HeaderList, data: Buffer[]): ExportOutcome {
  const status = headers[':status'];
  const grpcStatus = trailers['grpc-status'] ?? headers['grpc-status'];
  if (grpcStatus === undefined) {
    if (status !== undefined && Number(status) !== 200)
      return classifyGrpcStatus(grpcCodeForHttpStatus(Number(status)), `HTTP ${status} without grpc-status`);
    return { kind: 'retryable', reason: 'connection-closed', message: 'the stream ended without a gRPC status' };
  }
  const code = Number(grpcStatus);
  if (code !== 0) {
    const details = trailers['grpc-status-details-bin'] ?? headers['grpc-status-details-bin'];
    const rpcStatus = details ? safeStatus(details) : {};
    const message = decodeGrpcMessage(trailers['grpc-message'] ?? headers['grpc-message'] ?? rpcStatus.message ?? '');
    return classifyGrpcStatus(code, message, rpcStatus.retryDelayMs);
  }
  try {
    const partial = parsePartialSuccessProto(
      unframe(data.length === 1 ? data[0]! : Buffer.concat(data), headers['grpc-encoding'] ?? 'identity'),
    );
    return { kind: 'success', rejected: partial.rejected, ...(partial.message ? { message: partial.message } : {}) };
  } catch (error) {
    // the data was accepted (status OK); an unreadable response body only loses partial-success detail
    return { kind: 'success', rejected: 0, message: `unreadable response: ${(error as Error).message}` };
  }
}

function safeStatus(base64: string): ReturnType<typeof parseRpcStatus> {
  try {
    return parseRpcStatus(Buffer.from(base64, 'base64'));
  } catch {
    return {};
  }
}

/** grpc-message is percent-encoded (PROTOCOL-HTTP2.md). */
function decodeGrpcMessage(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The first length-prefixed message of a gRPC response body, decompressed if flagged. */
function unframe(data: Buffer, encoding: string): Buffer {
  if (data.length < 5) return Buffer.alloc(0);
  const length = data.readUInt32BE(1);
  const message = data.subarray(5, 5 + length);
  return data[0] === 1 && encoding === 'gzip' ? gunzipSync(message) : message;
}
