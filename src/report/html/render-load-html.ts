/**
 * The HTML load report: one self-contained file (styles, uPlot and the data inlined, system fonts,
 * a Content-Security-Policy that forbids every fetch), readable offline and as a CI artefact.
 * A pure function: report and chart library in, HTML out; the command writes it.
 */
import type { LoadReport } from '../../load/types.js';
import type { ChartAssets } from './chart-assets.js';
import { chartDataOf } from './chart-data.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { assertEmbeddable, escapeHtml, jsonForScript } from './escape.js';
import { formatPercent, formatSeconds } from './format.js';
import { REPORT_CSS } from './styles.js';
import { configurationSection, failuresSection, latencySection, partsSection, summarySection } from './summary-sections.js';

/** Inline scripts and styles only; no fetch of any kind, so opening the file never touches the network. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

const CHARTS = [
  { kind: 'rate', caption: 'Achieved vs target' },
  { kind: 'outcomes', caption: 'Accepted / rejected / failed (stacked)' },
  { kind: 'latency', caption: 'Export latency p50 / p90 / p99' },
  { kind: 'inFlight', caption: 'Requests in flight' },
] as const;

function verdict(report: LoadReport): string {
  const budget = report.maxLoss !== undefined ? ` (max ${formatPercent(report.maxLoss)})` : '';
  const sent = report.signals.reduce((n, s) => n + s.sent, 0);
  const accepted = report.signals.reduce((n, s) => n + s.accepted, 0);
  if (!report.withinLossBudget) return `<p class="verdict bad">loss ${formatPercent(report.lossRatio)}${budget}: over budget</p>`;
  if (sent > 0 && accepted === 0) return `<p class="verdict bad">nothing was accepted (loss ${formatPercent(report.lossRatio)})</p>`;
  const interrupted = report.interrupted ? '; interrupted' : '';
  return `<p class="verdict ${report.interrupted || report.lossRatio > 0 ? 'warn' : 'ok'}">loss ${formatPercent(report.lossRatio)}${budget}${report.maxLoss !== undefined ? ': within budget' : ''}${interrupted}</p>`;
}

function chartsSection(report: LoadReport, start: number): string {
  if (report.signals.every((s) => s.timeline.length === 0))
    return '<section id="charts"><h2>Per second</h2><p class="note">The report has no per-second timeline.</p></section>';
  const blocks = report.signals.map((s) => {
    const figures = CHARTS.map(({ kind, caption }) => {
      // The SDK hands the exporter's requests over only as they finish: in flight is not observable.
      if (kind === 'inFlight' && report.engine === 'sdk')
        return `<figure><figcaption>${caption}</figcaption><p class="note">Not measured by the sdk engine: the SDK reports an export only once it has finished.</p></figure>`;
      const unit = kind === 'rate' || kind === 'outcomes' ? ` <small>${escapeHtml(s.unit)}/s</small>` : '';
      return `<figure><figcaption>${caption}${unit}</figcaption><div class="chart" data-chart="${kind}" data-signal="${escapeHtml(s.signal)}"></div></figure>`;
    });
    return `<h3>${escapeHtml(s.signal)}</h3>\n<div class="charts">${figures.join('\n')}</div>`;
  });
  const origin = new Date(start * 1000).toISOString().replace('.000Z', 'Z');
  return `<section id="charts"><h2>Per second</h2>\n<p class="hint">Time since ${origin}. Hover a chart to read one second in all of them.</p>\n${blocks.join('\n')}</section>`;
}

export function renderLoadHtml(report: LoadReport, assets: ChartAssets): string {
  const data = chartDataOf(report);
  const where = `${report.protocol} → ${report.endpoint}`;
  const shard = report.shard
    ? `, shard ${report.shard.index}/${report.shard.count}`
    : report.shards > 1
      ? `, ${report.shards} shards merged`
      : '';
  const title = `otel-proc load: ${report.scenario}, ${report.startedAt}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(`${report.tool} ${report.version}`)}">
<title>${escapeHtml(title)}</title>
<style>${assertEmbeddable(assets.css, 'style')}</style>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>otel-proc load report</h1>
<p class="lede">${escapeHtml(`${report.engine} engine, ${where}${report.compression === 'gzip' ? ' (gzip)' : ''}, scenario ${report.scenario}${shard}; started ${report.startedAt}, generated for ${formatSeconds(report.generationSeconds)}`)}</p>
${verdict(report)}
</header>
<main>
<div class="table-scroll">${summarySection(report)}</div>
${chartsSection(report, data.start)}
<div class="table-scroll">${latencySection(report)}</div>
<div class="table-scroll">${failuresSection(report)}</div>
<div class="table-scroll">${partsSection(report)}</div>
${configurationSection(report)}
</main>
<footer>Written by ${escapeHtml(`${report.tool} ${report.version}`)}. Charts drawn with uPlot (MIT licence, inlined below).</footer>
<script type="application/json" id="otel-proc-chart-data">${jsonForScript(data)}</script>
<script>/*\n${assertEmbeddable(assets.license.replace(/\*\//g, '* /'), 'script')}*/\n${assertEmbeddable(assets.script, 'script')}</script>
<script>${assertEmbeddable(CLIENT_SCRIPT, 'script')}</script>
</body>
</html>
`;
}
