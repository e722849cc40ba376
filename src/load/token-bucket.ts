/**
 * Token-bucket pacing. Tokens (items: spans, data points, log records) accrue at the scheduled rate
 * and a request may go once the bucket holds its batch. The bucket's capacity bounds any burst:
 * when the generator falls behind (busy CPU, all request slots taken, a server asking to back off)
 * the excess is not saved up for a catch-up burst but counted as shortfall, with the reason.
 *
 * With --ramp-up the rate climbs linearly from 0 to the target, so the schedule is the integral
 * of the rate: expected(t) = r·t²/(2·R) for t < R, then r·(t − R/2).
 */
export class TokenBucket {
  private tokens = 0;
  private credited = 0;
  private lastSeconds = 0;
  /** Tokens that overflowed the bucket, i.e. items never generated. */
  overflow = 0;

  constructor(
    readonly rate: number,
    readonly capacity: number,
    readonly rampUpSeconds = 0,
  ) {
    if (!(rate > 0)) throw new RangeError('rate must be positive');
    if (!(capacity >= 1)) throw new RangeError('capacity must be at least 1');
  }

  /** Items the schedule calls for from the start up to `seconds`. */
  expectedBy(seconds: number): number {
    const r = this.rate;
    const ramp = this.rampUpSeconds;
    if (seconds <= 0) return 0;
    if (ramp <= 0) return r * seconds;
    if (seconds < ramp) return (r * seconds * seconds) / (2 * ramp);
    return r * (seconds - ramp / 2);
  }

  /** Instantaneous rate at `seconds`. */
  rateAt(seconds: number): number {
    if (this.rampUpSeconds <= 0 || seconds >= this.rampUpSeconds) return this.rate;
    return (this.rate * Math.max(0, seconds)) / this.rampUpSeconds;
  }

  /** Brings the bucket up to `seconds`; returns the tokens that overflowed in this step. */
  refill(seconds: number): number {
    if (seconds <= this.lastSeconds) return 0;
    const due = this.expectedBy(seconds) - this.credited;
    this.credited += due;
    this.lastSeconds = seconds;
    this.tokens += due;
    if (this.tokens <= this.capacity) return 0;
    const spilled = this.tokens - this.capacity;
    this.tokens = this.capacity;
    this.overflow += spilled;
    return spilled;
  }

  /** Items the schedule has called for up to the last refill. */
  get scheduled(): number {
    return this.credited;
  }

  get available(): number {
    return this.tokens;
  }

  take(items: number): void {
    this.tokens -= items;
  }

  /** Seconds from `seconds` until the bucket holds `items`, at the scheduled rate. */
  secondsUntil(items: number, seconds: number): number {
    const missing = items - this.tokens;
    if (missing <= 0) return 0;
    // Solve expectedBy(t) = credited + missing for t (exact during ramp-up and after).
    const target = this.credited + missing;
    const r = this.rate;
    const ramp = this.rampUpSeconds;
    let t: number;
    if (ramp > 0 && target < (r * ramp) / 2) t = Math.sqrt((2 * ramp * target) / r);
    else t = target / r + (ramp > 0 ? ramp / 2 : 0);
    return Math.max(0, t - seconds);
  }
}
