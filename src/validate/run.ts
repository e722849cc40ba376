/**
 * The `validate` command's core: resolve the configuration exactly as every other command does and
 * turn it into a report. No printing, no process access; the command renders the result.
 */
import { resolveConfig } from '../config/resolve.js';
import type { ResolveOptions } from '../config/types.js';
import { buildValidateReport, type ValidateReport } from './report.js';

export interface ValidateOptions {
  resolve: ResolveOptions;
  /** Warnings fail the run too. */
  strict: boolean;
}

export async function runValidate(options: ValidateOptions): Promise<ValidateReport> {
  const resolution = await resolveConfig(options.resolve);
  return buildValidateReport(resolution, options.strict);
}
