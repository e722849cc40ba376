/**
 * FIRST CUT of the resolver so other commands can be built against the contract in types.ts.
 * It reads OTEL_* env vars and flags with the spec's precedence and URL rules; config files,
 * --env-file, declarative config and the full diagnostics catalogue are still to come.
 */
import type {
  BatchConfig,
  ConfigFlags,
  EffectiveConfig,
  OtlpProtocol,
  Resolution,
  ResolveOptions,
  Signal,
  SignalExportConfig,
  Sourced,
  ValueSource,
} from './types.js';

const DEFAULT: ValueSource = { kind: 'default' };

function read(env: ResolveOptions['env'], name: string): Sourced<string> | undefined {
  const raw = env[name];
  // Spec "configuration/common": an empty value means unset; JS also trims whitespace.
  if (raw === undefined || raw.trim() === '') return undefined;
  return { value: raw.trim(), source: { kind: 'env', name } };
}

function num(env: ResolveOptions['env'], name: string, fallback: number): Sourced<number> {
  const v = read(env, name);
  if (v && /^\d+$/.test(v.value)) return { value: Number(v.value), source: v.source };
  return { value: fallback, source: DEFAULT };
}

function parsePairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of text.split(',')) {
    const at = entry.indexOf('=');
    if (at <= 0) continue;
    try {
      out[decodeURIComponent(entry.slice(0, at).trim())] = decodeURIComponent(entry.slice(at + 1).trim());
    } catch {
      // malformed percent-encoding: the full resolver reports it
    }
  }
  return out;
}

function resolveSignal(signal: Signal, env: ResolveOptions['env'], flags: ConfigFlags): SignalExportConfig {
  const SIG = signal.toUpperCase();
  const protoRaw: Sourced<string> =
    (flags.protocol !== undefined ? { value: flags.protocol, source: { kind: 'flag', flag: '--protocol' } } : undefined) ??
    read(env, `OTEL_EXPORTER_OTLP_${SIG}_PROTOCOL`) ??
    read(env, 'OTEL_EXPORTER_OTLP_PROTOCOL') ?? { value: 'http/protobuf', source: DEFAULT };
  const protocol = (['grpc', 'http/protobuf', 'http/json'].includes(protoRaw.value) ? protoRaw.value : 'http/protobuf') as OtlpProtocol;
  const isGrpc = protocol === 'grpc';

  const specific = read(env, `OTEL_EXPORTER_OTLP_${SIG}_ENDPOINT`);
  const general = read(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  const flagEndpoint = flags.endpoint !== undefined ? { value: flags.endpoint, source: { kind: 'flag', flag: '--endpoint' } as ValueSource } : undefined;
  const base = flagEndpoint ?? (specific ? undefined : general) ?? (specific ? undefined : { value: isGrpc ? 'http://localhost:4317' : 'http://localhost:4318', source: DEFAULT });
  const endpoint = flagEndpoint ?? specific ?? base!;

  let url: string;
  if (isGrpc) {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint.value) ? endpoint.value : `https://${endpoint.value}`;
    const u = new URL(withScheme);
    url = `${u.protocol}//${u.host}`;
  } else if (endpoint === specific) {
    url = endpoint.value;
  } else {
    url = endpoint.value.endsWith('/') ? `${endpoint.value}v1/${signal}` : `${endpoint.value}/v1/${signal}`;
  }

  const headerText = [read(env, 'OTEL_EXPORTER_OTLP_HEADERS')?.value, read(env, `OTEL_EXPORTER_OTLP_${SIG}_HEADERS`)?.value]
    .filter(Boolean)
    .join(',');
  const headers = { ...parsePairs(headerText), ...parsePairs((flags.headers ?? []).join(',')) };
  const headerSource: ValueSource = flags.headers?.length
    ? { kind: 'flag', flag: '--header' }
    : read(env, `OTEL_EXPORTER_OTLP_${SIG}_HEADERS`)?.source ?? read(env, 'OTEL_EXPORTER_OTLP_HEADERS')?.source ?? DEFAULT;

  const timeout =
    flags.timeoutMs !== undefined
      ? { value: Number(flags.timeoutMs), source: { kind: 'flag', flag: '--timeout' } as ValueSource }
      : read(env, `OTEL_EXPORTER_OTLP_${SIG}_TIMEOUT`) !== undefined
        ? num(env, `OTEL_EXPORTER_OTLP_${SIG}_TIMEOUT`, 10000)
        : num(env, 'OTEL_EXPORTER_OTLP_TIMEOUT', 10000);
  const compressionRaw = read(env, `OTEL_EXPORTER_OTLP_${SIG}_COMPRESSION`) ?? read(env, 'OTEL_EXPORTER_OTLP_COMPRESSION');
  const exportersRaw = read(env, `OTEL_${SIG}_EXPORTER`);

  return {
    signal,
    exporters: exportersRaw
      ? { value: exportersRaw.value.split(',').map((s) => s.trim()), source: exportersRaw.source }
      : { value: ['otlp'], source: DEFAULT },
    protocol: { value: protocol, source: protoRaw.source },
    endpoint,
    url,
    headers: { value: headers, source: headerSource },
    timeoutMs: timeout,
    compression: compressionRaw?.value === 'gzip' ? { value: 'gzip', source: compressionRaw.source } : { value: 'none', source: compressionRaw?.source ?? DEFAULT },
    insecure: { value: url.startsWith('http://'), source: DEFAULT },
  };
}

