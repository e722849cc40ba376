/**
 * doctor --collector-config against the real Collector: a Collector that requires a bearer token
 * refuses the app's canary, and the doctor names both the cross-check finding and the exact line of
 * the Collector's configuration responsible (auth.authenticator), in JSON, SARIF and JUnit.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport, Finding } from '../../src/doctor/types.js';
import { junitSchemaErrors, parseJunit, sarifSchemaErrors } from '../helpers/ci-formats.js';
import { runCli } from '../helpers/cli.js';
import { startCollector, type RunningCollector } from './helpers/stack.js';

let collector: RunningCollector;
beforeAll(async () => {
  collector = await startCollector({ bearerToken: 'e2e-secret-token' });
});
afterAll(async () => {
  await collector?.stop();
});

const ONLY = ['--only', 'reachability,protocol,canary,collector-config'];

function authenticatorLine(configFile: string): number {
  const lines = readFileSync(configFile, 'utf8').split('\n');
  return lines.findIndex((line) => line.includes('authenticator: bearertokenauth')) + 1;
}

describe('doctor --collector-config with a Collector that wants a token', () => {
  it('points the refused canary at the auth line of the Collector config', async () => {
    const result = await runCli(
      [
        'doctor',
        '--json',
        ...ONLY,
        '-p',
        'grpc',
        '-e',
        collector.otlpGrpc,
        '--service-name',
        'e2e-collector-doctor',
        '--collector-config',
        collector.configFile,
      ],
      { cwd: tmpdir(), timeoutMs: 120_000 },
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as DoctorReport;
    const findings: Finding[] = report.checks.flatMap((check) => check.findings);
    expect(findings.map((entry) => entry.code)).toContain('CANARY_UNAUTHENTICATED');
    expect(findings.map((entry) => entry.code)).toContain('COLLECTOR_APP_AUTH_HEADER_MISSING');
    const refusal = findings.find((entry) => entry.code === 'COLLECTOR_CONFIG_REFUSAL_LINE');
    const expectedLine = authenticatorLine(collector.configFile);
    expect(expectedLine).toBeGreaterThan(0);
    expect(refusal?.details?.source).toMatchObject({ kind: 'file', line: expectedLine });
    expect(result.stdout).not.toContain('e2e-secret-token');
  });

  it('writes schema-valid SARIF and JUnit for the same run', async () => {
    const base = [
      'doctor',
      ...ONLY,
      '-p',
      'grpc',
      '-e',
      collector.otlpGrpc,
      '--service-name',
      'e2e-collector-doctor',
      '--collector-config',
      collector.configFile,
    ];
    const sarif = await runCli([...base, '--format', 'sarif'], { cwd: tmpdir(), timeoutMs: 120_000 });
    expect(sarif.code).toBe(1);
    const document = JSON.parse(sarif.stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; locations?: Array<{ physicalLocation: { region?: { startLine: number } } }> }> }>;
    };
    expect(sarifSchemaErrors(document)).toEqual([]);
    const located = document.runs[0]!.results.find((entry) => entry.ruleId === 'COLLECTOR_CONFIG_REFUSAL_LINE');
    expect(located?.locations?.[0]?.physicalLocation.region?.startLine).toBe(authenticatorLine(collector.configFile));

    const junit = await runCli([...base, '--format', 'junit'], { cwd: tmpdir(), timeoutMs: 120_000 });
    expect(await junitSchemaErrors(junit.stdout)).toEqual([]);
    const failing = parseJunit(junit.stdout)
      .filter((entry) => entry.failures.length > 0)
      .map((entry) => entry.name);
    expect(failing.some((name) => name.startsWith('CANARY_UNAUTHENTICATED'))).toBe(true);
    expect(failing.some((name) => name.startsWith('COLLECTOR_CONFIG_REFUSAL_LINE'))).toBe(true);
  });
});
