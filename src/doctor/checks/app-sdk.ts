/**
 * app-sdk: prove the configuration the way the application runs it. A child process starts a real
 * NodeSDK from the environment alone (the user's environment plus --env-file; otel-proc's flags
 * and config file are not the application's), records one span, one metric point and one log
 * record, and shuts down within --timeout. Per signal the finding says which exporter the SDK
 * built, where it sent and what it got back; the Collector's accepted counters confirm arrival;
 * and any difference from otel-proc's own resolver is said plainly.
 */
import { randomBytes } from 'node:crypto';
import { SIGNALS, type EffectiveConfig, type Signal } from '../../config/types.js';
import { redactUrl } from '../../boundary/secrets.js';
import { resolveConfig } from '../../config/resolve.js';
import { applicationEnv } from '../../app-sdk/app-env.js';
import { compareSignal, destinationKey, predictionFor, type Disagreement } from '../../app-sdk/compare.js';
import { failureHint } from '../../app-sdk/failure-hint.js';
import { unreportedDiagLines } from '../../app-sdk/sdk-diag.js';
import { startAppSdkChild, type AppSdkChild, type ChildRun } from '../../app-sdk/run-child.js';
import type { AppSdkRunResult } from '../../app-sdk/types.js';
import { snapshotFrom, ITEM_WORD, type CollectorSnapshot } from '../collector-metrics.js';
import type { Check, DoctorContext, Finding } from '../types.js';
import { httpGet } from '../../net/http-get.js';
import { canarySkipReason } from './canary.js';
import { finding } from './finding.js';

const GUESSED_URL_TIMEOUT_MS = 1500;

async function collectorSnapshot(context: DoctorContext): Promise<CollectorSnapshot | undefined> {
  const collector = context.facts.collector;
  if (!collector) return undefined;
  const timeout = collector.metricsExplicit ? context.options.timeoutMs : Math.min(context.options.timeoutMs, GUESSED_URL_TIMEOUT_MS);
  const result = await httpGet(collector.metricsUrl, timeout, context.signal);
  if (!result.ok || result.status !== 200) return undefined;
  const snapshot = snapshotFrom(result.body);
  return snapshot.otelcolSampleCount > 0 ? snapshot : undefined;
}

function describeDisagreement(disagreement: Disagreement): string {
  const { signal, what, sdk, predicted } = disagreement;
  if (what === 'exporter') return `your app's SDK builds the ${sdk} exporter for ${signal}, otel-proc's resolver predicted ${predicted}`;
  if (what === 'protocol') return `your app's SDK sends ${signal} over ${sdk}, otel-proc's resolver predicted ${predicted}`;
  return `your app's SDK sends ${signal} to ${redactUrl(sdk)}, otel-proc's resolver predicted ${redactUrl(predicted)}`;
}

