/**
 * `otel-proc load-merge`: folds the JSON reports of load shards (--shard i/n, e.g. the pods of the
 * Kubernetes Indexed Job in deploy/kubernetes/load-job.yaml) into one report.
 */
import type { Command } from 'commander';
import { runCommand } from '../../cli/run-command.js';

const EXAMPLES = `
Examples:
  $ otel-proc load-merge shard-0.json shard-1.json shard-2.json shard-3.json
  $ otel-proc load-merge reports/*.json --json > merged.json
  $ otel-proc load-merge reports/*.json --max-loss 0.001      # exit 1 when the merged loss is above 0.1%
  $ otel-proc load-merge reports/*.json --html merged.html     # charts, and each shard's share

  $ otel-proc load-merge shard-0.json shard-2.json --allow-partial   # shard 1 failed: merge the rest, marked incomplete

Exit codes: 0 ok, 1 merged loss above --max-loss, an incomplete set under --max-loss (or nothing accepted),
2 unreadable or invalid report, a shard of the set missing (without --allow-partial), or reports that are
not shards of one run (the same shard twice, different splits, engines or protocols).`;

export function registerLoadMerge(program: Command): void {
  program
    .command('load-merge')
    .summary('merge the JSON reports of load shards into one')
    .description(
      'Add up the reports written by `otel-proc load --report` on several shards: counts, rates, failures by reason, exact latency percentiles (HDR histograms merge losslessly) and the per-second timeline.',
    )
    .argument('<reports...>', 'JSON report files written by load --report')
    .option('--json', 'print the merged report as one JSON document on stdout')
    .option('--report <file>', 'also write the merged JSON report to this file')
    .option('--html <file>', "also write the merged report as one self-contained HTML page with charts and each shard's share")
    .option('--max-loss <ratio>', 'exit 1 when the merged loss ratio exceeds this, e.g. 0.001 or 0.1% (or the shard set is incomplete)')
    .option(
      '--allow-partial',
      'merge an incomplete shard set (a shard i/n report missing) instead of refusing it; the report is marked incomplete',
    )
    .addHelpText('after', EXAMPLES)
    .action(
      async (files: string[], options: { json?: boolean; report?: string; html?: string; maxLoss?: string; allowPartial?: boolean }) => {
        await runCommand(async (context) => {
          const { loadMergeCommand } = await import('./run.js');
          return loadMergeCommand(files, options, context);
        });
      },
    );
}
