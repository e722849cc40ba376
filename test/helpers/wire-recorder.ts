/**
 * A plaintext listener on 127.0.0.1 port 0 that records every OTLP request as it is on the wire,
 * whatever the client speaks: HTTP/1.1 (OTLP/HTTP), HTTP/2 with prior knowledge (gRPC), or a TLS
 * ClientHello (recorded, then closed: no certificate to offer). It answers each export with an
 * empty success, so SDK exporters finish at once. Bodies are decompressed and decoded with
 * otel-proc's own OTLP decoder.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttp2Server, type ServerHttp2Stream, type IncomingHttpHeaders } from 'node:http2';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { decodeExportRequest } from '../../src/otlp/decode/index.js';
import type { ReceivedSignal } from '../../src/receiver/types.js';

export interface WireRequest {
  transport: 'http1' | 'h2' | 'tls';
  path: string;
  /** Lowercase names; pseudo-headers and hop-by-hop ones left out. */
  headers: Record<string, string>;
  signal?: ReceivedSignal;
  /** Resource attributes of the first item, when the body decoded. */
  resource?: Record<string, unknown>;
  items: number;
  decodeError?: string;
  /** The body as received, and how to read it: decoded again by decodeAs() for a path without a signal. */
  body?: Buffer;
  encoding?: 'protobuf' | 'json';
  gzip?: boolean;
}

export interface WireRecorder {
  port: number;
  requests: WireRequest[];
  close(): Promise<void>;
}

const SIGNAL_OF_PATH: Array<[RegExp, ReceivedSignal]> = [
  [/trace/i, 'traces'],
  [/metric/i, 'metrics'],
  [/log/i, 'logs'],
];

/** The signal the path ends with: `/v1/traces/v1/logs` carries logs. */
function signalOf(path: string): ReceivedSignal | undefined {
  const last = [...path.matchAll(/trace|metric|log/gi)].pop()?.[0];
  return SIGNAL_OF_PATH.find(([pattern]) => last !== undefined && pattern.test(last))?.[1];
}

const SKIPPED_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'te', 'user-agent', 'accept', 'keep-alive']);

function plainHeaders(headers: IncomingHttpHeaders | IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith(':') || SKIPPED_HEADERS.has(name) || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function decodeInto(request: WireRequest, body: Buffer, encoding: 'protobuf' | 'json', gzip: boolean): void {
  Object.assign(request, { body, encoding, gzip });
  if (request.signal) decodeAs(request, request.signal);
}

/** Decode the request's body as `signal` (for a request whose path names none, e.g. `/`). */
export function decodeAs(request: WireRequest, signal: ReceivedSignal): void {
  if (!request.body || !request.encoding) return;
  try {
    const raw = request.gzip ? gunzipSync(request.body) : request.body;
    const decoded = decodeExportRequest(signal, raw, request.encoding, request.encoding === 'json' ? 'http/json' : 'http/protobuf');
    request.items = decoded.items.length;
    request.resource = decoded.items[0]?.resource as Record<string, unknown> | undefined;
  } catch (error) {
    request.decodeError = (error as Error).message;
  }
}

export async function startWireRecorder(): Promise<WireRecorder> {
  const requests: WireRequest[] = [];
  const http1 = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const record: WireRequest = { transport: 'http1', path, headers: plainHeaders(req.headers), signal: signalOf(path), items: 0 };
      const json = (req.headers['content-type'] ?? '').includes('json');
      decodeInto(record, Buffer.concat(chunks), json ? 'json' : 'protobuf', req.headers['content-encoding'] === 'gzip');
      requests.push(record);
      res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
      res.end(json ? '{}' : Buffer.alloc(0));
    });
  });
  const h2 = createHttp2Server();
  h2.on('stream', (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const path = String(headers[':path'] ?? '/');
      const record: WireRequest = { transport: 'h2', path, headers: plainHeaders(headers), signal: signalOf(path), items: 0 };
      const body = Buffer.concat(chunks);
      // gRPC message framing: 1 byte compressed flag, 4 bytes length, then the message.
      if (body.length >= 5) decodeInto(record, body.subarray(5, 5 + body.readUInt32BE(1)), 'protobuf', body[0] === 1);
      requests.push(record);
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end(Buffer.from([0, 0, 0, 0, 0]));
    });
  });
  const front = createNetServer((socket: Socket) => {
    socket.once('readable', () => {
      const head: Buffer | null = socket.read();
      if (!head) return socket.destroy();
      socket.unshift(head);
      if (head[0] === 0x16) {
        requests.push({ transport: 'tls', path: '', headers: {}, items: 0 });
        socket.destroy();
      } else if (head.subarray(0, 3).toString('latin1') === 'PRI') h2.emit('connection', socket);
      else http1.emit('connection', socket);
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const sockets = new Set<Socket>();
  front.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    port: (front.address() as AddressInfo).port,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      http1.close();
      h2.close();
    },
  };
}
