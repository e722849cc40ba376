import { describe, expect, it } from 'vitest';
import { h2loadArguments, parseH2loadOutput } from '../../../src/bench/h2load.js';
import { evaluateTargets, pairedRatios, type Measurement } from '../../../src/bench/targets.js';

const H2LOAD_OUTPUT = `starting benchmark...
finished in 3.00s, 952.00 req/s, 96.67KB/s
requests: 2856 total, 2872 started, 2856 done, 2850 succeeded, 4 failed, 2 errored, 0 timeout
status codes: 2858 2xx, 0 3xx, 0 4xx, 0 5xx
0m0.002s 0m0.000s
0m0.081s 0m0.271s
`;

describe('h2load', () => {
  it('reads requests, duration and its own CPU time (the last line of bash times)', () => {
    const run = parseH2loadOutput(H2LOAD_OUTPUT);
    expect(run.seconds).toBe(3);
    expect(run.succeeded).toBe(2850);
    expect(run.failed).toBe(6);
    expect(run.cpuSeconds).toBeCloseTo(0.352, 6);
  });

  it('refuses output without a summary rather than inventing figures', () => {
    expect(() => parseH2loadOutput('connect failed\n0m0.0s 0m0.0s\n')).toThrow(/summary/);
  });

  it('speaks gRPC over HTTP/2 and OTLP/HTTP over HTTP/1.1 with one request per connection', () => {
    const grpc = h2loadArguments({
      binary: 'h2load',
      protocol: 'grpc',
      url: 'http://x/p',
      bodyFile: 'b',
      connections: 4,
      streams: 4,
      seconds: 5,
    });
    expect(grpc).toEqual(expect.arrayContaining(['-c', '4', '-m', '4', 'content-type: application/grpc', 'te: trailers']));
    expect(grpc).not.toContain('--h1');
    const h1 = h2loadArguments({
      binary: 'h2load',
      protocol: 'http/protobuf',
      url: 'http://x/v1/traces',
      bodyFile: 'b',
      connections: 16,
      streams: 16,
      seconds: 5,
    });
    expect(h1).toEqual(expect.arrayContaining(['--h1', '-c', '16', '-m', '1', 'content-type: application/x-protobuf']));
  });
});

const m = (
  client: Measurement['client'],
  protocol: Measurement['protocol'],
  round: number,
  spansPerSecond: number,
  cpuMicrosPerSpan: number,
): Measurement => ({ client, protocol, round, spansPerSecond, cpuMicrosPerSpan, accepted: 1, failed: 0, dropped: 0, peakRssMb: 100 });

describe('targets', () => {
  const measurements = [
    m('h2load', 'grpc', 1, 1000, 0.2),
    m('fast', 'grpc', 1, 700, 0.5),
    m('replay', 'grpc', 1, 800, 0.4),
    m('h2load', 'grpc', 2, 900, 0.3),
    m('fast', 'grpc', 2, 850, 0.7),
    m('replay', 'grpc', 2, 900, 0.4),
    m('h2load', 'http/protobuf', 1, 1000, 0.2),
    m('fast', 'http/protobuf', 1, 790, 0.9),
    m('replay', 'http/protobuf', 1, 1000, 0.5),
  ];

  it('compares the best round of each client and the lowest CPU per span of each', () => {
    const checks = evaluateTargets({ measurements, pacing: [{ rate: 1000, pacingError: 0.004, peakRssMb: 120 }] });
    const byTarget = Object.fromEntries(checks.map((c) => [c.target, c]));
    expect(byTarget['gRPC spans/s >= 0.8 x h2load']).toMatchObject({ ok: true, value: '0.850' });
    expect(byTarget["gRPC sender CPU/span <= 3 x h2load's"]!.ok).toBe(true);
    expect(byTarget["gRPC sender CPU/span <= 3 x h2load's"]!.value).toMatch(/^2\.50/);
    expect(byTarget['HTTP/protobuf spans/s >= 0.8 x h2load']).toMatchObject({ ok: false, value: '0.790' });
    expect(byTarget['pacing error <= 1.00%']!.ok).toBe(true);
    expect(byTarget['fast engine peak RSS <= 200 MB']).toMatchObject({ ok: true, value: '120 MB' });
  });

  it('pairs fast and h2load round by round', () => {
    expect(pairedRatios(measurements, 'grpc').map((r) => r.toFixed(3))).toEqual(['0.700', '0.944']);
  });
});
