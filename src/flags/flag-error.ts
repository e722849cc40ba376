/**
 * How every flag parser reports a bad value: one line naming the flag and the value as typed,
 * then what is wrong, as a UsageError (exit 2). A value is quoted only when that is safe: it is
 * shortened and control characters are shown escaped, so a pasted escape sequence cannot reach the
 * terminal. Parsers of values that may hold secrets (URLs, headers) choose what to quote themselves.
 */
import { UsageError } from '../errors.js';
import { abbreviate } from '../config/env-reader.js';

/** The value as the user typed it, quoted when it is empty or holds spaces. */
export function shownValue(text: string): string {
  const short = abbreviate(text, 40);
  return short === '' || /\s/.test(short) ? `"${short}"` : short;
}

/** `--flag value: reason`, exit 2. */
export function flagError(flag: string, text: string, reason: string, hint?: string): UsageError {
  return new UsageError(`${flag} ${shownValue(text)}: ${reason}`, hint);
}

/** `--flag: reason` for values that must not be quoted. */
export function flagErrorUnquoted(flag: string, reason: string, hint?: string): UsageError {
  return new UsageError(`${flag}: ${reason}`, hint);
}

/** Every parser accepts an absent flag and returns undefined for it, so call sites stay one line. */
export function ifGiven<T>(text: string | undefined, parse: (text: string) => T): T | undefined {
  return text === undefined ? undefined : parse(text);
}
