/**
 * One signal's traffic: pacing with a token bucket, dispatch under the in-flight limit, retries of
 * retryable failures, and the accounting of every request's single terminal outcome.
 * The lane never queues work: when it cannot send (all request slots busy, the server asked to back
 * off, or the process was too busy to keep up) the schedule's excess spills out of the bucket and is
 * counted as shortfall with that reason. That is what keeps memory bounded when the collector is
 * slow or gone, and what lets the report say why a target was missed.
 */
import type { ExportOutcome, Sender } from '../otlp/transport/types.js';
import type { RequestSource, PreparedRequest } from './request-source.js';
import { retryDelayMs, type RetryPolicy } from './retry-policy.js';
import type { SignalStats } from './signal-stats.js';
import { TokenBucket } from './token-bucket.js';
import type { LimitReason, SignalPlan } from './types.js';

export interface LaneOptions {
  plan: SignalPlan;
  source: RequestSource;
  sender: Sender;
  stats: SignalStats;
  concurrency: number;
  retry: RetryPolicy;
  rampUpSeconds: number;
  /** Asks the run loop to look at the lanes again soon (a slot was freed, a pause ended). */
  wake: () => void;
}

/** A partial batch waits at most this long, so low rates still send steadily (like OTEL_BSP_SCHEDULE_DELAY). */
const MAX_BATCH_DELAY_SECONDS = 1;

/** Bucket capacity: two batches, or 50 ms of traffic, whichever is more (see README "Pacing"). */
export function bucketCapacity(rate: number, batchSize: number): number {
  return Math.max(2 * batchSize, Math.ceil(rate * 0.05));
}

export class Lane {
  readonly bucket: TokenBucket;
  private generated = 0;
  private waitingRetries = 0;
  private pausedUntilMs = 0;
  private stopped = false;
  private hardStopped = false;
  private readonly retryTimers = new Map<NodeJS.Timeout, () => void>();
  /** Seconds from the start at which the last request was generated. */
  lastSendSeconds = 0;

  constructor(private readonly options: LaneOptions) {
    this.bucket = new TokenBucket(options.plan.rate, bucketCapacity(options.plan.rate, options.plan.batchSize), options.rampUpSeconds);
  }

  get stats(): SignalStats {
    return this.options.stats;
  }

  get counted(): boolean {
    return this.options.plan.count !== undefined;
  }

  /** All the items the plan asked for were generated (count mode). */
  get complete(): boolean {
    return this.options.plan.count !== undefined && this.generated >= this.options.plan.count;
  }

  get idle(): boolean {
    return this.options.stats.inFlight === 0;
  }

  private remaining(): number {
    const count = this.options.plan.count;
    return count === undefined ? Infinity : count - this.generated;
  }

  private limitReason(nowMs: number): LimitReason {
    if (this.waitingRetries > 0 || nowMs < this.pausedUntilMs) return 'server-backpressure';
    if (this.options.stats.inFlight >= this.options.concurrency) return 'in-flight-limit';
    return 'cpu-bound';
  }

  /** Sends whatever the schedule allows at `seconds` from the start. */
  pump(seconds: number, nowMs: number): void {
    if (this.stopped || this.complete) return;
    this.refill(seconds, nowMs);
    const batch = this.options.plan.batchSize;
    while (!this.complete && this.options.stats.inFlight < this.options.concurrency && nowMs >= this.pausedUntilMs) {
      let items = Math.min(batch, this.remaining());
      if (this.bucket.available < items) {
        // Low rates: do not sit on a partial batch for long (the SDK's schedule delay, in effect).
        const partial = Math.floor(this.bucket.available + 1e-9);
        if (partial < 1 || seconds - this.lastSendSeconds < MAX_BATCH_DELAY_SECONDS) break;
        items = partial;
      }
      this.dispatch(items, seconds, nowMs);
    }
  }

  /** Seconds until this lane may have something to do, or Infinity. */
  wakeIn(seconds: number, nowMs: number): number {
    if (this.stopped || this.complete) return Infinity;
    if (this.options.stats.inFlight >= this.options.concurrency) return Infinity; // a completion wakes us
    if (nowMs < this.pausedUntilMs) return (this.pausedUntilMs - nowMs) / 1000;
    const full = this.bucket.secondsUntil(Math.min(this.options.plan.batchSize, this.remaining()), seconds);
    const partial = Math.max(this.lastSendSeconds + MAX_BATCH_DELAY_SECONDS - seconds, this.bucket.secondsUntil(1, seconds));
    return Math.min(full, partial);
  }

