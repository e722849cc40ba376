import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { resolveConfig } from '../../../src/config/resolve.js';

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'otel-proc-precedence-'));
  writeFileSync(join(cwd, 'package.json'), '{"name":"fixture"}\n');
  writeFileSync(
    join(cwd, 'otel-proc.config.yaml'),
    'tracing:\n  serviceName: file\n  otlpEndpoint: http://file:4318\n  timeout: 1s\n  headers:\n    x-from: file\n    x-file-only: yes\n',
  );
  writeFileSync(join(cwd, '.env.test'), 'OTEL_SERVICE_NAME=env-file\nOTEL_EXPORTER_OTLP_TIMEOUT=3000\n');
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('precedence: flags > environment > --env-file > config file > defaults', () => {
  it('takes each value from the highest layer that sets it, with its provenance', async () => {
    const { config } = await resolveConfig({
      cwd,
      envFile: '.env.test',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://env:4318', OTEL_EXPORTER_OTLP_HEADERS: 'x-from=env' },
      flags: { serviceName: 'flag' },
    });
    expect(config.serviceName).toEqual({ value: 'flag', source: { kind: 'flag', flag: '--service-name' } });
    expect(config.traces.endpoint).toEqual({ value: 'http://env:4318', source: { kind: 'env', name: 'OTEL_EXPORTER_OTLP_ENDPOINT' } });
    expect(config.traces.timeoutMs).toEqual({
      value: 3000,
      source: { kind: 'env', name: 'OTEL_EXPORTER_OTLP_TIMEOUT', file: '.env.test', line: 2 },
    });
    expect(config.metrics.timeoutMs.source.kind).toBe('env');
    expect(config.traces.headers.value).toEqual({ 'x-from': 'env', 'x-file-only': 'yes' });
    expect(config.traces.headerSources?.['x-file-only']).toMatchObject({ kind: 'file', key: 'tracing.headers', line: 6 });
    expect(config.metrics.endpoint.value).toBe('http://env:4318');
    expect(config.logs.compression).toEqual({ value: 'none', source: { kind: 'default' } });
  });

  it('falls back to the config file, then to the defaults', async () => {
    const { config } = await resolveConfig({ cwd, env: {} });
    expect(config.serviceName.value).toBe('file');
    expect(config.traces.timeoutMs).toMatchObject({ value: 1000, source: { kind: 'file', key: 'tracing.timeout' } });
    expect(config.traces.url).toBe('http://file:4318/v1/traces');
    expect(config.metrics.url).toBe('http://localhost:4318/v1/metrics');
  });

  it('lets a signal-specific variable beat the general one, and a flag beat both', async () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://general:4318',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://specific:4318/v1/metrics',
      OTEL_EXPORTER_OTLP_TIMEOUT: '2000',
      OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: '4000',
    };
    const fromEnv = await resolveConfig({ cwd, env, noConfigSearch: true });
    expect(fromEnv.config.metrics.url).toBe('http://specific:4318/v1/metrics');
    expect(fromEnv.config.traces.url).toBe('http://general:4318/v1/traces');
    expect([fromEnv.config.traces.timeoutMs.value, fromEnv.config.metrics.timeoutMs.value]).toEqual([2000, 4000]);
    const fromFlag = await resolveConfig({
      cwd,
      env,
      noConfigSearch: true,
      flags: { endpoint: 'http://flag:4318', protocol: 'http/json' },
    });
    expect(fromFlag.config.metrics.url).toBe('http://flag:4318/v1/metrics');
    expect(fromFlag.config.metrics.protocol.value).toBe('http/json');
  });

  it('notes a config file value only when a higher layer sets it to something else', async () => {
    const overridden = async (env: Record<string, string>): Promise<string[]> =>
      (await resolveConfig({ cwd, env })).diagnostics
        .filter((d) => d.code === 'CONFIG_FILE_OVERRIDDEN')
        .map((d) => (d.source?.kind === 'file' ? d.source.key : ''));
    expect(
      await overridden({ OTEL_SERVICE_NAME: 'file', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://file:4318', OTEL_EXPORTER_OTLP_TIMEOUT: '1000' }),
    ).toEqual([]);
    expect(
      await overridden({ OTEL_SERVICE_NAME: 'other', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://file:4318', OTEL_EXPORTER_OTLP_TIMEOUT: '2000' }),
    ).toEqual(['tracing.serviceName', 'tracing.timeout']);
  });

  it('rejects malformed flag values as usage errors', async () => {
    await expect(resolveConfig({ cwd, env: {}, noConfigSearch: true, flags: { timeoutMs: 'soon' } })).rejects.toBeInstanceOf(UsageError);
    await expect(resolveConfig({ cwd, env: {}, noConfigSearch: true, flags: { headers: ['no-equals-sign'] } })).rejects.toBeInstanceOf(
      UsageError,
    );
  });
});
