import { describe, expect, it } from 'vitest';
import { createLatencyHistogram, encodeHistogram } from '../../../src/load/latency.js';
import { renderLoadHuman } from '../../../src/report/load-human.js';
import { finishReport } from '../../../src/load/report.js';
import type { LimitReason, LoadReport, SignalReport } from '../../../src/load/types.js';

function report(limitedBy: LimitReason | undefined, extra: Partial<SignalReport> = {}, maxLoss?: number): LoadReport {
  const signal: SignalReport = {
    signal: 'traces',
    unit: 'spans',
    targetRate: 10_000,
    expected: 100_000,
    achievedRate: 9000,
    deliveredRate: 8000,
    pacingError: 0.1,
    batchSize: 512,
    requests: 180,
    sent: 90_000,
    accepted: 80_000,
    rejected: 4000,
    failed: 5000,
    dropped: 1000,
    failedByReason: { 'grpc-unavailable': 5000 },
    messages: ['injected failure (unavailable)'],
    retries: 12,
    shortfall: { items: 10_000, byReason: limitedBy ? { [limitedBy]: 10_000 } : {}, ...(limitedBy ? { limitedBy } : {}) },
    latency: { count: 180, meanMs: 3, p50Ms: 2, p90Ms: 5, p99Ms: 9, p999Ms: 12, maxMs: 15 },
    latencyHistogram: encodeHistogram(createLatencyHistogram()),
    timeline: [
      {
        t: 100,
        target: 9000,
        sent: 9000,
        accepted: 8000,
        rejected: 400,
        failed: 500,
        retries: 1,
        inFlight: 16,
        p50Ms: 2,
        p90Ms: 5,
        p99Ms: 9,
      },
    ],
    ...extra,
  };
  return finishReport({
    tool: 'otel-proc load',
    version: '0',
    engine: 'fast',
    protocol: 'grpc',
    endpoint: 'http://c:4317',
    compression: 'gzip',
    scenario: 'stream-processor',
    seed: 'abc',
    shards: 1,
    workers: 1,
    concurrency: 16,
    startedAt: new Date(0).toISOString(),
    generationSeconds: 10,
    drainSeconds: 0.5,
    interrupted: false,
    signals: [signal],
    ...(maxLoss !== undefined ? { maxLoss } : {}),
  });
}

describe('renderLoadHuman', () => {
  it('shows every count, the failures by reason, drops, rejections and the loss verdict', () => {
    const text = renderLoadHuman(report(undefined, {}, 0.05), false);
    expect(text).toMatch(/traces\s+10,000\s+9,000\s+10\.00%\s+90,000\s+80,000\s+4,000\s+5,000\s+1,000\s+12/);
    expect(text).toContain('failed by reason: grpc-unavailable 5,000');
    expect(text).toContain('rejected by the server (partial success): 4,000 spans');
    expect(text).toContain('dropped inside the client before export: 1,000 spans');
    expect(text).toMatch(/loss 11\.11% \(max 5\.00%\): over budget/);
    expect(text).toContain('seed abc');
    expect(text).toContain('(gzip)');
    expect(text).not.toMatch(/\x1b\[/);
  });

  it.each<[LimitReason, RegExp]>([
    ['cpu-bound', /CPU-bound.*--workers/],
    ['in-flight-limit', /in-flight limit.*--concurrency/],
    ['server-backpressure', /server asked to slow down/],
  ])('explains a missed target limited by %s', (reason, hint) => {
    expect(renderLoadHuman(report(reason), false)).toMatch(hint);
  });
});
