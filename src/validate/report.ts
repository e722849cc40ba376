/**
 * The report `validate` returns: the effective configuration as plain values (secrets redacted), the
 * provenance of each value keyed by its dotted path, and every diagnostic. Renderers (human, JSON,
 * GitHub annotations) only format this object; it is scrubbed of every known secret before they see it.
 */
import { sortDiagnostics } from '../config/diagnostics.js';
import { displayHeaderName, redactHeaders, redactUrl } from '../boundary/secrets.js';
import type {
  BatchConfig,
  DeclarativeSummary,
  Diagnostic,
  Resolution,
  Severity,
  SignalExportConfig,
  Sourced,
  ValueSource,
} from '../config/types.js';

export interface SignalReport {
  exporters: string[];
  protocol: string;
  /** As configured (a base or signal-specific endpoint). */
  endpoint: string;
  /** Where the exporter really sends. */
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  compression: string;
  insecure: boolean;
  certificateFile?: string;
  clientKeyFile?: string;
  clientCertificateFile?: string;
}

export interface ConfigReport {
  sdkDisabled: boolean;
  serviceName: string;
  serviceVersion?: string;
  environment?: string;
  resourceAttributes: Record<string, string>;
  propagators: string[];
  sampler: { name: string; ratio?: number };
  logLevel: string;
  /** Numbers, or "Infinity" where the JS SDK really uses Infinity (JSON has no Infinity: it would print null). */
  spanBatch: Record<string, number | 'Infinity'>;
  logBatch: Record<string, number | 'Infinity'>;
  metricReader: Record<string, number | string>;
  traces: SignalReport;
  metrics: SignalReport;
  logs: SignalReport;
}

export interface ValidateReport {
  ok: boolean;
  strict: boolean;
  files: Resolution['files'];
  config: ConfigReport;
  /** What the declarative file (OTEL_CONFIG_FILE) sets up, when there is one. */
  declarative?: DeclarativeSummary;
  /** Dotted path (e.g. `traces.endpoint`, `resourceAttributes.service.name`) → where the value came from. */
  provenance: Record<string, ValueSource>;
  diagnostics: Diagnostic[];
  summary: Record<Severity, number>;
  /** With --collector-config: the Collector files checked (their findings are in `diagnostics`). */
  collector?: { files: string[]; components?: string; refused: boolean };
}

export function buildValidateReport(resolution: Resolution, strict: boolean): ValidateReport {
  const provenance: Record<string, ValueSource> = {};
  const take = <T>(path: string, sourced: Sourced<T>): T => {
    provenance[path] = sourced.source;
    return sourced.value;
  };
  const { config } = resolution;
  const report: ConfigReport = {
    sdkDisabled: take('sdkDisabled', config.sdkDisabled),
    serviceName: take('serviceName', config.serviceName),
    resourceAttributes: take('resourceAttributes', config.resourceAttributes),
    propagators: take('propagators', config.propagators),
    sampler: { name: take('sampler.name', config.sampler.name) },
    logLevel: take('logLevel', config.logLevel),
    spanBatch: numbers('spanBatch', config.spanBatch, take),
    logBatch: numbers('logBatch', config.logBatch, take),
    metricReader: {
      exportIntervalMs: finiteOrInfinity(take('metricReader.exportIntervalMs', config.metricReader.exportIntervalMs)),
      exportTimeoutMs: finiteOrInfinity(take('metricReader.exportTimeoutMs', config.metricReader.exportTimeoutMs)),
      temporality: take('metricReader.temporality', config.metricReader.temporality),
      histogramAggregation: take('metricReader.histogramAggregation', config.metricReader.histogramAggregation),
    },
    traces: signalReport(config.traces, take, provenance),
    metrics: signalReport(config.metrics, take, provenance),
    logs: signalReport(config.logs, take, provenance),
  };
  if (config.serviceVersion) report.serviceVersion = take('serviceVersion', config.serviceVersion);
  if (config.environment) report.environment = take('environment', config.environment);
  if (config.sampler.ratio) report.sampler.ratio = take('sampler.ratio', config.sampler.ratio);
  for (const [key, source] of Object.entries(config.resourceAttributeSources ?? {})) provenance[`resourceAttributes.${key}`] = source;

  const diagnostics = sortDiagnostics(resolution.diagnostics);
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of diagnostics) summary[diagnostic.severity] += 1;
  const ok = summary.error === 0 && (!strict || summary.warning === 0);
  const built: ValidateReport = { ok, strict, files: resolution.files, config: report, provenance, diagnostics, summary };
  if (resolution.declarative) {
    built.declarative = {
      ...resolution.declarative,
      exporters: resolution.declarative.exporters.map((exporter) =>
        exporter.endpoint ? { ...exporter, endpoint: redactUrl(exporter.endpoint) } : exporter,
      ),
    };
  }
  return built;
}

function signalReport(
  exporter: SignalExportConfig,
  take: <T>(path: string, sourced: Sourced<T>) => T,
  provenance: Record<string, ValueSource>,
): SignalReport {
  const signal = exporter.signal;
  const report: SignalReport = {
    exporters: take(`${signal}.exporters`, exporter.exporters),
    protocol: take(`${signal}.protocol`, exporter.protocol),
    endpoint: redactUrl(take(`${signal}.endpoint`, exporter.endpoint)),
    url: redactUrl(exporter.url),
    headers: redactHeaders(take(`${signal}.headers`, exporter.headers)),
    timeoutMs: take(`${signal}.timeoutMs`, exporter.timeoutMs),
    compression: take(`${signal}.compression`, exporter.compression),
    insecure: take(`${signal}.insecure`, exporter.insecure),
  };
  for (const [key, source] of Object.entries(exporter.headerSources ?? {}))
    provenance[`${signal}.headers.${displayHeaderName(key)}`] = source;
  if (exporter.certificateFile) report.certificateFile = take(`${signal}.certificateFile`, exporter.certificateFile);
  if (exporter.clientKeyFile) report.clientKeyFile = take(`${signal}.clientKeyFile`, exporter.clientKeyFile);
  if (exporter.clientCertificateFile)
    report.clientCertificateFile = take(`${signal}.clientCertificateFile`, exporter.clientCertificateFile);
  return report;
}

function numbers(
  prefix: string,
  values: BatchConfig,
  take: <T>(path: string, sourced: Sourced<T>) => T,
): Record<string, number | 'Infinity'> {
  return Object.fromEntries(
    Object.entries(values as unknown as Record<string, Sourced<number>>).map(([key, sourced]) => [
      key,
      finiteOrInfinity(take(`${prefix}.${key}`, sourced)),
    ]),
  );
}

function finiteOrInfinity(value: number): number | 'Infinity' {
  return value === Infinity ? 'Infinity' : value;
}
