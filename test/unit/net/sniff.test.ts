import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffProtocol } from '../../../src/net/sniff.js';
import { closedPort, startGrpc, startH2c, startHttp1, startHungH2c, startSilent, startTls, type Peer } from './peers.js';
import { generateCertificate, type TestCertificate } from './tls-fixtures.js';

describe('sniffProtocol', () => {
  let certificate: TestCertificate;
  const peers: Peer[] = [];
  beforeAll(() => {
    certificate = generateCertificate();
  });
  afterAll(async () => {
    await Promise.all(peers.map((peer) => peer.close()));
    certificate.dispose();
  });
  const keep = (peer: Peer): Peer => {
    peers.push(peer);
    return peer;
  };

  it('recognises a plaintext gRPC server', async () => {
    const peer = keep(await startGrpc());
    const result = await sniffProtocol('127.0.0.1', peer.port, 2000);
    expect(result).toMatchObject({ transport: 'plaintext', application: 'grpc' });
  });

  it('recognises an HTTP/1.1 server', async () => {
    const peer = keep(await startHttp1());
    const result = await sniffProtocol('127.0.0.1', peer.port, 2000);
    expect(result).toMatchObject({ transport: 'plaintext', application: 'http1' });
    expect(result.evidence).toMatch(/^HTTP\/1\.1 4\d\d/);
  });

  it('tells h2c HTTP apart from gRPC', async () => {
    const peer = keep(await startH2c());
    expect(await sniffProtocol('127.0.0.1', peer.port, 2000)).toMatchObject({ transport: 'plaintext', application: 'http2' });
  });

  it('recognises TLS and reports the ALPN protocol', async () => {
    const peer = keep(await startTls({ cert: certificate.cert, key: certificate.key, ALPNProtocols: ['http/1.1'] }));
    const result = await sniffProtocol('127.0.0.1', peer.port, 2000, 'localhost');
    expect(result).toMatchObject({ transport: 'tls', application: 'http1', alpn: 'http/1.1' });
  });

  it('reports a port that accepts connections and never answers as silent', async () => {
    const peer = keep(await startSilent());
    const result = await sniffProtocol('127.0.0.1', peer.port, 300);
    expect(result.application).toBe('silent');
  });

  it('reports an HTTP/2 server that never answers the gRPC call as stalled, within one timeout for the whole sniff', async () => {
    // Its SETTINGS come 20 ms late: the first step uses part of the budget even on a fast machine,
    // where a handshake well under a millisecond would round the remainder back to 400.
    const peer = keep(await startHungH2c(20));
    const result = await sniffProtocol('127.0.0.1', peer.port, 400);
    expect(result.application).toBe('stalled');
    expect(result.evidence).toMatch(/gRPC call got no answer within (\d+) ms/);
    // The gRPC call waited only what the first bytes left of the budget, not a second timeout.
    expect(Number(/within (\d+) ms/.exec(result.evidence)![1])).toBeLessThan(400);
  });

  it('reports a closed port as refused', async () => {
    expect((await sniffProtocol('127.0.0.1', await closedPort(), 1000)).application).toBe('refused');
  });
});
