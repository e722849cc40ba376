/**
 * The neighbours of a failing endpoint: the places an application most often meant instead, all
 * on the host it names. OTLP fixes gRPC on 4317 and HTTP on 4318
 * (https://opentelemetry.io/docs/specs/otlp/#otlpgrpc-default-port, #otlphttp-default-port), and
 * people mix them up; `localhost` may resolve to ::1 while a collector binds 127.0.0.1 only (or
 * the reverse); a TLS port is given as http:// (or the reverse); a base endpoint already ends in
 * /v1/traces and the HTTP exporter appends it again
 * (https://opentelemetry.io/docs/specs/otel/protocol/exporter/#endpoint-urls-for-otlphttp).
 * Pure: which points to look at, and which exporter settings to try on what a point speaks.
 */
import type { OtlpProtocol, Signal } from '../config/types.js';
import type { SniffResult } from '../net/sniff.js';

export type NeighbourChange = 'protocol' | 'port' | 'host' | 'scheme' | 'path';

/** Host and port to look at: what it speaks decides which exporter settings are worth a canary. */
export interface ProbePoint {
  host: string;
  port: number;
}

export interface ConfiguredEndpoint {
  signal: Signal;
  protocol: OtlpProtocol;
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** The URL path the HTTP exporter posts to (ignored for gRPC). */
  path: string;
}

export interface NeighbourCandidate {
  protocol: OtlpProtocol;
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** HTTP: the path to post to; gRPC: '' (the JS gRPC exporter ignores a path). */
  path: string;
  /** What differs from the configured endpoint, fewest first in the try order. */
  changes: NeighbourChange[];
}

const OTHER_OTLP_PORT: Record<number, number> = { 4317: 4318, 4318: 4317 };
/**
 * The addresses one machine answers to on loopback. `localhost` is never a neighbour: it resolves to
 * these two, so it works only where one of them does, and an address is the fix that works whatever
 * `localhost` resolves to elsewhere. 127.0.0.2 and friends are deliberate choices, not mix-ups.
 */
const LOOPBACK_ADDRESSES = ['127.0.0.1', '::1'];
/** The order single changes are tried in: the most common mix-up first. */
const CHANGE_ORDER: NeighbourChange[] = ['protocol', 'port', 'host', 'scheme', 'path'];

export function isLoopbackName(host: string): boolean {
  return host === 'localhost' || LOOPBACK_ADDRESSES.includes(host);
}

/** The configured point first, then the other OTLP port and the other loopback names: never another host. */
export function probePoints(configured: ConfiguredEndpoint): ProbePoint[] {
  const hosts = isLoopbackName(configured.host)
    ? [configured.host, ...LOOPBACK_ADDRESSES.filter((address) => address !== configured.host)]
    : [configured.host];
  const other = OTHER_OTLP_PORT[configured.port];
  const ports = other === undefined ? [configured.port] : [configured.port, other];
  return hosts.flatMap((host) => ports.map((port) => ({ host, port })));
}

/** `/otlp/v1/traces/v1/traces` → `/otlp/v1/traces`: the prefix kept, the signal path once. */
export function signalPath(path: string, signal: Signal): string {
  let base = path.replace(/\/+$/, '');
  while (/\/v1\/(traces|metrics|logs)$/.test(base)) base = base.replace(/\/v1\/(traces|metrics|logs)$/, '');
  return `${base}/v1/${signal}`;
}

/**
 * The exporter settings that fit what a point speaks, or none when it speaks nothing OTLP could
 * use. At the configured point itself only a corrected signal path is new: everything else there
 * has already failed.
 */
export function candidatesAt(configured: ConfiguredEndpoint, point: ProbePoint, sniff: SniffResult | undefined): NeighbourCandidate[] {
  if (!sniff || !['grpc', 'http1', 'http2'].includes(sniff.application) || sniff.transport === 'unknown') return [];
  const scheme = sniff.transport === 'tls' ? 'https' : 'http';
  const grpc = sniff.application === 'grpc';
  const protocol: OtlpProtocol = grpc ? 'grpc' : configured.protocol === 'grpc' ? 'http/protobuf' : configured.protocol;
  const path = grpc ? '' : signalPath(configured.protocol === 'grpc' ? '' : configured.path, configured.signal);
  const changes: NeighbourChange[] = [];
  if (protocol !== configured.protocol) changes.push('protocol');
  if (point.port !== configured.port) changes.push('port');
  if (point.host !== configured.host) changes.push('host');
  if (scheme !== configured.scheme) changes.push('scheme');
  if (!grpc && configured.protocol !== 'grpc' && path !== configured.path) changes.push('path');
  if (changes.length === 0) return [];
  return [{ protocol, scheme, host: point.host, port: point.port, path, changes }];
}

/** Fewest changes first; among equals, the commoner mix-up first. */
export function orderCandidates(candidates: NeighbourCandidate[]): NeighbourCandidate[] {
  const rank = (candidate: NeighbourCandidate): number[] => [
    candidate.changes.length,
    ...CHANGE_ORDER.map((change) => (candidate.changes.includes(change) ? 0 : 1)),
  ];
  return [...candidates].sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let index = 0; index < ra.length; index += 1) if (ra[index] !== rb[index]) return ra[index]! - rb[index]!;
    return 0;
  });
}

/** Where the exporter sends for this candidate: gRPC `scheme://host:port`, HTTP the full URL. */
export function candidateUrl(candidate: NeighbourCandidate): string {
  return `${candidate.scheme}://${authority(candidate.host, candidate.port)}${candidate.path}`;
}

/** `host:port` as a URL writes it: an IPv6 address in brackets. */
export function authority(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export function receiverWords(candidate: Pick<NeighbourCandidate, 'protocol' | 'scheme'>): string {
  return `an OTLP/${candidate.protocol === 'grpc' ? 'gRPC' : 'HTTP'} receiver${candidate.scheme === 'https' ? ' over TLS' : ''}`;
}
