/**
 * The --env-file copy in a support bundle: a line dotenv ignores (a token pasted on its own line, a
 * setting without "=") sets nothing, so nothing names it a secret; it must not reach the bundle.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputBoundary } from '../../../src/boundary/output.js';
import type { Resolution } from '../../../src/config/types.js';
import { buildBundle, type BundleInput } from '../../../src/doctor/bundle.js';

const cwd = mkdtempSync(join(tmpdir(), 'otel-proc-bundle-env-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('the env file in a support bundle', () => {
  it('keeps settings and comments, and hides lines that set nothing', async () => {
    writeFileSync(join(cwd, '.env'), '# staging\nOTEL_SERVICE_NAME=checkout\nglpat-StrayToken123\nOTEL_EXPORTER_OTLP_HEADERS x-tenant=AlsoSecret456\n');
    const input = {
      report: { checks: [] },
      validate: {},
      resolution: { files: { envFile: '.env' } } as unknown as Resolution,
      env: {},
      cwd,
      collectorConfigs: [],
      versions: {},
      boundary: new OutputBoundary(),
      createdAt: '2025-01-01T00:00:00.000Z',
    } as unknown as BundleInput;
    const entries = await buildBundle(input);
    const envFile = entries.find((entry) => entry.path.endsWith('files/env-file/.env'))!.text;
    expect(envFile).toContain('# staging\nOTEL_SERVICE_NAME=checkout\n');
    expect(envFile).toContain('OTEL_EXPORTER_OTLP_HEADERS <redacted>');
    expect(entries.map((entry) => entry.text).join('\n')).not.toMatch(/StrayToken123|AlsoSecret456/);
  });
});
