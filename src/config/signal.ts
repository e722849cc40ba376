/**
 * One signal's OTLP exporter settings, layer by layer: flags > OTEL_EXPORTER_OTLP_<SIGNAL>_* >
 * OTEL_EXPORTER_OTLP_* > the config file > defaults (the signal-specific variable wins over the general one:
 * https://opentelemetry.io/docs/specs/otel/protocol/exporter/). Headers are merged key by key across layers,
 * the higher layer winning, as the JS exporters merge general and signal-specific headers.
 */
import { UsageError } from '../errors.js';
import type { DiagnosticSink } from './diagnostics.js';
import { DEFAULT_ENDPOINTS, resolveEndpoint } from './endpoint.js';
import { abbreviate, type EnvReader } from './env-reader.js';
import { resolveExporterNames } from './exporter-names.js';
import type { SignalFileSettings } from './file-settings.js';
import { nearestValue } from './known-variables.js';
import { checkHeaderCharacters, parseFlagPair, parseHeaderList } from './key-value-lists.js';
import {
  OTLP_PROTOCOLS,
  type Compression,
  type ConfigFlags,
  type OtlpProtocol,
  type Signal,
  type SignalExportConfig,
  type Sourced,
  type ValueSource,
} from './types.js';

const DEFAULT: ValueSource = { kind: 'default' };
const flag = (name: string): ValueSource => ({ kind: 'flag', flag: name });

export function resolveSignal(
  signal: Signal,
  reader: EnvReader,
  file: SignalFileSettings,
  flags: ConfigFlags,
  sink: DiagnosticSink,
): SignalExportConfig {
  const SIGNAL = signal.toUpperCase();
  const specificName = (option: string): string => `OTEL_EXPORTER_OTLP_${SIGNAL}_${option}`;
  const generalName = (option: string): string => `OTEL_EXPORTER_OTLP_${option}`;

  const configuredExporters = reader.list(`OTEL_${SIGNAL}_EXPORTER`) ??
    (file.enabled && !file.enabled.value ? { value: ['none'], source: file.enabled.source } : undefined) ?? {
      value: ['otlp'],
      source: DEFAULT,
    };
  const exporters = resolveExporterNames(signal, configuredExporters, sink);

  const protocol = resolveProtocol(signal, reader, file, flags, sink);
  const grpc = protocol.value === 'grpc';

  const specificEndpoint = reader.string(specificName('ENDPOINT'));
  const endpoint: Sourced<string> = (flags.endpoint !== undefined ? { value: flags.endpoint, source: flag('--endpoint') } : undefined) ??
    specificEndpoint ??
    reader.string(generalName('ENDPOINT')) ??
    file.endpoint ?? { value: grpc ? DEFAULT_ENDPOINTS.grpc : DEFAULT_ENDPOINTS.http, source: DEFAULT };
  const insecureSetting = flags.insecure
    ? { value: true, source: flag('--insecure') }
    : (reader.boolean(specificName('INSECURE')) ?? reader.boolean(generalName('INSECURE')));
  const resolved = resolveEndpoint(
    { signal, protocol: protocol.value, endpoint, signalSpecific: endpoint === specificEndpoint, insecureSetting },
    sink,
  );
  // The JS HTTP exporters append v1/<signal> to the raw base endpoint: a trailing space ends up
  // inside the URL, which then fails to parse, and the exporter falls back to the default URL.
  if (
    !grpc &&
    endpoint.source.kind === 'env' &&
    endpoint !== specificEndpoint &&
    /\s$/.test(reader.lookup(endpoint.source.name)?.raw ?? '')
  ) {
    reader.untrimmed(endpoint.source.name, `the ${signal} URL becomes invalid and the SDK sends to ${DEFAULT_ENDPOINTS.http}/v1/${signal}`);
    resolved.url = `${DEFAULT_ENDPOINTS.http}/v1/${signal}`;
  }

  const headers = resolveHeaders(reader, file, flags, specificName('HEADERS'), generalName('HEADERS'), sink);
  checkHeaderCharacters(headers.value, grpc, headers.source, sink);

  const timeoutMs = flagNumber(flags.timeoutMs, '--timeout') ??
    reader.number(specificName('TIMEOUT'), { mustBePositive: true, duration: true, consumer: 'finite-timeout' }) ??
    reader.number(generalName('TIMEOUT'), { mustBePositive: true, duration: true, consumer: 'finite-timeout' }) ??
    file.timeoutMs ?? { value: 10_000, source: DEFAULT };

  const compression = flagCompression(flags.compression) ??
    readCompression(reader, specificName('COMPRESSION'), sink) ??
    readCompression(reader, generalName('COMPRESSION'), sink) ??
    file.compression ?? { value: 'none', source: DEFAULT };

  const result: SignalExportConfig = {
    signal,
    exporters,
    protocol,
    endpoint,
    url: resolved.url,
    headers: { value: headers.value, source: headers.source },
    headerSources: headers.sources,
    timeoutMs,
    compression,
    insecure: resolved.insecure,
  };
  const tls: Array<[keyof ConfigFlags, string, 'certificateFile' | 'clientKeyFile' | 'clientCertificateFile', string]> = [
    ['certificate', 'CERTIFICATE', 'certificateFile', '--certificate'],
    ['clientKey', 'CLIENT_KEY', 'clientKeyFile', '--client-key'],
    ['clientCertificate', 'CLIENT_CERTIFICATE', 'clientCertificateFile', '--client-certificate'],
  ];
  for (const [flagKey, option, field, flagName] of tls) {
    const fromFlag = flags[flagKey];
    const value =
      typeof fromFlag === 'string'
        ? { value: fromFlag, source: flag(flagName) }
        : (reader.string(specificName(option)) ?? reader.string(generalName(option)));
    if (value) result[field] = value;
  }
  return result;
}

