/**
 * Closing the gRPC sender at awkward moments: while a gzip body is still compressing (the request
 * must not go out afterwards on a connection nobody closes), and while a connection was never
 * established (a TLS handshake that gets no answer: nothing to wait for, close() ends at once).
 */
import http2 from 'node:http2';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSender } from '../../../src/otlp/transport/create-sender.js';
import type { SenderOptions } from '../../../src/otlp/transport/types.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  vi.useRealTimers();
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
});
