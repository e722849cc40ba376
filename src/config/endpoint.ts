/**
 * Where an OTLP exporter really sends, from the configured endpoint, following the spec's URL rules
 * (protocol/exporter "Endpoint URLs for OTLP/HTTP") and the JS exporters' behaviour:
 * - HTTP, base endpoint (OTEL_EXPORTER_OTLP_ENDPOINT, a flag, the config file): append `v1/<signal>`,
 *   adding `/` first if missing. Signal-specific endpoint: used exactly as given (JS normalises it
 *   with `new URL().href`, which adds a trailing `/` to a bare origin).
 * - gRPC: JS keeps only host:port; `http://` means plaintext, `https://` TLS, and with no scheme TLS
 *   unless INSECURE=true (the scheme always wins over INSECURE).
 */
import type { DiagnosticSink } from './diagnostics.js';
import { abbreviate } from './env-reader.js';
import type { OtlpProtocol, Signal, Sourced } from './types.js';

export const DEFAULT_ENDPOINTS = { grpc: 'http://localhost:4317', http: 'http://localhost:4318' } as const;

export interface EndpointInput {
  signal: Signal;
  protocol: OtlpProtocol;
  endpoint: Sourced<string>;
  /** True for OTEL_EXPORTER_OTLP_<SIGNAL>_ENDPOINT, which is used as given; false for base endpoints. */
  signalSpecific: boolean;
  /** OTEL_EXPORTER_OTLP_[<SIGNAL>_]INSECURE (or --insecure), when set. */
  insecureSetting?: Sourced<boolean>;
}

export interface ResolvedEndpoint {
  url: string;
  insecure: Sourced<boolean>;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

export function resolveEndpoint(input: EndpointInput, sink: DiagnosticSink): ResolvedEndpoint {
  return input.protocol === 'grpc' ? resolveGrpc(input, sink) : resolveHttp(input, sink);
}

function resolveHttp(input: EndpointInput, sink: DiagnosticSink): ResolvedEndpoint {
  const { endpoint, signal } = input;
  const source = endpoint.source;
  const raw = endpoint.value;
  const fallback = `${DEFAULT_ENDPOINTS.http}/v1/${signal}`;
  const insecure: Sourced<boolean> = { value: raw.toLowerCase().startsWith('http://'), source };
  if (input.insecureSetting?.value) {
    sink.report(
      'OTLP_INSECURE_IGNORED',
      `${describe(input.insecureSetting.source)}=true only applies to gRPC; the ${signal} exporter uses ${input.protocol}, where the scheme of the URL decides.`,
      {
        source: input.insecureSetting.source,
        hint: 'Use an http:// endpoint for plaintext, https:// for TLS.',
      },
    );
  }
  const parsed = tryUrl(raw);
  if (!parsed) {
    sink.report(
      'OTLP_ENDPOINT_INVALID',
      `The ${signal} endpoint "${abbreviate(raw)}" is not a valid URL; the JS SDK ignores it and sends to ${fallback}.`,
      { source, hint: 'Write it as http://host:4318 or https://host:4318.' },
    );
    return { url: fallback, insecure: { value: true, source: { kind: 'default' } } };
  }
  if (!SCHEME.test(raw)) {
    sink.report(
      'OTLP_ENDPOINT_NO_SCHEME',
      `The ${signal} endpoint "${abbreviate(raw)}" has no http:// or https://: the JS HTTP exporter cannot send to it.`,
      { source, hint: `Write it as http://${abbreviate(raw)}.`, severity: 'error' },
    );
  } else if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    sink.report(
      'OTLP_ENDPOINT_BAD_SCHEME',
      `The ${signal} endpoint uses "${parsed.protocol}//"; OTLP over HTTP needs http:// or https://.`,
      { source },
    );
  }
  checkUrlParts(parsed, signal, source, sink);
  const path = parsed.pathname.replace(/\/+$/, '');
  if (input.signalSpecific) {
    if (!path.endsWith(`/v1/${signal}`)) {
      sink.report(
        'OTLP_SIGNAL_ENDPOINT_NO_PATH',
        `${describe(source)} is used exactly as given, so ${signal} are posted to "${parsed.pathname}", not /v1/${signal}.`,
        {
          source,
          hint: `Append /v1/${signal}, or set the base OTEL_EXPORTER_OTLP_ENDPOINT instead (the path is added there).`,
        },
      );
    }
    return { url: parsed.href, insecure };
  }
  // The JS exporters append v1/<signal> to the string as it is: after a query or a fragment the
  // signal path is no longer the path, and every request is posted to the base path instead.
  if (parsed.search !== '' || parsed.hash !== '') {
    const part = parsed.search !== '' ? 'a query string' : 'a fragment';
    sink.report(
      'OTLP_ENDPOINT_QUERY',
      `${describe(source)} is a base endpoint with ${part}: the ${signal} exporter appends v1/${signal} after it, so it posts to ${parsed.pathname} and /v1/${signal} ends up in the ${parsed.search !== '' ? 'query' : 'fragment'}.`,
      {
        source,
        hint: `Remove the ${parsed.search !== '' ? '"?..."' : '"#..."'} part, or set OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_ENDPOINT, which is used as given.`,
      },
    );
  }
  const doubled = /\/v1\/(traces|metrics|logs)$/.exec(path);
  if (doubled) {
    sink.report(
      'OTLP_ENDPOINT_DOUBLED_PATH',
      `${describe(source)} is a base endpoint that already ends in /v1/${doubled[1]}: the ${signal} exporter appends /v1/${signal} and posts to ${path}/v1/${signal}.`,
      {
        source,
        hint: `Remove /v1/${doubled[1]} from the base endpoint, or set OTEL_EXPORTER_OTLP_${doubled[1]!.toUpperCase()}_ENDPOINT, which is used as given.`,
      },
    );
  }
  const url = `${raw}${raw.endsWith('/') ? '' : '/'}v1/${signal}`;
  if (!tryUrl(url)) {
    sink.report(
      'OTLP_ENDPOINT_INVALID',
      `Appending v1/${signal} to the ${signal} endpoint does not give a valid URL; the JS SDK sends to ${fallback}.`,
      { source },
    );
    return { url: fallback, insecure: { value: true, source: { kind: 'default' } } };
  }
  return { url, insecure };
}

