/**
 * The body of `otel-proc load`: flags → options → resolved configuration → run → report, rendered
 * as a human table or one JSON document, optionally written to --report, and an exit code.
 */
import { readFileSync } from 'node:fs';
import { open, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { resolveOptionsFrom } from '../cli/config-options.js';
import type { CommandContext } from '../cli/context.js';
import { ConfigurationError, ExitCode, UsageError } from '../cli/errors.js';
import type { LoadOptionValues } from '../commands/load.js';
import { resolveConfig } from '../config/resolve.js';
import { renderJson } from '../report/json.js';
import { randomSeed } from '../synth/random.js';
import { parseCount, parseDurationSeconds, parseRate, parseRatio } from './parse-options.js';
import { ProgressLine } from './progress-line.js';
import { renderLoadHuman } from './render-human.js';
import { runLoad, type LoadOptions } from './run-load.js';
import { parseShard } from './shard.js';
import type { LoadReport } from './types.js';
import { fileErrorReason, WRITING } from '../cli/file-errors.js';

const DEFAULT_DURATION_SECONDS = 10;
const MAX_DRAIN_TIMEOUT_SECONDS = 24 * 3600;

function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export function loadOptionsFrom(values: LoadOptionValues): LoadOptions {
  const durationSeconds = values.duration !== undefined ? parseDurationSeconds(values.duration, '--duration') : undefined;
  if (durationSeconds !== undefined && durationSeconds <= 0) throw new UsageError('--duration must be longer than 0');
  const count = values.count !== undefined ? parseCount(values.count, '--count') : undefined;
  const rampUpSeconds = parseDurationSeconds(values.rampUp, '--ramp-up');
  const drainTimeoutSeconds = parseDurationSeconds(values.drainTimeout, '--drain-timeout');
  // Node timers hold at most ~24.8 days; beyond that one fires at once, abandoning every request.
  if (drainTimeoutSeconds > MAX_DRAIN_TIMEOUT_SECONDS) throw new UsageError(`--drain-timeout must be at most 24h, got "${values.drainTimeout}"`);
  const options: LoadOptions = {
    rate: parseRate(values.rate, '--rate'),
    metricsRate: parseRate(values.metricsRate, '--metrics-rate'),
    logsRate: parseRate(values.logsRate, '--logs-rate'),
    durationSeconds: durationSeconds ?? (count === undefined ? DEFAULT_DURATION_SECONDS : undefined),
    count,
    rampUpSeconds,
    batchSize: parseCount(values.batchSize, '--batch-size', 1, 100_000),
    concurrency: parseCount(values.concurrency, '--concurrency', 1, 10_000),
    workers: parseCount(values.workers, '--workers', 0, 256),
    engine: values.engine,
    scenarioFile: values.scenario,
    services: values.services !== undefined ? parseCount(values.services, '--services', 1, 100) : undefined,
    seed: values.seed ?? randomSeed(),
    maxLoss: values.maxLoss !== undefined ? parseRatio(values.maxLoss, '--max-loss') : undefined,
    shard: values.shard !== undefined ? parseShard(values.shard) : undefined,
    drainTimeoutMs: drainTimeoutSeconds * 1000,
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
  return new ConfigurationError(`cannot write ${what} to ${file}: ${fileErrorReason(error, { words: WRITING, withCode: true, unknown: 'code' })}`);
}

export async function writeReportFile(file: string, report: LoadReport): Promise<void> {
  try {
    await writeFile(file, renderJson(report));
  } catch (error) {
    throw reportFileError(file, error);
  }
}

/** --html: the report as one self-contained HTML page with charts (report/html). */
export async function writeHtmlFile(file: string, report: LoadReport): Promise<void> {
  const [{ renderLoadHtml }, { loadChartAssets }] = await Promise.all([import('../report/html/render-load-html.js'), import('../report/html/chart-assets.js')]);
  const html = renderLoadHtml(report, await loadChartAssets());
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
    throw new ConfigurationError(`the configuration has errors: ${errors.map((d) => `${d.code}: ${d.message}`).join('; ')}`, 'run `otel-proc validate` for details');
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
  if (values.report) await writeReportFile(values.report, report);
  if (values.html) await writeHtmlFile(values.html, report);
  context.stdout.write(values.json ? renderJson(report) : renderLoadHuman(report, context.color));
  return exitCodeFor(report);
}
