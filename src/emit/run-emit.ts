/**
 * `otel-proc emit`: plan a burst of stream-processor telemetry, send it through the real SDK
 * pipeline built from the resolved configuration, and report per signal what the exporters said;
 * then, when asked, prove arrival: in the embedded receiver (--local), in Jaeger, in Prometheus.
 * The SDK is flushed and shut down, and the receiver stopped, on every path.
 */
import type { Diagnostic, EffectiveConfig, Signal } from '../config/types.js';
import { ConfigurationError, UsageError } from '../errors.js';
import type { ReceiverHandle } from '../receiver/types.js';
import { createExportLedger, tallySignal } from '../sdk/export-ledger.js';
import { createSdkPipeline, withDeadline, type SdkPipeline } from '../sdk/pipeline.js';
import { PROCESSOR_INSTRUMENTS } from '../synth/metric-plan.js';
import { planRun } from '../synth/plan-run.js';
import { scenarioServices } from '../synth/plan-trace.js';
import { randomSeed } from '../synth/random.js';
import { formatProblem, loadScenarioFile } from '../synth/scenario-file.js';
import { countSpans } from '../synth/scenario-schema.js';
import { streamProcessorScenario } from '../synth/stream-processor.js';
import type { Scenario } from '../synth/types.js';
import { decideVerdicts } from './verdicts.js';
import { chooseSignals, configFindings, DEFAULT_EMIT_SERVICE, diagnosticFindings, traceFindings, withServiceName } from './findings.js';
import { pointAtReceiver, startLocalReceiver } from './local-receiver.js';
import { MAX_SPANS_PER_RUN, type EmitOptions } from './options.js';
import type { EmitFinding, EmitReport, LocalVerification } from './report.js';
import { sendLogs } from './send-logs.js';
import { sendMetrics } from './send-metrics.js';
import { sendTraces } from './send-traces.js';
import { untilAborted } from './poll.js';
import { nowNs } from './time.js';
import { verifyJaeger } from './verify-jaeger.js';
import { verifyLocal } from './verify-local.js';
import { verifyPrometheus } from './verify-prometheus.js';

export interface EmitIo {
  signal?: AbortSignal;
  /** Progress lines for stderr (a spinner or plain lines); never results. */
  progress?: (text: string) => void;
  /** The configuration core's findings: errors and warnings are carried into the report. */
  diagnostics?: readonly Diagnostic[];
  /** --engine app-sdk: the application's environment (real variables over --env-file), which the NodeSDK reads. */
  appEnv?: Record<string, string | undefined>;
}

/** The app's environment, with the endpoints pointed at the embedded receiver for --local. */
function appSdkEnv(
  env: Record<string, string | undefined>,
  config: EffectiveConfig,
  local: boolean,
  defaultedService: boolean,
): Record<string, string | undefined> {
  const pointed = { ...env };
  // The report says the run was sent as the default service: make it true for the SDK too.
  if (defaultedService) pointed.OTEL_SERVICE_NAME = config.serviceName.value;
  if (!local) return pointed;
  for (const signal of ['traces', 'metrics', 'logs'] as const)
    pointed[`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_ENDPOINT`] = config[signal].url;
  return pointed;
}

async function loadScenario(options: EmitOptions): Promise<Scenario> {
  if (!options.scenarioFile) return streamProcessorScenario;
  const loaded = await loadScenarioFile(options.scenarioFile);
  if (loaded.ok) return loaded.scenario;
  throw new ConfigurationError(`invalid scenario file:\n  ${loaded.problems.map(formatProblem).join('\n  ')}`);
}

const INTERRUPTED_SHUTDOWN_MS = 2000;

