/**
 * Which neighbours the probe matrix looks at and in what order: pure, over sniff results shaped
 * like the sniffer's.
 */
import { describe, expect, it } from 'vitest';
import {
  candidatesAt,
  candidateUrl,
  orderCandidates,
  probePoints,
  signalPath,
  type ConfiguredEndpoint,
} from '../../../src/doctor/neighbour-candidates.js';
import type { SniffResult } from '../../../src/net/sniff.js';

const http: ConfiguredEndpoint = {
  signal: 'traces',
  protocol: 'http/protobuf',
  scheme: 'http',
  host: 'localhost',
  port: 4318,
  path: '/v1/traces',
};
const sniff = (application: SniffResult['application'], transport: SniffResult['transport'] = 'plaintext'): SniffResult => ({
  application,
  transport,
  evidence: '',
  durationMs: 1,
});

describe('probe points', () => {
  it('stays on the configured host: the other OTLP port, and other loopback names only for loopback', () => {
    expect(probePoints(http).map((p) => `${p.host} ${p.port}`)).toEqual([
      'localhost 4318',
      'localhost 4317',
      '127.0.0.1 4318',
      '127.0.0.1 4317',
      '::1 4318',
      '::1 4317',
    ]);
    // localhost only resolves to the two addresses: never a neighbour of one of them.
    expect(probePoints({ ...http, host: '::1', port: 9999 }).map((p) => p.host)).toEqual(['::1', '127.0.0.1']);
    expect(probePoints({ ...http, host: 'COLLECTOR_INTERNAL', port: 443 }).map((p) => `${p.host} ${p.port}`)).toEqual([
      'COLLECTOR_INTERNAL 443',
    ]);
    expect(probePoints({ ...http, host: '127.0.0.9' }).map((p) => p.host)).toEqual(['127.0.0.9', '127.0.0.9']);
  });
});

describe('candidates from what a port speaks', () => {
  it('tries gRPC on the other port and says what changed', () => {
    const [candidate] = candidatesAt(http, { host: 'localhost', port: 4317 }, sniff('grpc'));
    expect(candidate).toMatchObject({ protocol: 'grpc', scheme: 'http', path: '', changes: ['protocol', 'port'] });
    expect(candidateUrl(candidate!)).toBe('http://localhost:4317');
  });

  it('switches to https when the port speaks TLS, and keeps an HTTP protocol the user chose', () => {
    const [candidate] = candidatesAt({ ...http, protocol: 'http/json' }, { host: 'localhost', port: 4318 }, sniff('http1', 'tls'));
    expect(candidate).toMatchObject({ protocol: 'http/json', scheme: 'https', changes: ['scheme'] });
  });

  it('offers nothing new where the configured settings already failed, except a corrected signal path', () => {
    expect(candidatesAt(http, { host: 'localhost', port: 4318 }, sniff('http1'))).toEqual([]);
    const doubled = { ...http, path: '/v1/traces/v1/traces' };
    expect(candidatesAt(doubled, { host: 'localhost', port: 4318 }, sniff('http1'))[0]).toMatchObject({
      path: '/v1/traces',
      changes: ['path'],
    });
  });

  it('skips ports that speak nothing OTLP could use', () => {
    for (const application of ['refused', 'silent', 'closed', 'stalled', 'unknown'] as const)
      expect(candidatesAt(http, { host: 'localhost', port: 4317 }, sniff(application))).toEqual([]);
    expect(candidatesAt(http, { host: 'localhost', port: 4317 }, undefined)).toEqual([]);
  });

  it('orders by fewest changes, the protocol swap first', () => {
    const ordered = orderCandidates([
      ...candidatesAt(http, { host: '::1', port: 4317 }, sniff('grpc')),
      ...candidatesAt(http, { host: '127.0.0.1', port: 4318 }, sniff('http1')),
      ...candidatesAt(http, { host: 'localhost', port: 4317 }, sniff('grpc')),
      ...candidatesAt({ ...http, port: 4317 }, { host: 'localhost', port: 4317 }, sniff('grpc')),
    ]);
    expect(ordered.map((c) => c.changes.join('+'))).toEqual(['protocol', 'host', 'protocol+port', 'protocol+port+host']);
  });

  it('writes the signal path once, keeping a prefix', () => {
    expect(signalPath('/v1/traces/v1/traces', 'traces')).toBe('/v1/traces');
    expect(signalPath('/otlp/v1/traces/', 'metrics')).toBe('/otlp/v1/metrics');
    expect(signalPath('', 'logs')).toBe('/v1/logs');
  });
});