function batch(env: ResolveOptions['env'], prefix: string, delay: number): BatchConfig {
  return {
    scheduleDelayMs: num(env, `${prefix}_SCHEDULE_DELAY`, delay),
    exportTimeoutMs: num(env, `${prefix}_EXPORT_TIMEOUT`, 30000),
    maxQueueSize: num(env, `${prefix}_MAX_QUEUE_SIZE`, 2048),
    maxExportBatchSize: num(env, `${prefix}_MAX_EXPORT_BATCH_SIZE`, 512),
  };
}

export async function resolveConfig(options: ResolveOptions): Promise<Resolution> {
  const env = options.env;
  const flags = options.flags ?? {};
  const attrs = parsePairs(read(env, 'OTEL_RESOURCE_ATTRIBUTES')?.value ?? '');
  const serviceName: Sourced<string> =
    (flags.serviceName ? { value: flags.serviceName, source: { kind: 'flag', flag: '--service-name' } } : undefined) ??
    read(env, 'OTEL_SERVICE_NAME') ??
    (attrs['service.name'] ? { value: attrs['service.name'], source: { kind: 'env', name: 'OTEL_RESOURCE_ATTRIBUTES' } } : undefined) ?? {
      value: 'unknown_service:node',
      source: DEFAULT,
    };
  const samplerName = read(env, 'OTEL_TRACES_SAMPLER') ?? { value: 'parentbased_always_on', source: DEFAULT };
  const samplerArg = read(env, 'OTEL_TRACES_SAMPLER_ARG');
  const config: EffectiveConfig = {
    sdkDisabled: { value: read(env, 'OTEL_SDK_DISABLED')?.value.toLowerCase() === 'true', source: read(env, 'OTEL_SDK_DISABLED')?.source ?? DEFAULT },
    serviceName,
    resourceAttributes: { value: { ...attrs, 'service.name': serviceName.value }, source: read(env, 'OTEL_RESOURCE_ATTRIBUTES')?.source ?? DEFAULT },
    propagators: read(env, 'OTEL_PROPAGATORS')
      ? { value: read(env, 'OTEL_PROPAGATORS')!.value.split(',').map((s) => s.trim()), source: { kind: 'env', name: 'OTEL_PROPAGATORS' } }
      : { value: ['tracecontext', 'baggage'], source: DEFAULT },
    sampler: {
      name: samplerName,
      ratio: samplerName.value.includes('traceidratio')
        ? samplerArg
          ? { value: Number(samplerArg.value), source: samplerArg.source }
          : { value: 1, source: DEFAULT }
        : undefined,
    },
    logLevel: read(env, 'OTEL_LOG_LEVEL') ?? { value: 'info', source: DEFAULT },
    spanBatch: batch(env, 'OTEL_BSP', 5000),
    logBatch: batch(env, 'OTEL_BLRP', 1000),
    metricReader: {
      exportIntervalMs: num(env, 'OTEL_METRIC_EXPORT_INTERVAL', 60000),
      exportTimeoutMs: num(env, 'OTEL_METRIC_EXPORT_TIMEOUT', 30000),
      temporality: { value: 'cumulative', source: DEFAULT },
      histogramAggregation: { value: 'explicit_bucket_histogram', source: DEFAULT },
    },
    traces: resolveSignal('traces', env, flags),
    metrics: resolveSignal('metrics', env, flags),
    logs: resolveSignal('logs', env, flags),
  };
  return { config, diagnostics: [], files: {} };
}
