import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESET_NAMES } from '../../../src/init/presets.js';
import { renderStackFiles } from '../../../src/init/stack-files.js';
import { composeSchemaErrors } from './compose-schema.js';

const DCLINT = join(dirname(createRequire(import.meta.url).resolve('dclint/package.json')), 'bin', 'dclint.cjs');

describe('docker-compose.telemetry.yml against the Compose Specification schema', () => {
  it.each(PRESET_NAMES)('the %s preset is valid', (preset) => {
    expect(composeSchemaErrors(renderStackFiles({ preset, deployment: 'compose' }).compose)).toEqual([]);
  });

  it("the repository's own file is valid", () => {
    expect(composeSchemaErrors(readFileSync(new URL('../../../docker-compose.telemetry.yml', import.meta.url), 'utf8'))).toEqual([]);
  });

  it('passes dclint without errors (e.g. every port published on 127.0.0.1 only)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'otel-proc-dclint-'));
    try {
      const file = join(dir, 'docker-compose.telemetry.yml');
      writeFileSync(file, renderStackFiles({ preset: 'production', deployment: 'compose' }).compose);
      const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
        execFile(process.execPath, [DCLINT, '--formatter', 'json', file], (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` }),
        );
      });
      const reports = JSON.parse(result.output) as Array<{ messages: Array<{ type: string; rule: string; message: string }> }>;
      const errors = reports.flatMap((report) => report.messages.filter((message) => message.type === 'error'));
      expect(errors).toEqual([]);
      expect(result.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the schema check does reject a broken file', () => {
    const broken = renderStackFiles({ preset: 'local', deployment: 'compose' })
      .compose.replace('restart: unless-stopped', 'restart: [oops]')
      .replace('    ports:\n', '    portz:\n');
    expect(composeSchemaErrors(broken).length).toBeGreaterThan(0);
  });
});
