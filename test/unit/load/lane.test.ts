/**
 * One lane driven by hand (the run loop's clock replaced by chosen instants), against the embedded
 * receiver: what happens to the schedule's remainder when generation stops.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Lane } from '../../../src/load/lane.js';
import { RequestSource } from '../../../src/load/request-source.js';
import { SignalStats } from '../../../src/load/signal-stats.js';
import { createTemplateFactory } from '../../../src/load/templates.js';
import { IdSource } from '../../../src/otlp/encode/id-source.js';
import { createSender } from '../../../src/otlp/transport/create-sender.js';
import { startReceiver } from '../../../src/receiver/index.js';
import type { ReceiverHandle } from '../../../src/receiver/types.js';
import { streamProcessorScenario } from '../../../src/synth/stream-processor.js';
import { balanced, QUICK_RETRY, senderFor } from './helpers.js';

let receiver: ReceiverHandle | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

describe('Lane.stop', () => {
  it('sends the remainder in requests of at most a batch, and counts what finds no slot as shortfall', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: false, countOnly: true });
    const batchSize = 100;
    const sender = createSender(senderFor(receiver, 'grpc'));
    const factory = createTemplateFactory({
      signal: 'traces',
      scenario: streamProcessorScenario,
      format: 'protobuf',
      resource: {},
      serviceName: 'lane',
      seed: 'lane',
      scope: { name: 'otel-proc', version: 'test' },
    });
    const stats = new SignalStats('traces');
    let idle: () => void = () => undefined;
    const drained = new Promise<void>((resolve) => (idle = resolve));
    // 100k spans/s: the bucket holds 50 ms of traffic, 5000 spans, fifty batches.
    const lane = new Lane({
      plan: { signal: 'traces', rate: 100_000, batchSize },
      source: new RequestSource(factory, batchSize, new IdSource()),
      sender,
      stats,
      concurrency: 4,
      retry: QUICK_RETRY,
      rampUpSeconds: 0,
      wake: () => stats.inFlight === 0 && idle(),
    });
    lane.stop(0.05, Date.now(), true);
    await drained;
    await sender.close();
    // Before, the whole bucket left as one request of 5000 spans, past --batch-size (and past a
    // Collector's 4 MiB gRPC message limit at higher rates).
    expect(stats.requests).toBe(4);
    expect(stats.sent).toBe(4 * batchSize);
    expect(stats.shortfallByReason['in-flight-limit']).toBe(5000 - 4 * batchSize);
    expect(receiver.received.counts.spans).toBe(4 * batchSize);
    expect(balanced(stats)).toBe(true);
  });
});
