/**
 * A load report as a long run writes it, without running one: per-second timelines with noise,
 * a few failures and retries, latency percentiles drawn from an HDR histogram. For measuring the
 * HTML report's size and open time on an hour of data.
 */
import { createLatencyHistogram, encodeHistogram, recordLatency, summarize } from '../load/latency.js';
import { finishReport } from '../load/report.js';
import { ITEM_UNIT, type LoadReport, type SignalReport, type TimelineEntry } from '../load/types.js';
import type { OtlpSignal } from '../otlp/transport/types.js';
import { createRandom } from '../synth/random.js';

const RATES: Record<OtlpSignal, number> = { traces: 50_000, metrics: 10_000, logs: 20_000 };

function signalOf(signal: OtlpSignal, seconds: number, start: number, seed: string): SignalReport {
  const random = createRandom(`${seed}/${signal}`);
  const rate = RATES[signal];
  const histogram = createLatencyHistogram();
  const second = createLatencyHistogram();
  const timeline: TimelineEntry[] = [];
  const failedByReason: Record<string, number> = {};
  for (let i = 0; i < seconds; i++) {
    const sent = Math.round(rate * (0.98 + 0.04 * random.next()));
    const failed = random.chance(0.02) ? 512 * random.int(1, 4) : 0;
    const rejected = random.chance(0.05) ? random.int(1, 200) : 0;
    if (failed > 0) failedByReason['grpc-unavailable'] = (failedByReason['grpc-unavailable'] ?? 0) + failed;
    second.reset();
    // A slow minute now and then, so the latency chart has something to show.
    const slow = Math.floor(i / 60) % 17 === 5 ? 8 : 1;
    for (let k = 0; k < 20; k++) {
      const ms = slow * (4 + 40 * random.next() ** 4);
      recordLatency(histogram, ms);
      recordLatency(second, ms);
    }
    const at = (p: number): number => Math.round(second.getValueAtPercentile(p)) / 1000;
    timeline.push({
      t: start + i,
      target: rate,
      sent,
      accepted: sent - failed - Math.min(rejected, sent - failed),
      rejected: Math.min(rejected, sent - failed),
      failed,
      retries: failed > 0 ? random.int(1, 8) : 0,
      inFlight: random.int(2, 16),
      p50Ms: at(50),
      p90Ms: at(90),
      p99Ms: at(99),
    });
  }
  second.destroy();
  const sum = (pick: (e: TimelineEntry) => number): number => timeline.reduce((total, e) => total + pick(e), 0);
  const sent = sum((e) => e.sent);
  const expected = rate * seconds;
  const report: SignalReport = {
    signal,
    unit: ITEM_UNIT[signal],
    targetRate: rate,
    expected,
    achievedRate: sent / seconds,
    deliveredRate: sum((e) => e.accepted) / seconds,
    pacingError: Math.abs(sent - expected) / expected,
    batchSize: 512,
    requests: Math.ceil(sent / 512),
    sent,
    accepted: sum((e) => e.accepted),
    rejected: sum((e) => e.rejected),
    failed: sum((e) => e.failed),
    dropped: 0,
    failedByReason,
    messages: failedByReason['grpc-unavailable'] ? ['UNAVAILABLE: connection reset'] : [],
    retries: sum((e) => e.retries),
    shortfall: { items: Math.max(0, expected - sent), byReason: {} },
    latency: summarize(histogram),
    latencyHistogram: encodeHistogram(histogram),
    timeline,
  };
  histogram.destroy();
  return report;
}

export function syntheticLoadReport(seconds: number, seed = 'bench'): LoadReport {
  const startedAt = new Date(Date.UTC(2025, 0, 1, 12, 0, 0));
  const start = Math.floor(startedAt.getTime() / 1000);
  return finishReport({
    tool: 'otel-proc load',
    version: 'bench',
    engine: 'fast',
    protocol: 'grpc',
    endpoint: 'http://collector:4317',
    compression: 'gzip',
    scenario: 'stream-processor',
    seed,
    shards: 1,
    workers: 4,
    concurrency: 64,
    startedAt: startedAt.toISOString(),
    generationSeconds: seconds,
    drainSeconds: 0.4,
    interrupted: false,
    signals: (['traces', 'metrics', 'logs'] as const).map((signal) => signalOf(signal, seconds, start, seed)),
  });
}
