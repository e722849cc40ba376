import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve.js';

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'otel-proc-declarative-'));
  writeFileSync(
    join(cwd, 'otel.yaml'),
    [
      'file_format: "1.0"',
      'tracer_provider:',
      '  processors:',
      '    - batch:',
      '        schedule_delay: ${DELAY:-soon}',
      '        exporter:',
      '          otlp_http:',
      '            endpoint: ${env:OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces',
      '            timeout: $${NOT_SUBSTITUTED}',
      'propagator:',
      '  composite: [ { tracecontext: } ]',
      'resource:',
      '  attributes:',
      '    - { name: service.name, value: "${SERVICE:?required}" }',
      '',
    ].join('\n'),
  );
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('declarative configuration (OTEL_CONFIG_FILE)', () => {
  it('reports substitution and schema problems at their lines, and unreferenced OTEL_* variables', async () => {
    const env = {
      OTEL_CONFIG_FILE: 'otel.yaml',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_SERVICE_NAME: 'ignored',
      OTEL_TRACES_SAMPLER: 'always_on',
    };
    const { diagnostics, files } = await resolveConfig({ env, cwd, noConfigSearch: true });
    expect(files.declarativeConfigFile).toBe('otel.yaml');
    const at = (code: string) =>
      diagnostics.filter((d) => d.code === code).map((d) => (d.source?.kind === 'file' ? d.source.line : d.source?.kind));
    expect(at('DECLARATIVE_SUBSTITUTION_INVALID')).toEqual([14]);
    // schedule_delay is "soon" after substitution, not an integer (the SDK's validator stops at its first error).
    expect(at('DECLARATIVE_SCHEMA_INVALID')).toEqual([5]);
    const ignored = diagnostics.find((d) => d.code === 'DECLARATIVE_ENV_IGNORED');
    expect(ignored?.message).toContain('OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER');
    expect(ignored?.message).not.toContain('OTEL_EXPORTER_OTLP_ENDPOINT');
  });
});