function signalFinding(result: AppSdkRunResult, signal: Signal, timeoutMs: number, app: EffectiveConfig): Finding {
  const exporters = result.exporters.filter((exporter) => exporter.signal === signal);
  const otlp = exporters.find((exporter) => exporter.kind === 'otlp');
  const exports = result.exports.filter((item) => item.signal === signal);
  const attempts = result.attempts.filter((attempt) => attempt.signal === signal);
  const details = {
    exporters: exporters.map((exporter) => ({ ...exporter, url: exporter.url ? redactUrl(exporter.url) : undefined })),
    exports,
    requests: attempts.length,
  };
  const base = { target: signal, details, durationMs: result.durationMs };
  if (exporters.length === 0) {
    return finding({
      ...base,
      code: 'APP_SDK_NO_EXPORTER',
      status: 'skip',
      title: `${signal}: your app's SDK exports no ${signal}`,
      message: `NodeSDK built no ${signal} exporter from this environment (OTEL_${signal.toUpperCase()}_EXPORTER)`,
    });
  }
  const via = otlp
    ? `${otlp.name} (${otlp.protocol}) → ${redactUrl(otlp.url ?? '?')}`
    : exporters.map((exporter) => exporter.name).join(', ');
  const failure = exports.find((item) => item.outcome === 'failure');
  const lastError = [...attempts].reverse().find((attempt) => attempt.error)?.error;
  if (failure) {
    const hint = failureHint(signal, otlp?.protocol, `${failure.error ?? ''} ${lastError ?? ''}`, app[signal]);
    return finding({
      ...base,
      details: { ...details, cause: hint?.cause },
      code: 'APP_SDK_EXPORT_FAILED',
      status: 'fail',
      title: `${signal}: your app's SDK failed to export`,
      message: `${via}: ${failure.error ?? 'failed'}${lastError && lastError !== failure.error ? ` (last request: ${lastError})` : ''}`,
      hint: hint?.fix ?? 'See the canary findings for this signal: they explain the same failure with the fix.',
    });
  }
  const partial = exports.find((item) => item.outcome === 'partial');
  if (partial) {
    return finding({
      ...base,
      code: 'APP_SDK_PARTIAL_SUCCESS',
      status: 'warn',
      title: `${signal}: partial success, ${partial.rejected ?? 0} rejected`,
      message: `${via}: ${partial.error ?? 'the server rejected some items'}`,
    });
  }
  if (exports.length > 0) {
    return finding({
      ...base,
      code: 'APP_SDK_EXPORTED',
      status: 'pass',
      title: `${signal}: your app's SDK exported through ${via}`,
      message: `the SDK reported success for ${exports.reduce((n, item) => n + item.items, 0)} item(s)`,
    });
  }
  if (signal === 'traces' && !result.sampled) {
    return finding({
      ...base,
      code: 'APP_SDK_NOT_SAMPLED',
      status: 'warn',
      title: 'traces: the sampler dropped the canary span',
      message: `with this OTEL_TRACES_SAMPLER your app's SDK exported no span (${via})`,
      hint: 'Intended for a sampler like always_off or a ratio of 0? Otherwise set OTEL_TRACES_SAMPLER=parentbased_traceidratio with a ratio above 0.',
    });
  }
  if (!result.shutdownInTime) {
    const hint = lastError ? failureHint(signal, otlp?.protocol, lastError, app[signal]) : undefined;
    return finding({
      ...base,
      details: { ...details, cause: hint?.cause },
      code: 'APP_SDK_NO_ANSWER',
      status: 'fail',
      title: `${signal}: no result within ${timeoutMs} ms`,
      message: `${via}: the SDK was still trying after ${attempts.length} request(s)${lastError ? `; last: ${lastError}` : ''}`,
      hint: hint
        ? `${hint.fix} (The SDK retries this until its own export timeout.)`
        : "See the reachability and canary findings for this endpoint; raise --timeout to wait out the SDK's own retries.",
    });
  }
  return finding({
    ...base,
    code: 'APP_SDK_NOTHING_EXPORTED',
    status: kindIsPull(exporters) ? 'skip' : 'warn',
    title: `${signal}: your app's SDK exported nothing through ${via}`,
    message: 'the SDK shut down without calling its exporter',
  });
}

function kindIsPull(exporters: AppSdkRunResult['exporters']): boolean {
  return exporters.every((exporter) => exporter.kind === 'prometheus' || exporter.kind === 'console');
}

