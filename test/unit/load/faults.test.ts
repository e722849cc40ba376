/**
 * The report stays exact when the receiver rejects, delays, fails, throttles, or is killed and
 * restarted mid-run: every request ends counted once, and `accepted` is what the receiver kept.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runGenerator } from '../../../src/load/generator.js';
import { startReceiver } from '../../../src/receiver/index.js';
import type { ReceiverHandle, ReceiverOptions } from '../../../src/receiver/types.js';
import { balanced, QUICK_RETRY, spec, type Wire } from './helpers.js';

const receivers: ReceiverHandle[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.stop()));
});

async function receiver(options: ReceiverOptions = {}): Promise<ReceiverHandle> {
  const handle = await startReceiver({ grpcPort: 0, httpPort: 0, ...options });
  receivers.push(handle);
  return handle;
}

describe.each<Wire>(['grpc', 'http/protobuf', 'http/json'])('faults over %s', (wire) => {
  it('counts partial success as rejected, exactly', async () => {
    const r = await receiver({ faults: { partialSuccess: 7 } });
    const [report] = (await runGenerator(spec(r, wire, [{ signal: 'traces', rate: 20_000, batchSize: 100, count: 1000 }]))).signals;
    expect(report!.rejected).toBe(70);
    expect(report!.accepted).toBe(930);
    expect(r.received.spans).toHaveLength(930);
    expect(report!.messages.join()).toMatch(/rejected/);
    expect(balanced(report!)).toBe(true);
  });

  it('retries retryable failures and then delivers everything', async () => {
    const r = await receiver({ faults: { failFirst: 3, failWith: 'unavailable' } });
    const [report] = (
      await runGenerator(spec(r, wire, [{ signal: 'traces', rate: 20_000, batchSize: 100, count: 500 }], { concurrency: 1 }))
    ).signals;
    expect(report!.retries).toBe(3);
    expect(report!.failed).toBe(0);
    expect(report!.accepted).toBe(500);
    expect(r.received.spans).toHaveLength(500);
  });

  it('does not retry permanent failures and names the reason', async () => {
    const r = await receiver({ requireHeader: { name: 'authorization', value: 'Bearer right' } });
    const [report] = (await runGenerator(spec(r, wire, [{ signal: 'traces', rate: 20_000, batchSize: 100, count: 300 }]))).signals;
    expect(report!.retries).toBe(0);
    expect(report!.failed).toBe(300);
    expect(report!.failedByReason).toEqual({ [wire === 'grpc' ? 'grpc-unauthenticated' : 'http-401']: 300 });
    expect(r.received.counts.spans).toBe(0);
    expect(balanced(report!)).toBe(true);
  });

  it('gives up on a retryable failure after the last attempt, and counts it failed', async () => {
    const r = await receiver({ faults: { rejectRatio: 0.5, failWith: 'unavailable' } });
    const [report] = (
      await runGenerator(
        spec(r, wire, [{ signal: 'traces', rate: 20_000, batchSize: 50, count: 2000 }], { retry: { ...QUICK_RETRY, maxAttempts: 2 } }),
      )
    ).signals;
    expect(report!.failed).toBeGreaterThan(0);
    expect(Object.keys(report!.failedByReason)).toEqual([wire === 'grpc' ? 'grpc-unavailable' : 'http-503']);
    expect(report!.accepted).toBe(r.received.spans.length);
    expect(balanced(report!)).toBe(true);
  });

  it('honours the server-requested delay and reports the backpressure', async () => {
    const r = await receiver({ faults: { failFirst: 1, failWith: wire === 'grpc' ? 'resource-exhausted' : '429', retryAfterSeconds: 1 } });
    const started = Date.now();
    // The run ends (0.5 s) inside the server's delay (1 s): only the wait for the retry makes it last 1 s.
    const result = await runGenerator(spec(r, wire, [{ signal: 'traces', rate: 2000, batchSize: 100 }], { durationSeconds: 0.5 }));
    const [report] = result.signals;
    expect(report!.retries).toBe(1);
    expect(report!.failed).toBe(0);
    expect(report!.accepted).toBe(r.received.spans.length);
    expect(report!.shortfall.limitedBy).toBe('server-backpressure');
    // the retried request waited for the server's delay
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(balanced(report!)).toBe(true);
  });

  it('reports the in-flight limit when a slow server holds every slot', async () => {
    const r = await receiver({ faults: { delayMs: 300 } });
    const [report] = (
      await runGenerator(spec(r, wire, [{ signal: 'traces', rate: 5000, batchSize: 100 }], { durationSeconds: 0.5, concurrency: 1 }))
    ).signals;
    expect(report!.shortfall.limitedBy).toBe('in-flight-limit');
    expect(report!.sent).toBeLessThan(report!.expected);
    expect(report!.accepted).toBe(r.received.spans.length);
    expect(balanced(report!)).toBe(true);
  });

  it('stays exact when the receiver is killed and restarted on the same port mid-run', async () => {
    const first = await receiver();
    const port = wire === 'grpc' ? first.ports.grpc! : first.ports.http!;
    let sawFailure: () => void = () => undefined;
    const failedOnce = new Promise<void>((resolve) => (sawFailure = resolve));
    const run = runGenerator(
      spec(first, wire, [{ signal: 'traces', rate: 2000, batchSize: 100 }], {
        durationSeconds: 3,
        retry: { ...QUICK_RETRY, maxAttempts: 3 },
      }),
      undefined,
      (snapshot) => snapshot.signals.some((s) => s.failed > 0) && sawFailure(),
    );
    // Mid-run: the first receiver has taken a few batches.
    await first.received.waitFor((store) => store.counts.spans >= 300, 20_000);
    await first.stop();
    const acceptedByFirst = first.received.spans.length;
    // Restart only once the generator has counted requests it gave up on while nothing listened.
    const ended = run.then(() => Promise.reject(new Error('the run ended before any request failed')));
    await Promise.race([failedOnce, ended]);
    ended.catch(() => undefined);
    const second = await receiver(wire === 'grpc' ? { grpcPort: port, httpPort: false } : { grpcPort: false, httpPort: port });
    const [report] = (await run).signals;
    expect(acceptedByFirst).toBeGreaterThan(0);
    expect(second.received.spans.length).toBeGreaterThan(0);
    expect(report!.accepted).toBe(acceptedByFirst + second.received.spans.length);
    expect(report!.failed).toBeGreaterThan(0);
    expect(report!.retries).toBeGreaterThan(0);
    expect(balanced(report!)).toBe(true);
    // nothing was delivered twice
    const ids = [...first.received.spans, ...second.received.spans].map((s) => s.spanId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
