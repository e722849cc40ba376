/**
 * The resource: service.name, service.version, deployment.environment.name and every other attribute,
 * merged across layers. Spec (resource/sdk): OTEL_SERVICE_NAME wins over service.name inside
 * OTEL_RESOURCE_ATTRIBUTES; without either the SDK reports `unknown_service:<process>`.
 */
import { UsageError } from '../errors.js';
import type { DiagnosticSink } from './diagnostics.js';
import { abbreviate, type EnvReader } from './env-reader.js';
import type { FileSettings } from './file-settings.js';
import { parseFlagPair, parseResourceAttributeList } from './key-value-lists.js';
import type { ConfigFlags, Sourced, ValueSource } from './types.js';

export const DEFAULT_SERVICE_NAME = 'unknown_service:node';

export interface ResolvedResource {
  serviceName: Sourced<string>;
  serviceVersion?: Sourced<string>;
  environment?: Sourced<string>;
  attributes: Sourced<Record<string, string>>;
  attributeSources: Record<string, ValueSource>;
}

export function resolveResource(reader: EnvReader, file: FileSettings, flags: ConfigFlags, sink: DiagnosticSink): ResolvedResource {
  const attributes: Record<string, string> = {};
  const sources: Record<string, ValueSource> = {};
  let topSource: ValueSource = { kind: 'default' };
  const apply = (values: Record<string, string>, source: ValueSource): void => {
    for (const [key, value] of Object.entries(values)) {
      attributes[key] = value;
      sources[key] = source;
      topSource = source;
    }
  };

  // Lowest first: the config file, then OTEL_RESOURCE_ATTRIBUTES, then -r flags.
  if (file.resourceAttributes) apply(file.resourceAttributes.value, file.resourceAttributes.source);
  if (file.serviceVersion) apply({ 'service.version': file.serviceVersion.value }, file.serviceVersion.source);
  if (file.environment) apply({ 'deployment.environment.name': file.environment.value }, file.environment.source);
  const fromFileName = file.serviceName;

  const variable = reader.string('OTEL_RESOURCE_ATTRIBUTES');
  const fromEnv = variable ? parseResourceAttributeList(variable.value, variable.source, sink) : undefined;
  if (fromEnv && variable) apply(fromEnv, variable.source);

  const fromFlags: Record<string, string> = {};
  for (const text of flags.resourceAttributes ?? []) {
    const pair = parseFlagPair(text, '--resource-attribute');
    if ('error' in pair) throw new UsageError(pair.error);
    fromFlags[pair.key] = pair.value;
  }
  apply(fromFlags, { kind: 'flag', flag: '--resource-attribute' });

  // The JS envDetector takes OTEL_SERVICE_NAME as it is, spaces included.
  const trimmedServiceName = reader.string('OTEL_SERVICE_NAME');
  const envServiceName =
    trimmedServiceName && reader.untrimmed('OTEL_SERVICE_NAME', 'the spaces become part of service.name')
      ? { value: reader.lookup('OTEL_SERVICE_NAME')!.raw, source: trimmedServiceName.source }
      : trimmedServiceName;
  const flagServiceName: Sourced<string> | undefined =
    flags.serviceName !== undefined && flags.serviceName.trim() !== ''
      ? { value: flags.serviceName.trim(), source: { kind: 'flag', flag: '--service-name' } }
      : undefined;
  const serviceName: Sourced<string> = flagServiceName ??
    (fromFlags['service.name'] !== undefined
      ? { value: fromFlags['service.name'], source: { kind: 'flag', flag: '--resource-attribute' } }
      : undefined) ??
    envServiceName ??
    (fromEnv?.['service.name'] !== undefined && variable ? { value: fromEnv['service.name'], source: variable.source } : undefined) ??
    fromFileName ??
    (attributes['service.name'] !== undefined ? { value: attributes['service.name'], source: sources['service.name']! } : undefined) ?? {
      value: DEFAULT_SERVICE_NAME,
      source: { kind: 'default' },
    };

  if (envServiceName && fromEnv?.['service.name'] !== undefined) {
    const same = fromEnv['service.name'] === envServiceName.value;
    sink.report(
      'SERVICE_NAME_CONFLICT',
      same
        ? 'service.name is set both in OTEL_RESOURCE_ATTRIBUTES and in OTEL_SERVICE_NAME (to the same value).'
        : `service.name is "${abbreviate(fromEnv['service.name'], 60)}" in OTEL_RESOURCE_ATTRIBUTES but "${abbreviate(envServiceName.value, 60)}" in OTEL_SERVICE_NAME; OTEL_SERVICE_NAME wins.`,
      { source: envServiceName.source, hint: 'Set the service name in one place only.', ...(same ? { severity: 'info' as const } : {}) },
    );
  }
  if (serviceName.source.kind === 'default') {
    sink.report(
      'SERVICE_NAME_MISSING',
      `No service name is configured: telemetry is reported as "${DEFAULT_SERVICE_NAME}" and is hard to find.`,
      {
        hint: 'Set OTEL_SERVICE_NAME (or serviceName in the otel-proc config file).',
      },
    );
  }
  attributes['service.name'] = serviceName.value;
  sources['service.name'] = serviceName.source;

  const resolved: ResolvedResource = { serviceName, attributes: { value: attributes, source: topSource }, attributeSources: sources };
  if (attributes['service.version'] !== undefined)
    resolved.serviceVersion = { value: attributes['service.version'], source: sources['service.version']! };
  const environmentKey =
    attributes['deployment.environment.name'] !== undefined
      ? 'deployment.environment.name'
      : attributes['deployment.environment'] !== undefined
        ? 'deployment.environment'
        : undefined;
  if (environmentKey) resolved.environment = { value: attributes[environmentKey]!, source: sources[environmentKey]! };
  return resolved;
}
