/**
 * The places the exporters will send to, grouped so each distinct (protocol, scheme, host, port) is
 * probed once even when traces, metrics and logs share it, which is the usual case.
 */
import type { EffectiveConfig, OtlpProtocol, Signal, SignalExportConfig } from '../config/types.js';
import { SIGNALS } from '../config/types.js';

export interface EndpointTarget {
  /** `<protocol> <scheme>://<host>:<port>`: the grouping key. */
  key: string;
  /** `scheme://host:port`, what findings show. */
  origin: string;
  host: string;
  port: number;
  tls: boolean;
  protocol: OtlpProtocol;
  signals: Signal[];
  /** The first signal's export settings: headers, TLS files and timeout are usually shared. */
  exportConfig: SignalExportConfig;
}

/** Signals the doctor should probe: SDK enabled and an `otlp` exporter configured. */
export function activeSignals(config: EffectiveConfig): Signal[] {
  if (config.sdkDisabled.value) return [];
  return SIGNALS.filter((signal) => config[signal].exporters.value.includes('otlp'));
}

export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

export function endpointTargets(config: EffectiveConfig, signals: Signal[]): EndpointTarget[] {
  const targets = new Map<string, EndpointTarget>();
  for (const signal of signals) {
    const exportConfig = config[signal];
    let url: URL;
    try {
      url = new URL(exportConfig.url);
    } catch {
      continue; // an unparsable endpoint is a configuration diagnostic, not something to probe
    }
    const tls = url.protocol === 'https:';
    const port = url.port !== '' ? Number(url.port) : tls ? 443 : 80;
    const origin = `${url.protocol}//${url.hostname}:${port}`;
    const key = `${exportConfig.protocol.value} ${origin}`;
    const existing = targets.get(key);
    if (existing) existing.signals.push(signal);
    else
      targets.set(key, {
        key,
        origin,
        host: hostOf(url),
        port,
        tls,
        protocol: exportConfig.protocol.value,
        signals: [signal],
        exportConfig,
      });
  }
  return [...targets.values()];
}

/**
 * "Set it to this", written the way the value's own layer spells it: `OTEL_X=value`, `--flag value`,
 * or `tracing.otlpProtocol: value in otel-proc.config.yaml:4` for the config file.
 */
export function settingAssignment(source: SignalExportConfig['protocol']['source'], fallback: string, value: string): string {
  if (source.kind === 'env') return `${source.name}=${value}`;
  if (source.kind === 'flag') return `${source.flag} ${value}`;
  if (source.kind === 'file') return `${source.key}: ${value} in ${source.path}${source.line ? `:${source.line}` : ''}`;
  return `${fallback}=${value}`;
}

/** The environment variable (or flag) a user edits to change this value, for fix texts. */
export function settingName(source: SignalExportConfig['protocol']['source'], fallback: string): string {
  if (source.kind === 'env') return source.name;
  if (source.kind === 'flag') return source.flag;
  if (source.kind === 'file') return `${source.key} in ${source.path}`;
  return fallback;
}
