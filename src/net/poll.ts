/**
 * Polling a backend's query API until what was sent shows up (emit --verify-*, doctor --jaeger /
 * --prometheus). Backends ingest asynchronously (the Collector batches, Prometheus scrapes on an
 * interval), so "not there yet" is normal for a while; only the deadline turns it into a failure.
 */
import { stopwatch } from './timing.js';

export interface PollOptions {
  /** The whole wait, first attempt included. */
  timeoutMs: number;
  intervalMs: number;
  signal?: AbortSignal;
}

/**
 * Runs `attempt` (given the time left) until it reports done, the time is up or `signal` aborts.
 * It never sleeps past the deadline and never starts an attempt after it, so the wait stays bounded.
 */
export async function pollUntil<T extends { done: boolean }>(
  attempt: (remainingMs: number) => Promise<T>,
  options: PollOptions,
): Promise<{ last: T; durationMs: number }> {
  const elapsed = stopwatch();
  let last = await attempt(options.timeoutMs);
  while (!last.done && !options.signal?.aborted) {
    const pause = Math.min(options.intervalMs, options.timeoutMs - elapsed());
    if (pause <= 0) break;
    await sleep(pause, options.signal);
    const remaining = options.timeoutMs - elapsed();
    if (remaining <= 0 || options.signal?.aborted) break;
    last = await attempt(remaining);
  }
  return { last, durationMs: elapsed() };
}

/** A pause that ends early when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Strip a trailing slash so `${base}/api/...` never doubles it. */
export function baseUrl(url: string): string {
  return url.replace(/\/+$/, '');
}
