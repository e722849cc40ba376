/**
 * `otel-proc validate`: the configuration an application will really run with, where each value
 * came from, and everything wrong with it, before deployment. Flags and help only here; the core
 * (validate/run.ts) and the renderers (report/) are imported when the command runs.
 */
import { Command, Option } from 'commander';
import { addConfigOptions, resolveOptionsFrom, type ConfigOptionValues } from '../cli/config-options.js';
import { ConfigurationError, ExitCode, UsageError } from '../errors.js';
import { runCommand } from '../cli/run-command.js';

interface ValidateOptionValues extends ConfigOptionValues {
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
      if (options.json && options.format !== 'human' && options.format !== 'json')
        throw new UsageError(`--json cannot be combined with --format ${options.format}`);
      if (!options.collectorConfig && (options.collectorDistribution || options.collectorBinary)) {
        throw new UsageError(
          `${options.collectorBinary ? '--collector-binary' : '--collector-distribution'} needs --collector-config <file>`,
        );
      }
      if (options.collectorDistribution && options.collectorBinary)
        throw new UsageError(
          '--collector-distribution and --collector-binary cannot go together',
          'the binary already says what it contains',
        );
      const format = options.json ? 'json' : (options.format ?? 'human');
      const { runValidate } = await import('../validate/run.js');
      const collector = options.collectorConfig
        ? { paths: options.collectorConfig, distribution: options.collectorDistribution, binary: options.collectorBinary }
        : undefined;
      // Flag values are read inside the promise, so a bad one also gets the --json error document below.
      const report = await Promise.resolve()
        .then(() => runValidate({ resolve: resolveOptionsFrom(options, context), strict: options.strict === true, collector }))
        .catch(async (error: unknown) => {
          // In GitHub Actions an unreadable file should be an annotation on its line too, not only a log line.
          if (format === 'github' && error instanceof ConfigurationError) {
            const { annotateConfigurationError } = await import('../report/validate-github.js');
            context.stdout.write(annotateConfigurationError(error.message));
          }
          throw error;
        });
      if (format === 'json') {
        const { renderJson } = await import('../report/json.js');
        context.stdout.write(renderJson(report));
      } else if (format === 'sarif' || format === 'junit') {
        const { renderValidateSarif, renderValidateJunit } = await import('../report/validate-ci.js');
        context.stdout.write(
          format === 'sarif'
            ? renderValidateSarif(report, await (await import('../cli/package-version.js')).packageVersion())
            : renderValidateJunit(report),
        );
      } else if (format === 'github') {
        const { renderValidateGithub } = await import('../report/validate-github.js');
        context.stdout.write(renderValidateGithub(report));
      } else {
        const { renderValidateHuman } = await import('../report/validate-human.js');
        context.stdout.write(renderValidateHuman(report, context.color));
      }
      return report.ok ? ExitCode.ok : ExitCode.failed;
    });
  });
}
