/**
 * Merges reports of runs that happened side by side (worker threads of one process, or shards on
 * several machines) into one: counts add up, rates add up (the runs were concurrent), latency
 * histograms merge exactly, timelines add up second by second (they are keyed by Unix second).
 */
import { encodeHistogram, mergeHistograms, summarize } from './latency.js';
import { dominantReason, finishReport } from './report.js';
import type { LimitReason, LoadReport, ReportPart, SignalReport, TimelineEntry } from './types.js';

function addInto(target: Record<string, number>, source: Record<string, number | undefined>): void {
  for (const [key, value] of Object.entries(source)) target[key] = (target[key] ?? 0) + (value ?? 0);
}

function mergeTimelines(timelines: TimelineEntry[][]): TimelineEntry[] {
  const bySecond = new Map<number, TimelineEntry>();
  for (const entry of timelines.flat()) {
    const current = bySecond.get(entry.t);
    if (!current) {
      bySecond.set(entry.t, { ...entry });
      continue;
    }
    // Reports of earlier versions lack target, inFlight, p50Ms and p90Ms: they count as 0.
    current.target = Math.round(((current.target ?? 0) + (entry.target ?? 0)) * 1000) / 1000;
    current.sent += entry.sent;
    current.accepted += entry.accepted;
    current.rejected += entry.rejected;
    current.failed += entry.failed;
    current.retries += entry.retries;
    // The parts ran side by side, so the sum of their peaks bounds the peak of the whole.
    current.inFlight = (current.inFlight ?? 0) + (entry.inFlight ?? 0);
    // A p99 of p99s is not a p99; the largest is an upper bound and errs on the honest side.
    current.p50Ms = Math.max(current.p50Ms ?? 0, entry.p50Ms ?? 0);
    current.p90Ms = Math.max(current.p90Ms ?? 0, entry.p90Ms ?? 0);
    current.p99Ms = Math.max(current.p99Ms, entry.p99Ms);
  }
  return [...bySecond.values()].sort((a, b) => a.t - b.t);
}

export function mergeSignalReports(parts: SignalReport[], seconds: number): SignalReport {
  const first = parts[0]!;
  const sum = (pick: (s: SignalReport) => number): number => parts.reduce((total, s) => total + pick(s), 0);
  const histogram = mergeHistograms(parts.map((p) => p.latencyHistogram));
  const failedByReason: Record<string, number> = {};
  const byReason: Record<string, number> = {};
  for (const part of parts) {
    addInto(failedByReason, part.failedByReason);
    addInto(byReason, part.shortfall.byReason);
  }
  const expected = sum((s) => s.expected);
  const sent = sum((s) => s.sent);
  const shortfallItems = sum((s) => s.shortfall.items);
  // A part's shortfall may have no recorded reason (it defaults to cpu-bound there): keep it so.
  const flagged = parts.find((p) => p.shortfall.limitedBy)?.shortfall.limitedBy;
  const limitedBy = flagged ? (dominantReason(byReason as Partial<Record<LimitReason, number>>) ?? flagged) : undefined;
  const window = seconds > 0 ? seconds : 1;
  const merged: SignalReport = {
    signal: first.signal,
    unit: first.unit,
    targetRate: sum((s) => s.targetRate),
    expected,
    achievedRate: sent / window,
    deliveredRate: sum((s) => s.accepted) / window,
    pacingError: expected > 0 ? Math.abs(sent - expected) / expected : 0,
    batchSize: first.batchSize,
    requests: sum((s) => s.requests),
    sent,
    accepted: sum((s) => s.accepted),
    rejected: sum((s) => s.rejected),
    failed: sum((s) => s.failed),
    dropped: sum((s) => s.dropped),
    failedByReason,
    messages: [...new Set(parts.flatMap((p) => p.messages))].slice(0, 5),
    retries: sum((s) => s.retries),
    shortfall: { items: shortfallItems, byReason, ...(limitedBy ? { limitedBy } : {}) },
    latency: summarize(histogram),
    latencyHistogram: encodeHistogram(histogram),
    timeline: mergeTimelines(parts.map((p) => p.timeline)),
  };
  histogram.destroy();
  return merged;
}

