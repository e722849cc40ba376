/**
 * When a live export is refused, which line of the Collector configuration is responsible? The
 * doctor's canary knows the refusal (401, 404/Unimplemented, connection refused, ...); the
 * configuration knows which receiver serves that protocol and port and what it requires.
 */
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

export function responsibleLine(model: CollectorModel, app: { signal: 'traces' | 'metrics' | 'logs'; protocol: 'grpc' | 'http'; port: number }, kind: RefusalKind): ResponsibleLine | undefined {
  const endpoint = endpointFor(model, app.protocol, app.port);
  if (!endpoint) {
    const receivers = entryOf(model.root, 'receivers');
    return receivers ? { origin: receivers.keyOrigin, key: 'receivers', why: `no otlp receiver serves ${app.protocol} on port ${app.port}` } : undefined;
  }
  const name = `receiver "${endpoint.receiver.id}" protocols.${app.protocol}`;
  switch (kind) {
    case 'unauthenticated':
      return endpoint.authenticator ? { origin: endpoint.authenticator.origin, key: endpoint.authenticator.key, why: `${name} authenticates with "${endpoint.authenticator.value}"` } : undefined;
    case 'not-found': {
      const served = model.pipelines.some((pipeline) => pipeline.signal === app.signal && pipeline.receivers.some((ref) => ref.id === endpoint.receiver.id));
      if (!served) {
        const pipelines = entryOf(child(model.root, 'service'), 'pipelines');
        return { origin: pipelines?.keyOrigin ?? endpoint.origin, key: 'service.pipelines', why: `no ${app.signal} pipeline receives from "${endpoint.receiver.id}"` };
      }
      if (app.protocol === 'http') {
        const path = endpoint.urlPaths[app.signal];
        return { origin: path.origin, key: path.key, why: `${name} serves ${app.signal} at ${path.value}` };
      }
      return undefined;
    }
    case 'connection-refused':
      return { origin: endpoint.host.origin, key: endpoint.host.key, why: `${name} listens on ${endpoint.host.value}${endpoint.host.defaulted ? ' (the default: localhost only)' : ''}` };
    case 'too-large':
      return { origin: endpoint.maxMessageBytes.origin, key: endpoint.maxMessageBytes.key, why: `${name} accepts at most ${endpoint.maxMessageBytes.value} bytes per request` };
    case 'tls':
      return { origin: endpoint.tls.origin, key: endpoint.tls.key, why: `${name} ${endpoint.tls.value ? 'requires' : 'does not speak'} TLS` };
    case 'protocol-mismatch':
      return { origin: endpoint.origin, key: endpoint.key, why: `${name} is the receiver on this port` };
  }
}
