/**
 * The HTML load report in a real browser: Debian's Chromium, headless, with every request but the
 * file itself refused. A real run's report (three signals, with rejections and failures) must open
 * without a console error or a network request, draw every chart, and show in its summary table
 * the numbers of the JSON report. The screenshot is kept in test-results/ (OTEL_PROC_TEST_ARTIFACTS).
 * scripts/test.sh installs chromium; a missing one is an error saying so, not a skipped test.
 */
import { access, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, launchChromium, type HeadlessChromium } from '../../src/bench/headless-chromium.js';
import type { LoadReport } from '../../src/load/types.js';
import { startReceiver } from '../../src/receiver/index.js';
import type { ReceiverHandle } from '../../src/receiver/types.js';
import { runCli } from '../helpers/cli.js';

const ARTIFACTS = process.env.OTEL_PROC_TEST_ARTIFACTS ?? fileURLToPath(new URL('../../test-results/', import.meta.url));
/** The colour of each chart's main series (client-script.ts): pixels of it mean the data was drawn. */
const SERIES_COLOUR: Record<string, [number, number, number]> = {
  rate: [37, 99, 235],
  outcomes: [22, 163, 74],
  latency: [219, 39, 119],
  inFlight: [37, 99, 235],
};

let dir: string;
let receiver: ReceiverHandle | undefined;
let browser: HeadlessChromium | undefined;
let report: LoadReport;
let html: string;

beforeAll(async () => {
  await access(CHROMIUM_PATH).catch(() => {
    throw new Error(`${CHROMIUM_PATH} is missing: install it with \`apt-get install chromium\` (scripts/test.sh does)`);
  });
  dir = await mkdtemp(join(tmpdir(), 'otel-proc-browser-'));
  // One request in five refused for good (each signal sends dozens, so each sees failures), two items of every accepted one rejected.
  receiver = await startReceiver({
    grpcPort: 0,
    httpPort: false,
    countOnly: true,
    faults: { rejectRatio: 0.2, failWith: 'unauthenticated', partialSuccess: 2 },
  });
  const json = join(dir, 'load.json');
  html = join(dir, 'load.html');
  const run = await runCli(
    [
      'load',
      '-e',
      `http://127.0.0.1:${receiver.ports.grpc}`,
      '-p',
      'grpc',
      '--no-config-search',
      '--rate',
      '6k',
      '--metrics-rate',
      '2k',
      '--logs-rate',
      '3k',
      '--ramp-up',
      '1s',
      '--duration',
      '4s',
      '--batch-size',
      '100',
      '--report',
      json,
      '--html',
      html,
    ],
    { timeoutMs: 60_000 },
  );
  expect(run.code, run.stderr).toBe(0);
  report = JSON.parse(await readFile(json, 'utf8')) as LoadReport;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await receiver?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** "1,234.5" → 1234.5; "0.125%" → 0.00125. */
function parseShown(text: string): number {
  const percent = text.endsWith('%');
  const value = Number(text.replace(/[,%]/g, ''));
  return percent ? value / 100 : value;
}

/** Half a unit of the last digit shown: what rounding for display may have changed. */
function displayTolerance(text: string): number {
  const decimals = text.replace(/%$/, '').split('.')[1]?.length ?? 0;
  return (0.5 * 10 ** -decimals) / (text.endsWith('%') ? 100 : 1) + 1e-12;
}

describe('the HTML load report in Chromium', () => {
  it("opens offline without errors, draws every chart and shows the JSON report's numbers", async () => {
    const { page, errors, refused } = await browser!.open(html);
    await page
      .waitForFunction(() => document.documentElement.hasAttribute('data-charts-drawn'), null, { timeout: 15_000 })
      .catch((error: Error) => {
        throw new Error(`the charts were never drawn: ${errors.join('; ') || error.message}`);
      });
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'load-report.png'), fullPage: true });

    expect(errors).toEqual([]);
    expect(refused).toEqual([]);

    const charts = await page.$$eval(
      '[data-chart]',
      (elements, colours) =>
        elements.map((element) => {
          const kind = element.getAttribute('data-chart')!;
          const canvas = element.querySelector('canvas');
          if (!canvas) return { kind, signal: element.getAttribute('data-signal'), painted: 0, series: 0 };
          const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
          const [r, g, b] = colours[kind]!;
          let painted = 0;
          let series = 0;
          for (let i = 0; i < pixels.length; i += 4) {
            if (pixels[i + 3]! === 0) continue;
            painted += 1;
            if (Math.abs(pixels[i]! - r) < 24 && Math.abs(pixels[i + 1]! - g) < 24 && Math.abs(pixels[i + 2]! - b) < 24) series += 1;
          }
          return { kind, signal: element.getAttribute('data-signal'), painted, series };
        }),
      SERIES_COLOUR,
    );
    // Four charts per signal, each with its data drawn (pixels of the main series' colour).
    expect(charts).toHaveLength(4 * report.signals.length);
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-charts-drawn'))).toBe(String(charts.length));
    for (const chart of charts) {
      expect(chart.painted, `${chart.signal} ${chart.kind}`).toBeGreaterThan(1000);
      expect(chart.series, `${chart.signal} ${chart.kind}`).toBeGreaterThan(50);
    }

    const rows = await page.$$eval('table.summary tr[data-signal]', (trs) =>
      trs.map((tr) => ({
        signal: tr.getAttribute('data-signal')!,
        cells: Object.fromEntries(
          [...tr.querySelectorAll('td[data-field]')].map((td) => [td.getAttribute('data-field')!, td.textContent!.trim()]),
        ),
      })),
    );
    expect(rows.map((r) => r.signal)).toEqual([...report.signals.map((s) => s.signal), 'total']);
    const compare = (shown: string | undefined, expected: number, label: string): void => {
      expect(shown, label).toBeDefined();
      expect(Math.abs(parseShown(shown!) - expected), `${label}: shown ${shown}, report ${expected}`).toBeLessThanOrEqual(
        displayTolerance(shown!),
      );
    };
    for (const s of report.signals) {
      const cells = rows.find((r) => r.signal === s.signal)!.cells;
      for (const field of [
        'targetRate',
        'achievedRate',
        'pacingError',
        'sent',
        'accepted',
        'rejected',
        'failed',
        'dropped',
        'retries',
      ] as const)
        compare(cells[field], s[field], `${s.signal} ${field}`);
      compare(cells.shortfall, s.shortfall.items, `${s.signal} shortfall`);
      compare(cells.loss, (s.rejected + s.failed + s.dropped) / s.sent, `${s.signal} loss`);
      expect(cells.limitedBy).toBe(s.shortfall.limitedBy ?? '');
    }
    compare(rows.find((r) => r.signal === 'total')!.cells.lossRatio, report.lossRatio, 'lossRatio');
    // The run did see both kinds of loss, so the table is not comparing zeros.
    expect(report.signals.every((s) => s.rejected > 0 && s.failed > 0)).toBe(true);

    const reasons = await page.$$eval('#failures tbody code', (codes) => codes.map((c) => c.textContent));
    expect(reasons.sort()).toEqual(report.signals.flatMap((s) => Object.keys(s.failedByReason)).sort());
  });
});
