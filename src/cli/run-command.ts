/**
 * The one place that turns a command's outcome into an exit code, and the one place that puts the
 * output boundary (boundary/output.ts) between every command and the process's streams.
 * A command's action returns an exit code (0, 1 or 130) or throws; 130
 * becomes 143 when SIGTERM stopped it; user mistakes (UserFacingError)
 * become a one-line message and their own code, anything else is a bug: a short message, and the
 * stack only under --debug. Under --json an error is one JSON document on stdout as well.
 */
import type { OutputBoundary } from '../boundary/output.js';
import { decideColor, decideInteractive, type CommandContext } from './context.js';
import { ConfigurationError, ExitCode, UserFacingError } from '../errors.js';
import { EXIT_CODE_FOR_SIGNAL, installInterruptHandler } from './interrupt.js';

export type CommandBody = (context: CommandContext) => Promise<number>;

/**
 * The boundary for this process: it knows the secrets in the environment and on the command line from the start.
 * Loaded when a command runs or a usage error is printed, not at start: `--help` and `--version`
 * never pay for it (it brings node:stream and node:crypto).
 */
export async function createProcessBoundary(env: Record<string, string | undefined>, argv: readonly string[]): Promise<OutputBoundary> {
  const [{ OutputBoundary }, { collectStartupSecrets }] = await Promise.all([
    import('../boundary/output.js'),
    import('../boundary/secrets.js'),
  ]);
  const boundary = new OutputBoundary();
  boundary.collect((collector) => collectStartupSecrets(env, argv, collector));
  return boundary;
}

export async function buildContext(signal: AbortSignal, debug: boolean): Promise<CommandContext> {
  const env = { ...process.env };
  const color = decideColor(env, process.stdout);
  const boundary = await createProcessBoundary(env, process.argv.slice(2));
  return {
    stdout: boundary.wrap(process.stdout, { keepStyle: color }),
    stderr: boundary.wrap(process.stderr, { keepStyle: decideColor(env, process.stderr) }),
    boundary,
    env,
    cwd: process.cwd(),
    color,
    interactive: decideInteractive(env, process.stderr),
    signal,
    debug,
  };
}

/** `--json`, `--format json` or `--format=json` anywhere on the command line: errors are JSON too. */
export function wantsJson(argv: readonly string[]): boolean {
  return argv.some((arg, index) => arg === '--json' || arg === '--format=json' || (arg === 'json' && argv[index - 1] === '--format'));
}

export async function runCommand(body: CommandBody, debug = process.argv.includes('--debug')): Promise<void> {
  const interrupt = installInterruptHandler();
  const context = await buildContext(interrupt.signal, debug);
  try {
    const code = await body(context);
    // Commands say "interrupted" (130); a SIGTERM makes that 143.
    const stoppedBy = interrupt.received();
    process.exitCode = code === ExitCode.interrupted && stoppedBy ? EXIT_CODE_FOR_SIGNAL[stoppedBy] : code;
  } catch (error) {
    process.exitCode = reportError(error, context, wantsJson(process.argv.slice(2)));
  } finally {
    interrupt.dispose();
  }
}

/** What `--json` prints when a command cannot produce its report. */
export function errorDocument(kind: 'usage' | 'configuration' | 'internal', message: string, hint?: string): string {
  return `${JSON.stringify({ ok: false, error: { kind, message, ...(hint ? { hint } : {}) } }, null, 2)}\n`;
}

export function reportError(error: unknown, context: Pick<CommandContext, 'stdout' | 'stderr' | 'debug'>, json: boolean): number {
  if (error instanceof UserFacingError) {
    if (json)
      context.stdout.write(errorDocument(error instanceof ConfigurationError ? 'configuration' : 'usage', error.message, error.hint));
    context.stderr.write(`otel-proc: ${error.message}\n`);
    if (error.hint) context.stderr.write(`  hint: ${error.hint}\n`);
    if (context.debug && error.stack) context.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (json) context.stdout.write(errorDocument('internal', message));
  context.stderr.write(`otel-proc: internal error: ${message}\n`);
  if (context.debug && error instanceof Error && error.stack) context.stderr.write(`${error.stack}\n`);
  else context.stderr.write('  (run again with --debug for details, and please report it)\n');
  return ExitCode.failed;
}
