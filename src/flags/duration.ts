/**
 * Every time flag: a number with a unit, `500ms`, `30s`, `5m`, `1h`, combined like `1m30s` and
 * with decimals like `1.5s`, as Go's time.ParseDuration reads them (what telemetrygen and the
 * Collector use). A bare number is refused, because it had two meanings here before (emit read
 * milliseconds, load and receive seconds); only `0` needs no unit, where a flag allows zero.
 * OTEL_* variables and config files keep the spec's milliseconds; that is not this parser's job:
 * https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/#duration
 */
import { MAX_TIMER_MS } from '../net/timing.js';
import { flagError } from './flag-error.js';

export interface DurationRules {
  /** `0` (with or without a unit) is accepted; otherwise a duration must be longer than 0. */
  zero?: boolean;
  /** Longest accepted, in ms (default MAX_TIMER_MS: a longer Node.js timer fires at once). */
  maxMs?: number;
  /** Only whole seconds (HTTP Retry-After carries seconds). */
  wholeSeconds?: boolean;
  /** Added to the "must be longer than 0" message, e.g. what leaving the flag out does. */
  zeroHint?: string;
}

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
type Unit = keyof typeof UNIT_MS;
const EXAMPLES = 'e.g. 500ms, 30s, 5m, 1h or 1m30s';

/** Words people type for a unit, and the unit they mean. */
const UNIT_WORDS: Record<string, Unit | 'd'> = {
  msec: 'ms',
  msecs: 'ms',
  millis: 'ms',
  millisecond: 'ms',
  milliseconds: 'ms',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  S: 's',
  MS: 'ms',
  M: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  H: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
};

const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)`;
const DURATION = new RegExp(`^(?:${NUMBER}(?:ms|s|m|h))+$`);
const PART = new RegExp(`(${NUMBER})(ms|s|m|h)`, 'g');

/** A duration flag's value, in whole milliseconds. */
export function parseDuration(flag: string, text: string, rules: DurationRules = {}): number {
  const maxMs = rules.maxMs ?? MAX_TIMER_MS;
  const trimmed = text.trim();
  if (trimmed === '') throw flagError(flag, text, `needs a duration, ${EXAMPLES}`);
  if (/^[-−]/.test(trimmed)) throw flagError(flag, text, 'a duration cannot be negative');
  if (new RegExp(`^${NUMBER}$`).test(trimmed)) {
    if (Number(trimmed) === 0) {
      if (rules.zero) return 0;
      throw flagError(flag, text, 'must be longer than 0', rules.zeroHint);
    }
    throw flagError(flag, text, `a duration needs a unit: ${trimmed}s or ${trimmed}ms`, `units: ms, s, m, h (${EXAMPLES})`);
  }
  if (!DURATION.test(trimmed)) throw flagError(flag, text, unknownUnitReason(trimmed));
  let milliseconds = 0;
  for (const [, number, unit] of trimmed.matchAll(PART)) milliseconds += Number(number) * UNIT_MS[unit as Unit];
  if (!Number.isFinite(milliseconds) || milliseconds > maxMs) {
    throw flagError(
      flag,
      text,
      `at most ${describeBound(maxMs)}${maxMs === MAX_TIMER_MS ? ' (about 24.8 days, the longest a Node.js timer can wait)' : ''}`,
    );
  }
  if (milliseconds === 0) {
    if (rules.zero) return 0;
    throw flagError(flag, text, 'must be longer than 0', rules.zeroHint);
  }
  if (rules.wholeSeconds && milliseconds % 1_000 !== 0) {
    throw flagError(flag, text, `whole seconds only: ${Math.floor(milliseconds / 1_000)}s or ${Math.ceil(milliseconds / 1_000)}s`);
  }
  const rounded = Math.round(milliseconds);
  if (rounded === 0) throw flagError(flag, text, 'shorter than 1ms; durations count whole milliseconds');
  return rounded;
}

function unknownUnitReason(text: string): string {
  const match = /^([\d.]+)\s*([A-Za-zµ]+)$/.exec(text);
  if (!match) return `not a duration; write a number with a unit, ${EXAMPLES}`;
  const [, number, word] = match as unknown as [string, string, string];
  const unit = UNIT_WORDS[word] ?? UNIT_WORDS[word.toLowerCase()];
  if (unit === 'd') return `days are not a unit here; write ${Number(number) * 24}h`;
  if (unit) return `unknown unit "${word}"; write ${number}${unit}`;
  return `unknown unit "${word}"; the units are ms, s, m and h (${EXAMPLES})`;
}

/** `1h30m`, `45s`, `1s500ms`: the shortest exact spelling in this grammar. */
export function formatDuration(milliseconds: number): string {
  if (milliseconds === 0) return '0s';
  let rest = Math.round(milliseconds);
  let text = '';
  for (const unit of ['h', 'm', 's', 'ms'] as const) {
    const amount = Math.floor(rest / UNIT_MS[unit]);
    if (amount > 0) text += `${amount}${unit}`;
    rest -= amount * UNIT_MS[unit];
  }
  return text;
}

/** A bound rounded down to its largest unit, so "at most 596h" and 596h itself is accepted. */
function describeBound(milliseconds: number): string {
  for (const unit of ['h', 'm', 's'] as const) {
    if (milliseconds >= UNIT_MS[unit]) return formatDuration(Math.floor(milliseconds / UNIT_MS[unit]) * UNIT_MS[unit]);
  }
  return formatDuration(milliseconds);
}
