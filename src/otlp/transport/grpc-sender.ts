/**
 * OTLP/gRPC over node:http2 directly, with gRPC's framing done by hand
 * (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md): one HTTP/2 session multiplexes
 * every request, each body is a 5-byte prefix (compressed flag, big-endian length) plus the already
 * encoded message. Skipping grpc-js's serialisation and call machinery is what lets a single Node
 * thread approach the wire's ceiling. The session reconnects on demand after the peer goes away.
 */
import http2 from 'node:http2';
import net from 'node:net';
import tls from 'node:tls';
import { gunzipSync } from 'node:zlib';
import { classifyGrpcStatus, classifyNetworkError } from './classify.js';
import { gzipBody } from './compress.js';
import { parsePartialSuccessProto, parseRpcStatus } from './responses.js';
import { MAX_TIMER_MS } from '../../net/timing.js';
import type { ExportOutcome, Sender, SenderOptions, TlsMaterial } from './types.js';

const PATHS = {
  traces: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
  metrics: '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export',
  logs: '/opentelemetry.proto.collector.logs.v1.LogsService/Export',
} as const;

/**
 * The session's socket, opened the way http2.connect would (ALPN h2, SNI for host names), but kept
 * by us: node:http2 gives no way to destroy a session's socket once close() was called (it waits
 * for the peer's FIN, forever against a server that accepted and went silent) or while it is still
 * connecting (a dropped SYN). Holding the socket is what lets close() always end.
 */
function openSocket(authority: URL, material: TlsMaterial | undefined): net.Socket {
  const host = authority.hostname.replace(/^\[|\]$/g, '');
  const secure = authority.protocol === 'https:';
  const port = authority.port !== '' ? Number(authority.port) : secure ? 443 : 80;
  if (!secure) return net.connect({ host, port });
  return tls.connect({ host, port, ...(material ?? {}), ALPNProtocols: ['h2'], ...(net.isIP(host) ? {} : { servername: host }) });
}

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

export class GrpcSender implements Sender {
  private session: http2.ClientHttp2Session | undefined;
  private readonly path: string;
  private readonly metadata: Record<string, string>;
  private closed = false;
  private readonly sessionErrors = new WeakMap<http2.ClientHttp2Session, Error>();
  /** Every session not yet closed, including replaced ones still draining: close() ends them all. */
  private readonly sessions = new Set<http2.ClientHttp2Session>();
  private readonly sockets = new WeakMap<http2.ClientHttp2Session, net.Socket>();

  constructor(private readonly options: SenderOptions) {
    this.path = PATHS[options.signal];
    const metadata: Record<string, string> = {};
    for (const [key, value] of Object.entries(options.headers)) metadata[key.toLowerCase()] = value;
    this.metadata = metadata;
  }

