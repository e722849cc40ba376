/**
 * The otel-proc program: wiring only. Each command module declares its flags (cheap: commander
 * only) and lazily imports its implementation when it runs, so `--help` and start-up stay fast.
 * Exit codes are set in exactly one place: cli/run-command.ts (and commander errors below).
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { declareCommands } from './cli/command-list.js';
import { terminalColumns, writeDirect } from './cli/direct-output.js';
import { COMMAND_REGISTRATIONS } from './commands/index.js';
import { createProcessBoundary, errorDocument, wantsJson } from './cli/run-command.js';

// The build writes the version in (scripts/build/bundle-cli.mjs) so start-up reads no file; tsc's
// unbundled output, run during development, reads it from package.json.
declare const OTEL_PROC_VERSION: string | undefined;
const version =
  typeof OTEL_PROC_VERSION === 'string'
    ? OTEL_PROC_VERSION
    : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * A reader that goes away (`otel-proc validate | head -1`) is not an error of ours: stop writing
 * quietly instead of crashing with an unhandled EPIPE. Installed before a command runs, not at
 * start, so `--help` and `--version` never build the streams (cli/direct-output.ts).
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
  const program = new Command('otel-proc')
    .description('Validate, emit, load-test and diagnose OpenTelemetry pipelines.')
    .version(version, '-V, --version')
    .option('--debug', 'show stack traces and internal details on errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      // Help and the version go straight to the descriptor (cli/direct-output.ts).
      writeOut: (text) => writeDirect(1, text),
      getOutHelpWidth: () => terminalColumns(1) ?? 80,
      getErrHelpWidth: () => terminalColumns(2) ?? 80,
      // Our help has no colour of its own; commander strips any when this says false.
      getOutHasColors: () => false,
      getErrHasColors: () => false,
      // commander's own errors quote what was typed (an invalid --protocol value, an unknown option
      // with its value attached), so they pass the output boundary like everything else.
      writeErr: (text) => usageNotes.push(text),
      outputError: (text) => usageErrors.push(text.replace(/^error: /, '')),
    })
    .hook('preAction', ignoreClosedPipes);

  declareCommands(program, COMMAND_REGISTRATIONS, process.argv.slice(2));
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
      // No command at all: commander printed the help (to stderr) and there is no error message to add.
      if (error.code === 'commander.help') process.stderr.write(usageNotes.join(''));
      else if (error.exitCode !== 0) await writeUsageError(usageErrors.join('') || `${error.message}\n`);
      return;
    }
    throw error;
  }
}

/** A usage error commander found: one line on stderr (and its hint), and under --json one document on stdout. */
async function writeUsageError(message: string): Promise<void> {
  ignoreClosedPipes();
  const argv = process.argv.slice(2);
  const boundary = await createProcessBoundary(process.env, argv);
  if (wantsJson(argv)) process.stdout.write(boundary.sanitize(errorDocument('usage', message.trim())));
  process.stderr.write(boundary.sanitize(`otel-proc: ${message}${usageNotes.join('')}`));
}

// Not a top-level await: the build bundles this entry as CommonJS (scripts/build/bundle-cli.mjs).
void main();
