/**
 * OTLP/gRPC over node:http2 directly, with gRPC's framing done by hand
 * (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md): a few HTTP/2 sessions
 * (grpc-sessions.ts) multiplex every request, each body is a 5-byte prefix (compressed flag,
 * big-endian length) plus the already encoded message. Skipping grpc-js's serialisation and call
 * machinery is what lets a single Node thread approach the wire's ceiling.
 */
import http2 from 'node:http2';
import { gunzipSync } from 'node:zlib';
import { classifyGrpcStatus, classifyNetworkError } from './classify.js';
import { gzipBody } from './compress.js';
import { DeadlineQueue, type Deadline } from './deadlines.js';
import { GrpcSessionPool, type PooledSession } from './grpc-sessions.js';
import { parsePartialSuccessProto, parseRpcStatus } from './responses.js';
import type { ExportOutcome, Sender, SenderOptions } from './types.js';

const PATHS = {
  traces: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
  metrics: '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
  logs: '/opentelemetry.proto.collector.logs.v1.LogsService/Export',
} as const;

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
 * A stream the server reset (RST_STREAM, or GOAWAY for streams past its last stream id), mapped
 * the way gRPC maps HTTP/2 error codes (PROTOCOL-HTTP2.md "Errors"): REFUSED_STREAM means the
 * server never processed it and it is safe to retry (RFC 9113 §8.7), CANCEL is CANCELLED,
 * ENHANCE_YOUR_CALM is RESOURCE_EXHAUSTED, INADEQUATE_SECURITY PERMISSION_DENIED, the rest INTERNAL.
 */
export function classifyStreamError(error: Error, rstCode: number | undefined): ExportOutcome {
  if ((error as { code?: string }).code !== 'ERR_HTTP2_STREAM_ERROR' || rstCode === undefined) return classifyNetworkError(error);
  const c = http2.constants;
  if (rstCode === c.NGHTTP2_REFUSED_STREAM)
    return { kind: 'retryable', reason: 'stream-refused', message: `the server refused the stream (${error.message})` };
  const grpcCode =
    rstCode === c.NGHTTP2_CANCEL ? 1 : rstCode === c.NGHTTP2_ENHANCE_YOUR_CALM ? 8 : rstCode === c.NGHTTP2_INADEQUATE_SECURITY ? 7 : 13;
  return classifyGrpcStatus(grpcCode, error.message);
}

export class GrpcSender implements Sender {
  private readonly pool: GrpcSessionPool;
  private readonly deadlines: DeadlineQueue;
  /** The request headers are the same for every request of a sender: built once. */
  private readonly headers: http2.OutgoingHttpHeaders;
  private readonly gzip: boolean;
  private closed = false;

  constructor(private readonly options: SenderOptions) {
    this.pool = new GrpcSessionPool(options.url, options.tls, options.maxConcurrency);
    this.deadlines = new DeadlineQueue(options.timeoutMs);
    this.gzip = options.compression === 'gzip';
    const metadata: Record<string, string> = {};
    for (const [key, value] of Object.entries(options.headers)) metadata[key.toLowerCase()] = value;
    this.headers = {
      ':method': 'POST',
      ':path': PATHS[options.signal],
      'content-type': 'application/grpc',
      te: 'trailers',
      'grpc-timeout': grpcTimeout(options.timeoutMs),
      'grpc-accept-encoding': 'identity,gzip',
      ...(this.gzip ? { 'grpc-encoding': 'gzip' } : {}),
      'user-agent': 'otel-proc-load',
      ...metadata,
    };
  }

