/**
 * The gRPC sender's HTTP/2 client against servers it did not write: node:http2 (nghttp2, C) made to
 * pad its frames, split a header block into CONTINUATION frames, ping, shrink the flow-control
 * window below the first request, reset streams with each error code, and send GOAWAY before
 * taking a stream; plus an HTTP/1.1 server, a TLS server without h2, a server that breaks the
 * protocol and one that hangs up mid-request. Each case is judged by what the server saw and by
 * the outcome the sender reports.
 */
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import tls from 'node:tls';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createSender } from '../../../src/otlp/transport/create-sender.js';
import { ProtoWriter } from '../../../src/otlp/encode/proto-writer.js';
import type { ExportOutcome, SenderOptions } from '../../../src/otlp/transport/types.js';
import { Http2Connection, type StreamEnd } from '../../../src/otlp/transport/h2/connection.js';
import { encodeHeaderBlock } from '../../../src/otlp/transport/h2/header-block.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/receiver/tls/${name}`, import.meta.url), 'utf8');
const c = http2.constants;
const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** An ExportTraceServiceResponse with partial_success { rejected_spans: 3, error_message: "too old" }, gRPC-framed. */
function partialSuccessResponse(): Buffer {
  const partial = new ProtoWriter();
  partial.varint(1, 3);
  partial.string(2, 'too old');
  const response = new ProtoWriter();
  response.bytes(1, partial.finish());
  const message = Buffer.from(response.finish());
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(message.length, 1);
  return Buffer.concat([prefix, message]);
}

interface Seen {
  headers: http2.IncomingHttpHeaders[];
  bodies: number[];
}

type Handler = (stream: http2.ServerHttp2Stream, session: http2.ServerHttp2Session) => void;

const answerOk: Handler = (stream) => {
  stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
  stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
  stream.end(partialSuccessResponse());
};

async function h2Server(handler: Handler, options: http2.ServerOptions = {}): Promise<{ port: number; seen: Seen }> {
  const seen: Seen = { headers: [], bodies: [] };
  const server = http2.createServer(options);
  server.on('stream', (stream, headers) => {
    seen.headers.push(headers);
    let size = 0;
    stream.on('data', (chunk: Buffer) => (size += chunk.length));
    stream.on('end', () => {
      seen.bodies.push(size);
      handler(stream, stream.session as http2.ServerHttp2Session);
    });
    stream.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => server.close());
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('error', () => undefined);
  });
  closers.push(() => {
    for (const session of sessions) session.destroy();
  });
  return { port: (server.address() as net.AddressInfo).port, seen };
}

function options(port: number, extra: Partial<SenderOptions> = {}): SenderOptions {
  return {
    signal: 'traces',
    url: `http://127.0.0.1:${port}`,
    transport: 'grpc',
    format: 'protobuf',
    headers: {},
    timeoutMs: 5000,
    compression: 'none',
    maxConcurrency: 4,
    ...extra,
  };
}

async function sendOnce(sender: SenderOptions, body = Buffer.alloc(100_000, 7)): Promise<ExportOutcome> {
  const client = createSender(sender);
  try {
    return await client.send(body);
  } finally {
    await client.close();
  }
}

