/**
 * The otel-proc config file, reduced to the settings it can contribute, each with its file and line.
 * This is the lowest layer above the defaults: flags > environment > config file > defaults.
 */
import type { BatchConfig, Compression, MetricReaderConfig, OtlpProtocol, Sourced } from './types.js';

export interface SignalFileSettings {
  /** `enabled: false` turns the signal's exporter to `none`. */
  enabled?: Sourced<boolean>;
  endpoint?: Sourced<string>;
  protocol?: Sourced<OtlpProtocol>;
  headers?: Sourced<Record<string, string>>;
  timeoutMs?: Sourced<number>;
  compression?: Sourced<Compression>;
}

export interface FileSettings {
  traces: SignalFileSettings;
  metrics: SignalFileSettings;
  logs: SignalFileSettings;
  serviceName?: Sourced<string>;
  serviceVersion?: Sourced<string>;
  environment?: Sourced<string>;
  resourceAttributes?: Sourced<Record<string, string>>;
  propagators?: Sourced<string[]>;
  sampler?: { name: Sourced<string>; ratio?: Sourced<number> };
  spanBatch: Partial<BatchConfig>;
  metricReader: Partial<MetricReaderConfig>;
}

export function emptyFileSettings(): FileSettings {
  return { traces: {}, metrics: {}, logs: {}, spanBatch: {}, metricReader: {} };
}
