import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyTlsError, probeTls } from '../../../src/net/tls.js';
import { startHttp1, startTls, type Peer } from './peers.js';
import { generateCertificate, type TestCertificate } from './tls-fixtures.js';

describe('probeTls', () => {
  let valid: TestCertificate;
  let expired: TestCertificate;
  let otherName: TestCertificate;
  const peers: Peer[] = [];
  beforeAll(() => {
    valid = generateCertificate();
    expired = generateCertificate({ expired: true });
    otherName = generateCertificate({ commonName: 'COLLECTOR_EXAMPLE', altNames: 'DNS:COLLECTOR_EXAMPLE' });
  });
  afterAll(async () => {
    await Promise.all(peers.map((peer) => peer.close()));
    for (const certificate of [valid, expired, otherName]) certificate.dispose();
  });
  const serve = async (options: Parameters<typeof startTls>[0]): Promise<Peer> => {
    const peer = await startTls(options);
    peers.push(peer);
    return peer;
  };

  it('trusts a certificate signed by the given CA and reports expiry and ALPN', async () => {
    const peer = await serve({ cert: valid.cert, key: valid.key, ALPNProtocols: ['h2'] });
    const result = await probeTls({
      host: 'localhost',
      address: '127.0.0.1',
      port: peer.port,
      timeoutMs: 2000,
      ca: valid.cert,
      alpn: ['h2'],
    });
    expect(result.outcome).toBe('ok');
    expect(result.alpn).toBe('h2');
    expect(result.certificate?.daysToExpiry).toBeGreaterThanOrEqual(28);
    expect(result.certificate?.daysToExpiry).toBeLessThanOrEqual(30);
    expect(result.certificate?.selfSigned).toBe(true);
  });

  it('reports a self-signed certificate when no CA is configured', async () => {
    const peer = await serve({ cert: valid.cert, key: valid.key });
    const result = await probeTls({ host: 'localhost', address: '127.0.0.1', port: peer.port, timeoutMs: 2000 });
    expect(result.outcome).toBe('self-signed');
    expect(result.certificate?.subject).toContain('CN=localhost');
  });

  it('reports an expired certificate with negative days to expiry', async () => {
    const peer = await serve({ cert: expired.cert, key: expired.key });
    const result = await probeTls({ host: 'localhost', address: '127.0.0.1', port: peer.port, timeoutMs: 2000, ca: expired.cert });
    expect(result.outcome).toBe('expired');
    expect(result.certificate?.daysToExpiry).toBeLessThan(0);
  });

  it('reports a certificate for another host name', async () => {
    const peer = await serve({ cert: otherName.cert, key: otherName.key });
    const result = await probeTls({ host: 'localhost', address: '127.0.0.1', port: peer.port, timeoutMs: 2000, ca: otherName.cert });
    expect(result.outcome).toBe('hostname-mismatch');
  });

  it('reports a server that demands a client certificate we do not send', async () => {
    const peer = await serve({ cert: valid.cert, key: valid.key, requestCert: true, rejectUnauthorized: true, ca: valid.cert });
    const result = await probeTls({ host: 'localhost', address: '127.0.0.1', port: peer.port, timeoutMs: 2000, ca: valid.cert });
    expect(result.outcome).toBe('client-certificate-required');
  });

  it('accepts the handshake when the client certificate is sent', async () => {
    const peer = await serve({ cert: valid.cert, key: valid.key, requestCert: true, rejectUnauthorized: true, ca: valid.cert });
    const result = await probeTls({
      host: 'localhost',
      address: '127.0.0.1',
      port: peer.port,
      timeoutMs: 2000,
      ca: valid.cert,
      cert: valid.cert,
      key: valid.key,
    });
    expect(result.outcome).toBe('ok');
  });

  it('reports a plaintext server as not speaking TLS', async () => {
    const peer = await startHttp1();
    peers.push(peer);
    const result = await probeTls({ host: 'localhost', address: '127.0.0.1', port: peer.port, timeoutMs: 2000 });
    expect(result.outcome).toBe('not-tls');
  });

  it('classifies verification codes', () => {
    expect(classifyTlsError('UNABLE_TO_VERIFY_LEAF_SIGNATURE', '')).toBe('untrusted');
    expect(classifyTlsError(undefined, 'tlsv13 alert certificate required')).toBe('client-certificate-required');
  });
});