describe('the HTTP/2 client against node:http2', () => {
  it('reads padded frames, trailers and partial success, and sends the body and metadata whole', async () => {
    const { port, seen } = await h2Server(answerOk, { paddingStrategy: c.PADDING_STRATEGY_MAX });
    const outcome = await sendOnce(
      options(port, {
        headers: { 'X-Tenant': 'blue', authorization: 'Bearer t0k3n', 'x-long': 'v'.repeat(300), 'x-huge': 'h'.repeat(40_000) },
      }),
    );
    expect(outcome).toEqual({ kind: 'success', rejected: 3, message: 'too old' });
    expect(seen.bodies).toEqual([100_005]);
    expect(seen.headers[0]).toMatchObject({
      ':method': 'POST',
      ':path': '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
      ':authority': `127.0.0.1:${port}`,
      'content-type': 'application/grpc',
      te: 'trailers',
      'x-tenant': 'blue',
      authorization: 'Bearer t0k3n',
      // A length past the 7-bit prefix, and a block larger than a frame: HEADERS plus CONTINUATION.
      'x-long': 'v'.repeat(300),
      'x-huge': 'h'.repeat(40_000),
    });
  });

  it('hands over a padded response body byte for byte, padding removed', async () => {
    const body = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));
    const { port } = await h2Server(
      (stream) => {
        stream.respond({ ':status': 200 });
        stream.end(body);
      },
      { paddingStrategy: c.PADDING_STRATEGY_MAX },
    );
    const connection = new Http2Connection({ host: '127.0.0.1', port, secure: false });
    try {
      const block = encodeHeaderBlock([
        [':method', 'POST'],
        [':scheme', 'http'],
        [':path', '/echo'],
        [':authority', `127.0.0.1:${port}`],
      ]);
      const end = await new Promise<StreamEnd>((resolve) => connection.request(block, [Buffer.from('hi')], resolve));
      expect(end.kind).toBe('response');
      expect(Buffer.concat((end as { data: Buffer[] }).data).equals(body)).toBe(true);
    } finally {
      connection.destroy();
    }
  });

  it('sends a Host header given as metadata as :authority, not beside it', async () => {
    const { port, seen } = await h2Server(answerOk);
    expect(await sendOnce(options(port, { headers: { Host: 'collector.internal:4317' } }))).toMatchObject({ kind: 'success' });
    expect(seen.headers[0]![':authority']).toBe('collector.internal:4317');
    expect(seen.headers[0]!.host).toBeUndefined();
  });

  it('decodes a response header block split over CONTINUATION frames, and keeps the table in step after it', async () => {
    // 40 KB of headers do not fit one 16 KB frame; the dynamic table then carries entries into the next answers.
    const big = 'x'.repeat(40_000);
    const { port } = await h2Server((stream) => {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'x-big': big }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0', 'x-echo': 'same' }));
      stream.end(partialSuccessResponse());
    });
    const client = createSender(options(port));
    try {
      for (let i = 0; i < 5; i++) expect(await client.send(Buffer.alloc(10, i))).toMatchObject({ kind: 'success', rejected: 3 });
    } finally {
      await client.close();
    }
  });

  it('answers the server’s PING while a request waits', async () => {
    let pinged: Promise<boolean> | undefined;
    const { port } = await h2Server((stream, session) => {
      pinged = new Promise((resolve) => session.ping((error) => resolve(error === null)));
      void pinged.then(() => answerOk(stream, session));
    });
    expect(await sendOnce(options(port))).toMatchObject({ kind: 'success' });
    expect(await pinged).toBe(true);
  });

  it('sends a body far larger than a server window of 100 bytes, waiting for each WINDOW_UPDATE', async () => {
    const { port, seen } = await h2Server(answerOk, { settings: { initialWindowSize: 100 } });
    const client = createSender(options(port));
    try {
      const outcomes = await Promise.all([0, 1, 2].map((i) => client.send(Buffer.alloc(70_000, i))));
      expect(outcomes.map((o) => o.kind)).toEqual(['success', 'success', 'success']);
      expect(seen.bodies).toEqual([70_005, 70_005, 70_005]);
    } finally {
      await client.close();
    }
  });

  it.each([
    [c.NGHTTP2_REFUSED_STREAM, { kind: 'retryable', reason: 'stream-refused' }],
    [c.NGHTTP2_CANCEL, { kind: 'retryable', reason: 'grpc-cancelled' }],
    [c.NGHTTP2_ENHANCE_YOUR_CALM, { kind: 'permanent', reason: 'grpc-resource-exhausted' }],
    [c.NGHTTP2_INTERNAL_ERROR, { kind: 'permanent', reason: 'grpc-internal' }],
  ])('maps RST_STREAM code %i the way gRPC does', async (code, expected) => {
    const { port } = await h2Server((stream) => stream.close(code));
    expect(await sendOnce(options(port))).toMatchObject(expected);
  });

  it('retries streams past the last one a GOAWAY took, elsewhere, and loses none', async () => {
    // Every connection processes its first stream, then says GOAWAY naming it as the last one taken;
    // later streams on that connection are not processed (they are refused, as nghttp2 would not).
    const lastTaken = new WeakMap<http2.ServerHttp2Session, number>();
    let processed = 0;
    const { port } = await h2Server((stream, session) => {
      const last = lastTaken.get(session);
      if (last !== undefined && stream.id! > last) {
        stream.close(c.NGHTTP2_REFUSED_STREAM);
        return;
      }
      lastTaken.set(session, stream.id!);
      session.goaway(c.NGHTTP2_NO_ERROR, stream.id!);
      processed += 1;
      answerOk(stream, session);
    });
    const client = createSender(options(port, { maxConcurrency: 1 }));
    try {
      const outcomes = await Promise.all([0, 1, 2, 3].map((i) => client.send(Buffer.alloc(1000, i))));
      // A refused stream is retryable and was never processed: the server processed only the ones that succeeded.
      for (const outcome of outcomes) expect(['success', 'retryable']).toContain(outcome.kind);
      for (const outcome of outcomes.filter((o) => o.kind === 'retryable')) expect(outcome).toMatchObject({ reason: 'stream-refused' });
      expect(outcomes.filter((o) => o.kind === 'retryable').length).toBeGreaterThan(0);
      expect(processed).toBe(outcomes.filter((o) => o.kind === 'success').length);
      // A new connection takes the next request.
      expect(await client.send(Buffer.alloc(10))).toMatchObject({ kind: 'success' });
    } finally {
      await client.close();
    }
  });
});

