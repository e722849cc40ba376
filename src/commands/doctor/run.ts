/**
 * The body of `otel-proc doctor`: flags → doctor options → the resolved configuration (and with
 * --collector-config the Collector's) → the checks (doctor/run.ts) → the checklist in the chosen
 * format, the support bundle if asked for, and an exit code.
 */
import { resolveOptionsFrom } from '../../cli/config-options.js';
import type { CommandContext } from '../../cli/context.js';
import type { DoctorOptions } from '../../doctor/types.js';
import { ExitCode, UsageError } from '../../errors.js';
import { ifGiven, parseChoiceList, parseDuration, parseHttpUrl, parseRate } from '../../flags/index.js';
import { prepareBundle, writeBundle } from './bundle.js';
import { DEFAULT_TIMEOUT_MS, DOCTOR_CHECK_IDS, type DoctorOptionValues, UPSTREAM_FORMATS } from './index.js';

/** The flags as doctor's options; a usage error for a bad value or for --only/--skip leaving nothing to run. */
export function doctorOptionsFrom(options: DoctorOptionValues, cwd: string): DoctorOptions {
  const only: string[] = ifGiven(options.only, (text) => parseChoiceList('--only', text, DOCTOR_CHECK_IDS)) ?? [];
  const skip: string[] = ifGiven(options.skip, (text) => parseChoiceList('--skip', text, DOCTOR_CHECK_IDS)) ?? [];
  // Nothing left to run would print an empty checklist that reads "Telemetry should arrive".
  if (DOCTOR_CHECK_IDS.every((id) => (only.length > 0 && !only.includes(id)) || skip.includes(id))) {
    throw new UsageError('--only and --skip leave no check to run', `checks: ${DOCTOR_CHECK_IDS.join(', ')}`);
  }
  const timeoutMs = ifGiven(options.timeout, (text) => parseDuration('--timeout', text)) ?? DEFAULT_TIMEOUT_MS;
  return {
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
    cwd,
  };
}

export async function doctorCommand(options: DoctorOptionValues, context: CommandContext): Promise<number> {
  const doctorOptions = doctorOptionsFrom(options, context.cwd);
  if (options.json && options.format !== 'human' && options.format !== 'json')
    throw new UsageError(`--json cannot be combined with --format ${options.format}`);
  const format = options.json ? 'json' : (options.format ?? 'human');
  const bundle = options.bundle !== undefined ? await prepareBundle(options.bundle, options.collectorConfig ?? [], context.cwd) : undefined;
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
}
