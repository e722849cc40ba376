/**
 * A web server that answers every POST with 200 and an HTML page has not accepted anything: the
 * HTTP sender (load, doctor's canary) must say it is not an OTLP receiver instead of counting success.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSender } from '../../../src/otlp/transport/create-sender.js';
import { ProtoWriter } from '../../../src/otlp/encode/proto-writer.js';
import { byCode, doctor } from '../doctor/helpers.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function answering(contentType: string, body: string): Promise<number> {
  server = createServer((request, response) => {
    request.resume().on('end', () => response.writeHead(200, { 'content-type': contentType }).end(body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const send = async (port: number) => {
  const sender = createSender({
    signal: 'traces',
    url: `http://127.0.0.1:${port}/v1/traces`,
    transport: 'http',
    format: 'protobuf',
    headers: {},
    timeoutMs: 5000,
    compression: 'none',
    maxConcurrency: 1,
  });
  try {
    return await sender.send(Buffer.from(new ProtoWriter().finish()));
  } finally {
    await sender.close();
  }
};

describe('a 2xx that is not an OTLP answer', () => {
  it('is a permanent not-otlp failure naming the content type', async () => {
    const outcome = await send(await answering('text/html; charset=utf-8', '<html><body>Welcome to nginx!</body></html>'));
    expect(outcome).toMatchObject({ kind: 'permanent', reason: 'not-otlp' });
    expect((outcome as { message: string }).message).toMatch(
      /^HTTP 200 with content type text\/html: http:\/\/127\.0\.0\.1:\d+\/v1\/traces is not an OTLP\/HTTP receiver$/,
    );
  });

  it('still counts an OTLP answer (protobuf, or JSON) as success', async () => {
    expect(await send(await answering('application/x-protobuf', ''))).toMatchObject({ kind: 'success', rejected: 0 });
    await new Promise((resolve) => server!.close(resolve));
    expect(await send(await answering('application/json', '{}'))).toMatchObject({ kind: 'success', rejected: 0 });
  });

  it('fails doctor\'s canary with a fix, instead of "accepted"', async () => {
    const port = await answering('text/html', '<html>ok</html>');
    const report = await doctor(
      {
        OTEL_SERVICE_NAME: 'not-otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      },
      { only: ['reachability', 'protocol', 'canary'] },
    );
    const traces = byCode(report, 'CANARY_NOT_OTLP').find((f) => f.target === 'traces' || f.title.startsWith('traces'));
    expect(traces?.status).toBe('fail');
    expect(traces?.hint).toMatch(/OTLP\/HTTP receiver/);
    expect(report.exitCode).toBe(1);
  });
});
