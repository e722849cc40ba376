/**
 * The otel-proc program: wiring only. Each command module declares its flags (cheap: commander
 * only) and lazily imports its implementation when it runs, so `--help` and start-up stay fast.
 * Exit codes are set in exactly one place: cli/run-command.ts (and commander errors below).
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { registerDoctor } from './commands/doctor.js';
import { registerEmit } from './commands/emit.js';
import { registerInit } from './commands/init.js';
import { registerLoad } from './commands/load.js';
import { registerLoadMerge } from './commands/load-merge.js';
import { registerReceive } from './commands/receive.js';
import { registerReport } from './commands/report.js';
import { registerValidate } from './commands/validate.js';
import { createProcessBoundary, errorDocument, wantsJson } from './cli/run-command.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

// Each command module exports register(program); a command is listed here only once it works.
const registrations: Array<(program: Command) => void> = [registerInit, registerValidate, registerEmit, registerReceive, registerLoad, registerLoadMerge, registerReport, registerDoctor];

/**
 * A reader that goes away (`otel-proc validate --help | head -1`) is not an error of ours: stop
 * writing quietly instead of crashing with an unhandled EPIPE.
 */
function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
}

const usageErrors: string[] = [];
const usageNotes: string[] = [];

async function main(): Promise<void> {
  ignoreClosedPipes();
  const program = new Command('otel-proc')
    .description('Validate, emit, load-test and diagnose OpenTelemetry pipelines.')
    .version(version, '-V, --version')
    .option('--debug', 'show stack traces and internal details on errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    // commander's own errors quote what was typed (an invalid --protocol value, an unknown option
    // with its value attached), so they pass the output boundary like everything else.
    .configureOutput({ writeErr: (text) => usageNotes.push(text), outputError: (text) => usageErrors.push(text.replace(/^error: /, '')) });

  for (const register of registrations) register(program);
  program.addHelpText(
    'after',
    '\nExamples:\n  $ otel-proc validate --strict\n  $ otel-proc emit --local\n  $ otel-proc doctor\n  $ otel-proc load --rate 10000 --duration 30s\n\nExit codes: 0 ok, 1 a check failed, 2 usage or configuration error, 130 Ctrl-C (SIGINT), 143 SIGTERM.',
  );

  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with exit code 0; every other commander error is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      if (error.exitCode !== 0) writeUsageError(usageErrors.join('') || `${error.message}\n`);
      return;
    }
    throw error;
  }
}

/** A usage error commander found: one line on stderr (and its hint), and under --json one document on stdout. */
function writeUsageError(message: string): void {
  const argv = process.argv.slice(2);
  const boundary = createProcessBoundary(process.env, argv);
  if (wantsJson(argv)) process.stdout.write(boundary.sanitize(errorDocument('usage', message.trim())));
  process.stderr.write(boundary.sanitize(`otel-proc: ${message}${usageNotes.join('')}`));
}

await main();
