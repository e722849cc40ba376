/**
 * Closing the gRPC sender at awkward moments: while a gzip body is still compressing (the request
 * must not go out afterwards on a connection nobody closes), and while a connection was never
 * established (a TLS handshake that gets no answer: nothing to wait for, close() ends at once).
 */
import http2 from 'node:http2';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSender } from '../../../src/otlp/transport/create-sender.js';
import type { SenderOptions } from '../../../src/otlp/transport/types.js';
import { FrameType, frameHeader, Setting, settingsFrame, windowUpdateFrame } from '../../../src/otlp/transport/h2/frames.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function options(url: string, extra: Partial<SenderOptions> = {}): SenderOptions {
  return {
    signal: 'traces',
    url,
    transport: 'grpc',
    format: 'protobuf',
    headers: {},
    timeoutMs: 5000,
    compression: 'none',
    maxConcurrency: 4,
    ...extra,
  };
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

describe('closing the gRPC sender', () => {
  it('does not send a gzip request whose compression finished after close()', async () => {
    let streams = 0;
    const sessions = new Set<http2.ServerHttp2Session>();
    const server = http2.createServer();
    server.on('session', (session) => sessions.add(session));
    server.on('stream', (stream) => {
      streams += 1;
      stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end();
    });
    const port = await listen(server);
    cleanups.push(() => {
      for (const session of sessions) session.destroy();
      server.close();
    });
    const sender = createSender(options(`http://127.0.0.1:${port}`, { compression: 'gzip' }));
    const outcome = sender.send(Buffer.alloc(100_000, 1));
    await sender.close();
    // Before the fix the body was sent once compressed, on a connection opened after close().
    expect(await outcome).toMatchObject({ kind: 'retryable', reason: 'closed' });
    expect(streams).toBe(0);
    expect(sessions.size).toBe(0);
  });

  it('ends at once a connection whose TLS handshake never got an answer, without the grace period', async () => {
    // Accepts TCP, then never says a word: the TLS client hello goes unanswered.
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    const port = await listen(server);
    cleanups.push(() => {
      for (const socket of sockets) socket.destroy();
      server.close();
    });
    const sender = createSender(options(`https://127.0.0.1:${port}`, { timeoutMs: 100 }));
    expect(await sender.send(Buffer.alloc(64))).toMatchObject({ kind: 'retryable', reason: 'timeout' });
    // Frozen timers: a close() that waited for its 2 s grace period would never resolve.
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    await sender.close();
  }, 5000);

  it('releases the socket of a connection that failed while the server had stopped reading', async () => {
    // The server opens its windows wide, reads 1 MB of a 32 MB request, stops reading, then breaks the
    // protocol (PUSH_PROMISE with push disabled). Our GOAWAY then sits behind 31 MB nobody will read.
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.write(
        Buffer.concat([settingsFrame([[Setting.INITIAL_WINDOW_SIZE, 2 ** 31 - 1]]), windowUpdateFrame(0, 2 ** 31 - 1 - 65_535)]),
      );
      let received = 0;
      socket.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received < 1_000_000 || socket.isPaused()) return;
        socket.pause();
        socket.write(Buffer.concat([frameHeader(4, FrameType.PUSH_PROMISE, 0x4, 1), Buffer.from([0, 0, 0, 2])]));
      });
    });
    const port = await listen(server);
    cleanups.push(() => {
      for (const socket of sockets) socket.destroy();
      server.close();
    });
    const connect = vi.spyOn(net, 'connect');
    const sender = createSender(options(`http://127.0.0.1:${port}`));
    expect(await sender.send(Buffer.alloc(32_000_000, 1))).toMatchObject({ kind: 'permanent', reason: 'protocol-mismatch' });
    await sender.close();
    const socket = connect.mock.results[0]!.value as net.Socket;
    // Before the fix the client's socket stayed open for good (the pool had already forgotten the
    // failed connection, so close() could not end it), and the process could not exit.
    const deadline = Date.now() + 10_000;
    while (!socket.destroyed && Date.now() < deadline) await sleep(20);
    expect(socket.destroyed).toBe(true);
  }, 15_000);
});