function resolveGrpc(input: EndpointInput, sink: DiagnosticSink): ResolvedEndpoint {
  const { endpoint, signal, insecureSetting } = input;
  const source = endpoint.source;
  const raw = endpoint.value;
  const scheme = /^(\w{1,8}):\/\//.exec(raw)?.[1];
  const parsed = tryUrl(scheme ? raw : `https://${raw}`);
  if (!parsed) {
    sink.report(
      'OTLP_ENDPOINT_INVALID',
      `The ${signal} endpoint "${abbreviate(raw)}" is not a valid URL; the JS gRPC exporter throws when it is created, so the SDK does not start.`,
      {
        source,
        hint: 'Write it as http://host:4317 (plaintext) or https://host:4317 (TLS).',
      },
    );
    return { url: raw, insecure: { value: false, source } };
  }
  let insecure: Sourced<boolean>;
  // The JS exporter tests the raw string, so only a lowercase scheme counts.
  if (raw.startsWith('http://')) {
    insecure = { value: true, source };
    if (insecureSetting) {
      sink.report(
        'OTLP_INSECURE_IGNORED',
        `${describe(insecureSetting.source)} is ignored: the http:// scheme of the ${signal} endpoint already means plaintext (the scheme always wins).`,
        { source: insecureSetting.source },
      );
    }
  } else if (raw.startsWith('https://')) {
    insecure = { value: false, source };
    if (insecureSetting?.value) {
      sink.report(
        'OTLP_HTTPS_INSECURE',
        `The ${signal} endpoint is https:// but ${describe(insecureSetting.source)}=true: the scheme wins and TLS is used.`,
        {
          source: insecureSetting.source,
          hint: 'For plaintext gRPC write the endpoint as http://host:4317.',
        },
      );
    }
  } else {
    insecure = insecureSetting ?? { value: false, source: { kind: 'default' } };
    if (!scheme) {
      sink.report(
        'OTLP_ENDPOINT_NO_SCHEME',
        `The ${signal} endpoint "${abbreviate(raw)}" has no scheme: gRPC uses ${insecure.value ? 'plaintext (INSECURE=true)' : 'TLS (set INSECURE=true for plaintext)'}.`,
        {
          source,
          hint: 'Say what you mean: http:// for plaintext, https:// for TLS.',
        },
      );
    } else if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
      // `HTTP://`: the JS exporter tests the raw text for "http://", so an upper-case scheme means
      // TLS unless INSECURE=true, whatever the scheme says.
      const meantPlaintext = parsed.protocol === 'http:';
      sink.report(
        'ENUM_CASE',
        `The ${signal} endpoint's scheme "${scheme}://" is not lower-case: the JS gRPC exporter only recognises "http://" and "https://", so it uses ${insecure.value ? 'plaintext (INSECURE=true)' : 'TLS'}.`,
        {
          source,
          hint: `Write it as ${parsed.protocol}//${parsed.host}.`,
          severity: meantPlaintext && !insecure.value ? 'error' : 'warning',
        },
      );
    } else if (parsed.protocol !== 'unix:') {
      sink.report('OTLP_ENDPOINT_BAD_SCHEME', `The ${signal} endpoint uses "${scheme}://"; gRPC endpoints use http:// or https://.`, {
        source,
      });
    }
  }
  // A unix socket's path is its address (the JS exporter passes unix: URLs to grpc-js as they are).
  if (parsed.protocol === 'unix:') {
    // Neither http:// nor https://: the JS exporter falls back to INSECURE, so TLS by default.
    if (!insecure.value) {
      sink.report(
        'OTLP_ENDPOINT_NO_SCHEME',
        `The ${signal} endpoint is a unix socket, which is neither http:// nor https://: the JS gRPC exporter uses TLS on it unless OTEL_EXPORTER_OTLP_INSECURE=true.`,
        {
          source,
          hint: 'For a plaintext collector socket set OTEL_EXPORTER_OTLP_INSECURE=true.',
        },
      );
    }
    return { url: raw, insecure };
  }
  checkUrlParts(parsed, signal, source, sink, true);
  if (parsed.pathname && parsed.pathname !== '/') {
    sink.report(
      'OTLP_GRPC_ENDPOINT_PATH',
      `The gRPC ${signal} endpoint has a path (${abbreviate(parsed.pathname, 40)}); the JS exporter ignores it and connects to ${parsed.host}.`,
      {
        source,
        hint: 'gRPC routes by service name, not by URL path: remove the path.',
      },
    );
  }
  return { url: `${insecure.value ? 'http' : 'https'}://${parsed.host}`, insecure };
}

function checkUrlParts(url: URL, signal: Signal, source: Sourced<string>['source'], sink: DiagnosticSink, grpc = false): void {
  if (url.username || url.password) {
    sink.report(
      'OTLP_ENDPOINT_CREDENTIALS',
      `The ${signal} endpoint carries credentials in the URL; they end up in logs and are not sent as ${grpc ? 'metadata' : 'an Authorization header'} by every exporter.`,
      {
        source,
        hint: 'Put credentials in OTEL_EXPORTER_OTLP_HEADERS, e.g. Authorization=Basic%20<base64>.',
      },
    );
  }
  if (url.port === '' && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') {
    sink.report(
      'OTLP_ENDPOINT_NO_PORT',
      `The ${signal} endpoint has no port, so ${url.protocol === 'https:' ? '443' : '80'} is used (OTLP listens on ${grpc ? 4317 : 4318} by default).`,
      { source },
    );
  }
}

function tryUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function describe(source: Sourced<unknown>['source']): string {
  if (source.kind === 'env') return source.name;
  if (source.kind === 'flag') return source.flag;
  if (source.kind === 'file') return `${source.key} in ${source.path}`;
  return 'the default';
}
