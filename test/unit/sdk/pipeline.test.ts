import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../../src/receiver/index.js';
import type { ReceiverHandle } from '../../../src/receiver/types.js';
import type { OtlpProtocol } from '../../../src/config/types.js';
import { createSdkPipeline } from '../../../src/sdk/pipeline.js';
import { tallySignal } from '../../../src/sdk/export-ledger.js';
import { describeExportFailure } from '../../../src/sdk/export-failure.js';
import { effectiveConfig, type FixtureOptions } from './config-fixture.js';

const PROTOCOLS: OtlpProtocol[] = ['grpc', 'http/protobuf', 'http/json'];
/**
 * The SDK's HTTP exporter retries a refused or dropped connection after 1 s ±20% while the export
 * timeout allows (otlp-exporter-base retrying-transport), and reports the same error after its last
 * attempt: under 800 ms there is no retry, so a test of the error's wording does not wait seconds.
 */
const NO_RETRY_TIMEOUT_MS = 800;
let plain: ReceiverHandle;
let auth: ReceiverHandle;
let partial: ReceiverHandle;

beforeAll(async () => {
  plain = await startReceiver({ grpcPort: 0, httpPort: 0 });
  auth = await startReceiver({ grpcPort: 0, httpPort: 0, requireHeader: { name: 'authorization', value: 'Bearer right' } });
  partial = await startReceiver({ grpcPort: 0, httpPort: 0, faults: { partialSuccess: 1 } });
});
afterAll(async () => {
  await Promise.all([plain?.stop(), auth?.stop(), partial?.stop()]);
});

const portOf = (receiver: ReceiverHandle, protocol: OtlpProtocol): number =>
  protocol === 'grpc' ? receiver.ports.grpc! : receiver.ports.http!;

/** Send one span, one counter point and one log record; return each signal's tally and failure description. */
async function sendOne(options: FixtureOptions) {
  const timeoutMs = options.timeoutMs ?? 3000;
  const config = effectiveConfig({ ...options, timeoutMs });
  const pipeline = createSdkPipeline(config, { signals: ['traces', 'metrics', 'logs'], metricExport: 'on-flush' });
  try {
    pipeline.tracer().startSpan('probe').end();
    pipeline.meterProvider!.getMeter('m').createCounter('probe.count').add(1);
    pipeline.loggerProvider!.getLogger('l').emit({ body: 'probe' });
    expect(await pipeline.flush()).toBe(true);
  } finally {
    expect(await pipeline.shutdown()).toBe(true);
  }
  return (['traces', 'metrics', 'logs'] as const).map((signal) => {
    const tally = tallySignal(pipeline.ledger, signal);
    const failure = tally.failures[0]
      ? describeExportFailure(tally.failures[0].error, {
          protocol: config[signal].protocol.value,
          url: config[signal].url,
          timeoutMs,
        })
      : undefined;
    return { tally, failure };
  });
}

describe.each(PROTOCOLS)('SDK pipeline over %s', (protocol) => {
  it('exports every signal successfully to a receiver speaking the protocol', async () => {
    const before = { ...plain.received.counts };
    const results = await sendOne({ protocol, endpoint: `http://127.0.0.1:${portOf(plain, protocol)}`, compression: 'gzip' });
    expect(results.map((r) => r.tally.outcome)).toEqual(['success', 'success', 'success']);
    expect(results.map((r) => r.tally.accepted)).toEqual([1, 1, 1]);
    expect(plain.received.counts.spans - before.spans).toBe(1);
    expect(plain.received.counts.dataPoints - before.dataPoints).toBe(1);
    expect(plain.received.counts.logRecords - before.logRecords).toBe(1);
  });

  it('reports connection refused in plain words', async () => {
    const results = await sendOne({ protocol, endpoint: 'http://127.0.0.1:1', timeoutMs: NO_RETRY_TIMEOUT_MS });
    for (const r of results) {
      expect(r.tally.outcome).toBe('failure');
      expect(r.failure?.code).toBe('EXPORT_CONNECTION_REFUSED');
      expect(r.failure?.message).toBe('connection refused: nothing is listening on 127.0.0.1:1');
    }
  });

  it('reports the wrong protocol for the port', async () => {
    const otherPort = protocol === 'grpc' ? plain.ports.http! : plain.ports.grpc!;
    const results = await sendOne({ protocol, endpoint: `http://127.0.0.1:${otherPort}` });
    for (const r of results) expect(r.failure?.code).toBe('EXPORT_WRONG_PROTOCOL');
  });

  it('reports UNAUTHENTICATED / 401 without the header, and succeeds with it', async () => {
    const endpoint = `http://127.0.0.1:${portOf(auth, protocol)}`;
    for (const r of await sendOne({ protocol, endpoint })) expect(r.failure?.code).toBe('EXPORT_UNAUTHENTICATED');
    const ok = await sendOne({ protocol, endpoint, headers: { authorization: 'Bearer right' } });
    expect(ok.map((r) => r.tally.outcome)).toEqual(['success', 'success', 'success']);
  });

  it('reports partial success with the rejected counts', async () => {
    const results = await sendOne({ protocol, endpoint: `http://127.0.0.1:${portOf(partial, protocol)}` });
    for (const r of results) {
      expect(r.tally.outcome).toBe('partial');
      expect(r.tally.rejected).toBe(1);
      expect(r.tally.accepted).toBe(0);
    }
  });
});