function arrivalFindings(result: AppSdkRunResult, before: CollectorSnapshot, after: CollectorSnapshot | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const signal of SIGNALS) {
    if (!result.exports.some((item) => item.signal === signal && item.outcome !== 'failure')) continue;
    const delta = (after?.counters[signal].accepted ?? 0) - (before.counters[signal].accepted ?? 0);
    findings.push(
      delta >= 1
        ? finding({
            code: 'APP_SDK_ARRIVED',
            status: 'pass',
            title: `${signal}: the collector counted your app's canary (accepted +${delta})`,
            message: `otelcol_receiver_accepted_${ITEM_WORD[signal]} rose by ${delta}`,
            target: signal,
            details: { accepted: delta },
          })
        : finding({
            code: 'APP_SDK_NOT_COUNTED',
            status: 'warn',
            title: `${signal}: the collector's accepted counter did not move for your app's canary`,
            message: 'the SDK reported success, but the collector whose metrics were read did not count it',
            hint: 'The app sends somewhere else than the collector whose metrics were read (another instance, a load balancer): check --metrics-url.',
            target: signal,
            details: { accepted: delta },
          }),
    );
  }
  return findings;
}

/** otel-proc's other checks used the doctor's configuration (flags, config file): say where it differs from the app's. */
function canaryDiffers(config: EffectiveConfig, predicted: EffectiveConfig, signal: Signal): Finding | undefined {
  const ours = config[signal];
  const app = predicted[signal];
  if (
    ours.protocol.value === app.protocol.value &&
    destinationKey(ours.protocol.value, ours.url) === destinationKey(app.protocol.value, app.url)
  )
    return undefined;
  return finding({
    code: 'APP_SDK_CANARY_DIFFERS',
    status: 'warn',
    title: `${signal}: otel-proc's canary tested other settings than your app uses`,
    message: `otel-proc sent to ${redactUrl(ours.url)} (${ours.protocol.value}); your app, from its environment alone, sends to ${redactUrl(app.url)} (${app.protocol.value})`,
    hint: 'Flags and the otel-proc config file do not reach the application: put the setting into its environment (OTEL_EXPORTER_OTLP_*).',
    target: signal,
  });
}

function childFailure(run: ChildRun, timeoutMs: number): Finding | undefined {
  const result = run.results[0];
  const tail = run.output.trim().split('\n').slice(-3).join(' | ');
  if (!result && run.killed)
    return finding({
      code: 'APP_SDK_CHILD_TIMEOUT',
      status: 'fail',
      title: 'the app SDK did not finish in time',
      message: `the NodeSDK child did not answer within ${timeoutMs} ms plus its load time and was stopped${tail ? `: ${tail}` : ''}`,
      hint: 'Raise --timeout; if it persists, run your app with OTEL_LOG_LEVEL=debug to see where the SDK hangs.',
      durationMs: run.durationMs,
    });
  if (!result)
    return finding({
      code: 'APP_SDK_CHILD_FAILED',
      status: 'fail',
      title: 'the app SDK could not run',
      message: `${run.exitedEarly ?? 'no result'}${tail ? `: ${tail}` : ''}`,
      durationMs: run.durationMs,
    });
  if (result.crashed)
    return finding({
      code: 'APP_SDK_CRASHED',
      status: 'fail',
      title: 'NodeSDK threw while starting from this environment',
      message: result.crashed,
      hint: 'Your application would fail the same way at start-up: fix the setting the message names.',
      durationMs: run.durationMs,
    });
  return undefined;
}

interface Prepared {
  env: Record<string, string | undefined>;
  child: AppSdkChild;
}
const prepared = new WeakMap<DoctorContext, Promise<Prepared>>();

/** Fork the child as the doctor starts, so the SDK loads while the other checks run. */
function prepare(context: DoctorContext): Promise<Prepared> {
  let ready = prepared.get(context);
  if (!ready) {
    ready = applicationEnv(context.env, context.options.cwd ?? process.cwd(), context.options.envFile).then((env) => ({
      env,
      child: startAppSdkChild(env),
    }));
    prepared.set(context, ready);
  }
  return ready;
}

/**
 * The app's SDK failed against the very endpoint that reachability or protocol already found
 * broken: that finding says why and how to fix it, so this one is a skip that points there, as the
 * canary's is, not a second failure for the same cause.
 */
