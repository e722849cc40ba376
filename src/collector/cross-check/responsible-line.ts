/**
 * When a live export is refused, which line of the Collector configuration is responsible? The
 * doctor's canary knows the refusal (401, 404/Unimplemented, connection refused, ...); the
 * configuration knows which receiver serves that protocol and port and what it requires.
 */
import { isLoopback } from '../hosts.js';
import { entryOf, child, type Origin } from '../tree.js';
import type { CollectorModel } from '../model.js';
import { otlpEndpoints, type ProtocolEndpoint } from './receivers.js';

export type RefusalKind = 'unauthenticated' | 'not-found' | 'connection-refused' | 'too-large' | 'tls' | 'protocol-mismatch';

export interface ResponsibleLine {
  origin: Origin;
  key: string;
  why: string;
}

function endpointFor(model: CollectorModel, protocol: 'grpc' | 'http', port: number): ProtocolEndpoint | undefined {
  const candidates = otlpEndpoints(model).filter((endpoint) => endpoint.protocol === protocol);
  return candidates.find((endpoint) => endpoint.port.value === port) ?? candidates.find((endpoint) => endpoint.port.value === undefined);
}

/**
 * A refused connection is the configuration's doing only when the receiver listens elsewhere: on
 * another port, or on loopback while the app connects from another host. When it listens where the
 * app sends, the Collector is simply not running (with this file): no line to blame.
 */
function refusedConnection(
  model: CollectorModel,
  app: { protocol: 'grpc' | 'http'; port: number; host: string },
): ResponsibleLine | undefined {
  const endpoint = endpointFor(model, app.protocol, app.port);
  if (!endpoint) {
    const other = otlpEndpoints(model).find((candidate) => candidate.protocol === app.protocol);
    if (!other) return undefined;
    return {
      origin: other.port.origin,
      key: other.port.key,
      why: `receiver "${other.receiver.id}" protocols.${app.protocol} listens on port ${other.port.value}, not ${app.port}`,
    };
  }
  if (!isLoopback(endpoint.host.value) || isLoopback(app.host)) return undefined;
  return {
    origin: endpoint.host.origin,
    key: endpoint.host.key,
    why: `receiver "${endpoint.receiver.id}" protocols.${app.protocol} listens on ${endpoint.host.value}${endpoint.host.defaulted ? ' (the default: localhost only)' : ''}, unreachable from ${app.host}`,
  };
}

export function responsibleLine(
  model: CollectorModel,
  app: { signal: 'traces' | 'metrics' | 'logs'; protocol: 'grpc' | 'http'; port: number; host: string },
  kind: RefusalKind,
): ResponsibleLine | undefined {
  if (kind === 'connection-refused') return refusedConnection(model, app);
  const endpoint = endpointFor(model, app.protocol, app.port);
  if (!endpoint) {
    const receivers = entryOf(model.root, 'receivers');
    return receivers
      ? { origin: receivers.keyOrigin, key: 'receivers', why: `no otlp receiver serves ${app.protocol} on port ${app.port}` }
      : undefined;
  }
  const name = `receiver "${endpoint.receiver.id}" protocols.${app.protocol}`;
  switch (kind) {
    case 'unauthenticated':
      return endpoint.authenticator
        ? {
            origin: endpoint.authenticator.origin,
            key: endpoint.authenticator.key,
            why: `${name} authenticates with "${endpoint.authenticator.value}"`,
          }
        : undefined;
    case 'not-found': {
      const served = model.pipelines.some(
        (pipeline) => pipeline.signal === app.signal && pipeline.receivers.some((ref) => ref.id === endpoint.receiver.id),
      );
      if (!served) {
        const pipelines = entryOf(child(model.root, 'service'), 'pipelines');
        return {
          origin: pipelines?.keyOrigin ?? endpoint.origin,
          key: 'service.pipelines',
          why: `no ${app.signal} pipeline receives from "${endpoint.receiver.id}"`,
        };
      }
      if (app.protocol === 'http') {
        const path = endpoint.urlPaths[app.signal];
        return { origin: path.origin, key: path.key, why: `${name} serves ${app.signal} at ${path.value}` };
      }
      return undefined;
    }
    case 'too-large':
      return {
        origin: endpoint.maxMessageBytes.origin,
        key: endpoint.maxMessageBytes.key,
        why: `${name} accepts at most ${endpoint.maxMessageBytes.value} bytes per request`,
      };
    case 'tls':
      return {
        origin: endpoint.tls.origin,
        key: endpoint.tls.key,
        why: `${name} ${endpoint.tls.value ? 'requires' : 'does not speak'} TLS`,
      };
    case 'protocol-mismatch':
      return { origin: endpoint.origin, key: endpoint.key, why: `${name} is the receiver on this port` };
  }
}
