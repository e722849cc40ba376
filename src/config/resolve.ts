/**
 * The configuration core: what telemetry configuration will the application actually run with?
 * Layers, highest first: flags > environment (real variables, then --env-file) > otel-proc config
 * file > defaults; every value keeps its provenance, and every problem found on the way becomes a
 * diagnostic with a stable code. Unreadable files throw ConfigurationError (exit 2); everything else
 * is reported, never thrown, so `validate` can show the whole picture at once.
 */
import { loadConfigFile } from './config-file/load.js';
import { configFileToSettings } from './config-file/to-settings.js';
import { checkDeclarativeConfig } from './declarative/check.js';
import { dedupeDiagnostics, DiagnosticSink } from './diagnostics.js';
import { loadEnvFile, reportIgnoredLines } from './env-file.js';
import { checkVariableNames } from './env-names.js';
import { EnvReader, type EnvFileVariable } from './env-reader.js';
import { emptyFileSettings, type FileSettings } from './file-settings.js';
import {
  checkOtherGeneralVariables,
  resolveBatch,
  resolveLogLevel,
  resolveMetricReader,
  resolvePropagators,
  resolveSampler,
} from './general.js';
import { isPropagationHeader, isSecretName, SecretCollector } from '../boundary/secrets.js';
import { resolveResource } from './resource.js';
import { checkEffectiveConfig } from './rules.js';
import { resolveSignal } from './signal.js';
import { reportShadowedValues } from './shadowing.js';
import type { EffectiveConfig, Resolution, ResolveOptions } from './types.js';
import { SIGNALS } from './types.js';

export async function resolveConfig(options: ResolveOptions): Promise<Resolution> {
  const sink = new DiagnosticSink();
  const flags = options.flags ?? {};
  const files: Resolution['files'] = {};

  let fileVariables = new Map<string, EnvFileVariable>();
  if (options.envFile !== undefined) {
    const envFile = await loadEnvFile(options.cwd, options.envFile);
    fileVariables = envFile.variables;
    files.envFile = envFile.displayPath;
    reportIgnoredLines(envFile, sink);
  }
  const reader = new EnvReader(options.env, fileVariables, sink);

  const settings: FileSettings = emptyFileSettings();
  if (!options.noConfigSearch || options.configPath !== undefined) {
    const configFile = await loadConfigFile(options.cwd, options.configPath);
    if (configFile) {
      files.configFile = configFile.displayPath;
      configFileToSettings(configFile, settings, sink);
    }
  }

  const config = resolveEffectiveConfig(reader, settings, flags, sink);

  // OTEL_EXPERIMENTAL_CONFIG_FILE is not read by the JS SDK at all: ENV_NAME_OBSOLETE says to rename it.
  const declarativePath = options.otelConfigFile ?? reader.string('OTEL_CONFIG_FILE')?.value;
  const declarativeSecrets = new SecretCollector();
  let declarativeSummary: Resolution['declarative'];
  if (declarativePath !== undefined) {
    const declarative = await checkDeclarativeConfig(
      { path: declarativePath, cwd: options.cwd, reader, viaFlag: options.otelConfigFile !== undefined, secrets: declarativeSecrets },
      sink,
    );
    files.declarativeConfigFile = declarative.displayPath;
    declarativeSummary = declarative.summary;
    // With a declarative file the SDK takes its resource from the file, not from OTEL_SERVICE_NAME.
    if (declarative.summary?.serviceName !== undefined) removeCode(sink, 'SERVICE_NAME_MISSING');
  }

  checkVariableNames(reader, sink);
  reportShadowedValues(config, settings, reader, sink);
  const diagnostics = dedupeDiagnostics([
    ...sink.diagnostics,
    ...checkEffectiveConfig(config, { env: { ...mapValues(fileVariables), ...options.env }, cwd: options.cwd }),
  ]);
  const secretValues = [...new Set([...collectSecrets(config, reader, settings, flags.headers), ...declarativeSecrets.values()])].sort(
    (a, b) => b.length - a.length,
  );
  options.onSecrets?.(secretValues);
  const resolution: Resolution = { config, diagnostics, files, secretValues };
  if (declarativeSummary) resolution.declarative = declarativeSummary;
  return resolution;
}

function resolveEffectiveConfig(
  reader: EnvReader,
  settings: FileSettings,
  flags: NonNullable<ResolveOptions['flags']>,
  sink: DiagnosticSink,
): EffectiveConfig {
  const resource = resolveResource(reader, settings, flags, sink);
  const config: EffectiveConfig = {
    sdkDisabled: reader.boolean('OTEL_SDK_DISABLED') ?? { value: false, source: { kind: 'default' } },
    serviceName: resource.serviceName,
    resourceAttributes: resource.attributes,
    resourceAttributeSources: resource.attributeSources,
    propagators: resolvePropagators(reader, settings, sink),
    sampler: resolveSampler(reader, settings, flags, sink),
    logLevel: resolveLogLevel(reader, sink),
    spanBatch: resolveBatch(reader, 'OTEL_BSP', settings.spanBatch),
    logBatch: resolveBatch(reader, 'OTEL_BLRP', {}),
    metricReader: resolveMetricReader(reader, settings.metricReader),
    traces: resolveSignal('traces', reader, settings.traces, flags, sink),
    metrics: resolveSignal('metrics', reader, settings.metrics, flags, sink),
    logs: resolveSignal('logs', reader, settings.logs, flags, sink),
  };
  if (resource.serviceVersion) config.serviceVersion = resource.serviceVersion;
  if (resource.environment) config.environment = resource.environment;
  checkOtherGeneralVariables(reader, sink);
  return config;
}

function collectSecrets(config: EffectiveConfig, reader: EnvReader, settings: FileSettings, flagHeaders: string[] | undefined): string[] {
  const secrets = new SecretCollector();
  for (const signal of SIGNALS) {
    // Propagation headers given with --header (traceparent, b3) are test input doctor discusses, not credentials.
    for (const [name, value] of Object.entries(config[signal].headers.value)) if (!isPropagationHeader(name)) secrets.add(value);
    for (const value of Object.values(settings[signal].headers?.value ?? {})) secrets.add(value);
    secrets.addUrl(config[signal].endpoint.value);
  }
  for (const name of reader.names()) {
    if (!isSecretName(name) || name.endsWith('_CLIENT_KEY')) continue;
    const raw = reader.lookup(name)?.raw;
    if (/HEADERS?$/.test(name)) secrets.addHeaderList(raw);
    else secrets.add(raw);
  }
  for (const text of flagHeaders ?? [])
    if (!isPropagationHeader(text.slice(0, Math.max(0, text.indexOf('='))))) secrets.add(text.slice(text.indexOf('=') + 1));
  return secrets.values();
}

function removeCode(sink: DiagnosticSink, code: string): void {
  for (let index = sink.diagnostics.length - 1; index >= 0; index -= 1)
    if (sink.diagnostics[index]!.code === code) sink.diagnostics.splice(index, 1);
}

function mapValues(variables: Map<string, EnvFileVariable>): Record<string, string> {
  return Object.fromEntries([...variables].map(([name, variable]) => [name, variable.value]));
}
