/**
 * The application side of `init`: the otel-proc config file (yaml, json or ts) and `.env.otel`.
 * templates/app/otel-proc.config.yaml is the one source: JSON and TS are that YAML rendered, parsed
 * and printed again, so the three formats can never say different things.
 */
import { parse } from 'yaml';
import { UsageError } from '../errors.js';
import { loadPreset, readTemplate, type PresetName } from './presets.js';
import { renderTemplate } from './template.js';

export const CONFIG_FORMATS = ['yaml', 'json', 'ts'] as const;
export type ConfigFormat = (typeof CONFIG_FORMATS)[number];

export const CONFIG_FILE_NAMES: Record<ConfigFormat, string> = {
  yaml: 'otel-proc.config.yaml',
  json: 'otel-proc.config.json',
  ts: 'otel-proc.config.ts',
};
export const ENV_FILE_NAME = '.env.otel';

export interface AppIdentity {
  serviceName: string;
  serviceVersion: string;
  /** deployment.environment.name; defaults to the preset's. */
  environment?: string;
  /** OTLP endpoint; defaults to the preset's. */
  endpoint?: string;
}

/**
 * "5000" -> "5s", "200" -> "200ms": the file reads like the stream-processor telemetry guide ("Batch
 * Configuration"), the schema accepts both.
 */
function duration(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/**
 * A .env value that both dotenv (otel-proc --env-file) and Node's own `--env-file` read back
 * unchanged. Neither unescapes `\"` inside double quotes (Node even ends the value there), and both
 * expand `\n` in double quotes only, so: bare when plain, else the first quote character the
 * value does not contain, single quotes first.
 */
function envValue(value: string): string {
  if (/^[\w.\-/:%,=@+]*$/.test(value)) return value;
  const quote = ["'", '"', '`'].find((candidate) => !value.includes(candidate) && !(candidate === '"' && value.includes('\\n')));
  if (quote === undefined)
    throw new UsageError(`cannot write ${JSON.stringify(value)} to ${ENV_FILE_NAME}: it contains every quote character (' " \`)`);
  return `${quote}${value}${quote}`;
}

function templateValues(presetName: PresetName, identity: AppIdentity) {
  const preset = loadPreset(presetName);
  const app = preset.app;
  const environment = identity.environment ?? app.environment;
  const endpoint = identity.endpoint ?? app.endpoint;
  const ratio = app.samplerRatio ?? '';
  // OTEL_RESOURCE_ATTRIBUTES values are percent-encoded:
  // https://opentelemetry.io/docs/specs/otel/resource/sdk/#specifying-resource-information-via-an-environment-variable
  const resourceAttributes = [
    `service.version=${encodeURIComponent(identity.serviceVersion)}`,
    `deployment.environment.name=${encodeURIComponent(environment)}`,
  ].join(',');
  return {
    preset: preset.name,
    presetDescription: preset.description,
    // JSON strings are valid YAML double-quoted scalars: no value can break the document.
    q: {
      serviceName: JSON.stringify(identity.serviceName),
      serviceVersion: JSON.stringify(identity.serviceVersion),
      environment: JSON.stringify(environment),
      endpoint: JSON.stringify(endpoint),
      protocol: JSON.stringify(app.protocol),
    },
    env: { serviceName: envValue(identity.serviceName), resourceAttributes: envValue(resourceAttributes), endpoint: envValue(endpoint) },
    protocol: app.protocol,
    sampler: app.sampler,
    ratio,
    ratioPercent: typeof ratio === 'number' ? Math.round(ratio * 1000) / 10 : '',
    timeout: duration(app.timeoutMs),
    timeoutMs: app.timeoutMs,
    compression: app.compression,
    temporality: app.metrics.temporality,
    tls: app.tlsPlaceholders,
    authHeaderPlaceholder: app.authHeaderPlaceholder,
    batch: {
      ...app.batch,
      scheduledDelay: duration(app.batch.scheduleDelayMs),
      exportTimeout: duration(app.batch.exportTimeoutMs),
    },
    metrics: {
      ...app.metrics,
      exportInterval: duration(app.metrics.exportIntervalMs),
      exportTimeout: duration(app.metrics.exportTimeoutMs),
    },
  };
}

/** A JS object literal: JSON with identifier keys unquoted, as people write TS configs. */
function objectLiteral(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, '$1$2:');
}

export function renderConfigFile(format: ConfigFormat, preset: PresetName, identity: AppIdentity): string {
  const values = templateValues(preset, identity);
  const yaml = renderTemplate(readTemplate('app/otel-proc.config.yaml'), values, 'templates/app/otel-proc.config.yaml');
  if (format === 'yaml') return yaml;
  const document = parse(yaml) as unknown;
  if (format === 'json') return `${JSON.stringify(document, null, 2)}\n`;
  return renderTemplate(
    readTemplate('app/otel-proc.config.ts'),
    { ...values, objectLiteral: objectLiteral(document) },
    'templates/app/otel-proc.config.ts',
  );
}

export function renderEnvFile(preset: PresetName, identity: AppIdentity): string {
  return renderTemplate(readTemplate('app/env.otel'), templateValues(preset, identity), 'templates/app/env.otel');
}
