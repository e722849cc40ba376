/**
 * runLoad from a resolved configuration: the sdk engine's honest accounting of the SDK's own drops,
 * and the ramp-up schedule. (Worker threads need the built files: test/cli/load-workers.test.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve.js';
import { runLoad, type LoadOptions } from '../../../src/load/run-load.js';
import { startReceiver } from '../../../src/receiver/index.js';
import type { ReceiverHandle } from '../../../src/receiver/types.js';
import { balanced } from './helpers.js';

let receiver: ReceiverHandle | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

const base: LoadOptions = {
  rate: 2000,
  metricsRate: 0,
  logsRate: 0,
  rampUpSeconds: 0,
  batchSize: 100,
  concurrency: 8,
  workers: 1,
  engine: 'fast',
  seed: 'engines',
  drainTimeoutMs: 10_000,
  version: 'test',
};

async function configFor(r: ReceiverHandle, env: Record<string, string> = {}) {
  const resolution = await resolveConfig({
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${r.ports.grpc}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_SERVICE_NAME: 'engines',
      ...env,
    },
    cwd: process.cwd(),
    noConfigSearch: true,
  });
  return resolution.config;
}

describe('sdk engine', () => {
  it('delivers through the real SDK and the report matches the receiver', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: false });
    const report = await runLoad(
      { ...base, engine: 'sdk', count: 1500, rate: 5000 },
      await configFor(receiver, { OTEL_BSP_SCHEDULE_DELAY: '50' }),
    );
    const traces = report.signals[0]!;
    expect(report.engine).toBe('sdk');
    expect(traces.sent).toBe(1500);
    expect(traces.accepted).toBe(receiver.received.spans.length);
    expect(traces.dropped).toBe(0);
    expect(balanced(traces)).toBe(true);
  });

  it('counts the spans the SDK silently drops when its queue overflows', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: false, faults: { delayMs: 200 } });
    const config = await configFor(receiver, {
      OTEL_BSP_MAX_QUEUE_SIZE: '64',
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '32',
      OTEL_BSP_SCHEDULE_DELAY: '1000',
    });
    const report = await runLoad({ ...base, engine: 'sdk', count: 3000, rate: 20_000 }, config);
    const traces = report.signals[0]!;
    expect(traces.sent).toBe(3000);
    expect(traces.dropped).toBeGreaterThan(0);
    expect(traces.accepted).toBe(receiver.received.spans.length);
    expect(balanced(traces)).toBe(true);
    expect(report.lossRatio).toBeGreaterThan(0);
  });

  it('gives up on exports still in flight at --drain-timeout, not at the SDK export timeout', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: false, countOnly: true, faults: { delayMs: 120_000 } });
    const config = await configFor(receiver, { OTEL_EXPORTER_OTLP_TIMEOUT: '100000', OTEL_BSP_SCHEDULE_DELAY: '20' });
    const report = await runLoad({ ...base, engine: 'sdk', count: 300, rate: 5000, drainTimeoutMs: 300 }, config);
    const traces = report.signals[0]!;
    expect(traces.sent).toBe(300);
    expect(traces.accepted).toBe(0);
    expect(traces.failedByReason['drain-timeout']).toBeGreaterThan(0);
    expect(balanced(traces)).toBe(true);
  });
});

describe('ramp-up', () => {
  it('follows the integral of a linear ramp and accounts for every scheduled span', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: false, countOnly: true });
    const report = await runLoad({ ...base, rate: 4000, rampUpSeconds: 0.5, durationSeconds: 1 }, await configFor(receiver));
    const traces = report.signals[0]!;
    expect(traces.expected).toBe(3000); // 4000 × (1 − 0.5/2)
    expect(traces.sent + traces.shortfall.items).toBe(3000);
    expect(traces.accepted).toBe(receiver.received.counts.spans);
    expect(balanced(traces)).toBe(true);
  });
});
