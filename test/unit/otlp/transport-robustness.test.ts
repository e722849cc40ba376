/**
 * The gRPC sender against a real grpc-js server, plaintext and TLS, when the connection misbehaves:
 * GOAWAY (max connection age), RST_STREAM (REFUSED_STREAM past max concurrent streams), requests far
 * larger than the server's 64 KB flow-control windows while it is slow to read, and a server that
 * goes away with requests mid-stream. Each run goes through the fast engine, so the assertion is
 * the report's: every span is counted once (sent = accepted + rejected + failed + dropped), and
 * what the report calls accepted is what the server counted.
 */
import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runGenerator } from '../../../src/load/generator.js';
import { countProtobufItems } from '../../../src/otlp/decode/count.js';
import type { SenderOptions } from '../../../src/otlp/transport/types.js';
import { balanced, QUICK_RETRY } from '../load/helpers.js';
import { streamProcessorScenario } from '../../../src/synth/stream-processor.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../fixtures/receiver/tls/${name}`, import.meta.url), 'utf8');
const PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
const raw = (buffer: Buffer): Buffer => buffer;

interface TestServer {
  server: grpc.Server;
  port: number;
  spans: number;
}

const servers: grpc.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.forceShutdown();
});

async function startServer(secure: boolean, options: grpc.ServerOptions = {}, handlerDelayMs = 0, port = 0): Promise<TestServer> {
  const server = new grpc.Server(options);
  servers.push(server);
  const state: TestServer = { server, port: 0, spans: 0 };
  const method = {
    path: PATH,
    requestStream: false,
    responseStream: false,
    requestSerialize: raw,
    requestDeserialize: raw,
    responseSerialize: raw,
    responseDeserialize: raw,
  };
  server.addService(
    { Export: method },
    {
      Export: (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
        const answer = (): void => {
          state.spans += countProtobufItems('traces', call.request).total;
          callback(null, Buffer.alloc(0));
        };
        if (handlerDelayMs > 0) setTimeout(answer, handlerDelayMs);
        else answer();
      },
    },
  );
  const credentials = secure
    ? grpc.ServerCredentials.createSsl(null, [
        { cert_chain: Buffer.from(fixture('server.crt')), private_key: Buffer.from(fixture('server.key')) },
      ])
    : grpc.ServerCredentials.createInsecure();
  state.port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, credentials, (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return state;
}

function sender(secure: boolean, port: number, extra: Partial<SenderOptions> = {}): SenderOptions {
  return {
    signal: 'traces',
    url: `${secure ? 'https' : 'http'}://127.0.0.1:${port}`,
    transport: 'grpc',
    format: 'protobuf',
    headers: {},
    timeoutMs: 5000,
    compression: 'none',
    maxConcurrency: 16,
    ...(secure ? { tls: { ca: fixture('ca.crt') } } : {}),
    ...extra,
  };
}

async function run(
  secure: boolean,
  port: number,
  plan: { count: number; batchSize: number; rate?: number },
  extra: { concurrency?: number; maxAttempts?: number; sender?: Partial<SenderOptions> } = {},
) {
  const concurrency = extra.concurrency ?? 16;
  const result = await runGenerator({
    plans: [{ signal: 'traces', rate: plan.rate ?? 1_000_000, batchSize: plan.batchSize, count: plan.count }],
    rampUpSeconds: 0,
    concurrency,
    drainTimeoutMs: 10_000,
    idSpace: { index: 0, count: 1 },
    scenario: streamProcessorScenario,
    seed: 'robustness',
    serviceName: 'robustness',
    resource: {},
    senders: { traces: sender(secure, port, { maxConcurrency: concurrency, ...extra.sender }) },
    scope: { name: 'otel-proc', version: 'test' },
    retry: { ...QUICK_RETRY, maxAttempts: extra.maxAttempts ?? 6 },
  });
  return result.signals[0]!;
}

describe.each([false, true])('the gRPC sender against grpc-js (tls: %s)', (secure) => {
  it('moves to a new connection after GOAWAY and loses nothing', async () => {
    // grpc-js sends GOAWAY when a connection reaches its maximum age, with requests still in flight.
    const server = await startServer(secure, { 'grpc.max_connection_age_ms': 150, 'grpc.max_connection_age_grace_ms': 5000 }, 5);
    const report = await run(secure, server.port, { count: 40 * 200, batchSize: 200, rate: 40_000 });
    expect(balanced(report)).toBe(true);
    expect(report.failed).toBe(0);
    expect(report.accepted).toBe(8000);
    expect(server.spans).toBe(8000);
  });

  it("keeps to the server's stream limit, retries streams refused with RST_STREAM, and counts each request once", async () => {
    // Past SETTINGS_MAX_CONCURRENT_STREAMS the server resets new streams with REFUSED_STREAM.
    const server = await startServer(secure, { 'grpc.max_concurrent_streams': 1 }, 20);
    const report = await run(secure, server.port, { count: 30 * 100, batchSize: 100 }, { maxAttempts: 20, concurrency: 8 });
    expect(balanced(report)).toBe(true);
    expect(report.accepted + report.failed).toBe(3000);
    expect(report.accepted).toBe(server.spans);
    expect(report.accepted).toBeGreaterThan(0);
  });

  it('sends requests many times the flow-control window to a slow server, all of them', async () => {
    // 4,096-span requests are ~800 KB against grpc-js's 64 KB windows: every one waits for WINDOW_UPDATEs.
    const server = await startServer(secure, {}, 30);
    const report = await run(secure, server.port, { count: 12 * 4096, batchSize: 4096 });
    expect(balanced(report)).toBe(true);
    expect(report.failed).toBe(0);
    expect(report.accepted).toBe(12 * 4096);
    expect(server.spans).toBe(12 * 4096);
  });

  it('accounts exactly for a server that goes away with requests mid-stream', async () => {
    const server = await startServer(secure, {}, 200);
    const running = run(secure, server.port, { count: 20 * 1024, batchSize: 1024, rate: 100_000 }, { maxAttempts: 2 });
    // Wait until the server holds requests, then cut every connection under them.
    const deadline = Date.now() + 5000;
    while (server.spans === 0 && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
    server.server.forceShutdown();
    const report = await running;
    expect(balanced(report)).toBe(true);
    expect(report.sent).toBe(20 * 1024);
    expect(report.failed).toBeGreaterThan(0);
    // Nothing is reported accepted that the server did not count.
    expect(report.accepted).toBeLessThanOrEqual(server.spans);
    expect(
      Object.keys(report.failedByReason).every((reason) =>
        ['connection-closed', 'connection-reset', 'connection-refused'].includes(reason),
      ),
    ).toBe(true);
  });
});
