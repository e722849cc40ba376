/**
 * `emit --engine app-sdk`: the SdkPipeline interface emit sends through, backed by a NodeSDK that
 * builds everything from the environment, as `new NodeSDK().start()` does in the application:
 * its exporters, batch processors, periodic metric reader, sampler, resource detectors (env, host,
 * process) and propagators. otel-proc only watches its exporters (export ledger) and flushes it.
 *
 * The SDK reads process.env while it is constructed and started, so the application's environment
 * is put there for that moment and the previous values restored right after.
 */
import type { Logger } from '@opentelemetry/api-logs';
import type { LoggerProvider } from '@opentelemetry/sdk-logs';
import type { MeterProvider } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { Tracer } from '@opentelemetry/api';
import type { EffectiveConfig, Signal } from '../config/types.js';
import { createExportLedger, type ExportLedger } from '../sdk/export-ledger.js';
import { INSTRUMENTATION_SCOPE, withDeadline, type SdkPipeline } from '../sdk/pipeline.js';
import { buildPropagator } from '../sdk/propagators.js';
import { buildSampler } from '../sdk/sampler.js';
import { shutdownFully } from './canary-run.js';
import { observeSdk, type NodeSdkInternals, type ObservedSdk } from './observe-sdk.js';

interface Flushable {
  forceFlush(): Promise<void>;
}
interface TracerProviderLike extends Flushable {
  getTracer(name: string, version?: string): Tracer;
}

const MARGIN_MS = 5000;

function withEnvironment<T>(env: Record<string, string | undefined>, work: () => T): T {
  const saved = Object.fromEntries(Object.entries(process.env).filter(([key]) => key.startsWith('OTEL_') || /_proxy$/i.test(key)));
  for (const key of Object.keys(saved)) delete process.env[key];
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && (key.startsWith('OTEL_') || /_proxy$/i.test(key))) process.env[key] = value;
  try {
    return work();
  } finally {
    for (const key of Object.keys(process.env)) if (key.startsWith('OTEL_') || /_proxy$/i.test(key)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

export interface AppSdkPipeline extends SdkPipeline {
  observed: ObservedSdk;
}

/**
 * `config` is what otel-proc's resolver makes of the same environment: it names the service and
 * sizes the pacing; the SDK itself takes nothing from it.
 */
export async function createAppSdkPipeline(
  env: Record<string, string | undefined>,
  config: EffectiveConfig,
  options: { ledger?: ExportLedger } = {},
): Promise<AppSdkPipeline> {
  const ledger = options.ledger ?? createExportLedger();
  const sdk = withEnvironment(env, () => {
    const created = new NodeSDK();
    created.start();
    return created;
  });
  const internals = sdk as unknown as NodeSdkInternals;
  const observed = await observeSdk(internals, ledger);
  const tracerProvider = internals._tracerProvider as TracerProviderLike | undefined;
  const meterProvider = internals._meterProvider as MeterProvider | undefined;
  const loggerProvider = internals._loggerProvider as LoggerProvider | undefined;
  const budgetMs = Math.max(0, ...(['traces', 'metrics', 'logs'] as const).map((s) => config[s].timeoutMs.value)) + MARGIN_MS;
  const providerOf = (signal: Signal): Flushable | undefined =>
    signal === 'traces' ? tracerProvider : signal === 'metrics' ? meterProvider : loggerProvider;
  let shutdownResult: Promise<boolean> | undefined;
  return {
    config,
    ledger,
    observed,
    sampler: buildSampler(config.sampler),
    propagator: buildPropagator(config.propagators.value),
    tracer(service?: string): Tracer {
      if (!tracerProvider) throw new Error('the SDK built no tracer provider from this environment');
      if (service !== undefined && service !== config.serviceName.value)
        throw new Error('the app-sdk engine runs one service, like one application');
      return tracerProvider.getTracer(INSTRUMENTATION_SCOPE.name, INSTRUMENTATION_SCOPE.version);
    },
    logger(service?: string): Logger {
      if (!loggerProvider) throw new Error('the SDK built no logger provider from this environment');
      if (service !== undefined && service !== config.serviceName.value)
        throw new Error('the app-sdk engine runs one service, like one application');
      return loggerProvider.getLogger(INSTRUMENTATION_SCOPE.name, INSTRUMENTATION_SCOPE.version);
    },
    meterProvider,
    loggerProvider,
    flush: () =>
      withDeadline(Promise.allSettled([tracerProvider?.forceFlush(), meterProvider?.forceFlush(), loggerProvider?.forceFlush()]), budgetMs),
    flushSignal: (signal) => withDeadline(Promise.allSettled([providerOf(signal)?.forceFlush()]), budgetMs),
    abort() {
      // The OTLP exporters keep their transport in `_delegate._transport`; its shutdown closes the
      // gRPC channel, so later exports fail at once (HTTP requests end with their own timeout).
      for (const exporter of observed.instances) {
        try {
          (exporter as { _delegate?: { _transport?: { shutdown?: () => void } } })._delegate?._transport?.shutdown?.();
        } catch {
          // already closed
        }
      }
    },
    shutdown() {
      shutdownResult ??= withDeadline(shutdownFully(sdk), budgetMs);
      return shutdownResult;
    },
  };
}
