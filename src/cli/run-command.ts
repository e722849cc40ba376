/**
 * The one place that turns a command's outcome into an exit code.
 * A command's action returns an exit code (0, 1 or 130) or throws; 130 becomes 143 when SIGTERM
 * stopped it. User mistakes (UserFacingError) become a one-line message and their own code,
 * anything else is a bug: a short message, and the stack only under --debug.
 */
import { decideColor, decideInteractive, type CommandContext } from './context.js';
import { ExitCode, UserFacingError } from './errors.js';
import { EXIT_CODE_FOR_SIGNAL, installInterruptHandler } from './interrupt.js';

export type CommandBody = (context: CommandContext) => Promise<number>;

export function buildContext(signal: AbortSignal, debug: boolean): CommandContext {
  const env = { ...process.env };
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env,
    cwd: process.cwd(),
    color: decideColor(env, process.stdout),
    interactive: decideInteractive(env, process.stderr),
    signal,
    debug,
  };
}

export async function runCommand(body: CommandBody, debug = process.argv.includes('--debug')): Promise<void> {
  const interrupt = installInterruptHandler();
  const context = buildContext(interrupt.signal, debug);
  try {
    const code = await body(context);
    // Commands say "interrupted" (130); a SIGTERM makes that 143.
    const stoppedBy = interrupt.received();
    process.exitCode = code === ExitCode.interrupted && stoppedBy ? EXIT_CODE_FOR_SIGNAL[stoppedBy] : code;
  } catch (error) {
    process.exitCode = reportError(error, context);
  } finally {
    interrupt.dispose();
  }
}

function reportError(error: unknown, context: CommandContext): number {
  if (error instanceof UserFacingError) {
    context.stderr.write(`otel-proc: ${error.message}\n`);
    if (error.hint) context.stderr.write(`  hint: ${error.hint}\n`);
    if (context.debug && error.stack) context.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  context.stderr.write(`otel-proc: internal error: ${message}\n`);
  if (context.debug && error instanceof Error && error.stack) context.stderr.write(`${error.stack}\n`);
  else context.stderr.write('  (run again with --debug for details, and please report it)\n');
  return ExitCode.failed;
}
