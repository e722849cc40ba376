/**
 * `otel-proc doctor`: find out why telemetry is not arriving and say how to fix it. Flags and help
 * only here; the core (doctor/run.ts), the checks and the renderers load when the command runs.
 */
import { Command, Option } from 'commander';
import { addConfigOptions, resolveOptionsFrom, type ConfigOptionValues } from '../../cli/config-options.js';
import { ExitCode, UsageError } from '../../errors.js';
import { runCommand } from '../../cli/run-command.js';
import { formatDuration, ifGiven, parseChoiceList, parseDuration, parseHttpUrl, parseRate } from '../../flags/index.js';

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
const DEFAULT_TIMEOUT_MS = 5000;
const UPSTREAM_FORMATS = ['tracecontext', 'baggage', 'b3', 'b3multi', 'jaeger', 'xray', 'ottrace'] as const;

interface DoctorOptionValues extends ConfigOptionValues {
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
      const only: string[] = ifGiven(options.only, (text) => parseChoiceList('--only', text, DOCTOR_CHECK_IDS)) ?? [];
      const skip: string[] = ifGiven(options.skip, (text) => parseChoiceList('--skip', text, DOCTOR_CHECK_IDS)) ?? [];
      // Nothing left to run would print an empty checklist that reads "Telemetry should arrive".
      if (DOCTOR_CHECK_IDS.every((id) => (only.length > 0 && !only.includes(id)) || skip.includes(id))) {
        throw new UsageError('--only and --skip leave no check to run', `checks: ${DOCTOR_CHECK_IDS.join(', ')}`);
      }
      const timeoutMs = ifGiven(options.timeout, (text) => parseDuration('--timeout', text)) ?? DEFAULT_TIMEOUT_MS;
      const doctorOptions = {
        timeoutMs,
        only,
        skip,
        healthUrl: ifGiven(options.healthUrl, (text) => parseHttpUrl('--health-url', text, 'http://collector:13133/')),
        metricsUrl: ifGiven(options.metricsUrl, (text) => parseHttpUrl('--metrics-url', text, 'http://collector:8888/metrics')),
        jaegerUrl: ifGiven(options.jaeger, (text) => parseHttpUrl('--jaeger', text, 'http://localhost:16686')),
        prometheusUrl: ifGiven(options.prometheus, (text) => parseHttpUrl('--prometheus', text, 'http://localhost:9090')),
        backendWaitMs: ifGiven(options.backendWait, (text) => parseDuration('--backend-wait', text)),
        expectedRate: ifGiven(options.expectedRate, (text) => parseRate('--expected-rate', text)),
        scrapeIntervalMs: ifGiven(options.scrapeInterval, (text) => parseDuration('--scrape-interval', text)),
        upstream: ifGiven(options.upstream, (text) => parseChoiceList('--upstream', text, UPSTREAM_FORMATS)) ?? [],
        headerFlags: options.header ?? [],
        envFile: options.envFile,
        cwd: context.cwd,
      };
      if (options.json && options.format !== 'human' && options.format !== 'json')
        throw new UsageError(`--json cannot be combined with --format ${options.format}`);
      const format = options.json ? 'json' : (options.format ?? 'human');
      const { prepareBundle, writeBundle } = await import('./bundle.js');
      const bundle =
        options.bundle !== undefined ? await prepareBundle(options.bundle, options.collectorConfig ?? [], context.cwd) : undefined;
      const [{ resolveConfig }, { runDoctor }] = await Promise.all([import('../../config/resolve.js'), import('../../doctor/run.js')]);
      // doctor's --timeout bounds the probes; it must not replace the application's own OTLP timeout
      // in the configuration being diagnosed (OTEL_EXPORTER_OTLP_TIMEOUT=10 is worth a finding).
      const resolution = await resolveConfig(resolveOptionsFrom({ ...options, timeout: undefined }, context));
      // Loaded only with the flag; linted before any probe so an unreadable file stops the run at once (exit 2).
      const collector = options.collectorConfig
        ? await (await import('../../collector/run.js')).checkCollector({
            paths: options.collectorConfig,
            cwd: context.cwd,
            env: context.env,
            envFile: options.envFile,
            app: resolution.config,
          })
        : undefined;
      // A spinner only on an interactive stderr (never under CI or --json), so stdout stays clean.
      // (A pseudo-terminal without a size reports 0 columns, where a spinner cannot redraw itself.)
      const columns = (context.stderr as NodeJS.WriteStream).columns ?? 0;
      const spinner =
        context.interactive && format === 'human' && columns > 0
          ? (await import('ora'))
              .default({
                stream: context.boundary.wrap(process.stderr, { keepStyle: context.color, trustAnsi: true }) as NodeJS.WriteStream,
                discardStdin: false,
              })
              .start('doctor')
          : undefined;
      let report;
      try {
        report = await runDoctor(
          resolution,
          context.env,
          collector ? { ...doctorOptions, collector } : doctorOptions,
          context.signal,
          ({ title, index, total }) => {
            if (spinner) spinner.text = `doctor: ${title} (${index + 1}/${total})`;
          },
        );
      } finally {
        spinner?.stop();
      }
      // Interrupted: the checklist so far is still printed (report.interrupted marks it); no bundle of a half run.
      if (bundle && !report.interrupted) {
        await writeBundle(bundle, report, resolution, context);
        context.stderr.write(`support bundle written to ${bundle.path} (secrets replaced; see README.txt inside)\n`);
      }
      if (format === 'json') {
        const { renderJson } = await import('../../report/json.js');
        context.stdout.write(renderJson(report));
      } else if (format === 'sarif' || format === 'junit') {
        const { renderDoctorSarif, renderDoctorJunit } = await import('../../report/doctor-ci.js');
        context.stdout.write(
          format === 'sarif'
            ? renderDoctorSarif(report, await (await import('../../cli/package-version.js')).packageVersion())
            : renderDoctorJunit(report, options.strict === true),
        );
      } else {
        const { renderDoctorHuman } = await import('../../report/doctor-human.js');
        context.stdout.write(renderDoctorHuman(report, context.color));
      }
      if (report.interrupted) return ExitCode.interrupted;
      return report.exitCode === 0 && options.strict && report.summary.warn > 0 ? ExitCode.failed : report.exitCode;
    });
  });
}
