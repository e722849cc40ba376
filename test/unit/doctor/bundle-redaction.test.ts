/**
 * What a support bundle copies as read, where nothing names a value secret: a line of the --env-file
 * that dotenv ignores (a token pasted on its own line, a setting without "="), and a header under
 * `headers:` in a Collector config that does not parse (so no parser can say it is a header).
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

function bundleInput(collectorConfigs: Array<{ path: string; text: string }> = []): BundleInput {
  return {
    report: { checks: [] },
    validate: {},
    resolution: { files: { envFile: '.env' } } as unknown as Resolution,
    env: {},
    cwd,
    collectorConfigs,
    versions: {},
    boundary: new OutputBoundary(),
    createdAt: '2025-01-01T00:00:00.000Z',
  } as unknown as BundleInput;
}

describe('a support bundle', () => {
  it("keeps the env file's settings and comments, and hides lines that set nothing", async () => {
    writeFileSync(
      join(cwd, '.env'),
      '# staging\nOTEL_SERVICE_NAME=checkout\nglpat-StrayToken123\nOTEL_EXPORTER_OTLP_HEADERS x-tenant=AlsoSecret456\n',
    );
    const entries = await buildBundle(bundleInput());
    const envFile = entries.find((entry) => entry.path.endsWith('files/env-file/.env'))!.text;
    expect(envFile).toContain('# staging\nOTEL_SERVICE_NAME=checkout\n');
    expect(envFile).toContain('OTEL_EXPORTER_OTLP_HEADERS <redacted>');
    expect(entries.map((entry) => entry.text).join('\n')).not.toMatch(/StrayToken123|AlsoSecret456/);
  });

  it('hides every header value of a Collector config, also when the file does not parse', async () => {
    const text =
      'exporters:\n  otlphttp:\n    headers:\n      x-honeycomb-team: "hc-TeamKey-123"\n      X-Scope-OrgID: tenant-OrgSecret9\n    endpoint: https://api.honeycomb.io\n  debug:\n    verbosity: detailed\nextensions:\n  bearertokenauth:\n    token: "unterminated-Tok42\n';
    const entries = await buildBundle(bundleInput([{ path: 'otelcol.yaml', text }]));
    const copy = entries.find((entry) => entry.path.includes('collector-config'))!.text;
    expect(copy).not.toMatch(/hc-TeamKey-123|OrgSecret9|unterminated-Tok42/);
    expect(copy).toContain('endpoint: https://api.honeycomb.io\n  debug:\n    verbosity: detailed');
  });
});
