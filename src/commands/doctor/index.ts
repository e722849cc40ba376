/**
 * `otel-proc doctor`: find out why telemetry is not arriving and say how to fix it. Flags and help
 * only here; the body (run.ts) loads when the command runs.
 */
import { type Command, Option } from 'commander';
import { addConfigOptions, type ConfigOptionValues } from '../../cli/config-options.js';
import { runCommand } from '../../cli/run-command.js';
import { formatDuration } from '../../flags/index.js';

/** Kept here (not imported from checks/) so --help stays cheap. A test keeps it in sync with ALL_CHECKS. */
export const DOCTOR_CHECK_IDS = [
  'configuration',
  'reachability',
  'protocol',
  'canary',
  'collector',
  'collector-config',
  'neighbours',
  'listeners',
  'sampling',
  'propagation',
  'app-sdk',
  'backend',
  'tuning',
] as const;
export const DEFAULT_TIMEOUT_MS = 5000;
export const UPSTREAM_FORMATS = ['tracecontext', 'baggage', 'b3', 'b3multi', 'jaeger', 'xray', 'ottrace'] as const;

export interface DoctorOptionValues extends ConfigOptionValues {
  json?: boolean;
  only?: string;
  skip?: string;
  healthUrl?: string;
  metricsUrl?: string;
  jaeger?: string;
  prometheus?: string;
  backendWait?: string;
  expectedRate?: string;
  scrapeInterval?: string;
  upstream?: string;
  bundle?: string;
  format?: 'human' | 'json' | 'sarif' | 'junit';
  strict?: boolean;
  collectorConfig?: string[];
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const EXAMPLES = `
Checks: ${DOCTOR_CHECK_IDS.join(', ')}

Examples:
  $ otel-proc doctor                                         # the environment's OTEL_* settings, collector on localhost
  $ otel-proc doctor -e http://collector:4318 --timeout 2s
  $ otel-proc doctor --only reachability,protocol,canary --json
  $ otel-proc doctor -H "authorization=Bearer $TOKEN" --jaeger http://localhost:16686 --prometheus http://localhost:9090
  $ otel-proc doctor --health-url http://collector:13133/ --metrics-url http://collector:8888/metrics
  $ otel-proc doctor --expected-rate 20k --scrape-interval 15s
  $ otel-proc doctor --bundle support.tar.gz --collector-config otelcol.yaml   # one redacted archive for a ticket
  $ otel-proc doctor --collector-config otel-collector-config.yaml   # cross-check, and the line behind a refusal
  $ otel-proc doctor --format junit > doctor-junit.xml               # a CI test report
  $ otel-proc doctor --upstream b3 -H "traceparent=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

Exit codes: 0 nothing failed (warnings allowed), 1 a check failed, 2 usage or configuration error, 130 interrupted.`;

export function registerDoctor(program: Command): void {
  const command = program
    .command('doctor')
    .summary('find out why telemetry is not arriving, and say how to fix it')
    .description(
      'Check the configuration, reach each OTLP endpoint (DNS, TCP, TLS), detect what its port speaks, send a real canary export per signal (and when it fails, find the neighbouring port, protocol, scheme or address on the same host that takes it), list who listens on this machine, ask the collector for its health and own metrics, simulate sampling and propagation, and print a checklist with a fix for everything that fails. Every network step is bounded by --timeout.',
    )
    .option('--json', 'print the report as one JSON document (same as --format json)')
    .addOption(
      new Option('--format <format>', 'output format (sarif: GitHub code scanning; junit: CI test reports)')
        .choices(['human', 'json', 'sarif', 'junit'])
        .default('human'),
    )
    .option('--strict', 'fail (exit 1) on warnings too (and count them as JUnit failures)')
    .option(
      '--collector-config <file>',
      "the Collector's config: cross-check it with the app and point at the line behind a refused canary; repeatable, merged like --config",
      collect,
    )
    .option('--only <checks>', 'run only these checks (comma-separated)')
    .option('--skip <checks>', 'skip these checks (comma-separated)')
    .option('--health-url <url>', "the collector's health_check endpoint (default: http://<endpoint host>:13133/)")
    .option('--metrics-url <url>', "the collector's own metrics (default: http://<endpoint host>:8888/metrics)")
    .option('--jaeger <url>', 'Jaeger query URL: confirm the canary trace arrived (e.g. http://localhost:16686)')
    .option('--prometheus <url>', 'Prometheus URL: confirm the canary metric arrived (e.g. http://localhost:9090)')
    .option('--backend-wait <duration>', 'how long to wait for the canary in Jaeger/Prometheus (e.g. 20s, 1m)', '20s')
    .option('--expected-rate <spans/s>', 'spans per second the application produces (e.g. 500, 20k): checks the batch queue against it')
    .option(
      '--scrape-interval <duration>',
      'how often the metrics backend scrapes (e.g. 15s): checks OTEL_METRIC_EXPORT_INTERVAL against it',
    )
    .option('--upstream <formats>', `propagation formats of upstream/downstream peers, comma-separated (${UPSTREAM_FORMATS.join(', ')})`)
    .option(
      '--bundle <file.tar.gz>',
      'also write a support bundle: the report, the effective configuration, OTEL_* variables, config files (--collector-config too), versions and probe results, secrets replaced',
    );
  addConfigOptions(command).addHelpText('after', EXAMPLES);
  // The shared --timeout is the OTLP export timeout; here it also bounds every probe.
  const timeout = command.options.find((option) => option.long === '--timeout');
  if (timeout)
    timeout.description = `bound for every network step and the canary's export timeout, e.g. 500ms, 10s (default ${formatDuration(DEFAULT_TIMEOUT_MS)})`;
  command.action(async (options: DoctorOptionValues) => {
    await runCommand(async (context) => {
      const { doctorCommand } = await import('./run.js');
      return doctorCommand(options, context);
    });
  });
}
