import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/errors.js';
import { resolveConfig } from '../../../src/config/resolve.js';

const folders: string[] = [];
function folderWith(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'otel-proc-config-'));
  folders.push(folder);
  // A package.json stops cosmiconfig's project search inside the temporary folder.
  writeFileSync(join(folder, 'package.json'), '{"name":"fixture"}\n');
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('otel-proc config file', () => {
  it('points schema errors at the right line of a YAML file', async () => {
    const cwd = folderWith({
      'otel-proc.config.yaml': 'tracing:\n  serviceName: svc\n  otlpProtocol: http\n  batchConfig:\n    maxQueueSize: -1\n',
    });
    const { diagnostics } = await resolveConfig({ env: {}, cwd });
    const lines = diagnostics
      .filter((d) => d.code === 'CONFIG_FILE_INVALID')
      .map((d) => (d.source?.kind === 'file' ? [d.source.key, d.source.line] : undefined));
    expect(lines).toEqual([
      ['tracing.otlpProtocol', 3],
      ['tracing.batchConfig.maxQueueSize', 5],
    ]);
    expect(diagnostics.find((d) => d.code === 'CONFIG_FILE_INVALID')?.hint).toBe('Did you mean "http/protobuf"?');
  });

  it('points unknown keys at their line in JSON, with a suggestion', async () => {
    const cwd = folderWith({
      'otel-proc.config.json': '{\n  "tracing": {\n    "serviceName": "svc",\n    "otlpEndpiont": "http://c:4318"\n  }\n}\n',
    });
    const { diagnostics } = await resolveConfig({ env: {}, cwd });
    const unknown = diagnostics.find((d) => d.code === 'CONFIG_FILE_UNKNOWN_KEY');
    expect(unknown?.source).toEqual({ kind: 'file', path: 'otel-proc.config.json', key: 'tracing.otlpEndpiont', line: 4 });
    expect(unknown?.hint).toContain('otlpEndpoint');
  });

  it('gives every value from the file its key and line as provenance', async () => {
    const cwd = folderWith({ '.otel-procrc.yaml': 'metrics:\n  serviceName: svc\n  exportConfig:\n    exportInterval: 15s\n' });
    const { config, files } = await resolveConfig({ env: {}, cwd });
    expect(files.configFile).toBe('.otel-procrc.yaml');
    expect(config.metricReader.exportIntervalMs).toEqual({
      value: 15000,
      source: { kind: 'file', path: '.otel-procrc.yaml', key: 'metrics.exportConfig.exportInterval', line: 4 },
    });
    expect(config.serviceName.source).toMatchObject({ kind: 'file', line: 2 });
  });

  it.each([
    ['otel-proc.config.yaml', 'tracing:\n  serviceName: [unclosed\n', /otel-proc\.config\.yaml:\d+:\d+/],
    [
      'otel-proc.config.yaml',
      'tracing:\n  serviceName: x\n   bad: 1\n',
      /^otel-proc\.config\.yaml:2:16: Nested mappings are not allowed in compact mappings$/,
    ],
    ['otel-proc.config.json', '{\n  "tracing": {\n    "serviceName": "svc",\n  }\n}\n', /otel-proc\.config\.json:4:\d+: invalid JSON/],
    [
      'otel-proc.config.json',
      '{\n  "tracing": {\n    "headers": { "authorization": "Bearer s3cr3t" }, "serviceName": svc\n  }\n}\n',
      /^otel-proc\.config\.json:3:\d+: invalid JSON: Unexpected token 's'$/,
    ],
  ])('refuses an unparseable %s with file:line (exit 2)', async (name, content, message) => {
    const cwd = folderWith({ [name]: content });
    const error = await resolveConfig({ env: {}, cwd }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(message);
  });

  it('reads a JSON file saved with a byte-order mark, lines intact', async () => {
    const cwd = folderWith({ 'otel-proc.config.json': '\uFEFF{\n  "tracing": {\n    "serviceName": "svc"\n  }\n}\n' });
    const { config } = await resolveConfig({ env: {}, cwd });
    expect(config.serviceName).toEqual({
      value: 'svc',
      source: { kind: 'file', path: 'otel-proc.config.json', key: 'tracing.serviceName', line: 3 },
    });
  });

  it('refuses a missing --config file (exit 2) and ignores files when search is off', async () => {
    const cwd = folderWith({ 'otel-proc.config.yaml': 'tracing:\n  serviceName: from-file\n' });
    await expect(resolveConfig({ env: {}, cwd, configPath: 'nope.yaml' })).rejects.toBeInstanceOf(ConfigurationError);
    await expect(resolveConfig({ env: {}, cwd, configPath: '.' })).rejects.toThrow('cannot read the config file .: it is a folder');
    writeFileSync(join(cwd, 'settings.toml'), 'a = 1\n');
    const toml = await resolveConfig({ env: {}, cwd, configPath: 'settings.toml' }).catch(
      (caught: unknown) => caught as ConfigurationError,
    );
    expect(toml).toBeInstanceOf(ConfigurationError);
    expect((toml as ConfigurationError).message).toContain('cannot load the otel-proc config file settings.toml: ');
    expect((toml as ConfigurationError).hint).toMatch(/\.json, \.yaml/);
    const { config } = await resolveConfig({ env: {}, cwd, noConfigSearch: true });
    expect(config.serviceName.value).toBe('unknown_service:node');
  });
});

describe('otel-proc config file written as a module', () => {
  it.each([
    ['a function as the default export', 'export default () => ({ tracing: { serviceName: "svc" } });\n', '(root)'],
    [
      'a function inside a section',
      'export default { tracing: { serviceName: "svc", headers: { token: () => "x" } } };\n',
      'tracing.headers.token',
    ],
    [
      'a class instance and a cycle',
      'const tracing = { serviceName: "svc", timeout: new Date(0) }; tracing.self = tracing;\nexport default { tracing };\n',
      'tracing.timeout',
    ],
  ])('reports %s as CONFIG_FILE_INVALID instead of failing', async (_name, source, key) => {
    const cwd = folderWith({ 'otel-proc.config.mjs': source });
    const { diagnostics } = await resolveConfig({ env: {}, cwd });
    const invalid = diagnostics.filter((d) => d.code === 'CONFIG_FILE_INVALID' || d.code === 'CONFIG_FILE_UNKNOWN_KEY');
    expect(invalid.map((d) => (d.source?.kind === 'file' ? d.source.key : undefined))).toContain(key);
  });
});

// JavaScript syntax errors are in test/cli/validate.test.ts: under vitest, import() goes through Vite.
describe('a config file that is code and fails to load', () => {
  it.each([
    [
      'otel-proc.config.mjs',
      'throw new Error("no token for the config");\n',
      /^cannot load the otel-proc config file otel-proc\.config\.mjs: no token for the config$/,
    ],
    ['otel-proc.config.ts', 'const timeout: number = ;\nexport default {};\n', /^otel-proc\.config\.ts:1:25: Expression expected/],
    [
      'otel-proc.config.ts',
      'const n: number = 1;\nthrow new Error(`ts failed ${n}`);\n',
      /^cannot load the otel-proc config file otel-proc\.config\.ts: ts failed 1$/,
    ],
  ])('%s: names the file (and line), not a loader detail (exit 2)', async (name, content, message) => {
    const cwd = folderWith({ [name]: content });
    const error = await resolveConfig({ env: {}, cwd }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(/require\(\)|\.mjs\.|[0-9a-f]{8}-[0-9a-f]{4}/);
  });
});

describe('durations in the config file', () => {
  it.each([['0'], ['"0s"'], ['"0.1ms"'], ['99999999999']])(
    'refuses timeout: %s at its line, and the default applies (the JS exporter throws on 0)',
    async (value) => {
      const cwd = folderWith({ 'otel-proc.config.yaml': `tracing:\n  serviceName: svc\n  timeout: ${value}\n` });
      const { config, diagnostics } = await resolveConfig({ env: {}, cwd });
      expect(diagnostics.find((d) => d.code === 'CONFIG_FILE_INVALID')?.source).toMatchObject({ key: 'tracing.timeout', line: 3 });
      expect(config.traces.timeoutMs).toEqual({ value: 10_000, source: { kind: 'default' } });
    },
  );

  it('takes a positive duration with or without a unit', async () => {
    const cwd = folderWith({
      'otel-proc.config.yaml': 'tracing:\n  serviceName: svc\n  timeout: 1.5s\nmetrics:\n  exportConfig: { exportInterval: 250 }\n',
    });
    const { config, diagnostics } = await resolveConfig({ env: {}, cwd });
    expect(diagnostics.filter((d) => d.code.startsWith('CONFIG_FILE'))).toEqual([]);
    expect(config.traces.timeoutMs.value).toBe(1500);
    expect(config.metricReader.exportIntervalMs.value).toBe(250);
  });
});
