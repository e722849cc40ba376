/**
 * The body of `otel-proc validate`: flags → the resolved configuration and its findings (validate/run.ts,
 * with --collector-config the Collector's too) → the report in the chosen format, and an exit code.
 * Each renderer loads only when its format is asked for.
 */
import { resolveOptionsFrom } from '../../cli/config-options.js';
import type { CommandContext } from '../../cli/context.js';
import { ConfigurationError, ExitCode, UsageError } from '../../errors.js';
import type { ValidateOptionValues } from './index.js';

export async function validateCommand(options: ValidateOptionValues, context: CommandContext): Promise<number> {
  if (options.json && options.format !== 'human' && options.format !== 'json')
    throw new UsageError(`--json cannot be combined with --format ${options.format}`);
  if (!options.collectorConfig && (options.collectorDistribution || options.collectorBinary)) {
    throw new UsageError(`${options.collectorBinary ? '--collector-binary' : '--collector-distribution'} needs --collector-config <file>`);
  }
  if (options.collectorDistribution && options.collectorBinary)
    throw new UsageError('--collector-distribution and --collector-binary cannot go together', 'the binary already says what it contains');
  const format = options.json ? 'json' : (options.format ?? 'human');
  const { runValidate } = await import('../../validate/run.js');
  const collector = options.collectorConfig
    ? { paths: options.collectorConfig, distribution: options.collectorDistribution, binary: options.collectorBinary }
    : undefined;
  // Flag values are read inside the promise, so a bad one also gets the --json error document below.
  const report = await Promise.resolve()
    .then(() => runValidate({ resolve: resolveOptionsFrom(options, context), strict: options.strict === true, collector }))
    .catch(async (error: unknown) => {
      // In GitHub Actions an unreadable file should be an annotation on its line too, not only a log line.
      if (format === 'github' && error instanceof ConfigurationError) {
        const { annotateConfigurationError } = await import('../../report/validate-github.js');
        context.stdout.write(annotateConfigurationError(error.message));
      }
      throw error;
    });
  if (format === 'json') {
    const { renderJson } = await import('../../report/json.js');
    context.stdout.write(renderJson(report));
  } else if (format === 'sarif' || format === 'junit') {
    const { renderValidateSarif, renderValidateJunit } = await import('../../report/validate-ci.js');
    context.stdout.write(
      format === 'sarif'
        ? renderValidateSarif(report, await (await import('../../cli/package-version.js')).packageVersion())
        : renderValidateJunit(report),
    );
  } else if (format === 'github') {
    const { renderValidateGithub } = await import('../../report/validate-github.js');
    context.stdout.write(renderValidateGithub(report));
  } else {
    const { renderValidateHuman } = await import('../../report/validate-human.js');
    context.stdout.write(renderValidateHuman(report, context.color));
  }
  return report.ok ? ExitCode.ok : ExitCode.failed;
}
