/**
 * Every transport option of the resolved configuration, end to end with the embedded receiver:
 * TLS and mTLS (gRPC and HTTP), gzip, headers; and TLS trust failures as permanent, unretried.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runGenerator } from '../../../src/load/generator.js';
import { startReceiver } from '../../../src/receiver/index.js';
import type { ReceiverHandle } from '../../../src/receiver/types.js';
import { balanced, senderFor, spec, type Wire } from './helpers.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/receiver/tls/${name}`, import.meta.url), 'utf8');
const CA = fixture('ca.crt');
const SERVER = { cert: fixture('server.crt'), key: fixture('server.key') };
const CLIENT = { cert: fixture('client.crt'), key: fixture('client.key') };

let receiver: ReceiverHandle | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

const traces = (count: number) => [{ signal: 'traces' as const, rate: 20_000, batchSize: 100, count }];

function secure(r: ReceiverHandle, wire: Wire, tls: { ca?: string; cert?: string; key?: string }) {
  const plain = senderFor(r, wire);
  return { ...plain, url: plain.url.replace('http://', 'https://'), tls };
}

describe.each<Wire>(['grpc', 'http/protobuf', 'http/json'])('transport options over %s', (wire) => {
  it('sends over mTLS with the CA and a client certificate', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0, tls: { ...SERVER, ca: CA, requireClientCertificate: true } });
    const [report] = (
      await runGenerator(spec(receiver, wire, traces(300), { senders: { traces: secure(receiver, wire, { ca: CA, ...CLIENT }) } }))
    ).signals;
    expect(report!.accepted).toBe(300);
    expect(receiver.received.spans).toHaveLength(300);
  });

  it('fails permanently, without retrying, when the server certificate is not trusted', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0, tls: SERVER });
    const [report] = (await runGenerator(spec(receiver, wire, traces(200), { senders: { traces: secure(receiver, wire, {}) } }))).signals;
    expect(report!.failedByReason).toEqual({ tls: 200 });
    expect(report!.retries).toBe(0);
    expect(balanced(report!)).toBe(true);
  });

  it('compresses with gzip and sends the configured headers', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0, requireHeader: { name: 'authorization', value: 'Bearer s3cret' } });
    const sender = { ...senderFor(receiver, wire), compression: 'gzip' as const, headers: { Authorization: 'Bearer s3cret' } };
    const [report] = (await runGenerator(spec(receiver, wire, traces(500), { senders: { traces: sender } }))).signals;
    expect(report!.accepted).toBe(500);
    expect(receiver.received.spans).toHaveLength(500);
    expect(JSON.stringify(report)).not.toContain('s3cret');
  });
});
