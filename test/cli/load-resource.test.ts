/**
 * `otel-proc load` sends traces, metrics and logs as one application would: every item carries the
 * same resource (service.name and the configured attributes), whatever the signal and protocol.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver } from '../../src/receiver/index.js';
import type { ReceiverHandle } from '../../src/receiver/types.js';
import { runCli } from '../helpers/cli.js';

let receiver: ReceiverHandle | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

describe.each(['grpc', 'http/protobuf', 'http/json'])('load over %s', (protocol) => {
  it('gives metrics and logs the resource of its traces', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0 });
    const port = protocol === 'grpc' ? receiver.ports.grpc : receiver.ports.http;
    const result = await runCli(
      [
        'load',
        '-e',
        `http://127.0.0.1:${port}`,
        '-p',
        protocol,
        '--rate',
        '200',
        '--metrics-rate',
        '100',
        '--logs-rate',
        '100',
        '--batch-size',
        '50',
        '--duration',
        '1s',
        '--seed',
        'resource',
        '--json',
        '--no-config-search',
      ],
      { env: { OTEL_SERVICE_NAME: 'load-resource', OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment.name=ci,team=streams' } },
    );
    expect(result.code).toBe(0);
    const { spans, dataPoints, logRecords } = receiver.received;
    expect(spans.length).toBeGreaterThan(0);
    expect(dataPoints.length).toBeGreaterThan(0);
    expect(logRecords.length).toBeGreaterThan(0);
    const traceResources = new Set(spans.map((s) => JSON.stringify(s.resource)));
    expect(traceResources.size).toBe(1);
    const [traceResource] = [...traceResources].map((r) => JSON.parse(r) as Record<string, unknown>);
    expect(traceResource).toMatchObject({ 'service.name': 'load-resource', 'deployment.environment.name': 'ci', team: 'streams' });
    for (const point of dataPoints) expect(point.resource).toEqual(traceResource);
    for (const record of logRecords) expect(record.resource).toEqual(traceResource);
  });
});
