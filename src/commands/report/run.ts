/**
 * The body of `otel-proc report`: read a JSON load report (from `load --report`, `--json` or
 * `load-merge`), check it as load-merge does, and show it: in the terminal, as JSON, or as the
 * HTML page with charts (--html), without running any load again.
 */
import type { CommandContext } from '../../cli/context.js';
import { ConfigurationError, ExitCode } from '../../errors.js';
import { renderJson } from '../../report/json.js';
import { writeHtmlFile } from '../load/run.js';
import { readReport } from '../load-merge/run.js';
import { reportProblem } from '../../load/merge-reports.js';
import { renderLoadHuman } from '../../report/load-human.js';

export interface ReportOptionValues {
  html?: string;
  json?: boolean;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the renderers read beyond what a merge needs (a merge recomputes latency from the histogram). */
function renderProblem(value: unknown): string | undefined {
  const problem = reportProblem(value);
  if (problem) return problem;
  for (const signal of (value as { signals: Array<Record<string, unknown>> }).signals) {
    if (!isObject(signal.latency) || !Array.isArray(signal.messages) || typeof signal.unit !== 'string') {
      return `an incomplete otel-proc load report (${String(signal.signal)} lacks latency, messages or unit)`;
    }
  }
  return undefined;
}

export async function reportCommand(file: string, options: ReportOptionValues, context: CommandContext): Promise<number> {
  const report = await readReport(file);
  const problem = renderProblem(report);
  if (problem)
    throw new ConfigurationError(
      `${file} is ${problem}`,
      'give a report written by `otel-proc load --report <file>` (or `--json`) or by `otel-proc load-merge`',
    );
  if (options.html) await writeHtmlFile(context, options.html, report);
  context.stdout.write(options.json ? renderJson(report) : renderLoadHuman(report, context.color));
  return ExitCode.ok;
}
