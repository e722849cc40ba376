/**
 * Closing the OTLP/HTTP sender while a gzip body is still compressing: the request must not go out
 * afterwards (the agent would open a new socket for it after close() destroyed the old ones).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSender } from '../../../src/otlp/transport/create-sender.js';

let server: http.Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

describe('closing the HTTP sender', () => {
  it('does not send a gzip request whose compression finished after close()', async () => {
    let requests = 0;
    server = http.createServer((request, response) => {
      requests += 1;
      request.resume().on('end', () => response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end());
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const sender = createSender({
      signal: 'traces',
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`,
      transport: 'http',
      format: 'protobuf',
      headers: {},
      timeoutMs: 5000,
      compression: 'gzip',
      maxConcurrency: 1,
    });
    const outcome = sender.send(Buffer.alloc(100_000, 1));
    await sender.close();
    expect(await outcome).toMatchObject({ kind: 'retryable', reason: 'closed' });
    expect(requests).toBe(0);
  });
});
