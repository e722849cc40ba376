/**
 * `otel-proc init`: an otel-proc config file, `.env.otel` and a local telemetry stack
 * (docker-compose.telemetry.yml with the Collector, Jaeger and Prometheus), from one set of templates.
 * Flags and help only here; the body (run.ts) is imported when the command runs.
 */
import { type Command, Option } from 'commander';
import { runCommand } from '../../cli/run-command.js';

export interface InitOptionValues {
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
      await runCommand(async (context) => {
        const { initCommand } = await import('./run.js');
        return initCommand(options, command, context);
      });
    });
}