export class MergeError extends Error {}

/** Shards of the split are missing and --allow-partial was not given. */
export class IncompleteShardSetError extends MergeError {}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const COUNTS = ['sent', 'accepted', 'rejected', 'failed', 'dropped', 'expected', 'requests', 'retries', 'targetRate'] as const;

/** Why `value` cannot be merged as a load report, or undefined when it can. */
export function reportProblem(value: unknown): string | undefined {
  if (isObject(value) && 'pending' in value && !('signals' in value))
    return 'a load run that never finished (it is replaced by the report when the run ends)';
  if (!isObject(value) || value.tool !== 'otel-proc load' || !Array.isArray(value.signals)) return 'not an otel-proc load report';
  if (typeof value.generationSeconds !== 'number' || typeof value.startedAt !== 'string')
    return 'an incomplete otel-proc load report (no generationSeconds or startedAt)';
  for (const signal of value.signals as unknown[]) {
    if (!isObject(signal) || typeof signal.signal !== 'string') return 'an incomplete otel-proc load report (a signal without its name)';
    const missing = COUNTS.find((key) => typeof signal[key] !== 'number');
    if (missing) return `an incomplete otel-proc load report (${signal.signal} has no ${missing})`;
    if (
      !isObject(signal.failedByReason) ||
      !isObject(signal.shortfall) ||
      !Array.isArray(signal.timeline) ||
      typeof signal.latencyHistogram !== 'string'
    ) {
      return `an incomplete otel-proc load report (${signal.signal} lacks failedByReason, shortfall, timeline or latencyHistogram)`;
    }
  }
  return undefined;
}

/**
 * Reports that cannot be one run: a shard given twice (it would count twice), shards of runs split
 * differently, or runs with different engines or protocols (the merged header would misstate them).
 */
