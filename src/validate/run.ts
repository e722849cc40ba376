/**
 * The `validate` command's core: resolve the configuration exactly as every other command does and
 * turn it into a report. No printing, no process access; the command renders the result.
 */
import { resolveConfig } from '../config/resolve.js';
import type { Resolution, ResolveOptions } from '../config/types.js';
import { buildValidateReport, type ValidateReport } from './report.js';

export interface ValidateOptions {
  resolve: ResolveOptions;
  /** Warnings fail the run too. */
  strict: boolean;
  /** --collector-config files (and how to know their component types): lint them and cross-check. */
  collector?: { paths: string[]; distribution?: 'core' | 'contrib'; binary?: string };
}

export async function runValidate(options: ValidateOptions): Promise<ValidateReport> {
  const resolution = await resolveConfig(options.resolve);
  if (!options.collector) return buildValidateReport(resolution, options.strict);
  // Loaded only when asked for, so plain `validate` starts as fast as before.
  const { checkCollector } = await import('../collector/run.js');
  const { paths, distribution, binary } = options.collector;
  const { env, cwd, envFile } = options.resolve;
  const app = appConfigured(resolution, options.resolve) ? resolution.config : undefined;
  const collector = await checkCollector({ paths, distribution, binary, env, cwd, envFile, app });
  const report = buildValidateReport(
    { ...resolution, diagnostics: [...resolution.diagnostics, ...collector.report.diagnostics] },
    options.strict,
  );
  report.collector = {
    files: collector.report.files,
    refused: collector.report.refused,
    ...(collector.report.components ? { components: collector.report.components } : {}),
  };
  return report;
}

/**
 * The cross-check compares the Collector with the app's settings; with no setting at all (no
 * OTEL_* variable, file or flag) there is no app to compare, only SDK defaults, so only the
 * Collector's own rules run.
 */
function appConfigured(resolution: Resolution, options: ResolveOptions): boolean {
  if (resolution.files.envFile || resolution.files.configFile || resolution.files.declarativeConfigFile) return true;
  if (Object.entries(options.env).some(([name, value]) => name.startsWith('OTEL_') && value !== undefined && value !== '')) return true;
  return Object.values(options.flags ?? {}).some((value) => value !== undefined && !(Array.isArray(value) && value.length === 0));
}
