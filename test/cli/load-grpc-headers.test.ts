/**
 * `otel-proc load -p grpc` with headers HTTP/2 cannot carry: the HTTP/1.1 connection headers
 * (RFC 9113 §8.2.2). Every request would fail the same way, so the run is refused as a configuration
 * error (exit 2) before anything is sent, naming the header and never its value. Over OTLP/HTTP the
 * same header is legal and the run goes ahead.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver } from '../../src/receiver/index.js';
import type { ReceiverHandle } from '../../src/receiver/types.js';
import { runCli } from '../helpers/cli.js';

let receiver: ReceiverHandle | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

const run = (receiverPorts: ReceiverHandle['ports'], protocol: 'grpc' | 'http/protobuf', header: string) =>
  runCli([
    'load',
    '-e',
    `http://127.0.0.1:${protocol === 'grpc' ? receiverPorts.grpc : receiverPorts.http}`,
    '-p',
    protocol,
    '-H',
    header,
    '--count',
    '100',
    '--no-config-search',
  ]);

describe('otel-proc load -p grpc with an HTTP/1.1 connection header', () => {
  it.each(['connection=close', 'Upgrade=h2c', 'keep-alive=timeout=5', 'transfer-encoding=chunked', 'te=gzip-s3cr3t'])(
    'refuses %s before sending anything (exit 2), naming the header but not its value',
    async (header) => {
      receiver = await startReceiver({ grpcPort: 0, httpPort: 0 });
      const result = await run(receiver.ports, 'grpc', header);
      expect(result.code).toBe(2);
      const name = header.slice(0, header.indexOf('='));
      expect(result.stderr).toContain(`HEADER_INVALID_NAME: Header "${name}" is an HTTP/1.1 connection header`);
      expect(result.stderr).not.toContain(header.slice(header.indexOf('=') + 1));
      expect(receiver.received.counts.requests).toBe(0);
    },
  );

  it('lets te=trailers through over gRPC, and connection=close over OTLP/HTTP', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0 });
    expect((await run(receiver.ports, 'grpc', 'te=trailers')).code).toBe(0);
    expect((await run(receiver.ports, 'http/protobuf', 'connection=close')).code).toBe(0);
    expect(receiver.received.spans).toHaveLength(200);
  });
});
