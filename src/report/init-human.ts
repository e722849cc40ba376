/** init's report as text: what was written (and what was not, and why), then the next steps. */
import { createPalette } from './palette.js';
import type { InitReport } from '../init/run-init.js';
import type { FileOutcome } from '../init/write-files.js';

const OUTCOME_LABEL: Record<FileOutcome, string> = {
  created: 'created',
  overwritten: 'overwritten',
  unchanged: 'unchanged',
  kept: 'kept (differs; --force overwrites)',
};

export function renderInitHuman(report: InitReport, color: boolean): string {
  const p = createPalette(color);
  const lines: string[] = [];
  lines.push(
    p.heading(`otel-proc init: ${report.preset} preset, ${report.format} config, service "${report.serviceName}" ${report.serviceVersion}`),
  );
  lines.push(p.dim(`in ${report.dir}`));
  lines.push('');
  const width = Math.max(...report.files.map((file) => file.path.length));
  for (const file of report.files) {
    const label = OUTCOME_LABEL[file.outcome];
    const styled = file.outcome === 'kept' ? p.warning(label) : file.outcome === 'unchanged' ? p.dim(label) : p.ok(label);
    lines.push(`  ${file.path.padEnd(width)}  ${styled}`);
  }
  const written = report.files.filter((file) => file.outcome === 'created' || file.outcome === 'overwritten').length;
  if (written === 0) {
    const allSame = report.files.every((file) => file.outcome === 'unchanged');
    lines.push('', allSame ? 'Nothing changed: every file already holds what init would write.' : 'Nothing was written.');
  }
  for (const note of report.notes) {
    lines.push('', `${note.severity === 'warning' ? p.warning('warning') : p.info('note')} ${note.message} ${p.dim(`[${note.code}]`)}`);
  }
  lines.push('', p.heading('Next steps'));
  for (const [index, step] of report.nextSteps.entries()) lines.push(`  ${index + 1}. ${step}`);
  return `${lines.join('\n')}\n`;
}
