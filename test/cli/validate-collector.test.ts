/**
 * `validate --collector-config` end to end through the built CLI: findings with file:line and both
 * places named, exit codes, usage errors, and the SARIF and JUnit outputs checked against their
 * schemas and parsed the way CI servers parse them.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COLLECTOR_CATALOGUE } from '../../src/collector/catalogue.js';
import { junitSchemaErrors, parseJunit, sarifSchemaErrors } from '../helpers/ci-formats.js';
import { runCli } from '../helpers/cli.js';

const CORPUS = fileURLToPath(new URL('../../fixtures/collector/', import.meta.url));
const at = (name: string): { cwd: string } => ({ cwd: `${CORPUS}${name}` });

describe('validate --collector-config', () => {
  it('reports a Collector refusal with its file and line, exit 1', async () => {
    const result = await runCli(
      ['validate', '--no-config-search', '--json', '--collector-config', 'config.yaml'],
      at('pipeline-signal-invalid'),
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      diagnostics: Array<{ code: string; source?: { kind: string; path: string; line: number; key: string } }>;
      collector: { files: string[]; refused: boolean };
    };
    const finding = report.diagnostics.find((diagnostic) => diagnostic.code === 'COLLECTOR_PIPELINE_SIGNAL_INVALID');
    expect(finding?.source).toMatchObject({ kind: 'file', path: 'config.yaml', key: 'service.pipelines.trace' });
    expect(finding?.source?.line).toBeGreaterThan(1);
    expect(report.collector).toMatchObject({ files: ['config.yaml'], refused: true });
  });

  it('names the app setting and the Collector line in a cross-check finding', async () => {
    const result = await runCli(
      ['validate', '--no-config-search', '--env-file', 'app.env', '--collector-config', 'config.yaml'],
      at('app-localhost-bind'),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('COLLECTOR_APP_LOCALHOST_BIND');
    expect(result.stdout).toMatch(/config\.yaml:\d+/);
    expect(result.stdout).toContain('collector:4317');
  });

  it('passes a clean configuration with --strict, exit 0', async () => {
    const result = await runCli(
      [
        'validate',
        '--no-config-search',
        '--strict',
        '--env-file',
        'app.env',
        '--collector-config',
        'config.yaml',
        '--collector-distribution',
        'core',
      ],
      at('valid-cross-check-grpc'),
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('merges several files in order', async () => {
    const result = await runCli(
      ['validate', '--no-config-search', '--strict', '--collector-config', 'base.yaml', '--collector-config', 'override.yaml'],
      { ...at('valid-merged-files'), env: { OTEL_SERVICE_NAME: 'checkout' } },
    );
    expect(result.code).toBe(0);
    const alone = await runCli(['validate', '--no-config-search', '--json', '--collector-config', 'base.yaml'], at('valid-merged-files'));
    expect(alone.code).toBe(1);
  });

  it('is a one-line usage error (exit 2) for an unreadable file or flags that need --collector-config', async () => {
    const missing = await runCli(['validate', '--no-config-search', '--collector-config', 'nope.yaml'], at('valid-best-practice'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^otel-proc: cannot read the Collector config nope\.yaml: no such file\n/);
    const alone = await runCli(['validate', '--no-config-search', '--collector-distribution', 'core'], at('valid-best-practice'));
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--collector-distribution needs --collector-config');
    const binary = await runCli(
      ['validate', '--no-config-search', '--collector-config', 'config.yaml', '--collector-binary', '/nonexistent/otelcol'],
      at('valid-best-practice'),
    );
    expect(binary.code).toBe(2);
    expect(binary.stderr).toContain('--collector-binary /nonexistent/otelcol');
    expect(binary.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('checks types against a distribution: bearertokenauth is contrib, not core', async () => {
    const core = await runCli(
      ['validate', '--no-config-search', '--json', '--collector-config', 'config.yaml', '--collector-distribution', 'core'],
      at('valid-bearer-auth'),
    );
    expect(JSON.parse(core.stdout).diagnostics.map((d: { code: string }) => d.code)).toContain('COLLECTOR_COMPONENT_TYPE_UNKNOWN');
    const contrib = await runCli(
      ['validate', '--no-config-search', '--json', '--collector-config', 'config.yaml', '--collector-distribution', 'contrib'],
      at('valid-bearer-auth'),
    );
    expect(JSON.parse(contrib.stdout).diagnostics.map((d: { code: string }) => d.code)).not.toContain('COLLECTOR_COMPONENT_TYPE_UNKNOWN');
  });
});

describe('validate --format sarif', () => {
  it('is valid SARIF 2.1.0 with the catalogue as rules and file/line regions', async () => {
    const result = await runCli(
      ['validate', '--no-config-search', '--format', 'sarif', '--env-file', 'app.env', '--collector-config', 'config.yaml'],
      at('app-url-path-mismatch'),
    );
    expect(result.code).toBe(1);
    const sarif = JSON.parse(result.stdout) as {
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string }> } };
        results: Array<{
          ruleId: string;
          ruleIndex: number;
          locations?: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }>;
        }>;
      }>;
    };
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    const [run] = sarif.runs;
    const ruleIds = run!.tool.driver.rules.map((rule) => rule.id);
    for (const code of Object.keys(COLLECTOR_CATALOGUE)) expect(ruleIds).toContain(code);
    const result0 = run!.results.find((entry) => entry.ruleId === 'COLLECTOR_APP_URL_PATH_MISMATCH');
    expect(ruleIds[result0!.ruleIndex]).toBe('COLLECTOR_APP_URL_PATH_MISMATCH');
    expect(result0!.locations![0]!.physicalLocation.artifactLocation.uri).toBe('config.yaml');
    expect(result0!.locations![0]!.physicalLocation.region!.startLine).toBeGreaterThan(1);
  });

  it('gives every result a location, as GitHub code scanning requires (a variable goes to line 1 of the first file)', async () => {
    const result = await runCli(['validate', '--no-config-search', '--format', 'sarif', '--collector-config', 'config.yaml'], {
      ...at('valid-best-practice'),
      env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpcc' },
    });
    const sarif = JSON.parse(result.stdout) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          message: { text: string };
          locations?: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }>;
        }>;
      }>;
    };
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    const results = sarif.runs[0]!.results;
    expect(results.length).toBeGreaterThan(0);
    for (const entry of results) expect(entry.locations?.length, entry.ruleId).toBe(1);
    const protocol = results.find((entry) => entry.ruleId === 'OTLP_PROTOCOL_INVALID')!;
    expect(protocol.message.text).toMatch(/^OTEL_EXPORTER_OTLP_PROTOCOL: /);
    expect(protocol.locations![0]!.physicalLocation).toEqual({ artifactLocation: { uri: 'config.yaml' }, region: { startLine: 1 } });
  });

  it('is valid SARIF for a clean run too (no results)', async () => {
    const result = await runCli(
      ['validate', '--no-config-search', '--format', 'sarif', '--collector-config', 'config.yaml'],
      at('valid-best-practice'),
    );
    expect(result.code).toBe(0);
    const sarif = JSON.parse(result.stdout) as { runs: Array<{ results: unknown[] }> };
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    expect(sarif.runs[0]!.results.filter((entry) => JSON.stringify(entry).includes('COLLECTOR_'))).toEqual([]);
  });
});

describe('validate --format junit', () => {
  it('passes the JUnit schema; one case per rule and file; a failure per error; warnings fail only with --strict', async () => {
    const args = ['validate', '--no-config-search', '--format', 'junit', '--collector-config', 'config.yaml'];
    const plain = await runCli(args, at('debug-detailed'));
    expect(await junitSchemaErrors(plain.stdout)).toEqual([]);
    const cases = parseJunit(plain.stdout);
    const collectorCases = cases.filter((testCase) => testCase.suite === 'config.yaml');
    expect(collectorCases.map((testCase) => testCase.name).sort()).toEqual(Object.keys(COLLECTOR_CATALOGUE).sort());
    const detailed = collectorCases.find((testCase) => testCase.name === 'COLLECTOR_DEBUG_DETAILED')!;
    expect(detailed.failures).toEqual([]);
    expect(detailed.output).toContain('config.yaml:');
    expect(plain.code).toBe(0);

    const strict = await runCli([...args, '--strict'], at('debug-detailed'));
    expect(await junitSchemaErrors(strict.stdout)).toEqual([]);
    const strictCase = parseJunit(strict.stdout).find(
      (testCase) => testCase.suite === 'config.yaml' && testCase.name === 'COLLECTOR_DEBUG_DETAILED',
    )!;
    expect(strictCase.failures).toHaveLength(1);
    expect(strictCase.failures[0]!.type).toBe('COLLECTOR_DEBUG_DETAILED');
    expect(strict.code).toBe(1);
  });

  it('fails once per error, with file and line in the failure', async () => {
    const result = await runCli(
      ['validate', '--no-config-search', '--format', 'junit', '--collector-config', 'config.yaml'],
      at('processor-duplicate'),
    );
    expect(result.code).toBe(1);
    expect(await junitSchemaErrors(result.stdout)).toEqual([]);
    const failing = parseJunit(result.stdout).filter((testCase) => testCase.failures.length > 0);
    expect(failing.map((testCase) => testCase.name)).toEqual(['COLLECTOR_PROCESSOR_DUPLICATE']);
    expect(failing[0]!.failures[0]!.text).toMatch(/^config\.yaml:\d+: /);
  });
});