describe('the HTTP/2 client against servers that do not speak it', () => {
  it('says an HTTP/1.1 server is a protocol mismatch', async () => {
    const server = http.createServer((_request, response) => response.end('hello'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => server.close());
    const outcome = await sendOnce(options((server.address() as net.AddressInfo).port));
    expect(outcome).toMatchObject({ kind: 'permanent', reason: 'protocol-mismatch' });
    expect((outcome as { message: string }).message).toMatch(/HTTP\/1/);
  });

  it('says a TLS server that does not offer h2 is not a gRPC endpoint', async () => {
    // No ALPN at all: the handshake succeeds and only the negotiated protocol tells.
    const server = tls.createServer({ cert: fixture('server.crt'), key: fixture('server.key') }, (socket) =>
      socket.on('error', () => undefined),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => server.close());
    const port = (server.address() as net.AddressInfo).port;
    const outcome = await sendOnce(options(port, { url: `https://127.0.0.1:${port}`, tls: { ca: fixture('ca.crt') } }));
    expect(outcome.kind).toBe('permanent');
    expect((outcome as { message: string }).message).toMatch(/ALPN/);
  });

  it('says "use https://" when a TLS port drops a plaintext client, and keeps it retryable', async () => {
    const server = http2.createSecureServer({ cert: fixture('server.crt'), key: fixture('server.key') });
    server.on('stream', (stream) => answerOk(stream, stream.session as http2.ServerHttp2Session));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => server.close());
    const outcome = await sendOnce(options((server.address() as net.AddressInfo).port));
    expect(outcome.kind).toBe('retryable');
    expect((outcome as { message: string }).message).toMatch(/if this port speaks TLS, use https:\/\//);
  });

  it('fails the request for good when the server breaks the protocol (PUSH_PROMISE after push was disabled)', async () => {
    const { port } = await rawServer((socket) => {
      socket.write(Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]));
      socket.write(Buffer.from([0, 0, 4, 5, 4, 0, 0, 0, 1, 0, 0, 0, 2]));
    });
    expect(await sendOnce(options(port))).toMatchObject({ kind: 'permanent', reason: 'protocol-mismatch' });
  });

  it('reports a server that hangs up mid-request as retryable, within the deadline', async () => {
    const { port } = await rawServer((socket) => {
      socket.write(Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]));
      socket.once('data', () => socket.destroy());
    });
    const outcome = await sendOnce(options(port));
    expect(outcome.kind).toBe('retryable');
    expect(['connection-closed', 'connection-reset']).toContain((outcome as { reason: string }).reason);
  });

  it('replaces a connection that went silent after a request timed out on it', async () => {
    // Accepts, says SETTINGS, then never answers anything again: not even a PING.
    const closedSockets: Array<Promise<unknown>> = [];
    let connections = 0;
    const { port } = await rawServer((socket) => {
      connections += 1;
      closedSockets.push(new Promise((resolve) => socket.once('close', resolve)));
      socket.write(Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]));
    });
    const client = createSender(options(port, { timeoutMs: 200, maxConcurrency: 1 }));
    try {
      expect(await client.send(Buffer.alloc(10))).toMatchObject({ kind: 'retryable', reason: 'timeout' });
      // The unanswered liveness PING fails the connection: its socket closes without waiting for TCP.
      await closedSockets[0];
      expect(await client.send(Buffer.alloc(10))).toMatchObject({ kind: 'retryable', reason: 'timeout' });
      expect(connections).toBe(2);
    } finally {
      await client.close();
    }
  }, 5000);

  it('refuses a header value HTTP/2 does not allow, without quoting it', async () => {
    const outcome = await sendOnce(options(1, { headers: { authorization: 'Bearer s3cr3t\r\ninjected: yes' } }));
    expect(outcome).toMatchObject({ kind: 'permanent', reason: 'invalid-header' });
    expect(JSON.stringify(outcome)).not.toContain('s3cr3t');
  });
});

/** A TCP server that runs `onConnection` for each client, after reading its preface. */
async function rawServer(onConnection: (socket: net.Socket) => void): Promise<{ port: number }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', () => onConnection(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return { port: (server.address() as net.AddressInfo).port };
}
