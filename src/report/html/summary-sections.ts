/**
 * The tables of the HTML load report: per-signal summary, latency, failures by reason, the run's
 * configuration and, for merged reports, each part's contribution. Every string from the report
 * is escaped; every number is formatted as the terminal report formats it, and each summary cell
 * names its JSON field (data-field) so the browser test can compare the page with the report.
 */
import { LIMIT_HINT, type LoadReport, type SignalReport } from '../../load/types.js';
import { escapeHtml } from './escape.js';
import { formatInteger, formatMs, formatPercent, formatRate, formatSeconds } from './format.js';

const cell = (field: string, text: string): string => `<td class="num" data-field="${field}">${escapeHtml(text)}</td>`;

function summaryRow(s: SignalReport): string {
  return [
    `<tr data-signal="${escapeHtml(s.signal)}"><th scope="row">${escapeHtml(s.signal)} <small>${escapeHtml(s.unit)}</small></th>`,
    cell('targetRate', formatRate(s.targetRate)),
    cell('achievedRate', formatRate(s.achievedRate)),
    cell('pacingError', formatPercent(s.pacingError)),
    cell('sent', formatInteger(s.sent)),
    cell('accepted', formatInteger(s.accepted)),
    cell('rejected', formatInteger(s.rejected)),
    cell('failed', formatInteger(s.failed)),
    cell('dropped', formatInteger(s.dropped)),
    cell('loss', formatPercent(s.sent > 0 ? (s.rejected + s.failed + s.dropped) / s.sent : 0)),
    cell('retries', formatInteger(s.retries)),
    cell('shortfall', formatInteger(s.shortfall.items)),
    `<td data-field="limitedBy">${escapeHtml(s.shortfall.limitedBy ?? '')}</td></tr>`,
  ].join('');
}

function totalRow(report: LoadReport): string {
  const sum = (pick: (s: SignalReport) => number): number => report.signals.reduce((total, s) => total + pick(s), 0);
  return [
    '<tr data-signal="total" class="total"><th scope="row">all signals</th><td></td><td></td><td></td>',
    cell('sent', formatInteger(sum((s) => s.sent))),
    cell('accepted', formatInteger(sum((s) => s.accepted))),
    cell('rejected', formatInteger(sum((s) => s.rejected))),
    cell('failed', formatInteger(sum((s) => s.failed))),
    cell('dropped', formatInteger(sum((s) => s.dropped))),
    cell('lossRatio', formatPercent(report.lossRatio)),
    cell('retries', formatInteger(sum((s) => s.retries))),
    cell('shortfall', formatInteger(sum((s) => s.shortfall.items))),
    '<td></td></tr>',
  ].join('');
}

export function summarySection(report: LoadReport): string {
  const head = [
    'signal',
    'target/s',
    'achieved/s',
    'pacing error',
    'sent',
    'accepted',
    'rejected',
    'failed',
    'dropped',
    'loss',
    'retries',
    'shortfall',
    'limited by',
  ];
  const missed = report.signals.filter((s) => s.shortfall.limitedBy);
  const notes = missed.map(
    (s) =>
      `<li>${escapeHtml(s.signal)}: target missed by ${formatInteger(s.shortfall.items)} ${escapeHtml(s.unit)}: ${escapeHtml(LIMIT_HINT[s.shortfall.limitedBy!] ?? s.shortfall.limitedBy!)}</li>`,
  );
  return [
    '<section id="summary"><h2>Summary</h2>',
    `<table class="summary"><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>`,
    ...report.signals.map(summaryRow),
    report.signals.length > 1 ? totalRow(report) : '',
    '</tbody></table>',
    notes.length > 0 ? `<ul class="notes">${notes.join('')}</ul>` : '',
    '<p class="hint">sent = accepted + rejected + failed + dropped; loss = (rejected + failed + dropped) / sent.</p>',
    '</section>',
  ].join('\n');
}

