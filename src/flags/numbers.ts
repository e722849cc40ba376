/**
 * Counts, rates, ratios, ports and byte sizes. Counts and rates take `k` (thousand) and `M`
 * (million) suffixes, as in `--rate 10k`; a lowercase `m` is refused, because next to durations it
 * reads as milli or minutes as easily as million. Exponents and hex (`1e3`, `0x10`) are refused:
 * Number() would take them, a person rarely means them.
 */
import { flagError } from './flag-error.js';

const DECIMAL = String.raw`(?:\d+(?:\.\d*)?|\.\d+)`;
const SCALED = new RegExp(`^(${DECIMAL})([kKM]?)$`);
const SUFFIX_SCALE: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6 };

export interface CountRules {
  /** Smallest accepted (default 1). */
  min?: number;
  /** Largest accepted (default Number.MAX_SAFE_INTEGER). */
  max?: number;
  /** Said when the value is out of range, e.g. where to go for more. */
  hint?: string;
  /** Take k/M suffixes (default true; false for ports and the like). */
  suffixes?: boolean;
}

export interface RateRules {
  /** `0` is accepted (it switches something off); otherwise a rate must be above 0. */
  zero?: boolean;
  max?: number;
}

function refuseCommonMistakes(flag: string, text: string, trimmed: string, what: string, per = ''): void {
  if (trimmed === '') throw flagError(flag, text, `needs ${what}`);
  if (/^[-−]/.test(trimmed)) throw flagError(flag, text, 'cannot be negative');
  const milli = /^([\d.]+)m$/.exec(trimmed);
  if (milli) throw flagError(flag, text, '"m" is ambiguous (milli? minutes?)', `write ${milli[1]}M for ${milli[1]} million${per}`);
}

/** A number with an optional k/M suffix; NaN when it is not one. */
function scaled(trimmed: string): number {
  const match = SCALED.exec(trimmed);
  if (!match) return NaN;
  // Scale by moving the decimal point (1.1k is exactly 1100, not 1100.0000000000002).
  const exponent = Math.log10(SUFFIX_SCALE[match[2]!]!);
  return Number(`${match[1]}e${exponent}`);
}

/** A whole number of things: events, spans, requests, workers. `2k` is 2000. */
export function parseCount(flag: string, text: string, rules: CountRules = {}): number {
  const { min = 1, max = Number.MAX_SAFE_INTEGER, suffixes = true } = rules;
  const trimmed = text.trim();
  refuseCommonMistakes(flag, text, trimmed, 'a whole number');
  const value = suffixes ? scaled(trimmed) : /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (Number.isNaN(value)) throw flagError(flag, text, `not a whole number${suffixes ? ' (k and M suffixes allowed, e.g. 2k)' : ''}`);
  if (!Number.isFinite(value) || value > max) throw flagError(flag, text, `must be from ${min} to ${max}`, rules.hint);
  if (!Number.isInteger(value)) throw flagError(flag, text, 'must be a whole number');
  if (value < min) throw flagError(flag, text, `must be from ${min} to ${max}`, rules.hint);
  return value;
}

/** A TCP port; 0 asks the system for any free one. */
export function parsePort(flag: string, text: string): number {
  return parseCount(flag, text, { min: 0, max: 65_535, suffixes: false });
}

/** Things per second: `1000`, `10k`, `1.5M`, also written `10k/s`. */
export function parseRate(flag: string, text: string, rules: RateRules = {}): number {
  const trimmed = text.trim().replace(/\/s$/, '');
  refuseCommonMistakes(flag, text, trimmed, 'a rate per second, e.g. 1000, 10k or 1.5M', ' per second');
  const value = scaled(trimmed);
  if (Number.isNaN(value)) throw flagError(flag, text, 'not a rate; write a number per second like 1000, 10k or 1.5M');
  if (!Number.isFinite(value) || value > (rules.max ?? Number.MAX_SAFE_INTEGER))
    throw flagError(flag, text, `at most ${rules.max ?? Number.MAX_SAFE_INTEGER} per second`);
  if (value === 0 && !rules.zero) throw flagError(flag, text, 'must be above 0');
  return value;
}

/** A fraction from 0 to 1, written `0.25`, `.25` or `25%`. */
export function parseRatio(flag: string, text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') throw flagError(flag, text, 'needs a ratio from 0 to 1, e.g. 0.25 or 25%');
  const percent = trimmed.endsWith('%');
  const number = percent ? trimmed.slice(0, -1).trim() : trimmed;
  if (/^[-−]/.test(number)) throw flagError(flag, text, 'cannot be negative');
  if (!new RegExp(`^${DECIMAL}$`).test(number))
    throw flagError(flag, text, 'not a ratio; write one from 0 to 1 (0.25) or a percentage (25%)');
  // A percentage moves the decimal point (0.7% is 0.7e-2): dividing by 100 gave 0.006999…, so a
  // loss of exactly 0.7% went over a budget of 0.7%.
  const value = percent ? Number(`${number}e-2`) : Number(number);
  if (value > 1)
    throw flagError(
      flag,
      text,
      percent ? 'at most 100%' : 'a ratio is from 0 to 1',
      percent ? undefined : `for ${number} percent write ${number}%`,
    );
  return value;
}

const BYTE_UNITS: Record<string, number> = { '': 1, B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30 };

/** A size in bytes: `1048576`, `512KiB`, `16MiB`, `1MB`. A bare number is bytes (its only reading). */
export function parseByteSize(flag: string, text: string, rules: { min?: number; max?: number } = {}): number {
  const { min = 1, max = Number.MAX_SAFE_INTEGER } = rules;
  const trimmed = text.trim();
  refuseCommonMistakes(flag, text, trimmed, 'a size, e.g. 1048576, 512KiB or 16MiB');
  const match = new RegExp(`^(${DECIMAL})\\s*([A-Za-z]*)$`).exec(trimmed);
  const unit = match?.[2] ?? '';
  if (match && (unit === 'k' || unit === 'K' || unit === 'M' || unit === 'G')) {
    throw flagError(
      flag,
      text,
      `"${unit}" is ambiguous for a size`,
      `write ${match[1]}${unit.toUpperCase() === 'K' ? 'KiB' : `${unit}iB`} (powers of 1024) or ${match[1]}${unit === 'K' || unit === 'k' ? 'kB' : `${unit}B`} (powers of 1000)`,
    );
  }
  const scale = match ? BYTE_UNITS[unit] : undefined;
  if (!match || scale === undefined)
    throw flagError(flag, text, 'not a size; write bytes, or a number with B, kB, MB, GB, KiB, MiB or GiB');
  const value = Number(match[1]) * scale;
  if (!Number.isInteger(value)) throw flagError(flag, text, 'must be a whole number of bytes');
  if (value < min || value > max) throw flagError(flag, text, `must be from ${min} to ${max} bytes`);
  return value;
}