  async send(body: Buffer): Promise<ExportOutcome> {
    if (this.closed) return { kind: 'retryable', reason: 'closed', message: 'sender closed' };
    const payload = this.gzip ? await gzipBody(body) : body;
    const prefix = Buffer.allocUnsafe(5);
    prefix[0] = this.gzip ? 1 : 0;
    prefix.writeUInt32BE(payload.length, 1);
    return new Promise<ExportOutcome>((resolve) => {
      let settled = false;
      let deadline: Deadline | undefined;
      const finish = (outcome: ExportOutcome): void => {
        if (settled) return;
        settled = true;
        deadline?.cancel();
        resolve(outcome);
      };
      let stream: http2.ClientHttp2Stream;
      let pooled: PooledSession;
      try {
        pooled = this.pool.acquire();
        stream = pooled.session.request(this.headers);
      } catch (error) {
        finish(classifyNetworkError(error));
        return;
      }
      pooled.active += 1;
      deadline = this.deadlines.add(() => {
        stream.close(http2.constants.NGHTTP2_CANCEL);
        finish({ kind: 'retryable', reason: 'timeout', message: `no answer within ${this.options.timeoutMs} ms` });
      });
      const chunks: Buffer[] = [];
      let headers: http2.IncomingHttpHeaders = {};
      let trailers: http2.IncomingHttpHeaders = {};
      stream.on('response', (h) => (headers = h));
      stream.on('trailers', (t) => (trailers = t));
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => finish(classifyStreamError(error, stream.rstCode)));
      stream.on('close', () => {
        pooled.active -= 1;
        if (!settled) finish(this.outcomeOf(stream, headers, trailers, chunks, pooled.error));
      });
      // One write of prefix and message: they leave in full DATA frames, not a 5-byte frame first.
      stream.cork();
      stream.write(prefix);
      stream.end(payload);
    });
  }

  /** The outcome of a stream that closed on its own (not by our deadline). */
  private outcomeOf(
    stream: http2.ClientHttp2Stream,
    headers: http2.IncomingHttpHeaders,
    trailers: http2.IncomingHttpHeaders,
    chunks: Buffer[],
    sessionError: Error | undefined,
  ): ExportOutcome {
    const status = headers[':status'];
    const grpcStatus = trailers['grpc-status'] ?? headers['grpc-status'];
    if (grpcStatus === undefined) {
      if (status !== undefined && Number(status) !== 200)
        return classifyGrpcStatus(grpcCodeForHttpStatus(Number(status)), `HTTP ${status} without grpc-status`);
      // Streams of a failed session close without a status; they report the session's error instead.
      if (sessionError) return classifyNetworkError(sessionError);
      // RST_STREAM REFUSED_STREAM means the server did not process it: safe to retry.
      const refused = stream.rstCode === http2.constants.NGHTTP2_REFUSED_STREAM;
      return {
        kind: 'retryable',
        reason: refused ? 'stream-refused' : 'connection-closed',
        message: `stream closed without a gRPC status (rst ${stream.rstCode})`,
      };
    }
    const code = Number(grpcStatus);
    if (code !== 0) {
      const details = trailers['grpc-status-details-bin'] ?? headers['grpc-status-details-bin'];
      const rpcStatus = details ? safeStatus(String(details)) : {};
      const message = decodeGrpcMessage(String(trailers['grpc-message'] ?? headers['grpc-message'] ?? rpcStatus.message ?? ''));
      return classifyGrpcStatus(code, message, rpcStatus.retryDelayMs);
    }
    try {
      const partial = parsePartialSuccessProto(
        unframe(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), String(headers['grpc-encoding'] ?? 'identity')),
      );
      return { kind: 'success', rejected: partial.rejected, ...(partial.message ? { message: partial.message } : {}) };
    } catch (error) {
      // the data was accepted (status OK); an unreadable response body only loses partial-success detail
      return { kind: 'success', rejected: 0, message: `unreadable response: ${(error as Error).message}` };
    }
  }

  async close(options: { abandon?: boolean } = {}): Promise<void> {
    this.closed = true;
    await this.pool.close({ abandon: options.abandon === true, graceMs: 2000 });
    // Whatever is still pending ends with its stream ('close' settles it); no deadline outlives the sender.
    this.deadlines.clear();
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
