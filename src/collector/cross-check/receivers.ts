/**
 * What each OTLP receiver of the Collector serves: per protocol, where it listens (the default
 * since Collector 0.104 is localhost), TLS, the auth extension, compression, size limits and the
 * OTLP/HTTP paths, each with the line it is written on (or the line that implies the default).
 * https://github.com/open-telemetry/opentelemetry-collector/blob/main/receiver/otlpreceiver/README.md
 * https://github.com/open-telemetry/opentelemetry-collector/blob/main/config/confighttp/README.md
 */
import { parseHostPort } from '../hosts.js';
import type { CollectorModel, ComponentDefinition } from '../model.js';
import { at, child, scalarValue, type ConfigNode, type Origin } from '../tree.js';

export type ReceiverProtocol = 'grpc' | 'http';

export interface Located<T> {
  value: T;
  origin: Origin;
  key: string;
  /** Not written: the receiver's default applies. */
  defaulted: boolean;
}

export interface ProtocolEndpoint {
  receiver: ComponentDefinition;
  protocol: ReceiverProtocol;
  /** The `protocols.<p>` key (what to edit to add a setting). */
  origin: Origin;
  key: string;
  host: Located<string>;
  port: Located<number | undefined>;
  tls: Located<boolean>;
  /** The auth extension id, when one is set. */
  authenticator?: Located<string>;
  /** HTTP only: accepted Content-Encodings, when restricted. */
  compressionAlgorithms?: Located<string[]>;
  /** gRPC max_recv_msg_size_mib, or HTTP max_request_body_size, in bytes. */
  maxMessageBytes: Located<number>;
  /** HTTP only: traces_url_path etc. */
  urlPaths: Record<'traces' | 'metrics' | 'logs', Located<string>>;
}

export const DEFAULT_PORT: Record<ReceiverProtocol, number> = { grpc: 4317, http: 4318 };
/** gRPC's default 4 MiB; confighttp's default 20 MiB (max_request_body_size). */
const DEFAULT_MAX_BYTES: Record<ReceiverProtocol, number> = { grpc: 4 * 1024 * 1024, http: 20 * 1024 * 1024 };

function located<T>(node: ConfigNode | undefined, value: T | undefined, fallback: T, fallbackOrigin: Origin, key: string): Located<T> {
  if (node !== undefined && value !== undefined) return { value, origin: node.origin, key, defaulted: false };
  return { value: fallback, origin: fallbackOrigin, key, defaulted: true };
}

function protocolEndpoint(receiver: ComponentDefinition, protocol: ReceiverProtocol): ProtocolEndpoint | undefined {
  const protocols = child(receiver.config, 'protocols');
  if (protocols?.kind !== 'map' || !protocols.entries.has(protocol)) return undefined;
  const entry = protocols.entries.get(protocol)!;
  const config = entry.value;
  const base = `receivers.${receiver.id}.protocols.${protocol}`;
  const origin = entry.keyOrigin;
  const endpointNode = child(config, 'endpoint');
  const endpointText = scalarValue(endpointNode);
  const parsed = endpointText === undefined || endpointText === null ? undefined : parseHostPort(String(endpointText));
  const tlsNode = child(config, 'tls');
  const authNode = at(config, 'auth.authenticator');
  const algorithmsNode = child(config, 'compression_algorithms');
  const sizeNode = child(config, protocol === 'grpc' ? 'max_recv_msg_size_mib' : 'max_request_body_size');
  const size = scalarValue(sizeNode);
  const result: ProtocolEndpoint = {
    receiver,
    protocol,
    origin,
    key: base,
    host: located(endpointNode, parsed?.host, 'localhost', origin, `${base}.endpoint`),
    port: located(endpointNode, parsed ? parsed.port : undefined, DEFAULT_PORT[protocol], origin, `${base}.endpoint`),
    tls: located(tlsNode, tlsNode?.kind === 'map' ? true : undefined, false, origin, `${base}.tls`),
    maxMessageBytes: located(
      sizeNode,
      typeof size === 'number' ? (protocol === 'grpc' ? size * 1024 * 1024 : size) : undefined,
      DEFAULT_MAX_BYTES[protocol],
      origin,
      `${base}.${protocol === 'grpc' ? 'max_recv_msg_size_mib' : 'max_request_body_size'}`,
    ),
    urlPaths: {
      traces: urlPath(config, 'traces', origin, base),
      metrics: urlPath(config, 'metrics', origin, base),
      logs: urlPath(config, 'logs', origin, base),
    },
  };
  // An endpoint without a port (`localhost`) says nothing comparable: the port is unknown, not 4317.
  if (parsed && parsed.port === undefined)
    result.port = { value: undefined, origin: endpointNode!.origin, key: `${base}.endpoint`, defaulted: false };
  const authenticator = scalarValue(authNode);
  if (authenticator !== undefined && authenticator !== null)
    result.authenticator = { value: String(authenticator), origin: authNode!.origin, key: `${base}.auth.authenticator`, defaulted: false };
  if (algorithmsNode?.kind === 'seq') {
    result.compressionAlgorithms = {
      value: algorithmsNode.items.map((item) => String(scalarValue(item) ?? '')),
      origin: algorithmsNode.origin,
      key: `${base}.compression_algorithms`,
      defaulted: false,
    };
  }
  return result;
}

function urlPath(config: ConfigNode | undefined, signal: 'traces' | 'metrics' | 'logs', origin: Origin, base: string): Located<string> {
  const node = child(config, `${signal}_url_path`);
  const value = scalarValue(node);
  const text = value === undefined || value === null ? undefined : String(value);
  // The receiver adds a leading slash when it is missing.
  return located(
    node,
    text === undefined ? undefined : text.startsWith('/') ? text : `/${text}`,
    `/v1/${signal}`,
    origin,
    `${base}.${signal}_url_path`,
  );
}

/** Every OTLP protocol endpoint of every `otlp` receiver, in definition order. */
export function otlpEndpoints(model: CollectorModel): ProtocolEndpoint[] {
  const endpoints: ProtocolEndpoint[] = [];
  for (const receiver of model.components.receivers.values()) {
    if (receiver.type !== 'otlp') continue;
    for (const protocol of ['grpc', 'http'] as const) {
      const endpoint = protocolEndpoint(receiver, protocol);
      if (endpoint) endpoints.push(endpoint);
    }
  }
  return endpoints;
}