describe('SDK pipeline settings', () => {
  it('uses delta temporality and exponential histograms when configured, and a resource per service', async () => {
    const config = effectiveConfig({
      protocol: 'http/protobuf',
      endpoint: `http://127.0.0.1:${plain.ports.http}`,
      temporality: 'delta',
      histogramAggregation: 'base2_exponential_bucket_histogram',
      serviceName: 'svc-a',
    });
    const pipeline = createSdkPipeline(config, { signals: ['traces', 'metrics'], metricExport: 'on-flush' });
    try {
      const meter = pipeline.meterProvider!.getMeter('settings');
      meter.createCounter('settings.delta.count').add(2);
      meter.createHistogram('settings.exp.histogram', { unit: 'ms' }).record(3);
      pipeline.tracer('svc-b').startSpan('settings.span').end();
      await pipeline.flush();
    } finally {
      await pipeline.shutdown();
    }
    const counter = plain.received.dataPoints.find((p) => p.metricName === 'settings.delta.count')!;
    expect(counter).toMatchObject({ type: 'sum', temporality: 'delta', monotonic: true, value: 2 });
    expect(counter.resource['service.name']).toBe('svc-a');
    expect(plain.received.dataPoints.find((p) => p.metricName === 'settings.exp.histogram')).toMatchObject({
      type: 'exponential_histogram',
      unit: 'ms',
    });
    const span = plain.received.spans.find((s) => s.name === 'settings.span')!;
    expect(span.resource['service.name']).toBe('svc-b');
    expect(span.resource['deployment.environment.name']).toBe('test');
    expect(span.resource['telemetry.sdk.language']).toBe('nodejs');
  });

  it('samples nothing with always_off, so nothing is exported', async () => {
    const config = effectiveConfig({ protocol: 'http/protobuf', endpoint: `http://127.0.0.1:${plain.ports.http}`, sampler: 'always_off' });
    const pipeline = createSdkPipeline(config, { signals: ['traces'] });
    const span = pipeline.tracer().startSpan('never');
    expect(span.isRecording()).toBe(false);
    span.end();
    await pipeline.shutdown();
    expect(tallySignal(pipeline.ledger, 'traces').outcome).toBe('nothing-sent');
  });
});

describe('SDK pipeline abort (Ctrl-C)', () => {
  // A receiver that takes every request and holds its answer for an hour, like a hung Collector.
  let holding: ReceiverHandle;
  beforeAll(async () => {
    holding = await startReceiver({ grpcPort: 0, httpPort: 0, faults: { delayMs: 3_600_000 } });
  });
  // Stopping the receiver releases held requests, so a failing run below does not leak them.
  afterAll(async () => holding?.stop());

  it.each(PROTOCOLS)('ends an export over %s that the receiver is holding', async (protocol) => {
    const config = effectiveConfig({ protocol, endpoint: `http://127.0.0.1:${portOf(holding, protocol)}`, timeoutMs: 3_600_000 });
    const pipeline = createSdkPipeline(config, { signals: ['traces'] });
    const before = holding.received.counts.requests;
    pipeline.tracer().startSpan('held').end();
    const flushed = pipeline.flush();
    // The request is in the receiver (a gRPC call established, not just a connection attempt).
    await holding.received.waitFor((store) => store.counts.requests > before, 30_000);
    pipeline.abort();
    // Without cancelling the call, the flush would only end when the receiver answers (in an hour).
    expect(await flushed).toBe(true);
    expect(await pipeline.shutdown()).toBe(true);
    expect(tallySignal(pipeline.ledger, 'traces')).toMatchObject({ outcome: 'failure', failed: 1 });
  });
});

