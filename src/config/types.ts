/**
 * The shape every command consumes: the effective telemetry configuration, each value with the
 * place it came from, and the diagnostics found while resolving it.
 * This file is the contract between the configuration core and the commands; change it with care.
 */
export const SIGNALS = ['traces', 'metrics', 'logs'] as const;
export type Signal = (typeof SIGNALS)[number];

export const OTLP_PROTOCOLS = ['grpc', 'http/protobuf', 'http/json'] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

import type { Finding, ValueSource } from '../findings/finding.js';

export type { Severity, ValueSource } from '../findings/finding.js';

export interface Sourced<T> {
  value: T;
  source: ValueSource;
}

/** A finding about the configuration: the one finding shape (findings/finding.ts). */
export type Diagnostic = Finding;

export type Compression = 'gzip' | 'none';

export interface SignalExportConfig {
  signal: Signal;
  /** OTEL_{TRACES,METRICS,LOGS}_EXPORTER, e.g. ['otlp'] or ['none']. */
  exporters: Sourced<string[]>;
  protocol: Sourced<OtlpProtocol>;
  /** The endpoint as configured: a base endpoint, or a signal-specific one. */
  endpoint: Sourced<string>;
  /**
   * Where the exporter actually sends. HTTP: the full URL (base + `v1/<signal>`, or the
   * signal-specific endpoint as given). gRPC: `scheme://host:port` (a path is ignored by the JS SDK).
   */
  url: string;
  /** Real header values: needed to export. Redact with `redactHeaders` before they enter any report. */
  headers: Sourced<Record<string, string>>;
  /** Where each header came from (headers merge across layers; `headers.source` is the highest one). */
  headerSources?: Record<string, ValueSource>;
  timeoutMs: Sourced<number>;
  compression: Sourced<Compression>;
  /** gRPC plaintext. Derived from the scheme when there is one (the scheme always wins). */
  insecure: Sourced<boolean>;
  certificateFile?: Sourced<string>;
  clientKeyFile?: Sourced<string>;
  clientCertificateFile?: Sourced<string>;
}

export interface BatchConfig {
  scheduleDelayMs: Sourced<number>;
  exportTimeoutMs: Sourced<number>;
  maxQueueSize: Sourced<number>;
  maxExportBatchSize: Sourced<number>;
}

export type Temporality = 'cumulative' | 'delta' | 'lowmemory';
export type HistogramAggregation = 'explicit_bucket_histogram' | 'base2_exponential_bucket_histogram';

export interface MetricReaderConfig {
  exportIntervalMs: Sourced<number>;
  exportTimeoutMs: Sourced<number>;
  temporality: Sourced<Temporality>;
  histogramAggregation: Sourced<HistogramAggregation>;
}

export interface SamplerConfig {
  /** Spec name, e.g. `parentbased_traceidratio`. */
  name: Sourced<string>;
  /** The ratio for ratio samplers; undefined for the others. */
  ratio?: Sourced<number>;
}

export interface EffectiveConfig {
  sdkDisabled: Sourced<boolean>;
  serviceName: Sourced<string>;
  serviceVersion?: Sourced<string>;
  /** deployment.environment.name */
  environment?: Sourced<string>;
  /** All resource attributes, service.name included, after precedence. */
  resourceAttributes: Sourced<Record<string, string>>;
  /** Where each resource attribute came from (they merge across layers). */
  resourceAttributeSources?: Record<string, ValueSource>;
  propagators: Sourced<string[]>;
  sampler: SamplerConfig;
  logLevel: Sourced<string>;
  spanBatch: BatchConfig;
  logBatch: BatchConfig;
  metricReader: MetricReaderConfig;
  traces: SignalExportConfig;
  metrics: SignalExportConfig;
  logs: SignalExportConfig;
}

/** Configuration-changing flags shared by validate, emit, load and doctor. Highest precedence. */
export interface ConfigFlags {
  endpoint?: string;
  protocol?: string;
  serviceName?: string;
  /** `key=value` entries, repeatable. */
  headers?: string[];
  timeoutMs?: string;
  compression?: string;
  insecure?: boolean;
  sampler?: string;
  samplerArg?: string;
  /** `key=value` entries, repeatable. */
  resourceAttributes?: string[];
  certificate?: string;
  clientKey?: string;
  clientCertificate?: string;
}

export interface ResolveOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  flags?: ConfigFlags;
  /** --config: an explicit otel-proc config file; otherwise cosmiconfig searches from cwd. */
  configPath?: string;
  /** Skip the cosmiconfig search (tests, and commands that should ignore files). */
  noConfigSearch?: boolean;
  /** --env-file: a .env file whose variables count as environment, below real env vars. */
  envFile?: string;
  /** --otel-config-file, else OTEL_CONFIG_FILE: an OpenTelemetry declarative configuration file. */
  otelConfigFile?: string;
  /** Told every secret value the resolution saw, so the output boundary can hide it wherever it turns up. */
  onSecrets?: (values: readonly string[]) => void;
}

/** One exporter a declarative configuration file (OTEL_CONFIG_FILE) sets up. */
export interface DeclarativeExporter {
  signal: Signal;
  /** e.g. `otlp_http`, `otlp_grpc`, `console`. */
  kind: string;
  endpoint?: string;
  /** Header names only: values are secrets. */
  headerNames: string[];
  /** Where in the file, e.g. `tracer_provider.processors.0.batch.exporter.otlp_http`. */
  key: string;
}

/**
 * What a declarative configuration file sets up (used by the JS SDK's experimental startNodeSDK();
 * `new NodeSDK()` ignores the file and uses `config` above).
 */
export interface DeclarativeSummary {
  disabled: boolean;
  serviceName?: string;
  sampler?: string;
  propagators?: string[];
  exporters: DeclarativeExporter[];
}

export interface Resolution {
  config: EffectiveConfig;
  diagnostics: Diagnostic[];
  /** The files that took part, for the report header. */
  files: { configFile?: string; envFile?: string; declarativeConfigFile?: string };
  /**
   * Every secret value seen while resolving (header values, URL passwords, secret-looking variables),
   * longest first. Reports pass their output through `scrubSecrets(report, secretValues)` from
   * config/redact.ts so that no renderer can leak one.
   */
  secretValues?: string[];
  /** Present when OTEL_CONFIG_FILE / --otel-config-file names a readable declarative file. */
  declarative?: DeclarativeSummary;
}
