/**
 * The run loop: drives every signal's lane on one event loop, at the pace of their token buckets,
 * then stops generating (duration reached, count reached, or Ctrl-C), drains the requests still in
 * flight up to a timeout, and gives up on the rest with an explicit reason: nothing is left uncounted.
 */
import type { Sender } from '../otlp/transport/types.js';
import { Lane, type LaneOptions } from './lane.js';
import type { RequestSource } from './request-source.js';
import type { RetryPolicy } from './retry-policy.js';
import { SignalStats } from './signal-stats.js';
import type { ProgressSnapshot, SignalPlan } from './types.js';

/** Longest sleep between looks at the lanes: keeps shortfall accounting and progress fresh. */
const MAX_TICK_SECONDS = 0.1;

export interface LaneSetup {
  plan: SignalPlan;
  source: RequestSource;
  sender: Sender;
}

export interface RunLanesOptions {
  lanes: LaneSetup[];
  /** Stop generating after this long; without it every plan needs a count. */
  durationSeconds?: number;
  rampUpSeconds: number;
  concurrency: number;
  retry: RetryPolicy;
  drainTimeoutMs: number;
  signal?: AbortSignal;
  onProgress?: (snapshot: ProgressSnapshot) => void;
}

export interface LaneOutcome {
  plan: SignalPlan;
  stats: SignalStats;
  /** Items the schedule called for over the generation window. */
  expected: number;
}

export interface RunLanesResult {
  startedAt: Date;
  generationSeconds: number;
  drainSeconds: number;
  interrupted: boolean;
  lanes: LaneOutcome[];
}

export async function runLanes(options: RunLanesOptions): Promise<RunLanesResult> {
  const startedAt = new Date();
  const startPerf = performance.now();
  const elapsed = (): number => (performance.now() - startPerf) / 1000;
  let wakeScheduled: NodeJS.Immediate | undefined;
  let timer: NodeJS.Timeout | undefined;
  /** When the pending timer fires (performance.now() ms), or Infinity without one. */
  let timerAt = Infinity;
  let generating = true;
  let onIdle: (() => void) | undefined;
  let tickImpl: () => void = () => undefined;
  const tick = (): void => tickImpl();
  const onTimer = (): void => {
    timer = undefined;
    timerAt = Infinity;
    tick();
  };

  const wake = (): void => {
    if (!generating) {
      if (lanes.every((lane) => lane.idle)) onIdle?.();
      return;
    }
    if (wakeScheduled) return;
    wakeScheduled = setImmediate(() => {
      wakeScheduled = undefined;
      tick();
    });
  };

  const lanes = options.lanes.map(
    (setup) =>
      new Lane({
        ...setup,
        stats: new SignalStats(setup.plan.signal),
        concurrency: options.concurrency,
        retry: options.retry,
        rampUpSeconds: options.rampUpSeconds,
        wake,
      } satisfies LaneOptions),
  );

  const snapshot = (): ProgressSnapshot => {
    const nowMs = Date.now();
    return {
      elapsedSeconds: elapsed(),
      signals: lanes.map((lane) => ({
        signal: lane.stats.signal,
        targetRate: lane.bucket.rateAt(elapsed()),
        currentRate: lane.stats.lastSecondSent(nowMs),
        inFlight: lane.stats.inFlight,
        sent: lane.stats.sent,
        accepted: lane.stats.accepted,
        rejected: lane.stats.rejected,
        failed: lane.stats.failed,
        dropped: lane.stats.dropped,
        p99Ms: lane.stats.recentP99Ms,
      })),
    };
  };
  const progress = options.onProgress ? setInterval(() => options.onProgress!(snapshot()), 1000) : undefined;

  let generationSeconds = 0;
  let interrupted = false;
  const generationDone = new Promise<void>((resolve) => {
    const end = (): void => {
      generating = false;
      if (timer) clearTimeout(timer);
      resolve();
    };
    const stopAll = (seconds: number, flush: boolean): void => {
      const nowMs = Date.now();
      for (const lane of lanes) lane.stop(seconds, nowMs, flush);
    };
    const onAbort = (): void => {
      if (!generating) return;
      interrupted = true;
      generationSeconds = elapsed();
      // What the schedule called for up to the interrupt goes out, as at the end of a --duration;
      // left in the bucket it would read as a shortfall, blamed on the CPU.
      stopAll(generationSeconds, true);
      end();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    tickImpl = () => {
      if (!generating) return;
      const seconds = elapsed();
      const nowMs = Date.now();
      const duration = options.durationSeconds;
      if (duration !== undefined && seconds >= duration) {
        generationSeconds = lanes.every((lane) => lane.complete) ? Math.max(...lanes.map((l) => l.lastSendSeconds)) : duration;
        stopAll(duration, true);
        options.signal?.removeEventListener('abort', onAbort);
        end();
        return;
      }
      for (const lane of lanes) lane.pump(seconds, nowMs);
      // A --count applies to the lanes that have one; the others keep pace until those are done.
      const counted = lanes.filter((lane) => lane.counted);
      if (counted.length > 0 && counted.every((lane) => lane.complete)) {
        generationSeconds = Math.max(...counted.map((lane) => lane.lastSendSeconds));
        stopAll(seconds, false);
        options.signal?.removeEventListener('abort', onAbort);
        end();
        return;
      }
      let wait = MAX_TICK_SECONDS;
      for (const lane of lanes) wait = Math.min(wait, lane.wakeIn(seconds, nowMs));
      if (duration !== undefined) wait = Math.min(wait, duration - seconds);
      // Most ticks come from completions (wake), thousands a second: a timer that already fires
      // soon enough is kept rather than replaced by a new one each time. Firing early is harmless.
      const at = performance.now() + Math.max(0, wait * 1000);
      if (timer !== undefined && timerAt <= at + 1) return;
      if (timer !== undefined) clearTimeout(timer);
      timerAt = at;
      timer = setTimeout(onTimer, Math.max(0, wait * 1000));
    };
    tick();
  });
  await generationDone;

  const drainStarted = performance.now();
  if (!lanes.every((lane) => lane.idle)) {
    const drained = new Promise<void>((resolve) => (onIdle = resolve));
    const timedOut = await Promise.race([drained.then(() => false), delay(options.drainTimeoutMs).then(() => true)]);
    if (timedOut) {
      for (const lane of lanes) lane.abandon();
      // Closing the senders ends every request still on the wire; each is then counted as failed.
      await Promise.all(options.lanes.map((setup) => setup.sender.close({ abandon: true })));
      if (!lanes.every((lane) => lane.idle)) await Promise.race([drained, delay(2000)]);
    }
  }
  if (progress) clearInterval(progress);
  if (wakeScheduled) clearImmediate(wakeScheduled);
  for (const lane of lanes) lane.stats.finish();
  const drainSeconds = (performance.now() - drainStarted) / 1000;
  return {
    startedAt,
    generationSeconds,
    drainSeconds,
    interrupted,
    lanes: lanes.map((lane, i) => ({ plan: options.lanes[i]!.plan, stats: lane.stats, expected: expectedItems(lane, generationSeconds) })),
  };
}

/**
 * What the schedule called for over the window. With --count the window ends at the last send, so
 * a generator that fell behind shows as expected > count: the run took longer than the rate allowed.
 */
function expectedItems(lane: Lane, seconds: number): number {
  return Math.round(lane.bucket.expectedBy(seconds));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
