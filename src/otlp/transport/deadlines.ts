/**
 * Request deadlines on one timer. Every request of a sender has the same timeout, so deadlines
 * arrive in the order the requests started: a FIFO queue is already sorted, and a single timer set
 * for its head replaces a setTimeout/clearTimeout pair per request (a Timeout object, a list
 * insertion and a removal for each of thousands of requests a second). Finished requests are
 * dropped lazily when they reach the head.
 */
import { MAX_TIMER_MS } from '../../net/timing.js';

export interface Deadline {
  /** Stops the deadline; the expiry callback will not run. Idempotent. */
  cancel(): void;
}

interface Entry {
  at: number;
  onExpiry: () => void;
  done: boolean;
}

const NOTHING = (): void => undefined;

export class DeadlineQueue {
  private readonly entries: Entry[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private pending = 0;

  /** `timeoutMs` must be the same for every call on one queue (the order relies on it). */
  constructor(private readonly timeoutMs: number) {}

  add(onExpiry: () => void): Deadline {
    const entry: Entry = { at: performance.now() + Math.min(this.timeoutMs, MAX_TIMER_MS), onExpiry, done: false };
    this.entries.push(entry);
    this.pending += 1;
    if (this.timer === undefined) this.arm(entry.at);
    return {
      cancel: () => {
        if (entry.done) return;
        entry.done = true;
        // A finished request must not stay reachable (its stream, its body) until its deadline passes.
        entry.onExpiry = NOTHING;
        this.pending -= 1;
        // Nothing left to time: no timer keeps the process alive after the last answer.
        if (this.pending === 0) this.clear();
      },
    };
  }

  /** Cancels everything still pending; for close(). */
  clear(): void {
    for (let i = this.head; i < this.entries.length; i++) {
      this.entries[i]!.done = true;
      this.entries[i]!.onExpiry = NOTHING;
    }
    this.entries.length = 0;
    this.pending = 0;
    this.head = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private arm(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => this.expire(), Math.max(0, at - performance.now()));
  }

  private expire(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    const now = performance.now();
    while (this.head < this.entries.length) {
      const entry = this.entries[this.head]!;
      if (!entry.done && entry.at > now) break;
      this.head += 1;
      if (!entry.done) {
        entry.done = true;
        this.pending -= 1;
        entry.onExpiry();
      }
    }
    // Compact now and then so the array does not grow with every request ever sent.
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries.splice(0, this.head);
      this.head = 0;
    }
    this.schedule();
  }

  /** Re-arms for the first entry still pending, skipping finished ones at the head. */
  private schedule(): void {
    while (this.head < this.entries.length && this.entries[this.head]!.done) this.head += 1;
    if (this.head >= this.entries.length) {
      this.entries.length = 0;
      this.head = 0;
      return;
    }
    const at = this.entries[this.head]!.at;
    if (this.timer === undefined || at < this.timerAt) this.arm(at);
  }
}
