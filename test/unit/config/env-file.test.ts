import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/errors.js';
import { loadEnvFile } from '../../../src/config/env-file.js';
import { resolveConfig } from '../../../src/config/resolve.js';

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'otel-proc-env-file-'));
  writeFileSync(
    join(cwd, '.env'),
    [
      '# comment',
      'OTEL_SERVICE_NAME=first',
      'export OTEL_EXPORTER_OTLP_HEADERS="authorization=Bearer abc,x=1"',
      '',
      'OTEL_SERVICE_NAME = second',
      "OTEL_TRACES_SAMPLER='always_on' # trailing comment",
    ].join('\n'),
  );
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('--env-file', () => {
  it('reads dotenv syntax and keeps the line of the definition that wins', async () => {
    const loaded = await loadEnvFile(cwd, '.env');
    expect(loaded.displayPath).toBe('.env');
    expect(Object.fromEntries(loaded.variables)).toEqual({
      OTEL_SERVICE_NAME: { value: 'second', file: '.env', line: 5 },
      OTEL_EXPORTER_OTLP_HEADERS: { value: 'authorization=Bearer abc,x=1', file: '.env', line: 3 },
      OTEL_TRACES_SAMPLER: { value: 'always_on', file: '.env', line: 6 },
    });
  });

  it('refuses a missing file or a folder with a plain message', async () => {
    await expect(loadEnvFile(cwd, 'missing.env')).rejects.toThrow(
      new ConfigurationError('cannot read the env file missing.env: no such file'),
    );
    await expect(loadEnvFile(cwd, '.')).rejects.toThrow(/it is a folder/);
  });
});

describe('--env-file lines dotenv skips', () => {
  it('reports each skipped line with its number, naming a variable but never printing a bare token', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'otel-proc-env-lines-'));
    try {
      writeFileSync(
        join(folder, 'app.env'),
        'OTEL_SERVICE_NAME=svc\n\n# a comment\nOTEL_EXPORTER_OTLP_ENDPOINT http://c:4318\nM="multi\nline"\nexport OTEL_LOG_LEVEL = debug\nghp_notarealtoken0123456789\nOTEL_TRACES_SAMPLER\n',
      );
      const { diagnostics } = await resolveConfig({ env: {}, cwd: folder, envFile: 'app.env', noConfigSearch: true });
      const skipped = diagnostics.filter((d) => d.code === 'ENV_FILE_LINE_IGNORED');
      expect(skipped.map((d) => (d.source?.kind === 'file' ? [d.source.line, d.source.key] : undefined))).toEqual([
        [4, 'OTEL_EXPORTER_OTLP_ENDPOINT'],
        [8, 'line 8'],
        [9, 'OTEL_TRACES_SAMPLER'],
      ]);
      expect(JSON.stringify(diagnostics)).not.toContain('notarealtoken');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('warns about a byte-order mark, which node --env-file keeps in the first name', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'otel-proc-env-bom-'));
    try {
      writeFileSync(join(folder, 'win.env'), '\uFEFFOTEL_SERVICE_NAME=svc\r\nOTEL_EXPORTER_OTLP_ENDPOINT=http://c:4318\r\n');
      const { config, diagnostics } = await resolveConfig({ env: {}, cwd: folder, envFile: 'win.env', noConfigSearch: true });
      expect(diagnostics.filter((d) => d.code === 'ENV_FILE_LINE_IGNORED').map((d) => d.source)).toEqual([
        { kind: 'file', path: 'win.env', key: 'OTEL_SERVICE_NAME', line: 1 },
      ]);
      expect(config.traces.url).toBe('http://c:4318/v1/traces');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reports at most ten skipped lines one by one, then the rest in one finding (a wrong file)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'otel-proc-env-many-'));
    try {
      writeFileSync(join(folder, 'README.md'), Array.from({ length: 40 }, (_, index) => `Some prose, line ${index + 1}.`).join('\n'));
      const { diagnostics } = await resolveConfig({ env: {}, cwd: folder, envFile: 'README.md', noConfigSearch: true });
      const skipped = diagnostics.filter((d) => d.code === 'ENV_FILE_LINE_IGNORED');
      expect(skipped).toHaveLength(11);
      expect(skipped.at(-1)?.message).toMatch(/^30 more lines of README\.md \(from line 11\)/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
