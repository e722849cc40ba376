import { describe, expect, it } from 'vitest';
import { createLatencyHistogram, recordLatency, summarize } from '../../../src/load/latency.js';

describe('latency summary', () => {
  it('never puts a percentile above the largest latency recorded', () => {
    const histogram = createLatencyHistogram();
    recordLatency(histogram, 4.4);
    recordLatency(histogram, 54.469);
    const summary = summarize(histogram);
    // HDR buckets are 0.1% wide: p99 read 54.495 ms, above the 54.469 ms max, before the clamp
    expect(summary.maxMs).toBeCloseTo(54.469, 1);
    for (const p of [summary.p50Ms, summary.p90Ms, summary.p99Ms, summary.p999Ms]) expect(p).toBeLessThanOrEqual(summary.maxMs);
    expect(summary.p99Ms).toBe(summary.maxMs);
    expect(summary.p50Ms).toBeLessThan(5);
  });
});
