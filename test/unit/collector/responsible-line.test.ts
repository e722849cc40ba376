/**
 * Which Collector line explains a live refusal: the auth line for a 401, the pipelines for a 404 on
 * a signal no pipeline takes, the port or bind line for a refused connection, and no line at all
 * when the receiver listens exactly where the app sends (the Collector is just not running).
 */
import { describe, expect, it } from 'vitest';
import { responsibleLine } from '../../../src/collector/cross-check/responsible-line.js';
import { buildModel } from '../../../src/collector/model.js';
import { parseConfigText } from '../../../src/collector/tree.js';

const YAML = `extensions:
  bearertokenauth:
    token: t
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:4317
        auth:
          authenticator: bearertokenauth
service:
  pipelines:
    traces:
      receivers: [otlp]
      exporters: [debug]
`;
const model = buildModel(parseConfigText('c.yaml', YAML).root);
const app = { signal: 'traces' as const, protocol: 'grpc' as const, port: 4317, host: '127.0.0.1' };

describe('responsibleLine', () => {
  it('blames auth.authenticator for an unauthenticated canary', () => {
    expect(responsibleLine(model, app, 'unauthenticated')).toMatchObject({
      origin: { path: 'c.yaml', line: 10 },
      key: 'receivers.otlp.protocols.grpc.auth.authenticator',
    });
  });

  it('blames service.pipelines when no pipeline of the signal takes the receiver', () => {
    expect(responsibleLine(model, { ...app, signal: 'logs' }, 'not-found')).toMatchObject({
      origin: { line: 12 },
      key: 'service.pipelines',
    });
  });

  it('blames the port line, or the loopback bind, for a refused connection, and nothing when they match', () => {
    expect(responsibleLine(model, { ...app, port: 14317 }, 'connection-refused')).toMatchObject({
      origin: { line: 8 },
      key: 'receivers.otlp.protocols.grpc.endpoint',
    });
    expect(responsibleLine(model, { ...app, host: 'collector' }, 'connection-refused')?.why).toContain('unreachable from collector');
    expect(responsibleLine(model, app, 'connection-refused')).toBeUndefined();
  });
});