export function latencySection(report: LoadReport): string {
  const rows = report.signals.map((s) => {
    const l = s.latency;
    const values = [
      formatInteger(s.requests),
      formatInteger(l.count),
      formatMs(l.meanMs),
      formatMs(l.p50Ms),
      formatMs(l.p90Ms),
      formatMs(l.p99Ms),
      formatMs(l.p999Ms),
      formatMs(l.maxMs),
    ];
    return `<tr data-signal="${escapeHtml(s.signal)}"><th scope="row">${escapeHtml(s.signal)}</th>${values.map((v) => `<td class="num">${v}</td>`).join('')}</tr>`;
  });
  const head = ['signal', 'requests', 'attempts', 'mean ms', 'p50 ms', 'p90 ms', 'p99 ms', 'p99.9 ms', 'max ms'];
  return `<section id="latency"><h2>Export latency</h2>\n<table><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

export function failuresSection(report: LoadReport): string {
  const rows = report.signals.flatMap((s) =>
    Object.entries(s.failedByReason)
      .sort((a, b) => b[1] - a[1])
      .map(
        ([reason, items]) =>
          `<tr><th scope="row">${escapeHtml(s.signal)}</th><td><code>${escapeHtml(reason)}</code></td><td class="num">${formatInteger(items)}</td><td class="num">${formatPercent(s.sent > 0 ? items / s.sent : 0)}</td></tr>`,
      ),
  );
  const messages = report.signals.flatMap((s) =>
    s.messages.map((m) => `<li><strong>${escapeHtml(s.signal)}</strong>: ${escapeHtml(m)}</li>`),
  );
  const table =
    rows.length > 0
      ? `<table><thead><tr><th scope="col">signal</th><th scope="col">reason</th><th scope="col">items</th><th scope="col">of sent</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
      : '<p>No export failed.</p>';
  const said = messages.length > 0 ? `<h3>What the server said</h3><ul class="messages">${messages.join('')}</ul>` : '';
  return `<section id="failures"><h2>Failures by reason</h2>\n${table}${said}</section>`;
}

export function configurationSection(report: LoadReport): string {
  const where = report.shard
    ? `shard ${report.shard.index}/${report.shard.count}`
    : report.shards > 1
      ? `${report.shards} shards merged`
      : 'one run';
  const entries: Array<[string, string]> = [
    [
      'engine',
      report.engine === 'sdk' ? 'sdk (the OpenTelemetry JS SDK: BatchSpanProcessor + OTLP exporter)' : 'fast (pre-encoded requests)',
    ],
    ['protocol', report.protocol],
    ['endpoint', report.endpoint],
    ['compression', report.compression],
    ['scenario', report.scenario],
    ['seed', report.seed ?? (report.shards > 1 ? 'one per shard' : '—')],
    ['shards', where],
    ['workers', formatInteger(report.workers)],
    ['concurrency', `${formatInteger(report.concurrency)} requests in flight at most`],
    ['started', report.startedAt],
    ['generated for', formatSeconds(report.generationSeconds)],
    ['drained in', formatSeconds(report.drainSeconds)],
    ['max loss', report.maxLoss !== undefined ? formatPercent(report.maxLoss) : 'none'],
    ['interrupted', report.interrupted ? 'yes (Ctrl-C)' : 'no'],
    ['written by', `${report.tool} ${report.version}`],
  ];
  const items = entries.map(([key, value]) => `<dt>${key}</dt><dd data-config="${key}">${escapeHtml(value)}</dd>`).join('');
  return `<section id="configuration"><h2>Run</h2>\n<dl class="config">${items}</dl></section>`;
}

/** For a merged report: each part's share of what was sent, so a shard that fell short stands out. */
export function partsSection(report: LoadReport): string {
  const parts = report.parts ?? [];
  if (parts.length < 2) return '';
  const totals = new Map(report.signals.map((s) => [s.signal, s.sent]));
  const rows = parts.flatMap((part) =>
    part.signals.map((s) => {
      const total = totals.get(s.signal) ?? 0;
      const values = [
        formatRate(s.targetRate),
        formatRate(s.achievedRate),
        formatInteger(s.sent),
        formatInteger(s.accepted),
        formatInteger(s.rejected),
        formatInteger(s.failed),
        formatInteger(s.dropped),
        formatPercent(total > 0 ? s.sent / total : 0),
      ];
      const shard = part.shard ? `${part.shard.index}/${part.shard.count}` : '';
      return `<tr data-part="${escapeHtml(part.name)}"><th scope="row">${escapeHtml(part.name)}${part.interrupted ? ' <small>(interrupted)</small>' : ''}</th><td>${escapeHtml(shard)}</td><td>${escapeHtml(s.signal)}</td>${values.map((v) => `<td class="num">${v}</td>`).join('')}</tr>`;
    }),
  );
  const head = [
    'report',
    'shard',
    'signal',
    'target/s',
    'achieved/s',
    'sent',
    'accepted',
    'rejected',
    'failed',
    'dropped',
    'share of sent',
  ];
  return `<section id="shards"><h2>Shards</h2>\n<table><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}
