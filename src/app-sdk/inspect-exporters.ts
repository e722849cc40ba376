/**
 * Finds the exporters a NodeSDK built from the environment and reads what each will do: protocol,
 * URL, compression, header names, timeout. NodeSDK keeps them private (inside its providers'
 * processors and readers), so this walks the provider objects a few levels deep and recognises an
 * exporter by its shape instead of hard-coding each private path, which change between releases.
 * The OTLP exporters keep their settings in `_delegate._transport` (otlp-exporter-base:
 * otlp-export-delegate.ts, retrying-transport.ts, http-exporter-transport.ts; and
 * otlp-grpc-exporter-base: grpc-exporter-transport.ts).
 */
import type { OtlpProtocol, Signal } from '../config/types.js';
import type { AppSdkExporter } from './types.js';

const MAX_DEPTH = 6;
const MAX_NODES = 5000;

interface HttpParameters {
  url: string;
  compression?: string;
  headers(): Promise<Record<string, string>> | Record<string, string>;
}
interface GrpcParameters {
  address: string;
  compression?: string;
  grpcName?: string;
  metadata(): { getMap(): Record<string, unknown> };
  credentials(): { _isSecure?(): boolean };
}
interface OtlpLike {
  _delegate?: {
    _timeout?: number;
    _transport?: { _transport?: { _parameters?: HttpParameters }; _parameters?: HttpParameters | GrpcParameters };
  };
}

function isFunction(value: unknown): boolean {
  return typeof value === 'function';
}

/** An exporter exports and shuts down, and is not a processor or a reader (which also have those). */
function looksLikeExporter(value: object): boolean {
  const object = value as Record<string, unknown>;
  if (!isFunction(object.export) || !isFunction(object.shutdown)) return false;
  return !isFunction(object.onEnd) && !isFunction(object.onEmit) && !isFunction(object.collect);
}

function isPrometheusReader(value: object): boolean {
  return value.constructor?.name === 'PrometheusExporter';
}

/** Every exporter object reachable from `root`, each once. */
export function findExporters(root: unknown): object[] {
  const found: object[] = [];
  const seen = new Set<unknown>();
  let visited = 0;
  const walk = (node: unknown, depth: number): void => {
    if (node === null || typeof node !== 'object' || seen.has(node) || depth > MAX_DEPTH || visited > MAX_NODES) return;
    seen.add(node);
    visited += 1;
    if (looksLikeExporter(node) || isPrometheusReader(node)) {
      found.push(node);
      return;
    }
    const children = node instanceof Map ? [...node.values()] : Array.isArray(node) ? node : Object.values(node);
    for (const child of children) walk(child, depth + 1);
  };
  walk(root, 0);
  return found;
}

function kindOf(name: string): AppSdkExporter['kind'] {
  if (name.startsWith('OTLP')) return 'otlp';
  if (name.startsWith('Console')) return 'console';
  if (name.startsWith('Zipkin')) return 'zipkin';
  if (name.startsWith('Prometheus')) return 'prometheus';
  return 'other';
}

function httpProtocol(contentType: string | undefined): OtlpProtocol {
  return contentType?.includes('json') ? 'http/json' : 'http/protobuf';
}

export async function describeExporter(signal: Signal, exporter: object): Promise<AppSdkExporter> {
  const name = exporter.constructor?.name ?? 'unknown';
  const described: AppSdkExporter = { signal, name, kind: kindOf(name) };
  const delegate = (exporter as OtlpLike)._delegate;
  const transport = delegate?._transport;
  if (typeof delegate?._timeout === 'number') described.timeoutMs = delegate._timeout;
  const http = transport?._transport?._parameters;
  const grpc = transport?._parameters as GrpcParameters | undefined;
  if (http && typeof http.url === 'string') {
    const headers = await http.headers();
    const contentType = Object.entries(headers).find(([key]) => key.toLowerCase() === 'content-type')?.[1];
    described.protocol = httpProtocol(contentType);
    described.url = http.url;
    described.compression = http.compression ?? 'none';
    described.headerNames = Object.keys(headers)
      .filter((key) => key.toLowerCase() !== 'content-type')
      .map((key) => key.toLowerCase())
      .sort();
  } else if (grpc && typeof grpc.address === 'string') {
    let secure = true;
    try {
      secure = grpc.credentials()._isSecure?.() ?? true;
    } catch {
      // unreadable credentials (a TLS file the SDK could not load): grpc-js would use TLS
    }
    described.protocol = 'grpc';
    // grpc-js dials a unix socket by its `unix:` address; anything else is host:port.
    described.url = /^unix:/i.test(grpc.address) ? grpc.address : `${secure ? 'https' : 'http'}://${grpc.address}`;
    described.compression = grpc.compression ?? 'none';
    try {
      described.headerNames = Object.keys(grpc.metadata().getMap())
        .map((key) => key.toLowerCase())
        .sort();
    } catch {
      described.headerNames = [];
    }
  }
  return described;
}