  private connect(): http2.ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    let socket: net.Socket | undefined;
    const session = http2.connect(this.options.url, {
      // a generous connection window: 512-span requests are ~150 KB each and many are in flight
      settings: { initialWindowSize: 16 * 1024 * 1024 },
      createConnection: (authority: URL) => (socket = openSocket(authority, this.options.tls)),
    });
    if (socket) this.sockets.set(session, socket);
    session.on('error', (error) => {
      // Streams of a failed session close without a status; they report this error instead.
      this.sessionErrors.set(session, error);
    });
    session.on('goaway', () => session.close());
    session.on('close', () => {
      this.sessions.delete(session);
      if (this.session === session) this.session = undefined;
    });
    this.sessions.add(session);
    session.on('connect', () => session.setLocalWindowSize?.(16 * 1024 * 1024));
    this.session = session;
    return session;
  }

  async send(body: Buffer): Promise<ExportOutcome> {
    if (this.closed) return { kind: 'retryable', reason: 'closed', message: 'sender closed' };
    const gzip = this.options.compression === 'gzip';
    const payload = gzip ? await gzipBody(body) : body;
    const prefix = Buffer.allocUnsafe(5);
    prefix[0] = gzip ? 1 : 0;
    prefix.writeUInt32BE(payload.length, 1);
    return new Promise<ExportOutcome>((resolve) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (outcome: ExportOutcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      let stream: http2.ClientHttp2Stream;
      let session: http2.ClientHttp2Session;
      try {
        session = this.connect();
        stream = session.request({
          ':method': 'POST',
          ':path': this.path,
          'content-type': 'application/grpc',
          te: 'trailers',
          'grpc-timeout': grpcTimeout(this.options.timeoutMs),
          'grpc-accept-encoding': 'identity,gzip',
          ...(gzip ? { 'grpc-encoding': 'gzip' } : {}),
          'user-agent': 'otel-proc-load',
          ...this.metadata,
        });
      } catch (error) {
        finish(classifyNetworkError(error));
        return;
      }
      timer = setTimeout(
        () => {
          stream.close(http2.constants.NGHTTP2_CANCEL);
          finish({ kind: 'retryable', reason: 'timeout', message: `no answer within ${this.options.timeoutMs} ms` });
        },
        Math.min(this.options.timeoutMs, MAX_TIMER_MS),
      );
      const chunks: Buffer[] = [];
      let headers: http2.IncomingHttpHeaders = {};
      let trailers: http2.IncomingHttpHeaders = {};
      stream.on('response', (h) => (headers = h));
      stream.on('trailers', (t) => (trailers = t));
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => finish(classifyNetworkError(error)));
      stream.on('close', () => {
        if (settled) return;
        const status = headers[':status'];
        const grpcStatus = trailers['grpc-status'] ?? headers['grpc-status'];
        if (grpcStatus === undefined) {
          if (status !== undefined && Number(status) !== 200) {
            finish(classifyGrpcStatus(grpcCodeForHttpStatus(Number(status)), `HTTP ${status} without grpc-status`));
            return;
          }
          const sessionError = this.sessionErrors.get(session);
          if (sessionError) {
            finish(classifyNetworkError(sessionError));
            return;
          }
          // RST_STREAM REFUSED_STREAM means the server did not process it: safe to retry.
          const refused = stream.rstCode === http2.constants.NGHTTP2_REFUSED_STREAM;
          finish({ kind: 'retryable', reason: refused ? 'stream-refused' : 'connection-closed', message: `stream closed without a gRPC status (rst ${stream.rstCode})` });
          return;
        }
        const code = Number(grpcStatus);
        if (code !== 0) {
          const details = trailers['grpc-status-details-bin'] ?? headers['grpc-status-details-bin'];
          const status = details ? safeStatus(String(details)) : {};
          const message = decodeGrpcMessage(String(trailers['grpc-message'] ?? headers['grpc-message'] ?? status.message ?? ''));
          finish(classifyGrpcStatus(code, message, status.retryDelayMs));
          return;
        }
        try {
          const partial = parsePartialSuccessProto(unframe(Buffer.concat(chunks), String(headers['grpc-encoding'] ?? 'identity')));
          finish({ kind: 'success', rejected: partial.rejected, ...(partial.message ? { message: partial.message } : {}) });
        } catch (error) {
          // the data was accepted (status OK); an unreadable response body only loses partial-success detail
          finish({ kind: 'success', rejected: 0, message: `unreadable response: ${(error as Error).message}` });
        }
      });
      stream.write(prefix);
      stream.end(payload);
    });
  }

  async close(options: { abandon?: boolean } = {}): Promise<void> {
    this.closed = true;
    this.session = undefined;
    const open = [...this.sessions].filter((session) => !session.destroyed);
    this.sessions.clear();
    const destroy = (session: http2.ClientHttp2Session): void => {
      session.destroy();
      this.sockets.get(session)?.destroy();
    };
    if (options.abandon) {
      open.forEach(destroy);
      return;
    }
    await Promise.all(
      open.map(
        (session) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              destroy(session);
              resolve();
            }, 2000);
            session.close(() => {
              clearTimeout(timer);
              resolve();
            });
          }),
      ),
    );
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
