/**
 * `otel-proc report`: shows a load report that already exists (a run's --report, or a merge), as
 * text, JSON or a self-contained HTML page with charts. Flags and help only; the body is imported
 * when it runs.
 */
import type { Command } from 'commander';
import { runCommand } from '../../cli/run-command.js';
import type { ReportOptionValues } from './run.js';

const EXAMPLES = `
Examples:
  $ otel-proc report load.json                      # the terminal report again
  $ otel-proc report load.json --html load.html     # one HTML page with per-second charts; opens offline
  $ otel-proc load-merge shard-*.json --report merged.json && otel-proc report merged.json --html merged.html

Exit codes: 0 shown (whatever the run's loss: \`load --max-loss\` and \`load-merge --max-loss\` judge it),
2 unreadable or invalid report, or an unwritable --html file.`;

export function registerReport(program: Command): void {
  program
    .command('report')
    .summary('show an existing load report: terminal, JSON or HTML with charts')
    .description(
      'Render a JSON report written by `otel-proc load --report` (or `--json`) or by `otel-proc load-merge`, without running the load again.',
    )
    .argument('<report>', 'a JSON load report')
    .option('--html <file>', 'write the report as one self-contained HTML page with per-second charts (no network needed to open it)')
    .option('--json', 'print the report as one JSON document on stdout')
    .addHelpText('after', EXAMPLES)
    .action(async (file: string, options: ReportOptionValues) => {
      await runCommand(async (context) => {
        const { reportCommand } = await import('./run.js');
        return reportCommand(file, options, context);
      });
    });
}
