/**
 * Renders an emit report: a short human summary (stdout), or exactly one JSON document (--json).
 * Signal lines read like a verdict: what was sent where, what the receiver said, and in plain words
 * why it failed.
 */
import { createPalette } from './palette.js';
import type { BackendVerification, CheckCounts, EmitReport, SignalVerdict } from '../emit/report.js';

const MAX_TRACE_IDS = 20;
const UNITS: Record<SignalVerdict['signal'], string> = { traces: 'spans', metrics: 'data points', logs: 'log records' };
/** Failures where the request went out but no answer came back: whether it arrived is unknown. */
const UNANSWERED = new Set(['EXPORT_TIMEOUT', 'EXPORT_INTERRUPTED', 'EXPORT_CONNECTION_LOST']);

export function renderEmitJson(report: EmitReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function renderEmitHuman(report: EmitReport, color: boolean): string {
  // The one palette: its colours are tokens that only the output boundary turns into escape sequences.
  const palette = createPalette(color);
  const c = { green: palette.ok, red: palette.error, yellow: palette.warning, bold: palette.heading, dim: palette.dim };
  const ok = c.green('✔');
  const bad = c.red('✖');
  const warn = c.yellow('!');
  const lines: string[] = [];
  lines.push(
    `${c.bold('emit')}: ${report.count} ${report.scenario} event${report.count === 1 ? '' : 's'}, seed ${report.seed}, service${report.services.length === 1 ? '' : 's'} ${report.services.join(', ')}`,
  );

  for (const v of report.signals) {
    const where = v.url ? ` (${v.protocol} → ${v.url})` : '';
    const unit = UNITS[v.signal];
    const name = v.signal.padEnd(8);
    if (v.status === 'success')
      lines.push(`${ok} ${name} success: ${v.accepted} ${unit} accepted in ${v.exports} export${v.exports === 1 ? '' : 's'}${where}`);
    else if (v.status === 'partial') {
      const mark = v.rejected > 0 ? bad : warn;
      lines.push(
        `${mark} ${name} partial success: ${v.accepted} of ${v.sent} ${unit} accepted, ${v.rejected} rejected${v.partialMessage ? `: "${v.partialMessage}"` : ''}${where}`,
      );
    } else if (v.status === 'failure') {
      lines.push(`${bad} ${name} failure: ${v.reason?.message ?? 'export failed'}${where}`);
      if (v.unconfirmed !== undefined) {
        if (v.unconfirmed > 0)
          lines.push(
            `    ${v.unconfirmed} of ${v.sent} ${unit} were not confirmed (in flight when interrupted; the receiver may have taken them)`,
          );
        if (v.failed > v.unconfirmed) lines.push(`    ${v.failed - v.unconfirmed} of ${v.sent} ${unit} were not delivered`);
      } else if (v.failed > 0)
        lines.push(
          `    ${v.failed} of ${v.sent} ${unit} ${UNANSWERED.has(v.reason?.code ?? '') ? 'were not confirmed (no answer came for them; the receiver may still have taken some)' : 'were not delivered'}`,
        );
      if (v.rejected > 0)
        lines.push(
          `    ${v.rejected} more were rejected by the receiver (partial success)${v.partialMessage ? `: "${v.partialMessage}"` : ''}`,
        );
      if (v.reason?.hint) lines.push(`    hint: ${v.reason.hint}`);
    } else if (v.status === 'nothing-sent') lines.push(`${bad} ${name} nothing sent: ${v.note ?? ''}`);
    else lines.push(`${warn} ${name} skipped: ${v.note ?? ''}`);
  }

  const sampled = report.traces.filter((t) => t.sampled);
  if (report.traces.length > 0) {
    lines.push(`trace ids (${sampled.length} sampled of ${report.traces.length}):`);
    for (const t of sampled.slice(0, MAX_TRACE_IDS)) lines.push(`  ${t.traceId}  ${t.spans} spans`);
    if (sampled.length > MAX_TRACE_IDS) lines.push(`  … ${sampled.length - MAX_TRACE_IDS} more (--json lists all)`);
  }

  if (report.local) {
    const l = report.local;
    const parts = [count('spans', l.spans), count('data points', l.dataPoints), count('log records', l.logRecords)].filter(Boolean);
    lines.push(
      `${l.ok ? ok : bad} local receiver (gRPC :${l.grpcPort}, HTTP :${l.httpPort}): ${parts.join(', ')} ${l.ok ? 'arrived intact' : 'checked'}`,
    );
    for (const check of [l.spans, l.dataPoints, l.logRecords]) for (const problem of check?.problems ?? []) lines.push(`    ${problem}`);
  }
  for (const backend of [report.jaeger, report.prometheus]) if (backend) lines.push(...renderBackend(backend, ok, bad));

  for (const f of report.findings) {
    lines.push(`${f.severity === 'info' ? c.dim('i') : warn} ${f.message}${f.severity === 'info' ? '' : ` [${f.code}]`}`);
    if (f.hint) lines.push(`    hint: ${f.hint}`);
  }
  lines.push(
    report.ok
      ? c.green(`result: OK (${(report.durationMs / 1000).toFixed(1)} s)`)
      : c.red(`result: FAILED (${(report.durationMs / 1000).toFixed(1)} s)`),
  );
  return `${lines.join('\n')}\n`;
}

function count(unit: string, check: CheckCounts | undefined): string {
  return check ? `${check.found}/${check.expected} ${unit}` : '';
}

function renderBackend(b: BackendVerification, ok: string, bad: string): string[] {
  const what = b.backend === 'jaeger' ? 'traces' : 'metrics';
  const waited = `${(b.waitedMs / 1000).toFixed(1)} s`;
  const lines = [`${b.ok ? ok : bad} ${b.backend} ${b.url}: ${b.found}/${b.expected} ${what} found (${waited})`];
  if (!b.ok) {
    if (b.error) lines.push(`    ${b.error}`);
    for (const missing of b.missing.slice(0, 5)) lines.push(`    missing: ${missing}`);
    if (b.missing.length > 5) lines.push(`    … ${b.missing.length - 5} more missing`);
  }
  return lines;
}
