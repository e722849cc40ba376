/**
 * `otel-proc emit` as a user runs it: the built CLI, real sockets on 127.0.0.1, receivers started
 * here. Success paths and usage errors; failure paths are in emit-failures.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.js';

const cwd = tmpdir();
const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/emit/scenarios/${name}/scenario.yaml`, import.meta.url));

describe('otel-proc emit --local', () => {
  it('sends, verifies arrival and prints the trace ids with exit 0', async () => {
    const result = await runCli(['emit', '--local', '--count', '3', '--seed', 'cli'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✔ traces +success: 33 spans accepted/);
    expect(result.stdout).toMatch(/✔ metrics +success: \d+ data points accepted/);
    expect(result.stdout).toMatch(/✔ logs +success: \d+ log records accepted/);
    expect(result.stdout.match(/^ {2}[0-9a-f]{32} {2}11 spans$/gm)).toHaveLength(3);
    expect(result.stdout).toMatch(/local receiver .*33\/33 spans, (\d+)\/\1 data points, (\d+)\/\2 log records arrived intact/);
    expect(result.stdout).toContain('result: OK');
  });

  it('prints exactly one JSON document with --json', async () => {
    const result = await runCli(
      ['emit', '--local', '--json', '--count', '2', '--services', '3', '--error-ratio', '1', '-p', 'grpc', '--service-name', 'cli-json'],
      { cwd },
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      ok: true,
      count: 2,
      scenario: 'stream-processor',
      services: ['cli-json', 'window-aggregator', 'state-store'],
      local: { ok: true },
    });
    expect(report.traces).toHaveLength(2);
    expect(
      report.signals.map((s: { signal: string; status: string; protocol: string }) => `${s.signal}:${s.status}:${s.protocol}`),
    ).toEqual(['traces:success:grpc', 'metrics:success:grpc', 'logs:success:grpc']);
  });

  it('sends a scenario file with its own span tree', async () => {
    const result = await runCli(['emit', '--local', '--scenario', fixture('checkout'), '--signals', 'traces', '--json'], { cwd });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    // The services the file names are used without --services; --services 1 folds them into one.
    expect(report).toMatchObject({
      scenario: 'checkout',
      services: ['stream-processor', 'payments'],
      local: { ok: true, spans: { expected: 50, found: 50 } },
    });
    const single = JSON.parse(
      (await runCli(['emit', '--local', '--scenario', fixture('checkout'), '--services', '1', '--signals', 'traces', '--json'], { cwd }))
        .stdout,
    );
    expect(single.services).toEqual(['stream-processor']);
  });

  it('reproduces the same report shape for the same seed', async () => {
    const a = JSON.parse((await runCli(['emit', '--local', '--json', '--seed', '7', '--count', '4'], { cwd })).stdout);
    const b = JSON.parse((await runCli(['emit', '--local', '--json', '--seed', '7', '--count', '4'], { cwd })).stdout);
    expect(a.signals.map((s: { sent: number }) => s.sent)).toEqual(b.signals.map((s: { sent: number }) => s.sent));
    expect(a.traces.map((t: { traceId: string }) => t.traceId)).not.toEqual(b.traces.map((t: { traceId: string }) => t.traceId));
  });
});

describe('otel-proc emit usage errors', () => {
  it.each([
    [['--count', '0'], /--count 0: must be from 1 to 20000/],
    [['--signals', 'spans'], /--signals spans: unknown value spans/],
    [['--error-ratio', '2'], /--error-ratio 2: a ratio is from 0 to 1/],
    [['--protocol', 'http'], /argument 'http' is invalid/],
    [['--services', '9'], /only 3 services/],
  ])('%j exits 2 with a message and no stack trace', async (args, message) => {
    const result = await runCli(['emit', '--local', ...args], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('reports an invalid scenario file with file:line:column and exit 2', async () => {
    const result = await runCli(['emit', '--local', '--scenario', fixture('bad-ratio')], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('invalid scenario file');
    expect(result.stderr).toMatch(/bad-ratio\/scenario\.yaml:7:19 root\.children\[1\]\.errorRatio: /);
    expect(result.stderr).toMatch(/bad-ratio\/scenario\.yaml:8:\d+ root\.children\[1\]\.kind: /);
  });

  it('reports a scenario whose tree contains itself (a YAML alias) with exit 2, not an internal error', async () => {
    const result = await runCli(['emit', '--local', '--scenario', fixture('self-alias')], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/self-alias\/scenario\.yaml:6:7 the alias \*span is inside the node &span/);
    expect(result.stderr).not.toContain('internal error');
  });

  it('shows help with examples', async () => {
    const result = await runCli(['emit', '--help']);
    expect(result.code).toBe(0);
    for (const flag of [
      '--signals',
      '--count',
      '--services',
      '--seed',
      '--scenario',
      '--error-ratio',
      '--local',
      '--verify-jaeger',
      '--verify-prometheus',
      '--verify-timeout',
      '--json',
      '--endpoint',
    ])
      expect(result.stdout).toContain(flag);
    expect(result.stdout).toContain('Examples:');
  });
});
