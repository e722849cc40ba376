/**
 * A collector that accepts the connection and then never says a word (a hung process, a proxy with
 * nothing behind it): close() must still release the client's socket, or the command that used the
 * sender (load, doctor) prints its report and then never exits.
 */
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSender } from '../../../src/otlp/transport/create-sender.js';
import type { SenderOptions } from '../../../src/otlp/transport/types.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  vi.useRealTimers();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Accepts connections, never reads, never writes. */
async function silentServer(): Promise<{ port: number; connected: Promise<void> }> {
  const accepted: net.Socket[] = [];
  let onConnection: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (onConnection = resolve));
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    accepted.push(socket);
    onConnection();
  });
  cleanups.push(() => {
    for (const socket of accepted) socket.destroy();
    server.close();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as net.AddressInfo).port, connected };
}

/** A traces sender to the silent server, with a timeout far beyond the test's, so only close() can end it. */
function senderTo(transport: 'grpc' | 'http', port: number): SenderOptions {
  return {
    signal: 'traces',
    url: transport === 'grpc' ? `http://127.0.0.1:${port}` : `http://127.0.0.1:${port}/v1/traces`,
    transport,
    format: 'protobuf',
    headers: {},
    timeoutMs: 60_000,
    compression: 'none',
    maxConcurrency: 2,
  };
}

const openSockets = (): number => process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;

describe.each(['grpc', 'http'] as const)('%s sender against a server that never answers', (transport) => {
  it('close() ends the pending request and releases the connection', async () => {
    const { port, connected } = await silentServer();
    const before = openSockets();
    const sender = createSender(senderTo(transport, port));
    const outcome = sender.send(Buffer.alloc(64));
    await connected;
    await sender.close();
    expect((await outcome).kind).not.toBe('success');
    // At most the server's own end of the connection is left. Before the fix the gRPC session's
    // socket stayed half-open forever, waiting for a FIN that never came (the test times out).
    const deadline = Date.now() + 10_000;
    while (openSockets() > before + 1 && Date.now() < deadline) await sleep(20);
    expect(openSockets()).toBeLessThanOrEqual(before + 1);
  });
});

describe.each(['grpc', 'http'] as const)('%s sender closed with abandon', (transport) => {
  it('ends the pending request at once, without a grace period (the drain timeout has passed)', async () => {
    const { port, connected } = await silentServer();
    const sender = createSender(senderTo(transport, port));
    const outcome = sender.send(Buffer.alloc(64));
    await connected;
    // Frozen timers: a close that waited for one (the 2 s grace period) would never resolve.
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    await sender.close({ abandon: true });
    expect((await outcome).kind).not.toBe('success');
  });
});
