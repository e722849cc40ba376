/**
 * The settings the neighbours finding tells the user to set, in the layer their value came from:
 * the base endpoint variable, a signal-specific one (used as given, so with its path), a flag.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve.js';
import { endpointTargets } from '../../../src/doctor/endpoints.js';
import { settingsFor } from '../../../src/doctor/checks/neighbours.js';
import type { NeighbourCandidate } from '../../../src/doctor/neighbour-candidates.js';

async function targetFrom(env: Record<string, string>, flags: { endpoint?: string } = {}) {
  const { config } = await resolveConfig({ env, cwd: process.cwd(), noConfigSearch: true, flags });
  return endpointTargets(config, ['traces'])[0]!;
}

const grpc4317: NeighbourCandidate & { url: string } = {
  protocol: 'grpc',
  scheme: 'http',
  host: 'localhost',
  port: 4317,
  path: '',
  changes: ['protocol', 'port'],
  url: 'http://localhost:4317',
};

describe('settingsFor', () => {
  it('gives both variables for the default configuration', async () => {
    expect(settingsFor(await targetFrom({}), grpc4317)).toEqual([
      'OTEL_EXPORTER_OTLP_PROTOCOL=grpc',
      'OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4317',
    ]);
  });

  it('names the signal-specific variable, with the full URL an HTTP exporter uses as given', async () => {
    const target = await targetFrom({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://[::1]:4318/v1/traces' });
    const http: NeighbourCandidate & { url: string } = {
      protocol: 'http/protobuf',
      scheme: 'http',
      host: '127.0.0.1',
      port: 4318,
      path: '/v1/traces',
      changes: ['host'],
      url: 'http://127.0.0.1:4318/v1/traces',
    };
    expect(settingsFor(target, http)).toEqual(['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://127.0.0.1:4318/v1/traces']);
  });

  it('writes a flag the way it was given, and nothing for what does not change', async () => {
    const target = await targetFrom({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' }, { endpoint: 'http://localhost:4317' });
    expect(settingsFor(target, grpc4317)).toEqual(['OTEL_EXPORTER_OTLP_PROTOCOL=grpc']);
  });
});
