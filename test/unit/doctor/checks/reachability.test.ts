import { describe, expect, it } from 'vitest';
import { dnsFinding } from '../../../../src/doctor/checks/reachability.js';
import { resolveConfig } from '../../../../src/config/resolve.js';
import { endpointTargets } from '../../../../src/doctor/endpoints.js';

async function target(endpoint: string) {
  const { config } = await resolveConfig({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }, cwd: process.cwd(), noConfigSearch: true });
  return endpointTargets(config, ['traces'])[0]!;
}

describe('DNS findings', () => {
  it('tells a resolver that could not answer (EAI_AGAIN) apart from a name that does not exist', async () => {
    const collector = await target('http://otel-collector:4318');
    const again = dnsFinding(collector, {
      dns: { host: 'otel-collector', outcome: 'temporary-failure', addresses: [], errorCode: 'EAI_AGAIN', durationMs: 1 },
    });
    expect(again.code).toBe('REACHABILITY_DNS_TEMPORARY_FAILURE');
    expect(again.hint).toContain('/etc/resolv.conf');
    const missing = dnsFinding(collector, {
      dns: { host: 'otel-collector', outcome: 'not-found', addresses: [], errorCode: 'ENOTFOUND', durationMs: 1 },
    });
    expect(missing.code).toBe('REACHABILITY_DNS_NOT_FOUND');
    expect(missing.hint).toContain('OTEL_EXPORTER_OTLP_ENDPOINT');
  });
});
