/**
 * The body of `otel-proc load-merge`: read shard reports, merge them, render, exit code.
 */
import { readFile } from 'node:fs/promises';
import type { CommandContext } from '../../cli/context.js';
import { ConfigurationError, fileErrorReason } from '../../errors.js';
import { renderJson } from '../../report/json.js';
import { checkOutputFiles, exitCodeFor, writeHtmlFile, writeReportFile } from '../load/run.js';
import { IncompleteShardSetError, mergeReports, MergeError } from '../../load/merge-reports.js';
import { ifGiven, parseRatio } from '../../flags/index.js';
import { renderLoadHuman } from '../../report/load-human.js';
import type { LoadReport } from '../../load/types.js';

/** Reads a report written by `load --report` or `--json`, even with log lines around it. */
export async function readReport(file: string): Promise<LoadReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`cannot read ${file}: ${fileErrorReason(error, { withCode: true, unknown: 'code' })}`);
  }
  try {
    return JSON.parse(text) as LoadReport;
  } catch {
    // `kubectl logs` mixes stderr in (npx notices, warnings) before and after: the report is the
    // pretty-printed document from a line `{` to a line `}`; try the longest candidate first.
    const start = text.search(/^\{\s*$/m);
    if (start >= 0) {
      const ends = [...text.slice(start).matchAll(/^\}\s*$/gm)].map((m) => start + m.index! + 1).reverse();
      for (const end of ends) {
        try {
          return JSON.parse(text.slice(start, end)) as LoadReport;
        } catch {
          // a shorter candidate, or not JSON at all
        }
      }
    }
    throw new ConfigurationError(`${file} is not JSON: write shard reports with \`otel-proc load --report <file>\` or \`--json\``);
  }
}

export async function loadMergeCommand(
  files: string[],
  options: { json?: boolean; report?: string; html?: string; maxLoss?: string; allowPartial?: boolean },
  context: CommandContext,
): Promise<number> {
  checkOutputFiles(options, context.cwd);
  const maxLoss = ifGiven(options.maxLoss, (text) => parseRatio('--max-loss', text));
  const reports = await Promise.all(files.map(readReport));
  let merged: LoadReport;
  try {
    merged = mergeReports(reports, { maxLoss, names: files, allowPartial: options.allowPartial === true });
  } catch (error) {
    if (error instanceof IncompleteShardSetError) {
      throw new ConfigurationError(
        error.message,
        "pass every shard's report; --allow-partial merges them anyway, marks the report incomplete and fails --max-loss",
      );
    }
    if (error instanceof MergeError)
      throw new ConfigurationError(
        error.message,
        'write shard reports with `otel-proc load --report <file>` (or `--json`), one per shard of the same run',
      );
    throw error;
  }
  // A merged report is not an interrupted run of this command, even if a shard was interrupted.
  const verdict = exitCodeFor({ ...merged, interrupted: false });
  if (options.report) await writeReportFile(context, options.report, merged);
  if (options.html) await writeHtmlFile(context, options.html, merged);
  context.stdout.write(options.json ? renderJson(merged) : renderLoadHuman(merged, context.color));
  return verdict;
}
