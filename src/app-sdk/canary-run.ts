/**
 * One app-SDK canary, run inside the child process: `new NodeSDK().start()` exactly as an
 * application configured by environment does (no options: every setting comes from OTEL_*), then
 * one span, one metric point and one log record, and a shutdown bounded by the doctor's timeout
 * (NodeSDK's shutdown flushes the batch processors and the periodic metric reader, so it is the
 * export). What the SDK did is read from its own exporters and its diag logger.
 */
import { context, diag, DiagLogLevel, metrics, propagation, trace, type DiagLogger } from '@opentelemetry/api';
import { logs, SeverityNumber } from '@opentelemetry/api-logs';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { createExportLedger } from '../sdk/export-ledger.js';
import { withDeadline } from '../sdk/pipeline.js';
import { observeSdk, type NodeSdkInternals } from './observe-sdk.js';
import { diagLine } from './sdk-diag.js';
import type { AppSdkRunRequest, AppSdkRunResult } from './types.js';

export const CANARY_SCOPE = 'otel-proc.app-sdk';
export const CANARY_SPAN_NAME = 'otel-proc app-sdk canary';
export const CANARY_METRIC_NAME = 'otel_proc.app_sdk.canary';
const RUN_ID_ATTRIBUTE = 'otel_proc.run_id';

const MAX_DIAG_LINES = 40;

function diagCollector(lines: string[]): DiagLogger {
  const push =
    (level: string) =>
    (message: string, ...args: unknown[]) => {
      if (lines.length < MAX_DIAG_LINES) lines.push(diagLine(level, message, args));
    };
  return { error: push('error'), warn: push('warn'), info: () => {}, debug: () => {}, verbose: () => {} };
}

/** The environment a run sees: the SDK reads process.env when it is constructed and started. */
function useEnvironment(env: Record<string, string> | undefined): void {
  if (!env) return;
  for (const key of Object.keys(process.env)) if (key.startsWith('OTEL_') || /_proxy$/i.test(key)) delete process.env[key];
  Object.assign(process.env, env);
}

/** Unregister what start() registered globally, so the next run in this process starts clean. */
function resetGlobals(): void {
  trace.disable();
  metrics.disable();
  logs.disable();
  propagation.disable();
  context.disable();
  diag.disable();
}

function jsonValue(value: unknown): unknown {
  return typeof value === 'bigint' ? String(value) : value;
}

/**
 * What NodeSDK.shutdown() does, waiting for every provider: the SDK's own is a Promise.all over
 * them (sdk-node build/src/sdk.js:256), which rejects as soon as one provider's final export fails
 * while the others are still exporting, and a provider shuts down only once, so it cannot be
 * awaited again afterwards.
 */
export function shutdownFully(sdk: NodeSDK): Promise<unknown> {
  const internals = sdk as unknown as NodeSdkInternals;
  const providers = [internals._tracerProvider, internals._loggerProvider, internals._meterProvider] as Array<
    { shutdown(): Promise<void> } | undefined
  >;
  return Promise.allSettled(providers.map((provider) => provider?.shutdown()));
}

export async function runAppSdkCanary(request: AppSdkRunRequest): Promise<AppSdkRunResult> {
  const started = performance.now();
  useEnvironment(request.env);
  const diagLines: string[] = [];
  // Before the constructor: NodeSDK reads the metric exporter settings there. With OTEL_LOG_LEVEL
  // set, NodeSDK installs its own console logger instead, whose lines the parent reads from stderr.
  diag.setLogger(diagCollector(diagLines), { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  const ledger = createExportLedger();
  const result: AppSdkRunResult = {
    runId: request.runId,
    disabled: false,
    exporters: [],
    exports: [],
    attempts: [],
    providers: [],
    sampled: false,
    injectedHeaders: [],
    resource: {},
    diag: diagLines,
    shutdownInTime: true,
    durationMs: 0,
  };
  let sdk: NodeSDK | undefined;
  try {
    sdk = new NodeSDK();
    sdk.start();
    const internals = sdk as unknown as NodeSdkInternals;
    result.disabled = internals._disabled === true;
    const observed = await observeSdk(internals, ledger);
    result.exporters = observed.exporters;
    result.providers = observed.providers;
    result.attempts = observed.attempts;
    const resource = internals._resource;
    await resource?.waitForAsyncAttributes?.();
    result.resource = Object.fromEntries(Object.entries(resource?.attributes ?? {}).map(([key, value]) => [key, jsonValue(value)]));

    const attributes = { [RUN_ID_ATTRIBUTE]: request.runId };
    const span = trace.getTracer(CANARY_SCOPE).startSpan(CANARY_SPAN_NAME, { attributes });
    // Baggage too, so a baggage propagator shows up among the injected headers.
    const spanContext = propagation.setBaggage(
      trace.setSpan(context.active(), span),
      propagation.createBaggage({ 'otel_proc.canary': { value: '1' } }),
    );
    const carrier: Record<string, string> = {};
    propagation.inject(spanContext, carrier);
    result.injectedHeaders = Object.keys(carrier).sort();
    result.sampled = (span.spanContext().traceFlags & 1) === 1;
    result.traceId = span.spanContext().traceId;
    metrics
      .getMeter(CANARY_SCOPE)
      .createCounter(CANARY_METRIC_NAME, { description: 'one point per otel-proc app-sdk canary' })
      .add(1, attributes);
    logs
      .getLogger(CANARY_SCOPE)
      .emit({ body: CANARY_SPAN_NAME, severityNumber: SeverityNumber.INFO, severityText: 'INFO', attributes, context: spanContext });
    span.end();
  } catch (error) {
    result.crashed = error instanceof Error ? error.message : String(error);
  } finally {
    if (sdk) result.shutdownInTime = await withDeadline(shutdownFully(sdk), request.timeoutMs);
    result.exports = ledger.attempts.map((attempt) => ({
      signal: attempt.signal,
      exporter: result.exporters.find((exporter) => exporter.signal === attempt.signal)?.name ?? 'unknown',
      items: attempt.items,
      outcome: attempt.outcome,
      error: attempt.error?.message ?? attempt.partialMessage,
      rejected: attempt.rejected,
      durationMs: Math.round(attempt.durationMs),
    }));
    result.durationMs = Math.round(performance.now() - started);
    resetGlobals();
  }
  return result;
}
