import { describe, expect, it } from 'vitest';
import { createLatencyHistogram, encodeHistogram, recordLatency } from '../../../src/load/latency.js';
import { IncompleteShardSetError, MergeError, mergeReports } from '../../../src/load/merge-reports.js';
import { renderLoadHuman } from '../../../src/report/load-human.js';
import { finishReport } from '../../../src/load/report.js';
import type { LoadReport, SignalReport } from '../../../src/load/types.js';

function signal(latenciesMs: number[], counts: Partial<SignalReport>, t0: number): SignalReport {
  const histogram = createLatencyHistogram();
  for (const ms of latenciesMs) recordLatency(histogram, ms);
  return {
    signal: 'traces',
    unit: 'spans',
    targetRate: 1000,
    expected: 10_000,
    achievedRate: 0,
    deliveredRate: 0,
    pacingError: 0,
    batchSize: 512,
    requests: latenciesMs.length,
    sent: 10_000,
    accepted: 9_000,
    rejected: 500,
    failed: 500,
    dropped: 0,
    failedByReason: { 'grpc-unavailable': 500 },
    messages: ['m'],
    retries: 3,
    shortfall: { items: 0, byReason: {} },
    latency: { count: 0, meanMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, p999Ms: 0, maxMs: 0 },
    latencyHistogram: encodeHistogram(histogram),
    timeline: [
      {
        t: t0,
        target: 5000,
        sent: 5000,
        accepted: 4500,
        rejected: 250,
        failed: 250,
        retries: 1,
        inFlight: 3,
        p50Ms: 1,
        p90Ms: 4,
        p99Ms: 5,
      },
      {
        t: t0 + 1,
        target: 5000,
        sent: 5000,
        accepted: 4500,
        rejected: 250,
        failed: 250,
        retries: 2,
        inFlight: 2,
        p50Ms: 2,
        p90Ms: 8,
        p99Ms: 9,
      },
    ],
    ...counts,
  };
}

function report(index: number, s: SignalReport, count = 2): LoadReport {
  return finishReport({
    tool: 'otel-proc load',
    version: '0',
    engine: 'fast',
    protocol: 'grpc',
    endpoint: 'http://c:4317',
    compression: 'none',
    scenario: 'stream-processor',
    shard: { index, count },
    shards: 1,
    workers: 1,
    concurrency: 16,
    startedAt: new Date(1_000_000 + index).toISOString(),
    generationSeconds: 10 + index,
    drainSeconds: 0.1,
    interrupted: false,
    signals: [s],
  });
}

