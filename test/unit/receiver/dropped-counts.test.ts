/**
 * When the sender's limits cut attributes or events (OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT and friends),
 * the receiver shows the dropped counts it was told about.
 */
import { InMemorySpanExporter, SimpleSpanProcessor, BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../../src/receiver/index.js';
import type { ReceiverHandle } from '../../../src/receiver/types.js';
import { ExportResultCode, exportWith, traceExporter } from './sdk-senders.js';

async function limitedSpans() {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    spanLimits: { attributeCountLimit: 2, eventCountLimit: 1 },
    spanProcessors: [new SimpleSpanProcessor(memory)],
  });
  const span = provider.getTracer('limits').startSpan('crowded', { attributes: { a: 1, b: 2, c: 3, d: 4 } });
  for (const name of ['one', 'two', 'three']) span.addEvent(name);
  span.end();
  const spans = memory.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

describe('dropped counts', () => {
  let receiver: ReceiverHandle;
  beforeAll(async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0 });
  });
  afterAll(() => receiver.stop());

  it.each(['grpc', 'http/json'] as const)('shows what the sender dropped, over %s', async (protocol) => {
    const before = receiver.received.spans.length;
    const exporter = await traceExporter(receiver, protocol);
    try {
      expect((await exportWith(exporter, await limitedSpans())).code).toBe(ExportResultCode.SUCCESS);
    } finally {
      await exporter.shutdown();
    }
    const [span] = receiver.received.spans.slice(before);
    expect(Object.keys(span!.attributes)).toHaveLength(2);
    expect(span!.events).toHaveLength(1);
    expect(span).toMatchObject({ droppedAttributesCount: 2, droppedEventsCount: 2 });
    expect(span).not.toHaveProperty('droppedLinksCount');
  });
});