function checkCompatible(reports: LoadReport[], names: string[]): void {
  const name = (i: number): string => names[i] ?? `report ${i + 1}`;
  const seen = new Map<string, number>();
  reports.forEach((report, i) => {
    const key = report.shard ? `shard ${report.shard.index}/${report.shard.count}` : `the run started at ${report.startedAt}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) throw new MergeError(`${name(earlier)} and ${name(i)} both report ${key}: each shard counts once`);
    seen.set(key, i);
  });
  const sharded = reports.map((r, i) => [r.shard, i] as const).filter(([shard]) => shard !== undefined);
  const other = sharded.find(([shard]) => shard!.count !== sharded[0]![0]!.count);
  if (other) {
    const [shard, i] = sharded[0]!;
    throw new MergeError(
      `${name(i)} is shard ${shard!.index}/${shard!.count} but ${name(other[1])} is shard ${other[0]!.index}/${other[0]!.count}: shards of differently split runs`,
    );
  }
  for (const field of ['engine', 'protocol'] as const) {
    const differs = reports.findIndex((r) => r[field] !== reports[0]![field]);
    if (differs > 0)
      throw new MergeError(
        `${name(0)} used ${field} ${reports[0]![field]} but ${name(differs)} used ${reports[differs]![field]}: these are not shards of one run`,
      );
  }
}

/** What one report adds to a merge; a report that is itself a merge contributes its own parts. */
function partsOf(report: LoadReport, name: string): ReportPart[] {
  if (report.parts && report.parts.length > 0) return report.parts;
  return [
    {
      name,
      ...(report.shard ? { shard: report.shard } : {}),
      startedAt: report.startedAt,
      generationSeconds: report.generationSeconds,
      endpoint: report.endpoint,
      interrupted: report.interrupted,
      signals: report.signals.map(({ signal, targetRate, achievedRate, sent, accepted, rejected, failed, dropped }) => ({
        signal,
        targetRate,
        achievedRate,
        sent,
        accepted,
        rejected,
        failed,
        dropped,
      })),
    },
  ];
}

/**
 * The shards of an `i/n` split whose reports are not among `reports` (a pod that failed or whose
 * report was not collected), and n; undefined when no report names a shard.
 */
export function missingShards(reports: LoadReport[]): { shardCount: number; missingShards: number[] } | undefined {
  const shardCount = reports.find((r) => r.shard)?.shard?.count ?? reports.find((r) => r.incomplete)?.incomplete?.shardCount;
  if (shardCount === undefined) return undefined;
  const all = Array.from({ length: shardCount }, (_, i) => i);
  const covered = new Set<number>();
  for (const report of reports) {
    if (report.shard) covered.add(report.shard.index);
    // A partial merge (--allow-partial) covers every shard but the ones it lists as missing.
    else if (report.incomplete) for (const i of all) if (!report.incomplete.missingShards.includes(i)) covered.add(i);
  }
  const missing = all.filter((i) => !covered.has(i));
  return missing.length > 0 ? { shardCount, missingShards: missing } : undefined;
}

export function describeMissingShards(gap: { shardCount: number; missingShards: number[] }): string {
  const list = gap.missingShards.map((i) => `${i}/${gap.shardCount}`).join(', ');
  return `${gap.missingShards.length === 1 ? 'shard' : 'shards'} ${list} missing (${gap.shardCount - gap.missingShards.length} of ${gap.shardCount} merged)`;
}

/** One value when the runs agree, else every distinct value (shards may target different collectors). */
const distinct = (values: string[]): string => [...new Set(values)].join(', ');

export function mergeReports(
  reports: LoadReport[],
  options: { maxLoss?: number; names?: string[]; allowPartial?: boolean } = {},
): LoadReport {
  if (reports.length === 0) throw new MergeError('no reports to merge');
  reports.forEach((report, i) => {
    const problem = reportProblem(report);
    if (problem) throw new MergeError(`${options.names?.[i] ?? `report ${i + 1}`} is ${problem}`);
  });
  checkCompatible(reports, options.names ?? []);
  // A failed pod leaves a gap: merging the rest would read as the whole run and could pass a loss gate.
  const incomplete = missingShards(reports);
  if (incomplete && !options.allowPartial) throw new IncompleteShardSetError(`incomplete shard set: ${describeMissingShards(incomplete)}`);
  const first = reports[0]!;
  // The runs overlapped in time: the merged window is the longest one, so rates add up.
  const seconds = Math.max(...reports.map((r) => r.generationSeconds));
  const signals = [...new Set(reports.flatMap((r) => r.signals.map((s) => s.signal)))].map((signal) =>
    mergeSignalReports(
      reports.flatMap((r) => r.signals.filter((s) => s.signal === signal)),
      seconds,
    ),
  );
  const maxLoss = options.maxLoss ?? first.maxLoss;
  const startedAt = reports.map((r) => r.startedAt).sort()[0]!;
  // Shards may have had their own seeds; a merged report has no single one.
  const { shard: _shard, seed: _seed, incomplete: _incomplete, ...rest } = first;
  void _shard;
  void _seed;
  void _incomplete;
  return finishReport({
    ...rest,
    endpoint: distinct(reports.map((r) => r.endpoint)),
    compression: distinct(reports.map((r) => r.compression)),
    scenario: distinct(reports.map((r) => r.scenario)),
    shards: reports.reduce((total, r) => total + (r.shards ?? 1), 0),
    workers: reports.reduce((total, r) => total + r.workers, 0),
    concurrency: reports.reduce((total, r) => total + r.concurrency, 0),
    startedAt,
    generationSeconds: seconds,
    drainSeconds: Math.max(...reports.map((r) => r.drainSeconds)),
    interrupted: reports.some((r) => r.interrupted),
    signals,
    ...(incomplete ? { incomplete } : {}),
    ...(maxLoss !== undefined ? { maxLoss } : {}),
    parts: reports.flatMap((report, i) => partsOf(report, options.names?.[i] ?? `report ${i + 1}`)),
  });
}
