/**
 * Configuration: everything validate's rules say (src/config/rules.ts, reused as they are), with
 * the causes that silently switch telemetry off promoted to failures, because for "why is nothing
 * arriving" they are the answer: OTEL_SDK_DISABLED, a traces exporter of none, and a sampler that
 * keeps no traces. A proxy that captures the endpoint stays a warning: proxies can work.
 */
import type { Diagnostic } from '../../config/types.js';
import { describeSource } from '../../config/diagnostics.js';
import { redactUrl } from '../../boundary/secrets.js';
import type { Check, DoctorContext, Finding, FindingStatus } from '../types.js';
import { finding, forwardedCode } from './finding.js';

/** Diagnostics that mean "nothing of this will arrive". EXPORTER_NONE only for traces (see below). */
const SILENT_DISABLERS = new Set(['SDK_DISABLED', 'SAMPLING_DROPS_ALL']);

function statusOf(diagnostic: Diagnostic): FindingStatus {
  if (SILENT_DISABLERS.has(diagnostic.code)) return 'fail';
  // Turning logs or metrics off on purpose is common; turning traces off is the classic surprise.
  if (diagnostic.code === 'EXPORTER_NONE')
    return diagnostic.source?.kind === 'env' && diagnostic.source.name.includes('TRACES') ? 'fail' : 'warn';
  if (diagnostic.severity === 'error') return 'fail';
  if (diagnostic.severity === 'warning') return 'warn';
  return 'pass';
}

function fromDiagnostic(diagnostic: Diagnostic): Finding {
  const source = describeSource(diagnostic.source);
  return finding({
    code: forwardedCode(diagnostic.code),
    status: statusOf(diagnostic),
    title: diagnostic.message.split(/(?<=[.:])\s/)[0]!.replace(/[.:]$/, ''),
    message: diagnostic.message,
    hint: diagnostic.hint,
    target: source || undefined,
    details: { severity: diagnostic.severity, ...(diagnostic.source ? { source: diagnostic.source } : {}) },
  });
}

export const configurationCheck: Check = {
  id: 'configuration',
  title: 'Configuration',
  async run(context: DoctorContext): Promise<Finding[]> {
    // What stops telemetry first, then what loses some of it, then notes.
    const rank = { fail: 0, warn: 1, pass: 2, skip: 3, interrupted: 4 } as const;
    const findings = context.diagnostics
      .map(fromDiagnostic)
      .map((f, index) => ({ f, index }))
      .sort((a, b) => rank[a.f.status] - rank[b.f.status] || a.index - b.index)
      .map(({ f }) => f);
    const { config, activeSignals } = context;
    const summary = activeSignals.map((signal) => `${signal} → ${redactUrl(config[signal].url)} (${config[signal].protocol.value})`);
    findings.unshift(
      finding({
        code: activeSignals.length > 0 ? 'CONFIGURATION_RESOLVED' : 'CONFIGURATION_NOTHING_EXPORTED',
        status: activeSignals.length > 0 ? 'pass' : 'fail',
        title: activeSignals.length > 0 ? `${activeSignals.join(', ')} export over OTLP` : 'No signal is exported over OTLP',
        message:
          activeSignals.length > 0
            ? summary.join('; ')
            : 'The SDK is disabled or no signal has the otlp exporter, so there is nothing to send and no endpoint to check.',
        hint: activeSignals.length > 0 ? undefined : 'Unset OTEL_SDK_DISABLED and set OTEL_TRACES_EXPORTER=otlp (the default).',
        details: { service: config.serviceName.value, signals: activeSignals },
      }),
    );
    return findings;
  },
};