export async function runEmit(
  resolvedConfig: EffectiveConfig,
  options: EmitOptions,
  io: EmitIo = {},
): Promise<EmitReport & { interrupted: boolean }> {
  const started = Date.now();
  const { config: configIn, defaulted } = withServiceName(resolvedConfig);
  const scenario = await loadScenario(options);
  const available = scenarioServices(scenario, configIn.serviceName.value);
  // A scenario file that names services means them; the built-in one stays single-service unless asked.
  const services = options.services ?? (options.scenarioFile ? available.length : 1);
  if (services > available.length) {
    throw new UsageError(
      `--services ${services}: the ${scenario.name} scenario has only ${available.length} service${available.length === 1 ? '' : 's'} (${available.join(', ')})`,
    );
  }
  // --count is capped for the built-in tree; a scenario tree can be 900 times larger, so cap the product too.
  const spansPerTrace = countSpans(scenario.root);
  if (options.count * spansPerTrace > MAX_SPANS_PER_RUN) {
    throw new UsageError(
      `--count ${options.count} × ${spansPerTrace} spans per trace of the ${scenario.name} scenario is ${options.count * spansPerTrace} spans; emit sends at most ${MAX_SPANS_PER_RUN} in one run`,
      `lower --count to ${Math.max(1, Math.floor(MAX_SPANS_PER_RUN / spansPerTrace))} or less; for sustained volume use otel-proc load`,
    );
  }
  if (options.engine === 'app-sdk' && services > 1) {
    throw new UsageError(
      `--engine app-sdk runs one NodeSDK, like one application, so it sends one service; got --services ${services}`,
      'drop --services, or use the default engine for multi-service traces',
    );
  }
  const seed = options.seed ?? randomSeed();
  const plan = planRun(scenario, {
    seed,
    count: options.count,
    defaultService: configIn.serviceName.value,
    services,
    errorRatio: options.errorRatio,
  });

  let receiver: ReceiverHandle | undefined;
  let pipeline: SdkPipeline | undefined;
  try {
    let config = configIn;
    if (options.local) {
      io.progress?.('starting the embedded receiver');
      receiver = await startLocalReceiver();
      config = pointAtReceiver(configIn, receiver);
    }
    const { sending, skipped } = chooseSignals(config, options);
    const ledger = createExportLedger({ keepItems: options.local });
    pipeline =
      options.engine === 'app-sdk'
        ? await (await import('../app-sdk/pipeline.js')).createAppSdkPipeline(
            appSdkEnv(io.appEnv ?? {}, config, options.local, defaulted),
            config,
            { ledger },
          )
        : createSdkPipeline(config, { signals: sending, ledger, metricExport: 'on-flush' });

    // Traces end 1 ms apart, the last one just now: timestamps stay in the past and in order.
    const runNs = nowNs();
    const starts = plan.traces.map((t, i) => runNs - BigInt(t.spans[0]!.durationNs) - BigInt((plan.traces.length - i) * 1_000_000));
    io.progress?.(`sending ${options.count} ${scenario.name} events (${sending.join(', ') || 'no signals'})`);
    // Half a queue between flushes: the batch processors drop whatever does not fit their queue.
    const active = pipeline;
    // Once a signal's export has failed, stop pacing it: every further flush would wait out the
    // export timeout again, and the verdict is already a failure.
    const pacing = (signal: Signal, queue: number) => ({
      everySpans: Math.max(1, Math.floor(queue / 2)),
      flush: async () => {
        if (tallySignal(active.ledger, signal).outcome === 'failure' || io.signal?.aborted) return;
        // Ctrl-C stops waiting for a slow receiver here too; the report counts what is in flight.
        await untilAborted(active.flushSignal(signal), io.signal);
      },
      stopped: () => io.signal?.aborted === true,
    });
    const tracePacing = pacing('traces', config.spanBatch.maxQueueSize.value);
    const logPacing = pacing('logs', config.logBatch.maxQueueSize.value);
    const sent = sending.includes('traces') ? await sendTraces(pipeline, plan.traces, starts, tracePacing) : undefined;
    if (sending.includes('metrics')) sendMetrics(pipeline, plan.measurements.flat());
    const logsEmitted = sending.includes('logs')
      ? await sendLogs(pipeline, plan.traces, plan.logRecords, sent?.traces, starts, logPacing)
      : 0;
    io.progress?.('flushing');
    // Ctrl-C stops waiting for the exports; the report still shows what was known by then.
    const flushedInTime = await untilAborted(pipeline.flush(), io.signal);
    const interrupted = io.signal?.aborted ?? false;

    const sampledSpans = (sent?.traces ?? []).reduce((n, t, i) => n + (t.sampled ? plan.traces[i]!.spans.length : 0), 0);
    const signals = [
      ...decideVerdicts(config, pipeline.ledger, sending, {
        flushedInTime,
        interrupted,
        sampledTraces: sent?.traces.filter((t) => t.sampled).length ?? 0,
        expected: { traces: sampledSpans, logs: logsEmitted },
      }),
      ...skipped,
    ];
    const findings: EmitFinding[] = [
      ...diagnosticFindings(io.diagnostics ?? [], defaulted),
      ...(defaulted
        ? [
            {
              code: 'EMIT_DEFAULT_SERVICE_NAME',
              severity: 'info' as const,
              message: `no service name configured: sent as "${DEFAULT_EMIT_SERVICE}" (set OTEL_SERVICE_NAME or --service-name)`,
            },
          ]
        : []),
      ...configFindings(config, pipeline, options),
      ...traceFindings(sent, config),
    ];

    let local: LocalVerification | undefined;
    if (receiver && !interrupted) {
      io.progress?.('checking what the embedded receiver got');
      const checks = await verifyLocal(pipeline.ledger, receiver.received, 5000);
      const ok = [checks.spans, checks.dataPoints, checks.logRecords].every((c) => c.problems.length === 0 && c.found === c.expected);
      local = {
        ok,
        grpcPort: receiver.ports.grpc!,
        httpPort: receiver.ports.http!,
        ...(sending.includes('traces') ? { spans: checks.spans } : {}),
        ...(sending.includes('metrics') ? { dataPoints: checks.dataPoints } : {}),
        ...(sending.includes('logs') ? { logRecords: checks.logRecords } : {}),
      };
    }

    const delivered = (signal: Signal): boolean =>
      signals.some((v) => v.signal === signal && (v.status === 'success' || v.status === 'partial'));
    const poll = { timeoutMs: options.verifyTimeoutMs, signal: io.signal };
    let jaeger: EmitReport['jaeger'];
    if (options.verifyJaeger && sent && delivered('traces') && !io.signal?.aborted) {
      io.progress?.(`waiting for the traces in Jaeger (up to ${Math.round(options.verifyTimeoutMs / 1000)} s)`);
      const expected = sent.traces.flatMap((t, index) => {
        if (!t.sampled) return [];
        const planned = plan.traces[index]!.spans;
        return [
          {
            traceId: t.traceId,
            parents: new Map(
              t.spanContexts.map((c, i) => [c.spanId, planned[i]!.parent < 0 ? '' : t.spanContexts[planned[i]!.parent]!.spanId]),
            ),
          },
        ];
      });
      jaeger = await verifyJaeger(options.verifyJaeger, expected, poll);
    }
    let prometheus: EmitReport['prometheus'];
    if (options.verifyPrometheus && delivered('metrics') && !io.signal?.aborted) {
      io.progress?.(`waiting for the metrics in Prometheus (up to ${Math.round(options.verifyTimeoutMs / 1000)} s)`);
      const used = new Set(plan.measurements.flat().map((m) => m.instrument));
      prometheus = await verifyPrometheus(
        options.verifyPrometheus,
        config.serviceName.value,
        PROCESSOR_INSTRUMENTS.filter((i) => used.has(i.name)),
        poll,
      );
    }

    // A check that was asked for and could not run proves nothing: the run is not OK (exit 1),
    // also when the signal was skipped on purpose (e.g. OTEL_METRICS_EXPORTER=none).
    let verifySkipped = false;
    for (const [flag, signal, backend] of [
      [options.verifyJaeger, 'traces', 'Jaeger'],
      [options.verifyPrometheus, 'metrics', 'Prometheus'],
    ] as const) {
      if (flag && !delivered(signal) && !io.signal?.aborted) {
        verifySkipped = true;
        const skippedNote = signals.find((v) => v.signal === signal && v.status === 'skipped')?.note;
        findings.push({
          code: 'EMIT_VERIFY_SKIPPED',
          severity: 'error',
          message: `${backend} was not checked: the ${signal} were not delivered${skippedNote ? ` (${skippedNote})` : ''}`,
        });
      }
    }

    const failedSignal = signals.some(
      (v) => v.status === 'failure' || v.status === 'nothing-sent' || (v.status === 'partial' && v.rejected > 0),
    );
    const ok = !failedSignal && !verifySkipped && (local?.ok ?? true) && (jaeger?.ok ?? true) && (prometheus?.ok ?? true);
    return {
      seed,
      scenario: scenario.name,
      count: options.count,
      services: plan.services,
      traces: (sent?.traces ?? []).map((t, i) => ({ traceId: t.traceId, sampled: t.sampled, spans: plan.traces[i]!.spans.length })),
      signals,
      ...(local ? { local } : {}),
      ...(jaeger ? { jaeger } : {}),
      ...(prometheus ? { prometheus } : {}),
      findings,
      durationMs: Date.now() - started,
      ok,
      interrupted: io.signal?.aborted ?? false,
    };
  } finally {
    // After Ctrl-C, give the SDK a short, fixed time to shut down instead of the export timeout.
    if (pipeline && io.signal?.aborted) {
      pipeline.abort();
      await withDeadline(pipeline.shutdown(), INTERRUPTED_SHUTDOWN_MS);
    } else await pipeline?.shutdown();
    await receiver?.stop();
  }
}
