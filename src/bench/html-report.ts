/**
 * `npm run bench:html`: the HTML load report of a one-hour run (3,600 seconds × 3 signals): its
 * size, and how long headless Chromium takes from navigation start to every chart drawn (median
 * of several opens, each in a fresh page). A ten-second report is opened side by side in the same
 * run, so the figures read as a ratio too, not only against a wall clock.
 *
 *   npm run bench:html [-- --runs 5 --seconds 3600 --keep out.html --strict]
 * Targets: under ~1 MB and under 1 s to open. --strict exits 1 when one is missed (CI); by
 * default the figures are informational, since a shared machine's noise is not a regression.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadChartAssets } from '../report/html/chart-assets.js';
import { renderLoadHtml } from '../report/html/render-load-html.js';
import { launchChromium, type HeadlessChromium } from './headless-chromium.js';
import { syntheticLoadReport } from './synthetic-load-report.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '3600' },
    keep: { type: 'string' },
    strict: { type: 'boolean', default: false },
  },
});

const TARGETS = { bytes: 1024 * 1024, openMs: 1000 };

const median = (numbers: number[]): number => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Milliseconds from navigation start to the page's `otel-proc:charts-drawn` mark. */
async function openTimeMs(browser: HeadlessChromium, file: string): Promise<number> {
  const { page, errors, refused } = await browser.open(file);
  try {
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-charts-drawn'), null, { timeout: 30_000 });
    if (errors.length > 0 || refused.length > 0) throw new Error(`the report did not open cleanly: ${[...errors, ...refused].join('; ')}`);
    return await page.evaluate(() => performance.getEntriesByName('otel-proc:charts-drawn')[0]!.startTime);
  } finally {
    await page.close();
  }
}

async function main(): Promise<number> {
  const runs = Math.max(1, Number(values.runs));
  const seconds = Math.max(1, Number(values.seconds));
  const assets = await loadChartAssets();
  const dir = await mkdtemp(join(tmpdir(), 'otel-proc-bench-html-'));
  const browser = await launchChromium();
  try {
    const files: Record<'long' | 'short', string> = { long: values.keep ?? join(dir, 'long.html'), short: join(dir, 'short.html') };
    const report = syntheticLoadReport(seconds);
    const renderStarted = performance.now();
    const long = renderLoadHtml(report, assets);
    const renderMs = performance.now() - renderStarted;
    await writeFile(files.long, long);
    await writeFile(files.short, renderLoadHtml(syntheticLoadReport(10), assets));
    const times: Record<'long' | 'short', number[]> = { long: [], short: [] };
    await openTimeMs(browser, files.short); // the browser's own first start is not the report's
    for (let i = 0; i < runs; i++) {
      times.short.push(await openTimeMs(browser, files.short));
      times.long.push(await openTimeMs(browser, files.long));
    }
    const bytes = Buffer.byteLength(long);
    const openMs = median(times.long);
    const shortMs = median(times.short);
    const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');
    console.log(`HTML load report, ${seconds} s × 3 signals (rendered in ${renderMs.toFixed(0)} ms)`);
    console.log(
      `  size        ${(bytes / 1024).toFixed(0)} KiB (target < ${TARGETS.bytes / 1024} KiB)   ${verdict(bytes < TARGETS.bytes)}`,
    );
    console.log(
      `  open time   ${openMs.toFixed(0)} ms median of ${runs} (${times.long.map((t) => t.toFixed(0)).join(', ')}), navigation start → charts drawn (target < ${TARGETS.openMs} ms)   ${verdict(openMs < TARGETS.openMs)}`,
    );
    console.log(
      `  vs 10 s     ${shortMs.toFixed(0)} ms for a 10-second report: ${(openMs / shortMs).toFixed(2)}× for ${seconds / 10}× the data`,
    );
    if (values.keep) console.log(`  kept        ${values.keep}`);
    return values.strict && !(bytes < TARGETS.bytes && openMs < TARGETS.openMs) ? 1 : 0;
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
