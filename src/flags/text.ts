/**
 * Text flags: comma-separated choices (with the nearest valid name for a typo), `name=value`
 * headers, and values that must not be blank.
 */
import { nearestValue } from '../config/known-variables.js';
import { flagError, flagErrorUnquoted } from './flag-error.js';

function suggestion(value: string, allowed: readonly string[]): string {
  const nearest = nearestValue(value, allowed);
  return nearest !== undefined ? ` (did you mean ${nearest}?)` : '';
}

/** One of a fixed set of names, matched exactly. */
export function parseChoice<T extends string>(flag: string, text: string, allowed: readonly T[]): T {
  const trimmed = text.trim();
  if ((allowed as readonly string[]).includes(trimmed)) return trimmed as T;
  throw flagError(flag, text, `not one of ${allowed.join(', ')}${suggestion(trimmed, allowed)}`);
}

/** A comma-separated list of names from a fixed set, without repeats, in the order given. */
export function parseChoiceList<T extends string>(flag: string, text: string, allowed: readonly T[]): T[] {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  // An empty list would mean "no filter" further down: `--only ""` must not quietly run everything.
  if (items.length === 0) throw flagError(flag, text, 'needs at least one value', `choose from ${allowed.join(', ')}`);
  const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
  if (unknown.length > 0) {
    const hints = unknown.map((item) => `${item}${suggestion(item, allowed)}`).join(', ');
    throw flagError(
      flag,
      text,
      `unknown ${unknown.length === 1 ? 'value' : 'values'} ${hints}`,
      `choose from ${allowed.join(', ')} (comma-separated)`,
    );
  }
  return [...new Set(items)] as T[];
}

export interface HeaderPair {
  /** Lowercased: HTTP header names are case-insensitive and gRPC metadata keys are lowercase. */
  name: string;
  value: string;
}

/**
 * `name=value`, or `name: value` as curl writes it. The value is never quoted in an error: it is
 * usually a token.
 */
export function parseHeaderPair(flag: string, text: string): HeaderPair {
  const match = /^\s*([^=:\s]+)\s*[=:]\s*(.*)$/.exec(text);
  if (!match || match[2]!.trim() === '')
    throw flagErrorUnquoted(flag, 'needs name=value', 'e.g. "authorization=Bearer <token>" or "x-api-key: <key>"');
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(match[1]!))
    throw flagErrorUnquoted(flag, "the header name may hold only letters, digits and !#$%&'*+-.^_`|~");
  return { name: match[1]!.toLowerCase(), value: match[2]!.trim() };
}

/** Free text that must say something (a seed, a name). */
export function parseNonBlank(flag: string, text: string): string {
  if (text.trim() === '') throw flagError(flag, text, 'needs a value');
  return text;
}
