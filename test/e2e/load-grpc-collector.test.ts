/**
 * The gRPC sender's own HTTP/2 client against the real Collector (grpc-go), over TLS and plaintext,
 * with the receiver tuned to make the connection misbehave: a 300 ms maximum connection age (GOAWAY
 * with requests in flight), SETTINGS_MAX_CONCURRENT_STREAMS of 2 (more requests in flight than the
 * server allows on a connection), 2,048-span requests of ~400 KB against grpc-go's 64 KB initial
 * windows (flow control), and a message size limit that makes the server refuse oversized requests.
 * The judge is the Collector's own otelcol_receiver_accepted_spans, not our report.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runGenerator } from '../../src/load/generator.js';
import { Http2Connection } from '../../src/otlp/transport/h2/connection.js';
import type { SenderOptions } from '../../src/otlp/transport/types.js';
import { streamProcessorScenario } from '../../src/synth/stream-processor.js';
import { readFileSync } from 'node:fs';
import { balanced, QUICK_RETRY } from '../unit/load/helpers.js';
import { eventually, fetchText, type RunningCollector, startCollector, sumCounter } from './helpers/stack.js';

const tlsFile = (name: string): string => fileURLToPath(new URL(`../../fixtures/receiver/tls/${name}`, import.meta.url));

/** Adds TLS (optionally), a short connection age, a stream limit and a 1 MiB message limit to the gRPC receiver. */
function tuneGrpcReceiver(secure: boolean): (yaml: string) => string {
  return (yaml) => {
    const tuned = yaml.replace(/( {6}grpc:\n {8}endpoint: [^\n]+\n)/, (block) =>
      [
        block,
        '        max_concurrent_streams: 2\n',
        '        max_recv_msg_size_mib: 1\n',
        '        keepalive:\n          server_parameters:\n            max_connection_age: 300ms\n            max_connection_age_grace: 10s\n',
        secure ? `        tls:\n          cert_file: ${tlsFile('server.crt')}\n          key_file: ${tlsFile('server.key')}\n` : '',
      ].join(''),
    );
    if (tuned === yaml) throw new Error('the gRPC receiver block was not found in the rendered Collector config');
    return tuned;
  };
}

async function acceptedSpans(collector: RunningCollector): Promise<number> {
  return sumCounter(await fetchText(collector.metrics), 'otelcol_receiver_accepted_spans', { transport: 'grpc' });
}

async function send(collector: RunningCollector, secure: boolean, batchSize: number, count: number) {
  const sender: SenderOptions = {
    signal: 'traces',
    url: collector.otlpGrpc.replace(/^http:/, secure ? 'https:' : 'http:'),
    transport: 'grpc',
    format: 'protobuf',
    headers: {},
    timeoutMs: 10_000,
    compression: 'none',
    maxConcurrency: 16,
    ...(secure ? { tls: { ca: readFileSync(tlsFile('ca.crt'), 'utf8') } } : {}),
  };
  const result = await runGenerator({
    plans: [{ signal: 'traces', rate: 200_000, batchSize, count }],
    rampUpSeconds: 0,
    concurrency: 16,
    drainTimeoutMs: 30_000,
    idSpace: { index: 0, count: 1 },
    scenario: streamProcessorScenario,
    seed: `h2-${secure}`,
    serviceName: 'h2-e2e',
    resource: {},
    senders: { traces: sender },
    scope: { name: 'otel-proc', version: 'test' },
    retry: { ...QUICK_RETRY, maxAttempts: 8 },
  });
  return result.signals[0]!;
}

describe.sequential.each([true, false])('the gRPC sender against the real Collector (tls: %s)', (secure) => {
  let collector: RunningCollector;
  beforeAll(async () => {
    collector = await startCollector({ transformConfig: tuneGrpcReceiver(secure) });
  });
  afterAll(async () => {
    await collector?.stop();
  });

  it('delivers every span through GOAWAYs, the stream limit and flow control, as the Collector counts them', async () => {
    const before = await acceptedSpans(collector);
    // The server's GOAWAYs are observed on the client's connections, so the test knows they happened.
    const goaways = vi.spyOn(Http2Connection.prototype as unknown as { onGoaway(frame: unknown): void }, 'onGoaway');
    const report = await send(collector, secure, 2048, 60 * 2048);
    expect(goaways.mock.calls.length).toBeGreaterThan(0);
    goaways.mockRestore();
    expect(balanced(report)).toBe(true);
    expect(report.failed, JSON.stringify(report.failedByReason)).toBe(0);
    expect(report.accepted).toBe(60 * 2048);
    const delta = await eventually(
      async () => {
        const now = (await acceptedSpans(collector)) - before;
        return now >= report.accepted ? now : undefined;
      },
      60_000,
      'the Collector to count the spans',
    );
    expect(delta).toBe(report.accepted);
  });

  it("counts requests above the server's message limit as refused for good, without retrying them", async () => {
    const before = await acceptedSpans(collector);
    // 8,192-span requests are ~1.6 MB, above max_recv_msg_size_mib: 1; grpc-go answers RESOURCE_EXHAUSTED.
    const report = await send(collector, secure, 8192, 3 * 8192);
    expect(balanced(report)).toBe(true);
    expect(report.accepted).toBe(0);
    expect(report.failed).toBe(3 * 8192);
    expect(Object.keys(report.failedByReason)).toEqual(['grpc-resource-exhausted']);
    expect(report.retries).toBe(0);
    expect((await acceptedSpans(collector)) - before).toBe(0);
  });
});
