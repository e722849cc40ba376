/**
 * load → the real Collector: for every protocol, the report's accepted count equals the delta of
 * the Collector's own otelcol_receiver_accepted_spans (every name form, via sumCounter), and the
 * Collector refused nothing. The accounting is checked against a peer we did not write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { runCli } from '../helpers/cli.js';
import { eventually, fetchText, startStack, sumCounter, type TelemetryStack } from './helpers/stack.js';

let stack: TelemetryStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

async function accepted(transport: string): Promise<number> {
  return sumCounter(await fetchText(stack.collector.metrics), 'otelcol_receiver_accepted_spans', { transport });
}

async function refused(): Promise<number> {
  return sumCounter(await fetchText(stack.collector.metrics), 'otelcol_receiver_refused_spans');
}

describe.sequential.each([
  ['grpc', 'grpc', 'none'],
  ['http/protobuf', 'http', 'none'],
  ['http/json', 'http', 'none'],
  ['grpc', 'grpc', 'gzip'],
  ['http/protobuf', 'http', 'gzip'],
])('load through the Collector over %s (%s, compression %s)', (protocol, transport, compression) => {
  it('reports exactly the spans the Collector says it accepted', async () => {
    const endpoint = protocol === 'grpc' ? stack.collector.otlpGrpc : stack.collector.otlpHttp;
    const before = await accepted(transport);
    const refusedBefore = await refused();
    const result = await runCli(
      [
        'load',
        '--protocol',
        protocol,
        '--endpoint',
        endpoint,
        '--service-name',
        `e2e-load-${transport}`,
        '--count',
        '20000',
        '--rate',
        '10k',
        '--batch-size',
        '500',
        '--compression',
        compression,
        '--json',
        '--no-config-search',
      ],
      { cwd: tmpdir(), timeoutMs: 120_000 },
    );
    expect(result.code, result.stderr).toBe(0);
    const traces = JSON.parse(result.stdout).signals[0];
    expect(traces.sent).toBe(20_000);
    expect(traces.sent).toBe(traces.accepted + traces.rejected + traces.failed + traces.dropped);
    // The Collector's own telemetry is exported periodically: wait for it to catch up.
    const delta = await eventually(
      async () => {
        const now = (await accepted(transport)) - before;
        return now >= traces.accepted ? now : undefined;
      },
      60_000,
      `otelcol_receiver_accepted_spans{transport="${transport}"} to grow by ${traces.accepted}`,
    );
    expect(delta).toBe(traces.accepted);
    expect((await refused()) - refusedBefore).toBe(0);
  });
});

describe('load with metrics and logs through the Collector', () => {
  it('reports exactly the data points and log records the Collector accepted', async () => {
    const count = async (name: string): Promise<number> =>
      sumCounter(await fetchText(stack.collector.metrics), name, { transport: 'grpc' });
    const before = {
      points: await count('otelcol_receiver_accepted_metric_points'),
      records: await count('otelcol_receiver_accepted_log_records'),
    };
    const result = await runCli(
      [
        'load',
        '--protocol',
        'grpc',
        '--endpoint',
        stack.collector.otlpGrpc,
        '--service-name',
        'e2e-load-signals',
        '--rate',
        '2k',
        '--metrics-rate',
        '1k',
        '--logs-rate',
        '1k',
        '--duration',
        '3s',
        '--batch-size',
        '250',
        '--json',
        '--no-config-search',
      ],
      { cwd: tmpdir(), timeoutMs: 120_000 },
    );
    expect(result.code, result.stderr).toBe(0);
    const [, metrics, logs] = JSON.parse(result.stdout).signals;
    expect(metrics.signal).toBe('metrics');
    const points = await eventually(
      async () => {
        const delta = (await count('otelcol_receiver_accepted_metric_points')) - before.points;
        return delta >= metrics.accepted ? delta : undefined;
      },
      60_000,
      'accepted metric points',
    );
    const records = await eventually(
      async () => {
        const delta = (await count('otelcol_receiver_accepted_log_records')) - before.records;
        return delta >= logs.accepted ? delta : undefined;
      },
      60_000,
      'accepted log records',
    );
    expect(points).toBe(metrics.accepted);
    expect(records).toBe(logs.accepted);
  });
});