describe('SDK pipeline sending plaintext to a TLS port', () => {
  const pem = (name: string): string => readFileSync(new URL(`../../../fixtures/receiver/tls/${name}`, import.meta.url), 'utf8');
  let tls: ReceiverHandle;
  beforeAll(async () => {
    tls = await startReceiver({ grpcPort: 0, httpPort: 0, tls: { cert: pem('server.crt'), key: pem('server.key') } });
  });
  afterAll(async () => tls?.stop());

  it('says the gRPC port may expect TLS, not that it is unavailable or throttling', async () => {
    const [traces] = await sendOne({ protocol: 'grpc', endpoint: `http://127.0.0.1:${tls.ports.grpc}` });
    expect(traces!.failure).toMatchObject({
      code: 'EXPORT_WRONG_PROTOCOL',
      message: expect.stringContaining('does it expect TLS?'),
      hint: expect.stringContaining('https://'),
    });
  });

  it('names TLS as a possible cause when an HTTP port hangs up', async () => {
    const [traces] = await sendOne({
      protocol: 'http/protobuf',
      endpoint: `http://127.0.0.1:${tls.ports.http}`,
      timeoutMs: NO_RETRY_TIMEOUT_MS,
    });
    expect(traces!.failure).toMatchObject({
      code: 'EXPORT_WRONG_PROTOCOL',
      hint: expect.stringContaining('if it expects TLS, use an https:// endpoint'),
    });
  });
});

describe('SDK pipeline against a server that answers every POST with 200 and a web page', () => {
  let web: Server;
  let port: number;
  beforeAll(async () => {
    web = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html><body>Welcome</body></html>');
      });
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    port = (web.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => web?.close(resolve));
  });

  // The SDK logs "could not deserialize response" and counts the export a success.
  it.each(['http/protobuf', 'http/json'] as const)('does not count an export over %s as delivered', async (protocol) => {
    const results = await sendOne({ protocol, endpoint: `http://127.0.0.1:${port}` });
    for (const r of results) {
      expect(r.tally).toMatchObject({ outcome: 'failure', accepted: 0 });
      expect(r.failure).toMatchObject({ code: 'EXPORT_WRONG_PROTOCOL', message: expect.stringContaining('not with an OTLP response') });
    }
  });
});

describe('SDK pipeline flush while a full batch is still being exported', () => {
  // The BatchSpanProcessor exports a full batch (512) on its own; its forceFlush() then exports the
  // rest without waiting for that one. This server answers the first request only once the second
  // has arrived, so the full batch ends after the flush's last batch.
  let server: Server;
  let port: number;
  beforeAll(async () => {
    let held: (() => void) | undefined;
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const answer = (): void => {
          response.writeHead(200, { 'content-type': 'application/x-protobuf' });
          response.end();
        };
        if (held === undefined) {
          held = answer;
          return;
        }
        answer();
        held();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('waits for that export, so the record holds every span', async () => {
    const config = effectiveConfig({ protocol: 'http/protobuf', endpoint: `http://127.0.0.1:${port}` });
    const pipeline = createSdkPipeline(config, { signals: ['traces'] });
    try {
      for (let i = 0; i < 600; i++) pipeline.tracer().startSpan(`span-${i}`).end();
      expect(await pipeline.flush()).toBe(true);
      expect(tallySignal(pipeline.ledger, 'traces')).toMatchObject({ outcome: 'success', exports: 2, accepted: 600 });
    } finally {
      await pipeline.shutdown();
    }
  });
});
