/**
 * `otel-proc load`: sustained synthetic traffic at a target rate, with an exact account of what
 * happened to every span. Flags and help only; the core (load/run-load.ts) is imported when it runs.
 */
import { type Command, Option } from 'commander';
import { addConfigOptions, type ConfigOptionValues } from '../../cli/config-options.js';
import { runCommand } from '../../cli/run-command.js';

export interface LoadOptionValues extends ConfigOptionValues {
  rate: string;
  metricsRate: string;
  logsRate: string;
  duration?: string;
  count?: string;
  rampUp: string;
  batchSize: string;
  concurrency: string;
  workers: string;
  engine: 'fast' | 'sdk';
  scenario?: string;
  services?: string;
  seed?: string;
  maxLoss?: string;
  report?: string;
  html?: string;
  json?: boolean;
  shard?: string;
  drainTimeout: string;
}

const EXAMPLES = `
Examples:
  $ otel-proc load --rate 10k --duration 30s                       # OTLP endpoint from OTEL_* / config file
  $ otel-proc load -e http://collector:4317 -p grpc --rate 100k --duration 5m --workers 2 --concurrency 64
  $ otel-proc load --rate 5k --metrics-rate 2k --logs-rate 1k --ramp-up 30s --duration 10m --compression gzip
  $ otel-proc load --count 1000000 --rate 50k --max-loss 0.001 --report load.json   # exit 1 if more than 0.1% lost
  $ otel-proc load --rate 10k --duration 10m --report load.json --html load.html     # charts to look at afterwards
  $ otel-proc load --engine sdk --rate 20k --duration 20s          # what an app on the JS SDK would see
  $ otel-proc load --shard 2/8 --rate 800k --duration 10m --report shard-2.json && otel-proc load-merge shard-*.json

Accounting: sent = accepted + rejected + failed + dropped, always.
Exit codes: 0 ok, 1 loss above --max-loss (or nothing accepted at all), 2 usage or configuration error, 130 interrupted (after the report).`;

export function registerLoad(program: Command): void {
  const command = program
    .command('load')
    .summary('sustained synthetic load at a target rate, with honest accounting')
    .description(
      'Send stream-processor span trees (and optionally metrics and logs) at a paced rate over OTLP gRPC, HTTP/protobuf or HTTP/JSON, and report exactly what was sent, accepted, rejected, failed and dropped, with export latency percentiles and a per-second timeline. The fast engine stamps fresh ids and timestamps into pre-encoded requests; the sdk engine goes through the OpenTelemetry JS SDK.',
    )
    .option('--rate <spans/s>', 'target spans per second, e.g. 1000, 10k, 1.5M (0 = no traces; 1m is refused as ambiguous)', '1000')
    .option('--metrics-rate <points/s>', 'target metric data points per second, e.g. 500 or 2k (0 = none)', '0')
    .option('--logs-rate <records/s>', 'target log records per second, e.g. 500 or 1k (0 = none)', '0')
    .option('-d, --duration <duration>', 'how long to generate, e.g. 30s, 5m, 1h (default 10s unless --count)')
    .option('-n, --count <spans>', 'stop after this many spans, e.g. 1M (with --duration: whichever comes first)')
    .option('--ramp-up <duration>', 'climb linearly from 0 to the target rate over this time, e.g. 30s', '0s')
    .option('--batch-size <n>', 'spans (data points, log records) per export request, 1 to 100k', '512')
    .option('--concurrency <n>', 'export requests in flight at most (split across workers), 1 to 10k', '16')
    .option('--workers <n>', 'worker threads generating in parallel (0 = one per core)', '1')
    .addOption(
      new Option('--engine <engine>', 'fast: pre-encoded templates; sdk: the OpenTelemetry JS SDK')
        .choices(['fast', 'sdk'])
        .default('fast'),
    )
    .option('--scenario <file>', 'a span tree scenario in YAML instead of the built-in stream processor')
    .option('--services <n>', 'spread traces over up to n services (separate resources), as the scenario allows')
    .option('--seed <seed>', 'seed for the trace shapes (printed in --json; default random)')
    .option('--max-loss <ratio>', 'exit 1 when (rejected + failed + dropped) / sent exceeds this, e.g. 0.001 or 0.1%')
    .option('--report <file>', 'also write the JSON report to this file (for load-merge and CI artefacts)')
    .option('--html <file>', 'also write the report as one self-contained HTML page with per-second charts (opens offline)')
    .option('--json', 'print the report as one JSON document on stdout')
    .option('--shard <i/n>', 'this is shard i of n (0-based): takes 1/n of the rate and count and its own id space')
    .option(
      '--drain-timeout <duration>',
      'after generating (or Ctrl-C), wait this long for requests in flight, e.g. 15s (0 = not at all)',
      '15s',
    );
  addConfigOptions(command).addHelpText('after', EXAMPLES);
  command.action(async (options: LoadOptionValues) => {
    await runCommand(async (context) => {
      const { loadCommand } = await import('./run.js');
      return loadCommand(options, context);
    });
  });
}
