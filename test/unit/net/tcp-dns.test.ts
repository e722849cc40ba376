import { afterAll, describe, expect, it } from 'vitest';
import { resolveHost } from '../../../src/net/dns.js';
import { classifyConnectError, connectTcp } from '../../../src/net/tcp.js';
import { closedPort, startSilent, type Peer } from './peers.js';

describe('connectTcp', () => {
  const peers: Peer[] = [];
  afterAll(async () => Promise.all(peers.map((peer) => peer.close())));

  it('connects to a listening port', async () => {
    const peer = await startSilent();
    peers.push(peer);
    expect((await connectTcp('127.0.0.1', peer.port, 1000)).outcome).toBe('connected');
  });

  it('tells a refused connection apart', async () => {
    const result = await connectTcp('127.0.0.1', await closedPort(), 1000);
    expect(result.outcome).toBe('refused');
    expect(result.errorCode).toBe('ECONNREFUSED');
  });

  it('maps unreachable and timeout errno codes', () => {
    expect(classifyConnectError('EHOSTUNREACH')).toBe('unreachable');
    expect(classifyConnectError('ENETUNREACH')).toBe('unreachable');
    expect(classifyConnectError('ETIMEDOUT')).toBe('timeout');
  });
});

describe('resolveHost', () => {
  it('passes IP literals through without a lookup', async () => {
    expect(await resolveHost('127.0.0.1', 1000)).toMatchObject({ outcome: 'literal', addresses: [{ address: '127.0.0.1', family: 4 }] });
    expect((await resolveHost('[::1]', 1000)).addresses[0]).toEqual({ address: '::1', family: 6 });
  });

  it('resolves localhost', async () => {
    const result = await resolveHost('localhost', 2000);
    expect(result.outcome).toBe('resolved');
    expect(result.addresses.length).toBeGreaterThan(0);
  });

  it('reports a name that does not exist (the .invalid TLD never resolves, RFC 2606)', async () => {
    const result = await resolveHost('no-such-collector.invalid', 3000);
    expect(['not-found', 'temporary-failure']).toContain(result.outcome);
  });
});
