/**
 * The doctor's checklist: one line per finding (✔ pass, ⚠ warn, ✖ fail, – skip, ⊘ interrupted) with its timing,
 * the explanation and the fix under anything that is not a pass, then a summary and a verdict.
 * Colour only when the CLI allows it (palette.ts); the text is the same without it.
 */
import { createPalette, type Palette } from './palette.js';
import type { DoctorReport, Finding } from '../doctor/types.js';

const SYMBOL = { pass: '✔', warn: '⚠', fail: '✖', skip: '–', interrupted: '⊘' } as const;

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function colourFor(palette: Palette, status: Finding['status']): (text: string) => string {
  if (status === 'pass') return palette.ok;
  if (status === 'warn') return palette.warning;
  if (status === 'fail') return palette.error;
  if (status === 'interrupted') return palette.warning;
  return palette.dim;
}

function renderFinding(finding: Finding, palette: Palette): string[] {
  const colour = colourFor(palette, finding.status);
  const lines = [
    `  ${colour(SYMBOL[finding.status])} ${finding.title}  ${palette.dim(`${formatDuration(finding.durationMs)}  ${finding.code}`)}`,
  ];
  if (finding.status !== 'pass') {
    // Diagnostics often open with their title: print only what the message adds.
    const rest = finding.message.startsWith(finding.title)
      ? finding.message.slice(finding.title.length).replace(/^[\s.:;,-]+/, '')
      : finding.message;
    // Messages from the platform (OpenSSL's among them) can span lines: keep them under the finding.
    const text = rest
      .trim()
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .join('\n      ');
    if (text !== '') lines.push(`      ${text}`);
    if (finding.hint) lines.push(`      ${palette.info('fix:')} ${finding.hint}`);
  }
  return lines;
}

export function renderDoctorHuman(report: DoctorReport, color: boolean): string {
  const palette = createPalette(color);
  const active = report.endpoints.filter((endpoint) => endpoint.active);
  const lines: string[] = [
    palette.heading('otel-proc doctor'),
    ...active.map((e) => palette.dim(`  ${e.signal} → ${e.url} (${e.protocol})`)),
    '',
  ];
  for (const check of report.checks) {
    lines.push(`${palette.heading(check.title)} ${palette.dim(formatDuration(check.durationMs))}`);
    for (const finding of check.findings) lines.push(...renderFinding(finding, palette));
    lines.push('');
  }
  const { pass, warn, fail, skip } = report.summary;
  const interrupted = report.summary.interrupted ?? 0;
  const counts = [
    palette.error(`${SYMBOL.fail} ${fail} failed`),
    palette.warning(`${SYMBOL.warn} ${warn} warning${warn === 1 ? '' : 's'}`),
    palette.ok(`${SYMBOL.pass} ${pass} passed`),
    palette.dim(`${SYMBOL.skip} ${skip} skipped`),
    ...(interrupted > 0 ? [palette.warning(`${SYMBOL.interrupted} ${interrupted} interrupted`)] : []),
  ];
  lines.push(`${counts.join('  ')}  in ${formatDuration(report.durationMs)}`);
  if (report.interrupted) {
    lines.push(
      palette.warning(
        `Interrupted: the checks marked ${SYMBOL.interrupted} did not finish, so delivery was not proven.${fail > 0 ? ' Already failed: see ✖ above.' : ''}`,
      ),
    );
  } else if (fail > 0) {
    const first = report.checks.flatMap((check) => check.findings).find((finding) => finding.status === 'fail');
    lines.push(palette.error(`Telemetry will not arrive as configured. Start with: ${first?.title ?? 'the first ✖ above'}`));
  } else if (!report.checks.some((check) => check.id === 'canary')) {
    // --only/--skip left the canary out: nothing proves delivery, so no "should arrive".
    lines.push(palette.dim('No check failed; the canary was not run (--only/--skip), so delivery was not tested.'));
  } else if (warn > 0) {
    lines.push(palette.warning('Telemetry should arrive; the warnings above can still lose some of it.'));
  } else {
    lines.push(palette.ok('Telemetry should arrive.'));
  }
  return `${lines.join('\n')}\n`;
}
