/**
 * The one shape of a finding, whoever raises it: the configuration resolver, the Collector lint, a
 * doctor check, emit or load. Renderers (human, JSON, GitHub annotations, SARIF, JUnit) read this
 * shape only. Codes are UPPER_SNAKE_CASE, unique across every catalogue (docs/codes.md lists them),
 * and stable: tests and CI pipelines assert codes, never wording.
 */
export type Severity = 'error' | 'warning' | 'info';

/** Where a setting came from: a flag, an environment variable (or a line of an env file), a file's key and line, or the default. */
export type ValueSource =
  | { kind: 'flag'; flag: string }
  | { kind: 'env'; name: string; file?: string; line?: number }
  | { kind: 'file'; path: string; key: string; line?: number }
  | { kind: 'default' };

export interface Finding {
  code: string;
  severity: Severity;
  /** What was found, in plain words. */
  message: string;
  /** What to do about it, in words a user can act on. */
  hint?: string;
  /** The setting it is about and where that came from (static findings). */
  source?: ValueSource;
  /** What a live check looked at: an endpoint, a signal, a propagator. */
  target?: string;
  /** Data for JSON consumers (the working endpoint, counts). */
  details?: Record<string, unknown>;
}
