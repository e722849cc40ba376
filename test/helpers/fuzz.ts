/**
 * Shared pieces of the CLI fuzzers: a seeded random source (a failing case is replayed with
 * FUZZ_SEED=<seed>), planted secrets that carry a recognisable marker, a scan of text and files for
 * any trace of them, and a small pool so cases run side by side without swamping a 2-core machine.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Every planted secret contains this; no output of the tool ever should. */
export const SECRET_MARKER = 'S3cr3t';

/** The seed of this run: FUZZ_SEED, or one fixed per file so CI runs are reproducible. */
export function fuzzSeed(fallback: number): number {
  const fromEnv = Number(process.env.FUZZ_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : fallback;
}

/** mulberry32: small, fast and good enough to pick cases. */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }

  base36(length: number): string {
    let text = '';
    while (text.length < length) text += Math.floor(this.next() * 36).toString(36);
    return text;
  }
}

/**
 * Plants secrets and remembers them. A secret is the marker and a random id, optionally wrapped
 * around characters that end a URL part (`#`, `/`, `?`, `@`), with the marker on both sides so a
 * fragment left behind by a redaction that stopped early is still found.
 */
export class SecretPlanter {
  readonly planted: string[] = [];

  constructor(private readonly random: Random) {}

  /** Letters and digits only: fits anywhere (a header value, a query value, a YAML scalar). */
  plain(): string {
    return this.remember(`${SECRET_MARKER}${this.random.base36(8)}`);
  }

  /** With characters that end a URL part or need escaping in one. */
  tricky(): string {
    const middle = this.random.pick(['#', '/', '?', '#/', '?x=', '%', ':', '!', '$', '*']);
    return this.remember(`${SECRET_MARKER}${this.random.base36(5)}${middle}${SECRET_MARKER}${this.random.base36(5)}`);
  }

  private remember(secret: string): string {
    this.planted.push(secret);
    return secret;
  }
}

export interface Leak {
  where: string;
  form: string;
  context: string;
}

/** The forms a secret can take in output: raw, percent-encoded, JSON-escaped; and the marker alone. */
function formsOf(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), encodeURI(secret), JSON.stringify(secret).slice(1, -1), SECRET_MARKER])];
}

export function findLeaks(where: string, text: string, secrets: readonly string[]): Leak[] {
  const leaks: Leak[] = [];
  for (const form of new Set(secrets.flatMap(formsOf).concat(SECRET_MARKER))) {
    const at = text.indexOf(form);
    if (at !== -1) leaks.push({ where, form, context: JSON.stringify(text.slice(Math.max(0, at - 80), at + form.length + 40)) });
  }
  return leaks;
}

/** Every file under `root` as text; a .tar.gz is unpacked (its tar is scanned as one text, names and contents). */
export function readTree(root: string): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) out.push(...readTree(path));
    else if (name.endsWith('.tar.gz') || name.endsWith('.tgz')) out.push({ path, text: gunzipSync(readFileSync(path)).toString('utf8') });
    else out.push({ path, text: readFileSync(path, 'utf8') });
  }
  return out;
}

/** Runs async jobs with at most `size` at a time. */
export function createPool(size: number): <T>(job: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await job();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}

/** No raw control character but newline and tab; returns the first offender with its context, or undefined. */
export function firstUnsafeControl(text: string): string | undefined {
  const match = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.exec(text);
  if (!match) return undefined;
  return `U+${match[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${match.index}: ${JSON.stringify(text.slice(Math.max(0, match.index - 60), match.index + 40))}`;
}

/** Control characters and escape sequences a sender may put in any string it controls. */
export const HOSTILE_SEQUENCES = [
  '\x1b]0;pwned title\x07', // OSC 0: sets the window title
  '\x1b[2J', // clears the screen
  '\x1b[1A\x1b[2K', // up one line, erase it: rewrites what was printed before
  '\r', // back to the start of the line: overwrites it
  '\x9b31m', // C1 CSI: a one-byte escape on some terminals
  '\u202e', // right-to-left override: reorders what the reader sees
  '\x00', // NUL
  '\x7f', // DEL
  '\x1b]52;c;ZWNobyBwd25lZA==\x07', // OSC 52: writes the clipboard
  '\x1b[31m', // a colour
  '\x08\x08', // backspaces
  '\u2028', // line separator
  '\x1bP+q\x1b\\', // DCS query
];

/** A string that carries a findable marker and 1 to 3 hostile sequences. */
export function hostileText(random: Random, marker: string, options: { allowNul?: boolean } = {}): string {
  const sequences = HOSTILE_SEQUENCES.filter((sequence) => options.allowNul !== false || !sequence.includes('\x00'));
  const parts = random.sample(sequences, random.int(1, 3));
  return `${marker}${random.base36(4)}${parts.map((part, index) => `${part}${index}`).join('')}end`;
}

/** How the output boundary must show text: every unsafe character as \uXXXX. */
export function shownEscaped(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
