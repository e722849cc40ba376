/**
 * Watches a started NodeSDK from the outside, without changing what it does: finds the exporters
 * it built for each signal, wraps their export() with the export ledger (result per call, partial
 * success read from the response) and their transport's send() (each request, retries included),
 * and describes each exporter. Used by the doctor's app-sdk child and by `emit --engine app-sdk`.
 */
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';
import type { Signal } from '../config/types.js';
import { captureExports, type ExportLedger } from '../sdk/export-ledger.js';
import { describeExporter, findExporters } from './inspect-exporters.js';
import type { AppSdkAttempt, AppSdkExporter } from './types.js';

/** NodeSDK's private fields (sdk-node/src/sdk.ts): the providers start() built, the merged resource. */
export interface NodeSdkInternals {
  _disabled?: boolean;
  _tracerProvider?: object;
  _meterProvider?: object;
  _loggerProvider?: object;
  _resource?: { attributes: Record<string, unknown>; waitForAsyncAttributes?: () => Promise<void> };
}

export interface ObservedSdk {
  exporters: AppSdkExporter[];
  providers: Signal[];
  attempts: AppSdkAttempt[];
  /** The exporter objects themselves, e.g. to close their transports on Ctrl-C. */
  instances: object[];
}

type Send = (data: Uint8Array, timeoutMillis: number) => Promise<{ status: string; error?: Error }>;
interface TransportHolder {
  _delegate?: { _transport?: { send?: Send; _transport?: { send?: Send } } };
}

function countItems(items: unknown): number {
  if (Array.isArray(items)) return items.length;
  const metrics = items as ResourceMetrics;
  return metrics.scopeMetrics?.reduce((n, scope) => n + scope.metrics.reduce((m, metric) => m + metric.dataPoints.length, 0), 0) ?? 0;
}

function errorText(error: unknown): string | undefined {
  if (error === undefined || error === null) return undefined;
  return error instanceof Error ? error.message : String(error);
}

/** Record every request the innermost transport makes (the retrying transport calls it once per attempt). */
function watchAttempts(signal: Signal, exporter: object, attempts: AppSdkAttempt[]): void {
  const outer = (exporter as TransportHolder)._delegate?._transport;
  const inner = outer?._transport?.send ? outer._transport : outer;
  if (!inner?.send) return;
  const send = inner.send.bind(inner);
  inner.send = async (data, timeoutMillis) => {
    try {
      const response = await send(data, timeoutMillis);
      attempts.push({
        signal,
        status: response.status === 'success' ? 'success' : response.status === 'retryable' ? 'retryable' : 'failure',
        error: errorText(response.error),
      });
      return response;
    } catch (error) {
      attempts.push({ signal, status: 'failure', error: errorText(error) });
      throw error;
    }
  };
}

export async function observeSdk(sdk: NodeSdkInternals, ledger: ExportLedger): Promise<ObservedSdk> {
  const roots: Array<[Signal, object | undefined]> = [
    ['traces', sdk._tracerProvider],
    ['metrics', sdk._meterProvider],
    ['logs', sdk._loggerProvider],
  ];
  const observed: ObservedSdk = { exporters: [], providers: [], attempts: [], instances: [] };
  for (const [signal, provider] of roots) {
    if (!provider) continue;
    observed.providers.push(signal);
    for (const exporter of findExporters(provider)) {
      observed.exporters.push(await describeExporter(signal, exporter));
      observed.instances.push(exporter);
      if (typeof (exporter as { export?: unknown }).export !== 'function') continue; // a pull exporter (Prometheus)
      captureExports(signal, exporter as { export(items: unknown, done: (result: never) => void): void }, countItems, ledger);
      watchAttempts(signal, exporter, observed.attempts);
    }
  }
  return observed;
}
