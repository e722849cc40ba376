/**
 * `otel-proc validate` as a user runs it: the built binary, exit codes, the three output formats,
 * and plain text under CI. Secrets get their own file (validate-secrets.test.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ValidateReport } from '../../src/validate/report.js';
import { runCli } from '../helpers/cli.js';

const ANSI = /\u001b\[/;
const STACK = /\n\s+at .+:\d+:\d+/;
let cwd: string;

beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'otel-proc-validate-cli-'));
  writeFileSync(join(cwd, 'package.json'), '{"name":"fixture"}\n');
  writeFileSync(join(cwd, 'broken.yaml'), 'tracing:\n  serviceName: svc\n  otlpProtocol: http\n');
  writeFileSync(join(cwd, 'unparseable.yaml'), 'tracing: [unclosed\n');
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const VALID = { OTEL_SERVICE_NAME: 'checkout', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
const WARNING_ONLY = { ...VALID, OTEL_EXPORTER_OTLP_TIMEOUT: '10' };
const BROKEN = { ...VALID, OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/v1/traces' };

describe('otel-proc validate', () => {
  it('passes a valid configuration with exit 0 and plain text under CI', async () => {
    const result = await runCli(['validate'], { cwd, env: VALID });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('service.name   checkout');
    expect(result.stdout).toContain('http://collector:4318/v1/traces');
    expect(result.stdout).toMatch(/✔ valid: 0 errors, 0 warnings/);
    expect(result.stdout).not.toMatch(ANSI);
    expect(result.stderr).toBe('');
  });

  it('exits 0 on warnings only, and 1 on the same warnings under --strict', async () => {
    const relaxed = await runCli(['validate'], { cwd, env: WARNING_ONLY });
    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toContain('DURATION_LOOKS_LIKE_SECONDS');
    const strict = await runCli(['validate', '--strict'], { cwd, env: WARNING_ONLY });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('warnings fail under --strict');
  });

  it('exits 1 with the finding, its source and a fix for a broken configuration', async () => {
    const result = await runCli(['validate'], { cwd, env: BROKEN });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Errors \(1\)\n\s+✖ OTLP_ENDPOINT_DOUBLED_PATH/);
    expect(result.stdout).toContain('at OTEL_EXPORTER_OTLP_ENDPOINT');
    expect(result.stdout).toContain('fix Remove /v1/traces');
  });

  it('prints exactly one JSON document with the documented fields under --json', async () => {
    const result = await runCli(['validate', '--json'], {
      cwd,
      env: { ...BROKEN, OTEL_RESOURCE_ATTRIBUTES: 'team=payments', OTEL_EXPORTER_OTLP_HEADERS: 'x-tenant=acme' },
    });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as ValidateReport;
    expect(report.ok).toBe(false);
    expect(report.config.serviceName).toBe('checkout');
    expect(report.config.resourceAttributes).toEqual({ team: 'payments', 'service.name': 'checkout' });
    expect(report.config.propagators).toEqual(['tracecontext', 'baggage']);
    expect(report.config.sampler).toEqual({ name: 'parentbased_always_on' });
    for (const signal of ['traces', 'metrics'] as const) {
      expect(report.config[signal]).toMatchObject({
        endpoint: 'http://collector:4318/v1/traces',
        protocol: 'http/protobuf',
        headers: { 'x-tenant': '<redacted>' },
        timeoutMs: 10000,
      });
    }
    expect(report.config.traces.url).toBe('http://collector:4318/v1/traces/v1/traces');
    expect(report.provenance['traces.endpoint']).toEqual({ kind: 'env', name: 'OTEL_EXPORTER_OTLP_ENDPOINT' });
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'OTLP_ENDPOINT_DOUBLED_PATH',
        severity: 'error',
        message: expect.any(String),
        source: { kind: 'env', name: 'OTEL_EXPORTER_OTLP_ENDPOINT' },
      }),
    );
    expect(result.stderr).toBe('');
  });

  it('prints GitHub annotations on the config file line with --format github', async () => {
    const result = await runCli(['validate', '--config', 'broken.yaml', '--format', 'github'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^::error file=broken\.yaml,line=3,title=CONFIG_FILE_INVALID::tracing\.otlpProtocol/m);
    expect(result.stdout.trim().split('\n').at(-1)).toBe('otel-proc validate: invalid (1 error, 0 warnings, 0 notes)');
  });

  it('exits 2 without a stack trace for an unparseable config file', async () => {
    const result = await runCli(['validate', '--config', 'unparseable.yaml'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^otel-proc: unparseable\.yaml:\d+:\d+: /);
    expect(result.stderr).not.toMatch(STACK);
    expect(result.stdout).toBe('');
  });

  it.each([
    [
      'otel-proc.config.mjs',
      'const a = 1;\nexport default { tracing: { serviceName: a a } };\n',
      /^otel-proc: otel-proc\.config\.mjs:2: SyntaxError: Unexpected identifier 'a'$/m,
    ],
    [
      'otel-proc.config.cjs',
      'module.exports = {\n  tracing: { serviceName: "svc" },\n',
      /^otel-proc: otel-proc\.config\.cjs:\d+: SyntaxError: /m,
    ],
  ])('names a %s with a syntax error and its line, not a loader detail (exit 2)', async (name, content, message) => {
    const folder = mkdtempSync(join(tmpdir(), 'otel-proc-validate-module-'));
    try {
      writeFileSync(join(folder, 'package.json'), '{"name":"fixture"}\n');
      writeFileSync(join(folder, name), content);
      const result = await runCli(['validate'], { cwd: folder, env: VALID });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/require\(\)|not yet fully loaded/);
      expect(result.stderr).not.toMatch(STACK);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('still prints one JSON document under --json when a file cannot be read (exit 2)', async () => {
    const result = await runCli(['validate', '--json', '--config', 'unparseable.yaml'], { cwd });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      error: { kind: 'configuration', message: expect.stringMatching(/^unparseable\.yaml:\d+:\d+: /) },
    });
  });

  it('annotates an unparseable config file on its line under --format github, still exiting 2', async () => {
    const result = await runCli(['validate', '--config', 'unparseable.yaml', '--format', 'github'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^::error file=unparseable\.yaml,line=\d+,title=CONFIG_FILE_UNREADABLE::/);
  });

  it.each([
    [['validate', '--config', 'missing.yaml'], /cannot read the config file missing\.yaml/],
    [['validate', '--otel-config-file', 'missing.yaml'], /cannot read the declarative configuration file/],
    [['validate', '--json', '--format', 'github'], /--json cannot be combined/],
    [['validate', '--timeout', 'soon'], /--timeout soon: not a duration/],
    [['validate', '--format', 'xml'], /argument 'xml' is invalid/],
  ])('exits 2 for %j', async (args, message) => {
    const result = await runCli(args, { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK);
  });

  it('reads --env-file with file and line as provenance, real variables winning', async () => {
    writeFileSync(
      join(cwd, 'app.env'),
      '# deployment settings\nOTEL_SERVICE_NAME=from-env-file\nOTEL_EXPORTER_OTLP_ENDPOINT=http://from-file:4318\n',
    );
    const result = await runCli(['validate', '--env-file', 'app.env', '--json'], {
      cwd,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://from-env:4318' },
    });
    const report = JSON.parse(result.stdout) as ValidateReport;
    expect(report.config.serviceName).toBe('from-env-file');
    expect(report.provenance.serviceName).toEqual({ kind: 'env', name: 'OTEL_SERVICE_NAME', file: 'app.env', line: 2 });
    expect(report.config.traces.endpoint).toBe('http://from-env:4318');
    expect(report.diagnostics.map((d) => d.code)).toContain('ENV_FILE_OVERRIDDEN');
  });

  it('names a missing --env-file and exits 2', async () => {
    // Node 20 scans the whole command line for its own --env-file; bin/otel-proc.js passes `--` so
    // the flag reaches otel-proc, which names the file and exits 2.
    const result = await runCli(['validate', '--env-file', 'missing.env'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('otel-proc: cannot read the env file');
    expect(result.stderr).toContain('missing.env');
    expect(result.stderr).not.toMatch(STACK);
  });

  it('prints clean, uncoloured help under CI with no TTY', async () => {
    const result = await runCli(['validate', '--help'], { cwd, env: { CI: 'true' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: otel-proc validate [options]');
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('--format <format>');
    expect(result.stdout).not.toMatch(ANSI);
  });

  it('prints plain text under CI=true with no TTY even without NO_COLOR', async () => {
    const result = await runCli(['validate'], { cwd, env: { ...BROKEN, NO_COLOR: '', CI: 'true' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('OTLP_ENDPOINT_DOUBLED_PATH');
    expect(result.stdout).not.toMatch(ANSI);
  });

  it('colours only when asked to (FORCE_COLOR), never under NO_COLOR', async () => {
    const forced = await runCli(['validate'], { cwd, env: { ...BROKEN, FORCE_COLOR: '1' } });
    expect(forced.stdout).toMatch(ANSI);
    const plain = await runCli(['validate'], { cwd, env: { ...BROKEN, NO_COLOR: '1' } });
    expect(plain.stdout).not.toMatch(ANSI);
  });

  it('is listed in the program help with its purpose', async () => {
    const result = await runCli(['--help'], { cwd });
    expect(result.stdout).toMatch(/validate \[options\]\s+check the telemetry configuration/);
  });
});
