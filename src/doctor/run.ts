/**
 * The doctor's core: select the checks (--only / --skip), gather shared facts lazily, run each
 * check with its timing, and return a report. No printing here (render.ts does that), and no
 * secret leaves: header values are scrubbed from the whole report before it is returned.
 */
import type { Resolution } from '../config/types.js';
import { redactUrl } from '../boundary/secrets.js';
import { ALL_CHECKS } from './checks/index.js';
import { codeOf } from './checks/finding.js';
import { stopwatch } from '../net/timing.js';
import { SIGNALS } from '../config/types.js';
import { activeSignals as findActiveSignals, endpointTargets } from './endpoints.js';
import { DoctorFacts } from './facts.js';
import type { CheckResult, DoctorContext, DoctorOptions, DoctorReport, DoctorSummary, Finding } from './types.js';

export function selectChecks(only: string[] = [], skip: string[] = []): Set<string> {
  const ids = ALL_CHECKS.map((check) => check.id);
  const chosen = only.length > 0 ? ids.filter((id) => only.includes(id)) : ids;
  return new Set(chosen.filter((id) => !skip.includes(id)));
}

function bracketed(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

export function summarize(findings: Finding[]): DoctorSummary {
  const summary: DoctorSummary = { pass: 0, warn: 0, fail: 0, skip: 0, interrupted: 0 };
  for (const finding of findings) summary[finding.status] += 1;
  return summary;
}

/** Called as each check starts, for a progress line on stderr (the core itself never prints). */
export type DoctorProgress = (check: { id: string; title: string; index: number; total: number }) => void;

export async function runDoctor(
  resolution: Resolution,
  env: Record<string, string | undefined>,
  options: DoctorOptions,
  signal?: AbortSignal,
  onProgress?: DoctorProgress,
): Promise<DoctorReport> {
  const startedAt = new Date().toISOString();
  const elapsed = stopwatch();
  const { config } = resolution;
  const selected = selectChecks(options.only, options.skip);
  const signals = findActiveSignals(config);
  const firstHost = endpointTargets(config, signals)[0]?.host;
  const collectorUrls =
    firstHost || options.healthUrl || options.metricsUrl
      ? {
          // The Collector's default health_check and internal-metrics ports, on the host the OTLP endpoint names:
          // https://opentelemetry.io/docs/collector/internal-telemetry/ and
          // https://github.com/open-telemetry/opentelemetry-collector-contrib/tree/main/extension/healthcheckextension
          healthUrl: options.healthUrl ?? `http://${bracketed(firstHost ?? 'localhost')}:13133/`,
          metricsUrl: options.metricsUrl ?? `http://${bracketed(firstHost ?? 'localhost')}:8888/metrics`,
          healthExplicit: options.healthUrl !== undefined,
          metricsExplicit: options.metricsUrl !== undefined,
        }
      : undefined;
  const facts = new DoctorFacts(config, signals, options.timeoutMs, collectorUrls, selected.has('collector'), signal);
  const context: DoctorContext = {
    config,
    diagnostics: resolution.diagnostics,
    env,
    options,
    activeSignals: signals,
    facts,
    signal,
    selected,
  };

  const checks: CheckResult[] = [];
  const toRun = ALL_CHECKS.filter((check) => selected.has(check.id));
  for (const check of toRun) check.prepare?.(context);
  for (const [index, check] of toRun.entries()) {
    // After Ctrl-C the checklist is still printed: what finished, and every other check marked.
    if (signal?.aborted) {
      checks.push({ id: check.id, title: check.title, durationMs: 0, findings: [interruptedFinding(check.id, false, 0)] });
      continue;
    }
    onProgress?.({ id: check.id, title: check.title, index, total: toRun.length });
    const checkElapsed = stopwatch();
    const findings = await unlessAborted(check.run(context), signal);
    const durationMs = checkElapsed();
    // A check cut short reports its probes' "interrupted" errors as failures: they prove nothing.
    const cutShort = findings === undefined || signal?.aborted === true;
    checks.push({
      id: check.id,
      title: check.title,
      durationMs,
      findings: cutShort ? [...(check.finishedSoFar?.(context) ?? []), interruptedFinding(check.id, true, durationMs)] : findings,
    });
  }

  const summary = summarize(checks.flatMap((check) => check.findings));
  const interrupted = signal?.aborted === true;
  const report: DoctorReport = {
    tool: 'otel-proc doctor',
    startedAt,
    durationMs: elapsed(),
    timeoutMs: options.timeoutMs,
    endpoints: SIGNALS.map((s) => ({
      signal: s,
      protocol: config[s].protocol.value,
      url: redactUrl(config[s].url),
      active: signals.includes(s),
    })),
    checks,
    summary,
    interrupted,
    exitCode: interrupted ? 130 : summary.fail > 0 ? 1 : 0,
  };
  return report;
}

function interruptedFinding(checkId: string, started: boolean, durationMs: number): Finding {
  return {
    code: codeOf(checkId, 'interrupted'),
    severity: 'info',
    status: 'interrupted',
    title: started ? 'interrupted before this check finished' : 'not run: interrupted',
    message: started
      ? 'the run was stopped while this check was running, so it proves nothing'
      : 'the run was stopped before this check started',
    durationMs,
  };
}

/** `work`'s result, or undefined as soon as `signal` aborts (a check may not notice at once). */
async function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (!signal) return work;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<undefined>((resolve) => {
    onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
  }
}