  /**
   * Ends generation at `seconds`: what the schedule still holds goes out, in requests of at most a
   * batch, while slots are free (so a --duration run sends exactly what it should); the rest is
   * shortfall. (The bucket can hold far more than a batch at high rates: 50 ms of traffic.)
   */
  stop(seconds: number, nowMs: number, flushRemainder: boolean): void {
    if (this.stopped) return;
    if (flushRemainder && !this.complete) {
      this.refill(seconds, nowMs);
      let rest = Math.min(Math.floor(this.bucket.available + 1e-6), this.remaining());
      while (rest >= 1 && this.options.stats.inFlight < this.options.concurrency && nowMs >= this.pausedUntilMs) {
        const items = Math.min(rest, this.options.plan.batchSize);
        this.dispatch(items, seconds, nowMs);
        rest -= items;
      }
      if (rest >= 1) this.options.stats.onShortfall(rest, this.limitReason(nowMs));
    }
    this.stopped = true;
  }

  /** Brings the schedule up to `seconds`: what it called for, and what spilled over as shortfall. */
  private refill(seconds: number, nowMs: number): void {
    const before = this.bucket.scheduled;
    const spilled = this.bucket.refill(seconds);
    this.options.stats.onScheduled(this.bucket.scheduled - before, nowMs);
    if (spilled > 0) this.options.stats.onShortfall(spilled, this.limitReason(nowMs));
  }

  /** After the drain timeout: pending retries give up and late answers count as failures. */
  abandon(): void {
    this.hardStopped = true;
    for (const [timer, giveUp] of this.retryTimers) {
      clearTimeout(timer);
      giveUp();
    }
    this.retryTimers.clear();
  }

  private dispatch(items: number, seconds: number, nowMs: number): void {
    const request = this.options.source.take(items, nowMs);
    this.bucket.take(request.items);
    this.generated += request.items;
    this.lastSendSeconds = seconds;
    this.options.stats.onSend(request.items, nowMs);
    void this.attempt(request, 1);
  }

  private async attempt(request: PreparedRequest, attempt: number): Promise<void> {
    const started = performance.now();
    const outcome: ExportOutcome = await this.options.sender.send(request.body);
    const nowMs = Date.now();
    this.options.stats.onAttempt(performance.now() - started, nowMs);
    if (outcome.kind === 'success') {
      this.finish(request, () => this.options.stats.onAccepted(request.items, outcome.rejected, outcome.message, nowMs));
      return;
    }
    if (this.hardStopped) {
      this.finish(request, () =>
        this.options.stats.onFailed(request.items, 'drain-timeout', `not delivered before the drain timeout (${outcome.message})`, nowMs),
      );
      return;
    }
    if (outcome.kind === 'retryable' && attempt < this.options.retry.maxAttempts) {
      const delay = retryDelayMs(this.options.retry, attempt, outcome.retryAfterMs);
      // A server that names a delay is asking every request to wait, not just this one.
      if (outcome.retryAfterMs !== undefined) this.pausedUntilMs = Math.max(this.pausedUntilMs, nowMs + delay);
      this.options.stats.onRetry(nowMs);
      this.waitingRetries += 1;
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        this.waitingRetries -= 1;
        void this.attempt(request, attempt + 1);
      }, delay);
      this.retryTimers.set(timer, () => {
        this.waitingRetries -= 1;
        this.finish(request, () =>
          this.options.stats.onFailed(
            request.items,
            'drain-timeout',
            `retry pending at the drain timeout (${outcome.message})`,
            Date.now(),
          ),
        );
      });
      return;
    }
    const message = outcome.kind === 'retryable' ? `${outcome.message} (gave up after ${attempt} attempts)` : outcome.message;
    this.finish(request, () => this.options.stats.onFailed(request.items, outcome.reason, message, nowMs));
  }

  private finish(request: PreparedRequest, record: () => void): void {
    record();
    request.release();
    this.options.wake();
  }
}
