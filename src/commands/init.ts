/**
 * `otel-proc init`: an otel-proc config file, `.env.otel` and a local telemetry stack
 * (docker-compose.telemetry.yml with the Collector, Jaeger and Prometheus), from one set of templates.
 * Flags and help only here; the work is in init/run-init.ts.
 */
import { Command, Option } from 'commander';
import { ExitCode, UsageError } from '../errors.js';
import type { CommandContext } from '../cli/context.js';
import { runCommand } from '../cli/run-command.js';
import type { InitRequest } from '../init/run-init.js';

interface InitOptionValues {
  dir?: string;
  format?: 'yaml' | 'json' | 'ts';
  preset?: 'local' | 'ci' | 'production';
  serviceName?: string;
  serviceVersion?: string;
  stack: boolean;
  yes?: boolean;
  force?: boolean;
  json?: boolean;
}

const EXAMPLES = `
Examples:
  $ otel-proc init                                   # asks a few questions (on a terminal)
  $ otel-proc init --yes                             # local preset, YAML, names from package.json
  $ otel-proc init --preset production --format ts --service-name billing --yes
  $ otel-proc init --dir deploy/telemetry --preset ci --no-stack --yes
  $ otel-proc init --yes --force                     # overwrite files init wrote before

Writes: otel-proc.config.{yaml,json,ts}, .env.otel, and (unless --no-stack) docker-compose.telemetry.yml
with telemetry/otel-collector-config.yaml, telemetry/jaeger-config.yaml, telemetry/prometheus.yml.
Existing files are never overwritten without --force.
Exit codes: 0 written (or already identical), 1 some existing files differ and were kept, 2 usage error.`;

export function registerInit(program: Command): void {
  program
    .command('init')
    .summary('write an otel-proc config, .env.otel and a local Collector + Jaeger + Prometheus stack')
    .description(
      'Write a configuration that `otel-proc validate` accepts (otel-proc config file and the matching OTEL_* variables in .env.otel) and a docker-compose.telemetry.yml that runs the OpenTelemetry Collector, Jaeger v2 and Prometheus at pinned versions. Presets: local (always-on sampling, short intervals), ci (fast export), production (parent-based 10% sampling, tuned batching, TLS and auth header placeholders).',
    )
    .option('-d, --dir <path>', 'folder to write into', '.')
    .addOption(new Option('-f, --format <format>', 'config file format').choices(['yaml', 'json', 'ts']))
    .addOption(new Option('--preset <preset>', 'settings preset').choices(['local', 'ci', 'production']))
    .option('--service-name <name>', 'service.name (default: package.json name, else the folder name)')
    .option('--service-version <version>', 'service.version (default: package.json version, else 1.0.0)')
    .option('--no-stack', 'skip docker-compose.telemetry.yml and its configs')
    .option('-y, --yes', 'ask nothing: use flags and defaults')
    .option('--force', 'overwrite existing files')
    .option('--json', 'print the report as one JSON document')
    .addHelpText('after', EXAMPLES)
    .action(async (options: InitOptionValues, command: Command) => {
      await runCommand((context) => init(options, command, context));
    });
}

async function init(options: InitOptionValues, command: Command, context: CommandContext): Promise<number> {
  if (options.serviceName !== undefined && options.serviceName.trim() === '') throw new UsageError('--service-name cannot be empty');
  // An empty service.version would be written into a config file that validate then rejects.
  if (options.serviceVersion !== undefined && options.serviceVersion.trim() === '')
    throw new UsageError('--service-version cannot be empty', "leave the flag out for package.json's version (else 1.0.0)");
  const { runInit } = await import('../init/run-init.js');
  const known = {
    preset: options.preset,
    format: options.format,
    serviceName: options.serviceName?.trim(),
    serviceVersion: options.serviceVersion?.trim(),
    // Only an explicit --no-stack answers the question; the default leaves it to ask.
    stack: command.getOptionValueSource('stack') === 'cli' ? options.stack : undefined,
  };
  // Questions need a person at a terminal: both stdin and stderr (where they are drawn) are TTYs.
  const interactive = options.yes !== true && options.json !== true && process.stdin.isTTY === true && context.interactive;
  let ask: InitRequest['ask'];
  if (interactive) {
    const { askQuestions } = await import('../init/prompts.js');
    ask = (k, defaults) => askQuestions(k, defaults, { signal: context.signal, output: context.stderr });
  }
  let report;
  try {
    report = await runInit({ cwd: context.cwd, dir: options.dir, known, force: options.force === true, ask });
  } catch (error) {
    // Ctrl-C during a question: nothing was written yet.
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError')) return ExitCode.interrupted;
    throw error;
  }
  if (options.json) {
    const { renderJson } = await import('../report/json.js');
    context.stdout.write(renderJson(report));
  } else {
    const { renderInitHuman } = await import('../report/init-human.js');
    context.stdout.write(renderInitHuman(report, context.color));
  }
  return report.files.some((file) => file.outcome === 'kept') ? ExitCode.failed : ExitCode.ok;
}