describe('mergeReports', () => {
  it('adds counts and rates, merges histograms exactly and timelines by second', () => {
    const a = report(0, signal([1, 2, 3, 4], {}, 100));
    const b = report(1, signal([100, 200], { failedByReason: { 'http-503': 500 } }, 101));
    const merged = mergeReports([a, b], { maxLoss: 0.05 });
    const s = merged.signals[0]!;
    expect(merged.shards).toBe(2);
    expect(merged.shard).toBeUndefined();
    expect(s.sent).toBe(20_000);
    expect(s.accepted).toBe(18_000);
    expect(s.failedByReason).toEqual({ 'grpc-unavailable': 500, 'http-503': 500 });
    expect(s.targetRate).toBe(2000);
    expect(s.achievedRate).toBeCloseTo(20_000 / 11);
    expect(s.latency.count).toBe(6);
    expect(s.latency.maxMs).toBeCloseTo(200, 0);
    expect(s.timeline.map((e) => [e.t, e.sent])).toEqual([
      [100, 5000],
      [101, 10_000],
      [102, 5000],
    ]);
    // Side by side: targets and peaks in flight add up; percentiles take the larger (an upper bound).
    expect(s.timeline[1]).toMatchObject({ target: 10_000, inFlight: 5, p50Ms: 2, p90Ms: 8, p99Ms: 9 });
    expect(merged.lossRatio).toBeCloseTo(0.1);
    expect(merged.withinLossBudget).toBe(false);
    expect(s.sent).toBe(s.accepted + s.rejected + s.failed + s.dropped);
  });

  it('lists what each report contributed, by file name, and flattens merges of merges', () => {
    const a = report(0, signal([1], {}, 100));
    const b = report(1, signal([1], { sent: 4000, accepted: 4000, rejected: 0, failed: 0 }, 100));
    const merged = mergeReports([a, b], { names: ['shard-0.json', 'shard-1.json'] });
    expect(merged.parts?.map((p) => [p.name, p.shard?.index, p.signals[0]!.sent, p.signals[0]!.accepted])).toEqual([
      ['shard-0.json', 0, 10_000, 9_000],
      ['shard-1.json', 1, 4000, 4000],
    ]);
    // A partial merge of shards 0 and 1 of 3, merged again with the late shard 2: one flat list.
    const partial = mergeReports([report(0, signal([1], {}, 100), 3), report(1, signal([1], {}, 100), 3)], {
      names: ['shard-0.json', 'shard-1.json'],
      allowPartial: true,
    });
    const again = mergeReports([partial, report(2, signal([1], {}, 100), 3)], { names: ['merged.json', 'shard-2.json'] });
    expect(again.parts?.map((p) => p.name)).toEqual(['shard-0.json', 'shard-1.json', 'shard-2.json']);
    expect(again.incomplete).toBeUndefined();
  });

  it("keeps a shard's missed target even when no reason was recorded for it", () => {
    const missed = { expected: 12_000, shortfall: { items: 2000, byReason: {}, limitedBy: 'cpu-bound' as const } };
    const merged = mergeReports([report(0, signal([1], missed, 100)), report(1, signal([1], {}, 100))]);
    expect(merged.signals[0]!.shortfall).toMatchObject({ items: 2000, limitedBy: 'cpu-bound' });
  });

  it('refuses what is not a load report, naming the file', () => {
    expect(() => mergeReports([{ tool: 'something else' } as unknown as LoadReport])).toThrow(/not an otel-proc load report/);
    expect(() => mergeReports([])).toThrow(/no reports/);
    // JSON null and half a report used to crash the merge with a TypeError (exit 1, "internal error")
    expect(() => mergeReports([null as unknown as LoadReport], { names: ['a.json'] })).toThrow(MergeError);
    expect(() => mergeReports([null as unknown as LoadReport], { names: ['a.json'] })).toThrow(/a\.json is not an otel-proc load report/);
    const half = { tool: 'otel-proc load', generationSeconds: 1, startedAt: 'x', signals: [{ signal: 'traces' }] } as unknown as LoadReport;
    expect(() => mergeReports([half], { names: ['h.json'] })).toThrow(/h\.json is an incomplete .*traces has no sent/);
    expect(() => mergeReports([{ pending: 'otel-proc load is running' } as unknown as LoadReport])).toThrow(/never finished/);
  });

  it('refuses reports that cannot be shards of one run', () => {
    const names = ['a.json', 'b.json'];
    const s0 = report(0, signal([1], {}, 100));
    // the same shard twice would count twice
    expect(() => mergeReports([s0, report(0, signal([1], {}, 100))], { names })).toThrow(/a\.json and b\.json both report shard 0\/2/);
    expect(() => mergeReports([s0, { ...report(1, signal([1], {}, 100)), shard: { index: 1, count: 4 } }], { names })).toThrow(
      /shard 0\/2 but b\.json is shard 1\/4/,
    );
    expect(() => mergeReports([s0, { ...report(1, signal([1], {}, 100)), protocol: 'http/protobuf' }], { names })).toThrow(
      /protocol grpc but b\.json used http\/protobuf/,
    );
    expect(() => mergeReports([s0, { ...report(1, signal([1], {}, 100)), engine: 'sdk' }], { names })).toThrow(MergeError);
    // shards may send to different collectors: the merged report names them all
    const merged = mergeReports([s0, { ...report(1, signal([1], {}, 100)), endpoint: 'http://d:4317' }], { names });
    expect(merged.endpoint).toBe('http://c:4317, http://d:4317');
  });
});

describe('mergeReports with a shard missing', () => {
  const lossless = { accepted: 10_000, rejected: 0, failed: 0, failedByReason: {} };
  const shards = (indices: number[], count: number): LoadReport[] => indices.map((i) => report(i, signal([1], lossless, 100), count));

  it('refuses an incomplete set, naming the missing shards', () => {
    expect(() => mergeReports(shards([0, 1], 3))).toThrow(IncompleteShardSetError);
    expect(() => mergeReports(shards([0, 1], 3))).toThrow('incomplete shard set: shard 2/3 missing (2 of 3 merged)');
    expect(() => mergeReports(shards([1], 4))).toThrow('shards 0/4, 2/4, 3/4 missing (1 of 4 merged)');
    expect(mergeReports(shards([0, 1, 2], 3)).incomplete).toBeUndefined();
  });

  it('merges it with allowPartial, marked incomplete, and then fails any loss budget', () => {
    const merged = mergeReports(shards([0, 2], 3), { allowPartial: true });
    expect(merged.incomplete).toEqual({ shardCount: 3, missingShards: [1] });
    expect(merged.lossRatio).toBe(0);
    expect(merged.withinLossBudget).toBe(true);
    const gated = mergeReports(shards([0, 2], 3), { allowPartial: true, maxLoss: 0.5 });
    expect(gated.withinLossBudget).toBe(false);
    const human = renderLoadHuman(gated, false);
    expect(human).toContain('2 of 3 shards merged');
    expect(human).toContain('incomplete: shard 1/3 missing (2 of 3 merged); their losses are unknown');
    expect(human).toContain('incomplete shard set: exit 1');
    // Merging the partial merge with the late shard still knows nothing about shard 1.
    expect(mergeReports([merged, ...shards([1], 3)], { allowPartial: true }).incomplete).toBeUndefined();
  });
});
