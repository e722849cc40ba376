/**
 * The per-second timeline a load report carries (and the HTML report charts): the schedule's
 * target, requests in flight at their peak, and latency percentiles of each second on their own.
 */
import { describe, expect, it } from 'vitest';
import { SignalStats } from '../../../src/load/signal-stats.js';
import { TokenBucket } from '../../../src/load/token-bucket.js';

describe('SignalStats timeline', () => {
  it('records per second the target, the peak in flight and p50/p90/p99 of that second alone', () => {
    const stats = new SignalStats('traces');
    const second = (n: number, ms = 0): number => (1_000 + n) * 1000 + ms;
    stats.onScheduled(300, second(0));
    for (let i = 0; i < 3; i++) stats.onSend(100, second(0, 10 * i));
    // 100 attempts of 1..100 ms complete in the first second: p50 50, p90 90, p99 99.
    for (let ms = 1; ms <= 100; ms++) stats.onAttempt(ms, second(0, 500));
    stats.onAccepted(100, 0, undefined, second(0, 600));
    stats.onAccepted(100, 0, undefined, second(0, 700));
    stats.onScheduled(150.5, second(1));
    stats.onScheduled(49.5, second(1, 500));
    stats.onAttempt(1000, second(1, 900));
    stats.onAccepted(100, 0, undefined, second(1, 900));
    stats.finish();

    const [first, next] = stats.timeline;
    expect(first).toMatchObject({ t: 1000, target: 300, sent: 300, accepted: 200, inFlight: 3 });
    // HDR buckets hold three significant digits.
    expect([first!.p50Ms, first!.p90Ms, first!.p99Ms].map(Math.round)).toEqual([50, 90, 99]);
    // One request was still in flight when the second began: its peak carries over.
    expect(next).toMatchObject({ t: 1001, target: 200, sent: 0, accepted: 100, inFlight: 1, p50Ms: 1000, p99Ms: 1000 });
  });

  it('adds up, second by second, to what the schedule called for', () => {
    const stats = new SignalStats('metrics');
    const bucket = new TokenBucket(1000, 1e9, 2);
    const start = 5_000_000;
    for (let ms = 0; ms <= 4000; ms += 100) {
      const before = bucket.scheduled;
      bucket.refill(ms / 1000);
      stats.onScheduled(bucket.scheduled - before, start + ms);
    }
    stats.finish();
    const total = stats.timeline.reduce((sum, e) => sum + e.target, 0);
    expect(total).toBeCloseTo(bucket.expectedBy(4), 6);
    // The ramp-up shows: the first second asks for less than the last.
    expect(stats.timeline[0]!.target).toBeLessThan(stats.timeline[3]!.target);
  });
});
