/**
 * Parsing of load's flag values: rates with k/M suffixes (`100k`), durations with units (`30s`,
 * `5m`, `1h`, `500ms`; a bare number is seconds), counts, ratios. Bad values are usage errors.
 */
import { UsageError } from '../cli/errors.js';

export function parseRate(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!match) throw new UsageError(`${flag} must be a number per second like 1000, 10k or 1.5M, got "${text}"`);
  const scale = match[2]!.toLowerCase() === 'k' ? 1e3 : match[2]!.toLowerCase() === 'm' ? 1e6 : 1;
  return Number(match[1]) * scale;
}

export function parseDurationSeconds(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new UsageError(`${flag} must be a duration like 30s, 5m, 1h or 500ms, got "${text}"`);
  const value = Number(match[1]);
  const unit = match[2] ?? 's';
  return unit === 'ms' ? value / 1000 : unit === 'm' ? value * 60 : unit === 'h' ? value * 3600 : value;
}

export function parseCount(text: string, flag: string, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const value = parseRate(text, flag);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  return value;
}

export function parseRatio(text: string, flag: string): number {
  const trimmed = text.trim();
  const number = trimmed.endsWith('%') ? trimmed.slice(0, -1).trim() : trimmed;
  // Number('') is 0: a bare "%" (or nothing) must not read as a zero budget.
  // A percentage shifts the decimal point (0.7% is 0.7e-2): dividing by 100 gave 0.006999…, so a
  // loss of exactly 0.7% went over a budget of 0.7%.
  const value = number === '' ? NaN : trimmed.endsWith('%') ? Number(`${number}e-2`) : Number(number);
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new UsageError(`${flag} must be a ratio from 0 to 1 (or a percentage like 1%), got "${text}"`);
  return value;
}
