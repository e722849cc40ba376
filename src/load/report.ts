/**
 * Turns a finished run into the report: per signal counts, rates, pacing error, shortfall with its
 * dominant reason, latency percentiles and the timeline; then loss against --max-loss.
 */
import { bucketCapacity } from './lane.js';
import { encodeHistogram, summarize } from './latency.js';
import type { SignalStats } from './signal-stats.js';
import { ITEM_UNIT, type LimitReason, type LoadReport, type SignalPlan, type SignalReport } from './types.js';

/** Below this fraction of the expected items a shortfall is noise (timer granularity), not a finding. */
const SHORTFALL_NOTICE = 0.01;

export function dominantReason(byReason: Partial<Record<LimitReason, number>>): LimitReason | undefined {
  let best: LimitReason | undefined;
  for (const [reason, items] of Object.entries(byReason) as Array<[LimitReason, number]>) {
    if (items > 0 && (best === undefined || items > (byReason[best] ?? 0))) best = reason;
  }
  return best;
}

export function signalReport(plan: SignalPlan, stats: SignalStats, expected: number, seconds: number): SignalReport {
  const window = seconds > 0 ? seconds : 1;
  const shortfallItems = Math.max(0, Math.round(expected - stats.sent));
  const byReason: Partial<Record<LimitReason, number>> = {};
  for (const [reason, items] of Object.entries(stats.shortfallByReason) as Array<[LimitReason, number]>)
    byReason[reason] = Math.round(items);
  // Nor is one bucket's worth (the pacing's own burst allowance): a --count run's last request leaving
  // a timer tick late would otherwise read as "CPU-bound, add --workers" on every small run.
  const notable = shortfallItems / expected > SHORTFALL_NOTICE && shortfallItems > bucketCapacity(plan.rate, plan.batchSize);
  const limitedBy = expected > 0 && notable ? (dominantReason(byReason) ?? 'cpu-bound') : undefined;
  return {
    signal: plan.signal,
    unit: ITEM_UNIT[plan.signal],
    targetRate: plan.rate,
    expected,
    achievedRate: stats.sent / window,
    deliveredRate: stats.accepted / window,
    pacingError: expected > 0 ? Math.abs(stats.sent - expected) / expected : 0,
    batchSize: plan.batchSize,
    requests: stats.requests,
    sent: stats.sent,
    accepted: stats.accepted,
    rejected: stats.rejected,
    failed: stats.failed,
    dropped: stats.dropped,
    failedByReason: { ...stats.failedByReason },
    messages: [...stats.messages],
    retries: stats.retries,
    shortfall: { items: shortfallItems, byReason, ...(limitedBy ? { limitedBy } : {}) },
    latency: summarize(stats.latency),
    latencyHistogram: encodeHistogram(stats.latency),
    timeline: stats.timeline.map((entry) => ({ ...entry })),
  };
}

export function lossOf(signals: SignalReport[]): number {
  const sent = signals.reduce((sum, s) => sum + s.sent, 0);
  const lost = signals.reduce((sum, s) => sum + s.rejected + s.failed + s.dropped, 0);
  return sent > 0 ? lost / sent : 0;
}

export function finishReport(base: Omit<LoadReport, 'lossRatio' | 'withinLossBudget'>): LoadReport {
  const lossRatio = lossOf(base.signals);
  // The verdict before the (long) list of merged parts, for people reading the JSON. The loss of a
  // shard whose report is missing is unknown: an incomplete merge cannot be within a budget.
  const { parts, ...rest } = base;
  return {
    ...rest,
    lossRatio,
    withinLossBudget: base.maxLoss === undefined || (lossRatio <= base.maxLoss && base.incomplete === undefined),
    ...(parts ? { parts } : {}),
  };
}
