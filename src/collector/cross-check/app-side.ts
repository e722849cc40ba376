/**
 * The application's side of the cross-check: for each signal it exports over OTLP, where it sends
 * (protocol, host, port, path, TLS), which headers and compression it uses and how large its
 * batches get, each with the setting it came from.
 */
import { describeSource } from '../../config/diagnostics.js';
import { redactUrl } from '../../boundary/secrets.js';
import type { EffectiveConfig, Signal, Sourced, ValueSource } from '../../config/types.js';
import { SIGNALS } from '../../config/types.js';
import type { CollectorCode } from '../catalogue.js';
import type { Origin } from '../tree.js';
import type { ReceiverProtocol } from './receivers.js';

export type CrossCheckReport = (code: CollectorCode, message: string, where: { origin: Origin; key: string }, hint: string) => void;

/** A typical encoded span or log record with a handful of attributes, for sizing batches. */
export const BYTES_PER_ITEM = 1024;

export interface AppSignal {
  signal: Signal;
  protocol: ReceiverProtocol;
  protocolSetting: Sourced<string>;
  endpointSetting: Sourced<string>;
  /** The URL the exporter sends to, redacted. */
  url: string;
  host: string;
  port: number;
  path: string;
  tls: boolean;
  /** Lower-case header names → the header's value, for comparisons only (never printed). */
  headers: Map<string, string>;
  headersSource: ValueSource;
  compression: Sourced<string>;
  /** Items per export (spans or log records); metrics have no batch size. */
  batchSize?: Sourced<number>;
}

/** `OTEL_EXPORTER_OTLP_ENDPOINT (.env:3)`, how a finding names the app's setting. */
export function appSetting(source: ValueSource, fallback: string): string {
  return source.kind === 'default' ? `${fallback} (default)` : describeSource(source);
}

export function appSignals(config: EffectiveConfig): AppSignal[] {
  if (config.sdkDisabled.value) return [];
  const signals: AppSignal[] = [];
  for (const signal of SIGNALS) {
    const exporter = config[signal];
    if (!exporter.exporters.value.includes('otlp')) continue;
    let url: URL;
    try {
      url = new URL(exporter.url);
    } catch {
      continue; // an unparsable endpoint already has its own diagnostic
    }
    const tls = url.protocol === 'https:';
    const app: AppSignal = {
      signal,
      protocol: exporter.protocol.value === 'grpc' ? 'grpc' : 'http',
      protocolSetting: exporter.protocol,
      endpointSetting: exporter.endpoint,
      url: redactUrl(exporter.url),
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port !== '' ? Number(url.port) : tls ? 443 : 80,
      path: url.pathname,
      tls,
      headers: new Map(Object.entries(exporter.headers.value).map(([name, value]) => [name.toLowerCase(), value])),
      headersSource: exporter.headers.source,
      compression: exporter.compression,
    };
    if (signal === 'traces') app.batchSize = config.spanBatch.maxExportBatchSize;
    if (signal === 'logs') app.batchSize = config.logBatch.maxExportBatchSize;
    signals.push(app);
  }
  return signals;
}
