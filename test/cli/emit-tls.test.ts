/**
 * emit over TLS and mTLS to the embedded receiver, with the throw-away certificates in
 * fixtures/receiver/tls: the CA, client key and certificate flags reach the exporters of every
 * protocol, and TLS failures are named as such.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startReceiver } from '../../src/receiver/index.js';
import type { ReceiverHandle } from '../../src/receiver/types.js';
import { runCli } from '../helpers/cli.js';

const tls = (name: string): string => fileURLToPath(new URL(`../../fixtures/receiver/tls/${name}`, import.meta.url));
const cwd = tmpdir();
let mtls: ReceiverHandle;

beforeAll(async () => {
  mtls = await startReceiver({
    grpcPort: 0,
    httpPort: 0,
    tls: {
      cert: readFileSync(tls('server.crt'), 'utf8'),
      key: readFileSync(tls('server.key'), 'utf8'),
      ca: readFileSync(tls('ca.crt'), 'utf8'),
      requireClientCertificate: true,
    },
  });
});
afterAll(async () => {
  await mtls?.stop();
});

describe.each(['grpc', 'http/protobuf', 'http/json'])('emit with mTLS over %s', (protocol) => {
  const endpoint = (): string => `https://localhost:${protocol === 'grpc' ? mtls.ports.grpc : mtls.ports.http}`;
  const base = (): string[] => ['emit', '--count', '2', '--protocol', protocol, '--endpoint', endpoint(), '--timeout', '3s', '--json'];

  it('delivers with the CA and the client key pair', async () => {
    const result = await runCli(
      [...base(), '--certificate', tls('ca.crt'), '--client-key', tls('client.key'), '--client-certificate', tls('client.crt')],
      { cwd },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).signals.map((s: { status: string }) => s.status)).toEqual(['success', 'success', 'success']);
  });

  it('names the TLS failure when the server certificate is not trusted', async () => {
    const result = await runCli([...base(), '--client-key', tls('client.key'), '--client-certificate', tls('client.crt')], { cwd });
    expect(result.code, result.stderr).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.signals[0].reason.code).toBe('EXPORT_TLS');
  });
});

describe('emit TLS usage errors', () => {
  it('refuses an unreadable certificate file with exit 2', async () => {
    const result = await runCli(['emit', '--count', '1', '--endpoint', 'https://localhost:4318', '--certificate', '/nonexistent/ca.crt'], {
      cwd,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read the CA certificate \/nonexistent\/ca\.crt .*file not found/);
  });
});
