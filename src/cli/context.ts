/**
 * What every command gets from the CLI: where to write, whether colour and spinners are allowed,
 * the environment to resolve configuration from, and a signal that fires on Ctrl-C.
 * Commands never read process.* themselves, so tests can run them in-process with a fake context.
 */
import type { Writable } from 'node:stream';
import type { OutputBoundary } from '../boundary/output.js';

export interface CommandContext {
  /** stdout and stderr behind the output boundary: every chunk is redacted and made terminal-safe. */
  stdout: Writable;
  stderr: Writable;
  /** The same boundary, for files a command writes and secrets it learns of (resolved configuration). */
  boundary: OutputBoundary;
  /** The environment configuration is resolved from (a copy of process.env in the real CLI). */
  env: Record<string, string | undefined>;
  cwd: string;
  /** Colour for human output, decided once from NO_COLOR / FORCE_COLOR / TTY. */
  color: boolean;
  /** Spinners and live progress lines: only on an interactive stderr and never under CI. */
  interactive: boolean;
  /** Aborted on the first Ctrl-C; commands stop work, clean up, and return ExitCode.interrupted. */
  signal: AbortSignal;
  debug: boolean;
}

interface TtyLike {
  isTTY?: boolean;
}

/** https://no-color.org and FORCE_COLOR as chalk and Node understand them. */
export function decideColor(env: Record<string, string | undefined>, stream: TtyLike): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export function decideInteractive(env: Record<string, string | undefined>, stderr: TtyLike): boolean {
  const ci = env.CI;
  if (ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false') return false;
  if (env.TERM === 'dumb') return false;
  return stderr.isTTY === true;
}