function resolveProtocol(
  signal: Signal,
  reader: EnvReader,
  file: SignalFileSettings,
  flags: ConfigFlags,
  sink: DiagnosticSink,
): Sourced<OtlpProtocol> {
  if (flags.protocol !== undefined) {
    if (!(OTLP_PROTOCOLS as readonly string[]).includes(flags.protocol))
      throw new UsageError(`--protocol must be one of ${OTLP_PROTOCOLS.join(', ')}`);
    return { value: flags.protocol as OtlpProtocol, source: flag('--protocol') };
  }
  // sdk-node takes the signal-specific variable if set at all, valid or not, then the general one.
  const configured = reader.string(`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_PROTOCOL`) ?? reader.string('OTEL_EXPORTER_OTLP_PROTOCOL');
  if (!configured) return file.protocol ?? { value: 'http/protobuf', source: DEFAULT };
  // sdk-node trims the metrics and logs protocol but not the traces one.
  const protocolName = configured.source.kind === 'env' ? configured.source.name : '';
  if (signal === 'traces' && reader.untrimmed(protocolName, 'the traces exporter does not recognise the protocol and uses http/protobuf')) {
    return { value: 'http/protobuf', source: configured.source };
  }
  if ((OTLP_PROTOCOLS as readonly string[]).includes(configured.value)) return configured as Sourced<OtlpProtocol>;
  const name = configured.source.kind === 'env' ? configured.source.name : 'protocol';
  const nearest = nearestValue(configured.value, OTLP_PROTOCOLS);
  const caseOnly = nearest !== undefined && nearest.toLowerCase() === configured.value.toLowerCase();
  sink.report(
    'OTLP_PROTOCOL_INVALID',
    `${name}="${abbreviate(configured.value, 40)}" is not a protocol the JS SDK knows${caseOnly ? ' (it compares case-sensitively)' : ''}; the ${signal} exporter falls back to http/protobuf.`,
    {
      source: configured.source,
      hint: nearest ? `Did you mean "${nearest}"?` : `Use one of: ${OTLP_PROTOCOLS.join(', ')}.`,
    },
  );
  return { value: 'http/protobuf', source: configured.source };
}

interface MergedHeaders {
  value: Record<string, string>;
  source: ValueSource;
  sources: Record<string, ValueSource>;
}

function resolveHeaders(
  reader: EnvReader,
  file: SignalFileSettings,
  flags: ConfigFlags,
  specific: string,
  general: string,
  sink: DiagnosticSink,
): MergedHeaders {
  const merged: MergedHeaders = { value: {}, source: DEFAULT, sources: {} };
  const apply = (headers: Record<string, string>, source: ValueSource): void => {
    for (const [key, value] of Object.entries(headers)) {
      // HTTP header names are case-insensitive: a later layer replaces any spelling of the same name.
      for (const existing of Object.keys(merged.value)) {
        if (existing.toLowerCase() === key.toLowerCase() && existing !== key) {
          delete merged.value[existing];
          delete merged.sources[existing];
        }
      }
      merged.value[key] = value;
      merged.sources[key] = source;
    }
    if (Object.keys(headers).length > 0) merged.source = source;
  };
  if (file.headers) apply(file.headers.value, file.headers.source);
  for (const name of [general, specific]) {
    const variable = reader.string(name);
    if (variable) apply(parseHeaderList(variable.value, name, variable.source, sink), variable.source);
  }
  const fromFlags: Record<string, string> = {};
  for (const text of flags.headers ?? []) {
    const pair = parseFlagPair(text, '--header');
    if ('error' in pair) throw new UsageError(pair.error);
    fromFlags[pair.key] = pair.value;
  }
  apply(fromFlags, flag('--header'));
  return merged;
}

function readCompression(reader: EnvReader, name: string, sink: DiagnosticSink): Sourced<Compression> | undefined {
  const variable = reader.string(name);
  if (!variable) return undefined;
  if (variable.value === 'gzip' || variable.value === 'none') return variable as Sourced<Compression>;
  const nearest = nearestValue(variable.value, ['gzip', 'none']);
  sink.report('OTLP_COMPRESSION_INVALID', `${name}="${abbreviate(variable.value, 40)}" is not gzip or none; the JS SDK ignores it.`, {
    source: variable.source,
    hint: nearest ? `Did you mean "${nearest}"?` : 'Use gzip or none.',
  });
  return undefined;
}

function flagCompression(text: string | undefined): Sourced<Compression> | undefined {
  if (text === undefined) return undefined;
  if (text !== 'gzip' && text !== 'none') throw new UsageError(`--compression must be gzip or none (got "${abbreviate(text, 40)}")`);
  return { value: text, source: flag('--compression') };
}

export function flagNumber(text: string | undefined, name: string): Sourced<number> | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0)
    throw new UsageError(`${name} expects a number of milliseconds greater than 0 (got "${abbreviate(text, 40)}")`);
  return { value, source: flag(name) };
}
