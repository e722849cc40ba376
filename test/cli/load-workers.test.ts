/**
 * `otel-proc load --workers`: worker threads split the rate, the count and the id space, and their
 * reports merge into one that still matches what the receiver decoded.
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

describe('otel-proc load --workers', () => {
  it('splits the work across threads and reports the exact total', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0 });
    const result = await runCli([
      'load',
      '-e',
      `http://127.0.0.1:${receiver.ports.http}`,
      '-p',
      'http/protobuf',
      '--workers',
      '2',
      '--count',
      '3001',
      '--rate',
      '6k',
      '--batch-size',
      '200',
      '--logs-rate',
      '500',
      '--json',
      '--no-config-search',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.workers).toBe(2);
    const [traces, logs] = report.signals;
    expect(traces.sent).toBe(3001);
    expect(traces.accepted).toBe(receiver.received.spans.length);
    expect(logs.accepted).toBe(receiver.received.logRecords.length);
    const ids = receiver.received.spans.map((s) => s.spanId);
    expect(new Set(ids).size).toBe(3001);
    // both id spaces were used: trace ids start with the generator's index
    expect(new Set(receiver.received.spans.map((s) => s.traceId.slice(0, 4)))).toEqual(new Set(['0000', '0001']));
    expect(traces.latency.count).toBe(traces.requests);
  });
});
