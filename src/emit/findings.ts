/**
 * emit's findings beyond the per-signal verdicts: what the configuration means for the run (SDK
 * disabled, samplers and propagators the JS SDK lacks, certificates --local cannot use), what
 * happened while sending (unsampled traces, context or baggage lost between services), and the
 * default service name emit uses when none is configured.
 */
import type { Diagnostic, EffectiveConfig, Signal } from '../config/types.js';
import type { SdkPipeline } from '../sdk/pipeline.js';
import { hasTlsFiles } from './local-receiver.js';
import type { EmitOptions } from './options.js';
import type { EmitFinding, SignalVerdict } from './report.js';
import type { SentTraces } from './send-traces.js';

/**
 * Without a configured service name, emit names itself after the processor of the stream-processor
 * telemetry guide, so it can be found.
 */
export const DEFAULT_EMIT_SERVICE = 'stream-processor';

export function withServiceName(config: EffectiveConfig): { config: EffectiveConfig; defaulted: boolean } {
  if (config.serviceName.source.kind !== 'default') return { config, defaulted: false };
  const serviceName = { value: DEFAULT_EMIT_SERVICE, source: config.serviceName.source };
  return {
    config: {
      ...config,
      serviceName,
      resourceAttributes: {
        ...config.resourceAttributes,
        value: { ...config.resourceAttributes.value, 'service.name': DEFAULT_EMIT_SERVICE },
      },
    },
    defaulted: true,
  };
}

/** The configuration core's errors and warnings, minus what emit's own choices make moot. */
export function diagnosticFindings(diagnostics: readonly Diagnostic[], defaultedServiceName: boolean): EmitFinding[] {
  return diagnostics
    .filter((d) => d.severity !== 'info' && !(defaultedServiceName && d.code === 'SERVICE_NAME_MISSING'))
    .map((d) => ({ code: d.code, severity: d.severity, message: d.message, ...(d.hint ? { hint: d.hint } : {}) }));
}

/** Which requested signals go out over OTLP; the rest are skipped with a reason. */
export function chooseSignals(config: EffectiveConfig, options: EmitOptions): { sending: Signal[]; skipped: SignalVerdict[] } {
  const sending: Signal[] = [];
  const skipped: SignalVerdict[] = [];
  for (const signal of options.signals) {
    const exporters = config[signal].exporters.value;
    if (exporters.includes('otlp')) sending.push(signal);
    else {
      const variable = `OTEL_${signal.toUpperCase()}_EXPORTER`;
      skipped.push({
        signal,
        status: 'skipped',
        protocol: config[signal].protocol.value,
        url: config[signal].url,
        sent: 0,
        accepted: 0,
        rejected: 0,
        failed: 0,
        exports: 0,
        note: `${variable}=${exporters.join(',')}: the application would not send ${signal} over OTLP`,
      });
    }
  }
  return { sending, skipped };
}

export function configFindings(config: EffectiveConfig, pipeline: SdkPipeline, options: EmitOptions): EmitFinding[] {
  const findings: EmitFinding[] = [];
  if (config.sdkDisabled.value) {
    findings.push({
      code: 'EMIT_SDK_DISABLED',
      severity: 'warning',
      message: 'OTEL_SDK_DISABLED=true: your application sends nothing; emit sent anyway to test the path',
      hint: 'unset OTEL_SDK_DISABLED',
    });
  }
  if (pipeline.sampler.fallbackFrom) {
    findings.push({
      code: 'EMIT_SAMPLER_UNSUPPORTED',
      severity: 'warning',
      message: `the JS SDK has no sampler "${pipeline.sampler.fallbackFrom}"; used parentbased_always_on like the SDK does`,
    });
  }
  if (pipeline.propagator.skipped.length > 0) {
    findings.push({
      code: 'EMIT_PROPAGATOR_UNSUPPORTED',
      severity: 'warning',
      message: `propagators not available here and skipped: ${pipeline.propagator.skipped.join(', ')}`,
    });
  }
  if (options.local && hasTlsFiles(config)) {
    findings.push({
      code: 'EMIT_LOCAL_IGNORES_TLS',
      severity: 'info',
      message: '--local: the embedded receiver speaks plaintext, so the configured certificates were not used',
    });
  }
  return findings;
}

export function traceFindings(sent: SentTraces | undefined, config: EffectiveConfig): EmitFinding[] {
  if (!sent) return [];
  const findings: EmitFinding[] = [];
  const unsampled = sent.traces.filter((t) => !t.sampled).length;
  if (unsampled > 0) {
    findings.push({
      code: 'EMIT_UNSAMPLED',
      severity: 'info',
      message: `the sampler (${config.sampler.name.value}) dropped ${unsampled} of ${sent.traces.length} traces; only sampled traces are exported`,
    });
  }
  if (sent.propagationLost) {
    findings.push({
      code: 'EMIT_PROPAGATION_LOST',
      severity: 'warning',
      message: `propagators "${config.propagators.value.join(',')}" cannot carry the trace across services: real multi-service traces would break apart`,
      hint: 'OTEL_PROPAGATORS=tracecontext,baggage',
    });
  }
  if (sent.baggageLost) {
    findings.push({
      code: 'EMIT_BAGGAGE_LOST',
      severity: 'warning',
      message: 'baggage (user-id, tenant-id) did not cross service boundaries: the baggage propagator is not configured',
      hint: 'add baggage to OTEL_PROPAGATORS',
    });
  }
  return findings;
}
