/**
 * Honest accounting for one signal. Every request ends in exactly one terminal outcome
 * (accepted with maybe some items rejected, or failed with a reason); the client-side drops of the
 * sdk engine are added separately. So `sent = accepted + rejected + failed + dropped` holds at any
 * moment once in-flight requests are counted out, and holds exactly in the final report.
 */
import type { Histogram } from 'hdr-histogram-js';
import type { OtlpSignal } from '../otlp/transport/types.js';
import { createLatencyHistogram, recordLatency } from './latency.js';
import type { LimitReason, TimelineEntry } from './types.js';

const MAX_MESSAGES = 5;

export class SignalStats {
  requests = 0;
  sent = 0;
  accepted = 0;
  rejected = 0;
  failed = 0;
  dropped = 0;
  retries = 0;
  inFlight = 0;
  readonly failedByReason: Record<string, number> = {};
  readonly shortfallByReason: Partial<Record<LimitReason, number>> = {};
  readonly messages: string[] = [];
  readonly latency: Histogram = createLatencyHistogram();
  readonly timeline: TimelineEntry[] = [];
  private second: TimelineEntry | undefined;
  private readonly secondLatency: Histogram = createLatencyHistogram();

  constructor(readonly signal: OtlpSignal) {}

  private current(nowMs: number): TimelineEntry {
    const t = Math.floor(nowMs / 1000);
    if (this.second && this.second.t === t) return this.second;
    this.closeSecond();
    this.second = {
      t,
      target: 0,
      sent: 0,
      accepted: 0,
      rejected: 0,
      failed: 0,
      retries: 0,
      inFlight: this.inFlight,
      p50Ms: 0,
      p90Ms: 0,
      p99Ms: 0,
    };
    this.timeline.push(this.second);
    return this.second;
  }

  private closeSecond(): void {
    if (!this.second) return;
    this.second.target = Math.round(this.second.target * 1000) / 1000;
    if (this.secondLatency.totalCount > 0) {
      this.second.p50Ms = this.secondPercentile(50);
      this.second.p90Ms = this.secondPercentile(90);
      this.second.p99Ms = this.secondPercentile(99);
    }
    this.secondLatency.reset();
  }

  /** Like the run's summary, no percentile goes past the largest value recorded. */
  private secondPercentile(percentile: number): number {
    return Math.round(Math.min(this.secondLatency.getValueAtPercentile(percentile), this.secondLatency.maxValue)) / 1000;
  }

  /** The last completed second's p99 (for live progress). */
  get recentP99Ms(): number {
    const entries = this.timeline;
    for (let i = entries.length - 2; i >= 0; i--) if (entries[i]!.p99Ms > 0) return entries[i]!.p99Ms;
    return this.secondLatency.totalCount > 0 ? this.secondPercentile(99) : 0;
  }

  /** Items sent in the timeline entry before the current one (for live progress). */
  lastSecondSent(nowMs: number): number {
    const t = Math.floor(nowMs / 1000) - 1;
    return this.timeline.find((entry) => entry.t === t)?.sent ?? 0;
  }

  /** `requests` is 0 when items are generated apart from requests (the sdk engine's batch queue). */
  onSend(items: number, nowMs: number, requests = 1): void {
    this.requests += requests;
    this.sent += items;
    this.inFlight += requests;
    const entry = this.current(nowMs);
    entry.sent += items;
    entry.inFlight = Math.max(entry.inFlight, this.inFlight);
  }

  /** The pacing schedule called for `items` more (the target line of the timeline). */
  onScheduled(items: number, nowMs: number): void {
    if (items > 0) this.current(nowMs).target += items;
  }

  onAttempt(latencyMs: number, nowMs: number): void {
    this.current(nowMs);
    recordLatency(this.latency, latencyMs);
    recordLatency(this.secondLatency, latencyMs);
  }

  onRetry(nowMs: number): void {
    this.retries += 1;
    this.current(nowMs).retries += 1;
  }

  onAccepted(items: number, rejected: number, message: string | undefined, nowMs: number): void {
    const refused = Math.min(items, Math.max(0, rejected));
    this.inFlight -= 1;
    this.accepted += items - refused;
    this.rejected += refused;
    const entry = this.current(nowMs);
    entry.accepted += items - refused;
    entry.rejected += refused;
    if (message) this.note(message);
  }

  onFailed(items: number, reason: string, message: string, nowMs: number): void {
    this.inFlight -= 1;
    this.failed += items;
    this.failedByReason[reason] = (this.failedByReason[reason] ?? 0) + items;
    this.current(nowMs).failed += items;
    this.note(message);
  }

  onShortfall(items: number, reason: LimitReason): void {
    this.shortfallByReason[reason] = (this.shortfallByReason[reason] ?? 0) + items;
  }

  private note(message: string): void {
    if (this.messages.length < MAX_MESSAGES && !this.messages.includes(message)) this.messages.push(message);
  }

  finish(): void {
    this.closeSecond();
    this.second = undefined;
  }
}
