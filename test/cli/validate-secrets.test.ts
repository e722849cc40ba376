/**
 * No secret value ever reaches any output of `validate`: header values from every layer (env,
 * signal-specific env, --env-file, config file, flags), malformed entries the SDK drops, values of
 * misspelt variables, and passwords in endpoint URLs, in every format.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

let cwd: string;
const ENV = {
  OTEL_SERVICE_NAME: 'checkout',
  OTEL_EXPORTER_OTLP_ENDPOINT: 'https://user:SECRETpw77@collector:4318',
  OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20SECRETaa11,x-api-key=SECRETbb22;meta,Bearer SECRETcc33,k=SECRETdd44%zz',
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-honeycomb-team=SECRETee55',
  OTEL_EXPORTER_OTLP_HEADER: 'authorization=SECRETff66',
  OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: 'grpc',
  OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'Bad Key=SECRETgg88',
};

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'otel-proc-secrets-'));
  writeFileSync(join(cwd, 'package.json'), '{"name":"fixture"}\n');
  writeFileSync(
    join(cwd, 'otel-proc.config.yaml'),
    'tracing:\n  headers:\n    x-file-secret: SECREThh99\n  otlpEndpoint: http://file:4318\n',
  );
  writeFileSync(
    join(cwd, 'otel.yaml'),
    'file_format: "1.0"\ntracer_provider:\n  processors:\n    - batch:\n        exporter:\n          otlp_http:\n            endpoint: https://u:SECRETnn90@collector:4318/v1/traces\n            headers: [{ name: authorization, value: Bearer SECRETll56 }]\n            headers_list: x-key=SECRETmm78\n',
  );
  writeFileSync(
    join(cwd, 'secrets.env'),
    'OTEL_EXPORTER_OTLP_LOGS_HEADERS=api-key=SECRETii00\nOTEL_EXPORTER_OTLP_HEADERS=x-other=SECRETjj12\n',
  );
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('validate never prints a secret', () => {
  it.each([[[]], [['--json']], [['--format', 'github']], [['--strict', '--json']]])('with %j', async (format) => {
    const result = await runCli(
      ['validate', '--env-file', 'secrets.env', '--otel-config-file', 'otel.yaml', '-H', 'authorization=Bearer SECRETkk34', ...format],
      { cwd, env: ENV },
    );
    expect([0, 1]).toContain(result.code);
    const output = result.stdout + result.stderr;
    expect(output).not.toMatch(/SECRET/);
    // The report still says which headers there are, so redaction is not an empty output.
    expect(output).toMatch(/HEADER_VALUE_SEMICOLON/);
    if (format.length === 0) expect(output).toMatch(/authorization: Bearer <redacted>/);
    if (format.length === 0)
      expect(output).toMatch(/otlp_http → https:\/\/u:redacted@collector:4318\/v1\/traces \(headers: authorization, x-key\)/);
  });
});

describe('a password in an endpoint that does not parse as meant', () => {
  it.each([
    ['a port out of range', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://user:SECRETpp13@collector:99999' }],
    ['no scheme (user: is taken for one)', { OTEL_EXPORTER_OTLP_ENDPOINT: 'user:SECRETqq24@collector:4318' }],
    ['no scheme, gRPC', { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'user:SECRETrr35@collector:4317' }],
  ])('is not printed: %s', async (_name, env) => {
    for (const format of [[], ['--json'], ['--format', 'github']]) {
      const result = await runCli(['validate', ...format], { cwd, env: { OTEL_SERVICE_NAME: 'checkout', ...env } });
      expect(result.stdout + result.stderr).not.toMatch(/SECRET/);
      expect(result.stdout).toMatch(/OTLP_ENDPOINT_(INVALID|NO_SCHEME)/);
    }
  });
});
