/**
 * Compares what the application's NodeSDK did with what otel-proc's resolver predicted from the
 * same environment: exporter kind, protocol and destination per signal. Any difference is a
 * defect in the resolver (validate promises the configuration as the JS SDK uses it), so it is
 * reported in plain words: "your app's SDK sends to X, otel-proc's resolver predicted Y".
 */
import type { EffectiveConfig, Signal } from '../config/types.js';
import type { AppSdkExporter, AppSdkRunResult } from './types.js';

export interface SignalPrediction {
  signal: Signal;
  /** Exporter names as configured (otlp, console, zipkin, prometheus, none). */
  exporters: string[];
  protocol: string;
  url: string;
}

export interface Disagreement {
  signal: Signal;
  what: 'exporter' | 'protocol' | 'destination';
  sdk: string;
  predicted: string;
}

export function predictionFor(config: EffectiveConfig, signal: Signal): SignalPrediction {
  const exporters = config.sdkDisabled.value ? ['none'] : config[signal].exporters.value;
  return { signal, exporters, protocol: config[signal].protocol.value, url: config[signal].url };
}

/** Where a request goes, for comparing: gRPC by scheme (TLS or not) and host:port; HTTP by the whole URL. */
export function destinationKey(protocol: string, url: string): string {
  if (/^unix:/i.test(url.trim())) return url.trim();
  try {
    const parsed = new URL(url.trim());
    return protocol === 'grpc' ? `${parsed.protocol}//${parsed.host}` : parsed.href;
  } catch {
    return url;
  }
}

function exporterKinds(exporters: AppSdkExporter[]): string[] {
  return [...new Set(exporters.map((exporter) => exporter.kind))].sort();
}

function predictedKinds(prediction: SignalPrediction): string[] {
  const kinds = prediction.exporters.filter((name) => name !== 'none');
  // The SDK ignores every other name when `none` is listed (sdk-node sdk.ts: getMetricReadersFromEnv, configureLoggerProviderFromEnv).
  return prediction.exporters.includes('none') && kinds.length === 0 ? [] : [...new Set(kinds)].sort();
}

export function compareSignal(result: AppSdkRunResult, prediction: SignalPrediction): Disagreement[] {
  const { signal } = prediction;
  const built = result.disabled ? [] : result.exporters.filter((exporter) => exporter.signal === signal);
  const sdkKinds = exporterKinds(built);
  const expectedKinds = predictedKinds(prediction);
  const disagreements: Disagreement[] = [];
  if (sdkKinds.join(',') !== expectedKinds.join(',')) {
    disagreements.push({ signal, what: 'exporter', sdk: sdkKinds.join(', ') || 'none', predicted: expectedKinds.join(', ') || 'none' });
    return disagreements;
  }
  const otlp = built.find((exporter) => exporter.kind === 'otlp');
  if (!otlp?.protocol || !otlp.url) return disagreements;
  if (otlp.protocol !== prediction.protocol)
    disagreements.push({ signal, what: 'protocol', sdk: otlp.protocol, predicted: prediction.protocol });
  else if (destinationKey(otlp.protocol, otlp.url) !== destinationKey(prediction.protocol, prediction.url)) {
    disagreements.push({ signal, what: 'destination', sdk: otlp.url, predicted: prediction.url });
  }
  return disagreements;
}
