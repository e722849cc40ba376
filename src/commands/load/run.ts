/**
 * The body of `otel-proc load`: flags → options → resolved configuration → run → report, rendered
 * as a human table or one JSON document, optionally written to --report, and an exit code.
 */
import { readFileSync } from 'node:fs';
import { open, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { resolveOptionsFrom } from '../../cli/config-options.js';
import type { CommandContext } from '../../cli/context.js';
import { ConfigurationError, ExitCode, UsageError, fileErrorReason, WRITING } from '../../errors.js';
import type { LoadOptionValues } from './index.js';
import { resolveConfig } from '../../config/resolve.js';
import { renderJson } from '../../report/json.js';
import { randomSeed } from '../../synth/random.js';
import { ifGiven, parseCount, parseDuration, parseRate, parseRatio } from '../../flags/index.js';
import { ProgressLine } from '../../load/progress-line.js';
import { renderLoadHuman } from '../../report/load-human.js';
import { runLoad, type LoadOptions } from '../../load/run-load.js';
import { parseShard } from '../../load/shard.js';
import type { LoadReport } from '../../load/types.js';

const DEFAULT_DURATION_SECONDS = 10;

function version(): string {
  return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export function loadOptionsFrom(values: LoadOptionValues): LoadOptions {
  // --duration and --count: without either, a short default run; zero would generate nothing.
  const durationMs = ifGiven(values.duration, (text) => parseDuration('--duration', text));
  const durationSeconds = durationMs !== undefined ? durationMs / 1000 : undefined;
  const count = ifGiven(values.count, (text) => parseCount('--count', text));
  // --ramp-up 0 starts at full rate; --drain-timeout 0 abandons requests still in flight at the end.
  const rampUpSeconds = parseDuration('--ramp-up', values.rampUp, { zero: true }) / 1000;
  const drainTimeoutMs = parseDuration('--drain-timeout', values.drainTimeout, { zero: true });
  const options: LoadOptions = {
    rate: parseRate('--rate', values.rate, { zero: true }),
    metricsRate: parseRate('--metrics-rate', values.metricsRate, { zero: true }),
    logsRate: parseRate('--logs-rate', values.logsRate, { zero: true }),
    durationSeconds: durationSeconds ?? (count === undefined ? DEFAULT_DURATION_SECONDS : undefined),
    count,
    rampUpSeconds,
    batchSize: parseCount('--batch-size', values.batchSize, { max: 100_000 }),
    concurrency: parseCount('--concurrency', values.concurrency, { max: 10_000 }),
    workers: parseCount('--workers', values.workers, { min: 0, max: 256 }),
    engine: values.engine,
    scenarioFile: values.scenario,
    services: ifGiven(values.services, (text) => parseCount('--services', text, { max: 100 })),
    seed: values.seed ?? randomSeed(),
    maxLoss: ifGiven(values.maxLoss, (text) => parseRatio('--max-loss', text)),
    shard: values.shard !== undefined ? parseShard(values.shard) : undefined,
    drainTimeoutMs,
    version: version(),
  };
  if (options.durationSeconds !== undefined && rampUpSeconds >= options.durationSeconds) {
    throw new UsageError('--ramp-up must be shorter than --duration');
  }
  if (options.engine === 'sdk' && options.workers !== 1) throw new UsageError('--workers applies to the fast engine only');
  return options;
}

/** 1 when the loss budget is exceeded, or when something was sent and nothing at all was accepted. */
export function exitCodeFor(report: LoadReport): number {
  if (report.interrupted) return ExitCode.interrupted;
  if (!report.withinLossBudget) return ExitCode.failed;
  const sent = report.signals.reduce((n, s) => n + s.sent, 0);
  const accepted = report.signals.reduce((n, s) => n + s.accepted, 0);
  return sent > 0 && accepted === 0 ? ExitCode.failed : ExitCode.ok;
}

function reportFileError(file: string, error: unknown, what = 'the report'): ConfigurationError {
  return new ConfigurationError(
    `cannot write ${what} to ${file}: ${fileErrorReason(error, { words: WRITING, withCode: true, unknown: 'code' })}`,
  );
}

export async function writeReportFile(context: CommandContext, file: string, report: LoadReport): Promise<void> {
  try {
    await context.boundary.writeFile(file, renderJson(report));
  } catch (error) {
    throw reportFileError(file, error);
  }
}

/** --html: the report as one self-contained HTML page with charts (report/html). */
export async function writeHtmlFile(context: CommandContext, file: string, report: LoadReport): Promise<void> {
  const [{ renderLoadHtml }, { loadChartAssets }] = await Promise.all([
    import('../../report/html/render-load-html.js'),
    import('../../report/html/chart-assets.js'),
  ]);
  // The report's strings pass the output boundary before they are placed in the page; the inlined chart script is ours.
  const html = renderLoadHtml(context.boundary.sanitizeValue(report), await loadChartAssets());
  try {
    await writeFile(file, html);
  } catch (error) {
    throw reportFileError(file, error, 'the HTML report');
  }
}

/** --report and --html name two different files. */
export function checkOutputFiles(values: { report?: string; html?: string }, cwd: string): void {
  if (values.report && values.html && resolve(cwd, values.report) === resolve(cwd, values.html)) {
    throw new UsageError(`--report and --html both name ${values.html}: give the HTML report its own file`);
  }
}

/**
 * Fails on an unwritable --report before any load is generated, without clobbering a report that is
 * already there (a usage error found later must not cost the last run's report). Returns an undo
 * that removes the file again if it did not exist before.
 */
async function checkReportWritable(file: string, what?: string): Promise<() => Promise<void>> {
  let created = false;
  try {
    const handle = await open(file, 'a');
    created = (await handle.stat()).size === 0;
    await handle.close();
  } catch (error) {
    throw reportFileError(file, error, what);
  }
  return async () => {
    if (created) await rm(file, { force: true });
  };
}

export async function loadCommand(values: LoadOptionValues, context: CommandContext): Promise<number> {
  const options = loadOptionsFrom(values);
  const { config, diagnostics } = await resolveConfig(resolveOptionsFrom(values, context));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new ConfigurationError(
      `the configuration has errors: ${errors.map((d) => `${d.code}: ${d.message}`).join('; ')}`,
      'run `otel-proc validate` for details',
    );
  }
  checkOutputFiles(values, context.cwd);
  const undoReportCheck = values.report ? await checkReportWritable(values.report) : undefined;
  let undoHtmlCheck: (() => Promise<void>) | undefined;
  try {
    undoHtmlCheck = values.html ? await checkReportWritable(values.html, 'the HTML report') : undefined;
  } catch (error) {
    await undoReportCheck?.();
    throw error;
  }
  const progress = context.interactive && !values.json ? new ProgressLine(context.stderr) : undefined;
  let report: LoadReport;
  try {
    report = await runLoad(options, config, context.signal, progress ? (snapshot) => progress.update(snapshot) : undefined);
  } catch (error) {
    await undoReportCheck?.();
    await undoHtmlCheck?.();
    throw error;
  } finally {
    progress?.clear();
  }
  if (values.report) await writeReportFile(context, values.report, report);
  if (values.html) await writeHtmlFile(context, values.html, report);
  context.stdout.write(values.json ? renderJson(report) : renderLoadHuman(report, context.color));
  return exitCodeFor(report);
}
