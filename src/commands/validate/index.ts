/**
 * `otel-proc validate`: the configuration an application will really run with, where each value
 * came from, and everything wrong with it, before deployment. Flags and help only here; the body
 * (run.ts) is imported when the command runs.
 */
import { type Command, Option } from 'commander';
import { addConfigOptions, type ConfigOptionValues } from '../../cli/config-options.js';
import { runCommand } from '../../cli/run-command.js';

export interface ValidateOptionValues extends ConfigOptionValues {
  json?: boolean;
  format?: 'human' | 'json' | 'github' | 'sarif' | 'junit';
  strict?: boolean;
  collectorConfig?: string[];
  collectorDistribution?: 'core' | 'contrib';
  collectorBinary?: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const EXAMPLES = `
Examples:
  $ otel-proc validate                                  # environment + otel-proc config file found from here
  $ otel-proc validate --env-file .env.production --strict
  $ OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318 otel-proc validate --json | jq .diagnostics
  $ otel-proc validate --config deploy/otel-proc.config.yaml --format github   # annotations in GitHub Actions
  $ otel-proc validate --otel-config-file otel-sdk.yaml                         # a declarative config file
  $ otel-proc validate --env-file .env --collector-config otel-collector-config.yaml   # the app against its Collector
  $ otel-proc validate --collector-config base.yaml --collector-config prod.yaml --collector-distribution contrib --format sarif > otel.sarif

Precedence: flags > environment (then --env-file) > otel-proc config file > defaults.
Exit codes: 0 valid (warnings allowed), 1 errors found (or warnings with --strict), 2 usage error or unreadable file.`;

export function registerValidate(program: Command): void {
  const command = program
    .command('validate')
    .summary('check the telemetry configuration an app will run with, and show where each value came from')
    .description(
      'Resolve the OpenTelemetry configuration from OTEL_* variables, an --env-file, an otel-proc config file and flags, exactly as the JS SDK will use it, print it with the provenance of every value, and report every misconfiguration with a stable code. Header values and tokens are always redacted.',
    )
    .option('--json', 'print one JSON document (same as --format json)')
    .addOption(
      new Option('--format <format>', 'output format (sarif: GitHub code scanning; junit: CI test reports)')
        .choices(['human', 'json', 'github', 'sarif', 'junit'])
        .default('human'),
    )
    .option('--strict', 'fail (exit 1) on warnings too (and count them as JUnit failures)')
    .option(
      '--collector-config <file>',
      "an OpenTelemetry Collector config to lint and cross-check with the app's settings; repeatable, merged like the Collector's --config",
      collect,
    )
    .addOption(
      new Option(
        '--collector-distribution <name>',
        'check component types against the official Collector distribution (pinned list)',
      ).choices(['core', 'contrib']),
    )
    .option('--collector-binary <path>', "check component types against this Collector executable's `components`");
  addConfigOptions(command).addHelpText('after', EXAMPLES);
  command.action(async (options: ValidateOptionValues) => {
    await runCommand(async (context) => {
      const { validateCommand } = await import('./run.js');
      return validateCommand(options, context);
    });
  });
}
