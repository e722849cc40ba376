/**
 * Export latency statistics with HDR histograms (hdr-histogram-js): constant memory however long
 * the run, three significant digits, and mergeable across workers and shards through their
 * compressed base64 encoding.
 */
import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, type Histogram } from 'hdr-histogram-js';
import type { LatencySummary } from './types.js';

/** Latencies are recorded in microseconds, up to one hour. */
export function createLatencyHistogram(): Histogram {
  return build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });
}

export function recordLatency(histogram: Histogram, milliseconds: number): void {
  histogram.recordValue(Math.min(3_600_000_000, Math.max(1, Math.round(milliseconds * 1000))));
}

const ms = (micros: number): number => Math.round(micros) / 1000;

export function summarize(histogram: Histogram): LatencySummary {
  if (histogram.totalCount === 0) return { count: 0, meanMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, p999Ms: 0, maxMs: 0 };
  // A percentile is the top of its bucket (0.1% wide), which can lie above the largest value
  // recorded: a report where p99.9 exceeds max reads as a bug, so no percentile goes past it.
  const at = (percentile: number): number => ms(Math.min(histogram.getValueAtPercentile(percentile), histogram.maxValue));
  return {
    count: histogram.totalCount,
    meanMs: ms(histogram.mean),
    p50Ms: at(50),
    p90Ms: at(90),
    p99Ms: at(99),
    p999Ms: at(99.9),
    maxMs: ms(histogram.maxValue),
  };
}

export function encodeHistogram(histogram: Histogram): string {
  return encodeIntoCompressedBase64(histogram);
}

export function mergeHistograms(encoded: string[]): Histogram {
  const merged = createLatencyHistogram();
  for (const text of encoded) {
    if (!text) continue;
    const histogram = decodeFromCompressedBase64(text);
    merged.add(histogram);
    histogram.destroy();
  }
  return merged;
}