async function unlessExplained(context: DoctorContext, signal: Signal, outcome: Finding): Promise<Finding> {
  const target = context.facts.targetFor(signal);
  const reason = target && context.activeSignals.includes(signal) ? await canarySkipReason(context, target) : undefined;
  if (!reason || !context.selected.has(reason.check)) return outcome;
  return {
    ...outcome,
    code: 'APP_SDK_SKIPPED',
    status: 'skip',
    title: `${signal}: your app's SDK could not export either: ${reason.reason} (see ${reason.check})`,
    hint: undefined,
  };
}

export const appSdkCheck: Check = {
  id: 'app-sdk',
  title: "Your app's SDK (NodeSDK from the environment)",
  prepare(context) {
    // An unreadable --env-file is reported when the check runs.
    prepare(context).catch(() => undefined);
  },
  async run(context: DoctorContext): Promise<Finding[]> {
    const { env, child } = await prepare(context);
    const predicted = (await resolveConfig({ env, cwd: context.options.cwd ?? process.cwd(), noConfigSearch: true })).config;
    const before = await collectorSnapshot(context);
    const runId = randomBytes(8).toString('hex');
    const { timeoutMs } = context.options;
    const run = await child.run([{ runId, timeoutMs }], context.signal);
    const failed = childFailure(run, timeoutMs);
    if (failed) return [failed];
    const result = run.results[0]!;
    if (result.disabled) {
      return [
        finding({
          code: 'APP_SDK_DISABLED',
          status: predicted.sdkDisabled.value ? 'warn' : 'fail',
          title: "OTEL_SDK_DISABLED: your app's SDK sends nothing",
          message: predicted.sdkDisabled.value
            ? "NodeSDK.start() did nothing, as otel-proc's resolver predicted"
            : "NodeSDK.start() did nothing, but otel-proc's resolver predicted an enabled SDK",
          durationMs: result.durationMs,
        }),
      ];
    }
    const findings: Finding[] = [];
    for (const signal of SIGNALS) {
      const differs = context.activeSignals.includes(signal) ? canaryDiffers(context.config, predicted, signal) : undefined;
      const outcome = signalFinding(result, signal, timeoutMs, predicted);
      // Flags or a config file pointed otel-proc elsewhere on purpose: the app's own settings failing
      // is worth knowing, but it is not the endpoint this run was asked to check.
      if (differs && outcome.status === 'fail') findings.push({ ...outcome, status: 'warn' });
      else findings.push(outcome.status === 'fail' ? await unlessExplained(context, signal, outcome) : outcome);
      for (const disagreement of compareSignal(result, predictionFor(predicted, signal))) {
        findings.push(
          finding({
            code: 'APP_SDK_RESOLVER_MISMATCH',
            status: 'fail',
            title: `${signal}: otel-proc's resolver is wrong about your app`,
            message: describeDisagreement(disagreement),
            hint: "This is a defect in otel-proc: please report it with `otel-proc validate --json` output. The SDK's behaviour above is what your app does.",
            target: signal,
            details: { ...disagreement, sdk: redactUrl(disagreement.sdk), predicted: redactUrl(disagreement.predicted) },
          }),
        );
      }
      if (differs) findings.push(differs);
    }
    if (before) findings.push(...arrivalFindings(result, before, await collectorSnapshot(context)));
    const logged = unreportedDiagLines(result.diag, [
      ...result.exports.map((item) => item.error),
      ...result.attempts.map((attempt) => attempt.error),
    ]);
    if (logged.length > 0) {
      findings.push(
        finding({
          code: 'APP_SDK_SDK_WARNINGS',
          status: 'warn',
          title: `your app's SDK logged ${logged.length} warning(s)`,
          message: logged.slice(0, 5).join(' | '),
          hint: 'Your app logs the same lines with OTEL_LOG_LEVEL=warn: a setting the SDK ignored or a component that failed is named in them.',
        }),
      );
    }
    return findings;
  },
};
