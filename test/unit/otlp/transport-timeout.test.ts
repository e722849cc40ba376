/**
 * An export timeout too long for a Node timer (OTEL_EXPORTER_OTLP_TIMEOUT=3000000000) must not turn
 * into a 1 ms timeout, and the gRPC deadline header must stay within its 8 digits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSender } from '../../../src/otlp/transport/create-sender.js';
import { grpcTimeout } from '../../../src/otlp/transport/grpc-sender.js';
import { startReceiver } from '../../../src/receiver/index.js';
import type { ReceiverHandle } from '../../../src/receiver/types.js';
import { senderFor } from '../load/helpers.js';
import { ProtoWriter } from '../../../src/otlp/encode/proto-writer.js';

let receiver: ReceiverHandle | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

describe('export timeouts beyond a timer', () => {
  it('writes grpc-timeout with at most 8 digits', () => {
    expect(grpcTimeout(10_000)).toBe('10000m');
    expect(grpcTimeout(99_999_999)).toBe('99999999m');
    expect(grpcTimeout(3_000_000_000)).toBe('3000000S');
    expect(grpcTimeout(1e20)).toBe('99999999S');
  });

  it.each(['grpc', 'http/protobuf'] as const)('still delivers over %s (the timer used to fire after 1 ms)', async (wire) => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0 });
    const sender = createSender(senderFor(receiver, wire, 'traces', { timeoutMs: 3_000_000_000 }));
    // an empty ExportTraceServiceRequest is a valid export
    const outcome = await sender.send(Buffer.from(new ProtoWriter().finish()));
    await sender.close();
    expect(outcome).toMatchObject({ kind: 'success' });
  });
});
