/**
 * Listeners: when the endpoint's host is this machine, who listens on its port and on which
 * address. A collector bound to 127.0.0.1 only is unreachable from a container (and from ::1); one
 * bound to 0.0.0.0 is reachable from anywhere that can route to this machine. Linux /proc only.
 */
import type { Check, DoctorContext, Finding } from '../types.js';
import { settingAssignment, type EndpointTarget } from '../endpoints.js';
import { isThisMachine, readListeners, relevantListeners, type Listener } from '../listeners.js';
import { bindCovers, isLoopbackAddress, isWildcard } from '../proc-net.js';
import { finding, hostPort } from './finding.js';

const OTLP_PORTS = [4317, 4318];

function who(listener: Listener): string {
  return listener.process ?? 'something';
}

/** "otelcol-contrib listens on 127.0.0.1:4317 only, so it cannot be reached from a container". */
export function listenerSentence(listener: Listener): string {
  const place = hostPort(listener.address, listener.port);
  if (isLoopbackAddress(listener.address)) return `${who(listener)} listens on ${place} only, so it cannot be reached from a container`;
  return `${who(listener)} listens on ${place}${isWildcard(listener.address) ? ' (every interface)' : ''}`;
}

function details(listener: Listener): Record<string, unknown> {
  return {
    address: listener.address,
    port: listener.port,
    family: listener.family,
    pid: listener.pid,
    process: listener.process,
    uid: listener.uid,
  };
}

function origin(listener: Listener): string {
  return listener.pid !== undefined
    ? `pid ${listener.pid}${listener.process ? `, ${listener.process}` : ''}`
    : 'its process is not visible to this user';
}

/** The endpoint with its host swapped for the address the listener is bound to. */
function endpointOn(target: EndpointTarget, address: string): string | undefined {
  try {
    const url = new URL(target.exportConfig.endpoint.value);
    url.hostname = address.includes(':') ? `[${address}]` : address;
    return url.href.replace(/\/$/, '');
  } catch {
    return undefined;
  }
}

function portFindings(target: EndpointTarget, listeners: Listener[], resolved: string[]): Finding[] {
  const onPort = listeners.filter((listener) => listener.port === target.port);
  const base = { target: target.origin };
  if (onPort.length === 0) {
    return [
      finding({
        ...base,
        code: 'LISTENERS_PORT_FREE',
        status: 'warn',
        title: `nothing listens on port ${target.port} on this machine`,
        message: `no listening TCP socket on ${target.port} in /proc/net/tcp or tcp6`,
        hint: 'Start the collector, or point the endpoint at the port it listens on (see the neighbours findings).',
      }),
    ];
  }
  return onPort.map((listener) => {
    if (resolved.length === 0 || resolved.some((address) => bindCovers(listener.address, address))) {
      return finding({
        ...base,
        code: 'LISTENERS_ON_PORT',
        status: 'pass',
        title: listenerSentence(listener),
        message: origin(listener),
        details: details(listener),
      });
    }
    const endpoint = endpointOn(target, listener.address);
    return finding({
      ...base,
      code: 'LISTENERS_WRONG_ADDRESS',
      status: 'warn',
      title: `${who(listener)} listens on ${hostPort(listener.address, listener.port)} only, but the endpoint says ${target.host}${resolved.join() === target.host ? '' : ` (${resolved.join(', ')})`}`,
      message: `${origin(listener)}: connections to ${resolved.join(' or ')} never reach it`,
      hint: endpoint
        ? `Set ${settingAssignment(target.exportConfig.endpoint.source, 'OTEL_EXPORTER_OTLP_ENDPOINT', endpoint)}, or bind the receiver to 0.0.0.0 / :: as well.`
        : 'Bind the receiver to every interface (0.0.0.0 or ::), or point the endpoint at the address it listens on.',
      details: details(listener),
    });
  });
}

export const listenersCheck: Check = {
  id: 'listeners',
  title: 'Local listeners',
  async run(context: DoctorContext): Promise<Finding[]> {
    const local: Array<{ target: EndpointTarget; resolved: string[] }> = [];
    for (const target of context.facts.targets) {
      const resolved = (await context.facts.reach(target)).dns.addresses.map((entry) => entry.address);
      if (isThisMachine(target.host, resolved)) local.push({ target, resolved });
    }
    if (local.length === 0) {
      return [
        finding({
          code: 'LISTENERS_NOT_LOCAL',
          status: 'skip',
          title: 'the endpoint is not on this machine: local listeners not read',
          message: "only this machine's sockets can be listed",
        }),
      ];
    }
    const scan = await readListeners();
    if (!scan.available)
      return [finding({ code: 'LISTENERS_UNAVAILABLE', status: 'skip', title: 'local listeners not read', message: scan.reason })];
    const findings = local.flatMap(({ target, resolved }) => portFindings(target, scan.listeners, resolved));
    const ports = new Set(local.map(({ target }) => target.port));
    const elsewhere = relevantListeners(
      scan.listeners.filter((listener) => !ports.has(listener.port)),
      OTLP_PORTS,
    );
    for (const listener of elsewhere) {
      findings.push(
        finding({
          code: 'LISTENERS_ELSEWHERE',
          status: 'skip',
          title: listenerSentence(listener),
          message: origin(listener),
          details: details(listener),
        }),
      );
    }
    return findings;
  },
};
