import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/cli/errors.js';
import { loadEnvFile } from '../../../src/config/env-file.js';

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'otel-proc-env-file-'));
  writeFileSync(
    join(cwd, '.env'),
    ['# comment', 'OTEL_SERVICE_NAME=first', 'export OTEL_EXPORTER_OTLP_HEADERS="authorization=Bearer abc,x=1"', '', 'OTEL_SERVICE_NAME = second', "OTEL_TRACES_SAMPLER='always_on' # trailing comment"].join('\n'),
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
    await expect(loadEnvFile(cwd, 'missing.env')).rejects.toThrow(new ConfigurationError('cannot read the env file missing.env: no such file'));
    await expect(loadEnvFile(cwd, '.')).rejects.toThrow(/it is a folder/);
  });
});
