/**
 * What a declarative configuration file sets up, for the report: its exporters per signal (kind,
 * endpoint, header names), sampler, propagators and service name, and the endpoint rules applied to
 * them. In the declarative model (opentelemetry-configuration) an otlp_http `endpoint` is the full
 * URL, path included (default http://localhost:4318/v1/traces); otlp_grpc takes scheme://host:port.
 */
import type { DiagnosticSink } from '../diagnostics.js';
import { abbreviate } from '../env-reader.js';
import type { SecretCollector } from '../../boundary/secrets.js';
import type { DeclarativeExporter, DeclarativeSummary, Signal, ValueSource } from '../types.js';
import type { PathSegment } from '../config-file/positions.js';

type Model = Record<string, unknown>;
const isObject = (value: unknown): value is Model => !!value && typeof value === 'object' && !Array.isArray(value);

const PROVIDERS: Array<{ signal: Signal; provider: string; list: string; wrappers: string[] }> = [
  { signal: 'traces', provider: 'tracer_provider', list: 'processors', wrappers: ['batch', 'simple'] },
  { signal: 'metrics', provider: 'meter_provider', list: 'readers', wrappers: ['periodic'] },
  { signal: 'logs', provider: 'logger_provider', list: 'processors', wrappers: ['batch', 'simple'] },
];

export function summariseDeclarative(
  model: Model,
  sourceAt: (path: PathSegment[]) => ValueSource,
  secrets: SecretCollector,
  sink: DiagnosticSink,
): DeclarativeSummary {
  const summary: DeclarativeSummary = { disabled: model.disabled === true, exporters: [] };
  if (summary.disabled)
    sink.report('SDK_DISABLED', 'The declarative file sets disabled: true: the SDK starts as a no-op.', { source: sourceAt(['disabled']) });
  for (const { signal, provider, list, wrappers } of PROVIDERS) {
    const entries = isObject(model[provider]) ? (model[provider] as Model)[list] : undefined;
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, index) => {
      for (const wrapper of wrappers) {
        const exporter = isObject(entry) && isObject(entry[wrapper]) ? (entry[wrapper] as Model).exporter : undefined;
        if (!isObject(exporter)) continue;
        for (const [kind, settings] of Object.entries(exporter)) {
          const path: PathSegment[] = [provider, list, index, wrapper, 'exporter', kind];
          summary.exporters.push(describeExporter(signal, kind, isObject(settings) ? settings : {}, path, sourceAt, secrets, sink));
        }
      }
    });
  }
  const sampler = isObject(model.tracer_provider) ? (model.tracer_provider as Model).sampler : undefined;
  if (isObject(sampler)) {
    summary.sampler = describeSampler(sampler);
    if (
      summary.sampler === 'always_off' ||
      summary.sampler === 'parent_based(always_off)' ||
      /trace_id_ratio_based\(0\)/.test(summary.sampler)
    ) {
      sink.report('SAMPLING_DROPS_ALL', `The declarative sampler ${summary.sampler} keeps no root traces.`, {
        source: sourceAt(['tracer_provider', 'sampler']),
      });
    }
  }
  const propagator = isObject(model.propagator) ? model.propagator : undefined;
  if (propagator) {
    const composite = Array.isArray(propagator.composite)
      ? propagator.composite.flatMap((item) => (isObject(item) ? Object.keys(item) : []))
      : [];
    const listed =
      typeof propagator.composite_list === 'string'
        ? propagator.composite_list
            .split(',')
            .map((name) => name.trim())
            .filter(Boolean)
        : [];
    summary.propagators = [...new Set([...composite, ...listed])];
  }
  return summary;
}

function describeExporter(
  signal: Signal,
  kind: string,
  settings: Model,
  path: PathSegment[],
  sourceAt: (path: PathSegment[]) => ValueSource,
  secrets: SecretCollector,
  sink: DiagnosticSink,
): DeclarativeExporter {
  const headerNames: string[] = [];
  if (Array.isArray(settings.headers)) {
    for (const header of settings.headers) {
      if (!isObject(header)) continue;
      if (typeof header.name === 'string') headerNames.push(header.name);
      if (typeof header.value === 'string') secrets.add(header.value);
    }
  }
  if (typeof settings.headers_list === 'string') {
    secrets.addHeaderList(settings.headers_list);
    for (const entry of settings.headers_list.split(','))
      if (entry.includes('=')) headerNames.push(entry.slice(0, entry.indexOf('=')).trim());
  }
  const described: DeclarativeExporter = { signal, kind, headerNames, key: path.join('.') };
  if (typeof settings.endpoint !== 'string' || (kind !== 'otlp_http' && kind !== 'otlp_grpc')) return described;
  described.endpoint = settings.endpoint;
  secrets.addUrl(settings.endpoint);
  const source = sourceAt([...path, 'endpoint']);
  let url: URL;
  try {
    url = new URL(settings.endpoint);
  } catch {
    sink.report('OTLP_ENDPOINT_INVALID', `The declarative ${signal} endpoint "${abbreviate(settings.endpoint)}" is not a valid URL.`, {
      source,
    });
    return described;
  }
  const grpc = kind === 'otlp_grpc';
  if ((grpc && url.port === '4318') || (!grpc && url.port === '4317')) {
    sink.report(
      'OTLP_PROTOCOL_PORT_MISMATCH',
      `The declarative ${signal} exporter ${kind} sends to port ${url.port}, the standard OTLP ${grpc ? 'HTTP' : 'gRPC'} port.`,
      { source, hint: grpc ? 'Use port 4317 for otlp_grpc.' : 'Use port 4318 for otlp_http.' },
    );
  }
  const pathname = url.pathname.replace(/\/+$/, '');
  if (!grpc && !pathname.endsWith(`/v1/${signal}`)) {
    sink.report(
      'OTLP_SIGNAL_ENDPOINT_NO_PATH',
      `In a declarative file the otlp_http endpoint is the full URL: ${signal} are posted to "${url.pathname}", not /v1/${signal}.`,
      { source, hint: `Append /v1/${signal} to the endpoint.` },
    );
  }
  if (grpc && url.pathname !== '/' && url.pathname !== '') {
    sink.report(
      'OTLP_GRPC_ENDPOINT_PATH',
      `The declarative gRPC ${signal} endpoint has a path (${abbreviate(url.pathname, 40)}), which gRPC ignores.`,
      { source },
    );
  }
  return described;
}

/** `parent_based(trace_id_ratio_based(0.1))`-style text for any sampler object. */
function describeSampler(sampler: Model): string {
  const [name, settings] = Object.entries(sampler)[0] ?? ['unknown', undefined];
  if (name === 'trace_id_ratio_based')
    return `trace_id_ratio_based(${isObject(settings) && typeof settings.ratio === 'number' ? settings.ratio : 1})`;
  if (name === 'parent_based')
    return `parent_based(${isObject(settings) && isObject(settings.root) ? describeSampler(settings.root) : 'always_on'})`;
  return name;
}
