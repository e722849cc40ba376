/**
 * The human report of a load run: a table per signal, latency percentiles, failures by reason,
 * the shortfall and why, the loss verdict, and the per-second timeline.
 */
import { createPalette, type Palette } from './palette.js';
import { LIMIT_HINT, type LoadReport, type SignalReport } from '../load/types.js';
import { describeMissingShards } from '../load/merge-reports.js';

const integer = (n: number): string => Math.round(n).toLocaleString('en-US');
const rate = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const percent = (n: number): string => `${(n * 100).toFixed(n < 0.001 && n > 0 ? 3 : 2)}%`;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
}

function signalDetails(s: SignalReport, p: Palette): string[] {
  const lines: string[] = [];
  const l = s.latency;
  lines.push(
    `${s.signal}: ${integer(s.requests)} requests of up to ${integer(s.batchSize)} ${s.unit}; export latency p50 ${l.p50Ms} ms, p90 ${l.p90Ms} ms, p99 ${l.p99Ms} ms, p99.9 ${l.p999Ms} ms, max ${l.maxMs} ms`,
  );
  const reasons = Object.entries(s.failedByReason).sort((a, b) => b[1] - a[1]);
  if (reasons.length > 0) lines.push(p.error(`  failed by reason: ${reasons.map(([reason, n]) => `${reason} ${integer(n)}`).join(', ')}`));
  if (s.rejected > 0) lines.push(p.warning(`  rejected by the server (partial success): ${integer(s.rejected)} ${s.unit}`));
  for (const message of s.messages) lines.push(p.dim(`  server said: ${message}`));
  if (s.dropped > 0)
    lines.push(
      p.error(
        `  dropped inside the client before export: ${integer(s.dropped)} ${s.unit} (SDK batch queue full, or the final flush timed out)`,
      ),
    );
  if (s.shortfall.limitedBy) {
    lines.push(
      p.warning(
        `  target missed by ${integer(s.shortfall.items)} ${s.unit} (${percent(s.pacingError)}): ${LIMIT_HINT[s.shortfall.limitedBy]}`,
      ),
    );
  }
  return lines;
}

function timeline(report: LoadReport): string[] {
  const rows: string[][] = [['second', 'signal', 'sent', 'accepted', 'rejected', 'failed', 'retries', 'p99 ms']];
  const first = Math.min(...report.signals.flatMap((s) => s.timeline.map((e) => e.t)));
  for (const s of report.signals) {
    const entries = s.timeline;
    // Long runs: every n-th second, so the table stays readable; --json has all of them.
    const step = Math.max(1, Math.ceil(entries.length / 30));
    entries.forEach((e, i) => {
      if (i % step !== 0 && i !== entries.length - 1) return;
      rows.push([
        `+${e.t - first}s`,
        s.signal,
        integer(e.sent),
        integer(e.accepted),
        integer(e.rejected),
        integer(e.failed),
        integer(e.retries),
        String(e.p99Ms),
      ]);
    });
  }
  return rows.length > 1 ? table(rows) : [];
}

export function renderLoadHuman(report: LoadReport, color: boolean): string {
  const p = createPalette(color);
  const out: string[] = [];
  const where = `${report.protocol} → ${report.endpoint}${report.compression === 'gzip' ? ' (gzip)' : ''}`;
  const shard = report.shard
    ? `, shard ${report.shard.index}/${report.shard.count}`
    : report.shards > 1 || report.incomplete
      ? `, ${report.shards}${report.incomplete ? ` of ${report.incomplete.shardCount}` : ''} shards merged`
      : '';
  out.push(p.heading(`otel-proc load: ${report.engine} engine, ${where}, scenario ${report.scenario}${shard}`));
  out.push(
    p.dim(
      `generated for ${report.generationSeconds.toFixed(2)} s, drained in ${report.drainSeconds.toFixed(2)} s; ${
        report.engine === 'sdk'
          ? 'through the OpenTelemetry JS SDK (BatchSpanProcessor + OTLP exporter)'
          : `${report.workers} worker(s), up to ${report.concurrency} requests in flight`
      }${report.seed ? `; seed ${report.seed}` : ''}${report.interrupted ? '; interrupted' : ''}`,
    ),
  );
  out.push('');
  const rows = [['signal', 'target/s', 'achieved/s', 'pacing err', 'sent', 'accepted', 'rejected', 'failed', 'dropped', 'retries']];
  for (const s of report.signals) {
    rows.push([
      s.signal,
      rate(s.targetRate),
      rate(s.achievedRate),
      percent(s.pacingError),
      integer(s.sent),
      integer(s.accepted),
      integer(s.rejected),
      integer(s.failed),
      integer(s.dropped),
      integer(s.retries),
    ]);
  }
  out.push(...table(rows));
  out.push('');
  for (const s of report.signals) out.push(...signalDetails(s, p));
  out.push('');
  if (report.incomplete) out.push(p.error(`incomplete: ${describeMissingShards(report.incomplete)}; their losses are unknown`));
  const budget = report.maxLoss !== undefined ? ` (max ${percent(report.maxLoss)})` : '';
  const overBudget =
    report.incomplete && report.lossRatio <= (report.maxLoss ?? 0) ? 'incomplete shard set: exit 1' : 'over budget: exit 1';
  const verdict = report.withinLossBudget ? p.ok('within budget') : p.error(overBudget);
  out.push(
    `loss ${percent(report.lossRatio)}${budget}: ${report.maxLoss !== undefined ? verdict : 'sent = accepted + rejected + failed + dropped'}`,
  );
  const lines = timeline(report);
  if (lines.length > 0) {
    out.push('', p.heading('timeline'), ...lines);
  }
  return `${out.join('\n')}\n`;
}
