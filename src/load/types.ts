/**
 * The load generator's data: what a run is asked to do, what it reports. The report is plain JSON
 * (it is written with --report, merged across shards, and read back by `load-merge`), so every
 * field is a number, string, boolean, array or plain object. Header values never enter it.
 */
import type { OtlpSignal } from '../otlp/transport/types.js';

export type LimitReason = 'cpu-bound' | 'in-flight-limit' | 'server-backpressure';
export type Engine = 'fast' | 'sdk';

export const ITEM_UNIT: Record<OtlpSignal, string> = { traces: 'spans', metrics: 'data points', logs: 'log records' };

/** What to do about a missed target, by what limited the generator (every report renderer says the same). */
export const LIMIT_HINT: Record<LimitReason, string> = {
  'cpu-bound': 'the generator could not keep up (CPU-bound): add --workers, or split the load with --shard across machines',
  'in-flight-limit': 'every request slot was busy waiting for answers (in-flight limit): raise --concurrency, or the server is slow',
  'server-backpressure': 'the server asked to slow down (RESOURCE_EXHAUSTED with RetryInfo, 429/503 with Retry-After, or retryable errors)',
};

export interface TimelineEntry {
  /** Unix time in whole seconds: shards and workers merge by it. */
  t: number;
  /** Items the pacing schedule called for within this second (fractional during a ramp-up). */
  target: number;
  sent: number;
  accepted: number;
  rejected: number;
  failed: number;
  retries: number;
  /** Most export requests in flight at once within this second. */
  inFlight: number;
  /** Export latency percentiles of the attempts that completed within this second, ms; 0 when none did. */
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
}

export interface LatencySummary {
  count: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

export interface SignalReport {
  signal: OtlpSignal;
  unit: string;
  /** Steady-state target, items per second. */
  targetRate: number;
  /** Items the pacing schedule called for over the generation window (ramp-up included). */
  expected: number;
  /** sent / generation window. */
  achievedRate: number;
  /** accepted / generation window. */
  deliveredRate: number;
  /** |sent - expected| / expected. */
  pacingError: number;
  batchSize: number;
  requests: number;
  /** Invariant: sent = accepted + rejected + failed + dropped. */
  sent: number;
  accepted: number;
  /** Rejected by the server through partial success. */
  rejected: number;
  failed: number;
  /** Items given up on inside the client (the sdk engine's batch processor queue). */
  dropped: number;
  failedByReason: Record<string, number>;
  /** A few distinct messages from the server, for people. */
  messages: string[];
  retries: number;
  /** Items the schedule called for but the generator could not send, by why. */
  shortfall: { items: number; byReason: Partial<Record<LimitReason, number>>; limitedBy?: LimitReason };
  latency: LatencySummary;
  /** HDR histogram of export latencies in microseconds (compressed base64), for merging. */
  latencyHistogram: string;
  timeline: TimelineEntry[];
}

export interface LoadReport {
  tool: 'otel-proc load';
  version: string;
  engine: Engine;
  protocol: string;
  /** Where the load went (no credentials: URLs with userinfo are stripped). */
  endpoint: string;
  compression: string;
  /** The scenario's name. */
  scenario: string;
  /** Seed of the trace shapes (--seed): the same seed gives the same trees. */
  seed?: string;
  shard?: { index: number; count: number };
  /** Number of merged shard reports (1 for a single run). */
  shards: number;
  /**
   * Set on a merge of an incomplete shard set (load-merge --allow-partial): the shards whose
   * reports were missing. Their losses are unknown, so such a report never passes --max-loss.
   */
  incomplete?: { shardCount: number; missingShards: number[] };
  workers: number;
  concurrency: number;
  startedAt: string;
  /** Seconds spent generating (the pacing window). */
  generationSeconds: number;
  /** Seconds spent waiting for in-flight requests afterwards. */
  drainSeconds: number;
  interrupted: boolean;
  signals: SignalReport[];
  /** (rejected + failed + dropped) / sent over every signal. */
  lossRatio: number;
  maxLoss?: number;
  /** lossRatio <= maxLoss (true when no limit is set). */
  withinLossBudget: boolean;
  /** A merged report: what each report merged into it contributed (shards of merged reports listed one by one). */
  parts?: ReportPart[];
}

/** One merged report's share of the whole, as `load-merge` found it. */
export interface ReportPart {
  /** The file it was read from. */
  name: string;
  shard?: { index: number; count: number };
  startedAt: string;
  generationSeconds: number;
  endpoint: string;
  interrupted: boolean;
  signals: Array<Pick<SignalReport, 'signal' | 'targetRate' | 'achievedRate' | 'sent' | 'accepted' | 'rejected' | 'failed' | 'dropped'>>;
}

export interface SignalPlan {
  signal: OtlpSignal;
  rate: number;
  batchSize: number;
  /** Stop after this many items; otherwise run for the duration. */
  count?: number;
}

export interface ProgressSnapshot {
  elapsedSeconds: number;
  signals: Array<{
    signal: OtlpSignal;
    targetRate: number;
    /** Items per second over the last second. */
    currentRate: number;
    inFlight: number;
    sent: number;
    accepted: number;
    rejected: number;
    failed: number;
    dropped: number;
    p99Ms: number;
  }>;
}
