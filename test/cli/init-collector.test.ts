/**
 * `init` writes Collector configurations that come out clean under otel-proc's own Collector lint:
 * for the local and ci presets together with the app settings init writes beside them (--strict,
 * so not even a warning), for production the Collector file alone (its app settings point at a
 * remote production Collector, not at this local stack).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function initInto(preset: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `otel-proc-init-${preset}-`));
  dirs.push(dir);
  const init = await runCli(['init', '--preset', preset, '--yes', '--service-name', 'shop'], { cwd: dir });
  expect(init.code, init.stderr).toBe(0);
  return dir;
}

const COLLECTOR = ['--collector-config', 'telemetry/otel-collector-config.yaml', '--collector-distribution', 'contrib'];

describe('init writes Collector configs that pass the Collector lint', () => {
  for (const preset of ['local', 'ci']) {
    it(`${preset}: the app and its Collector, --strict`, async () => {
      const dir = await initInto(preset);
      const result = await runCli(['validate', '--strict', '--json', ...COLLECTOR], { cwd: dir });
      const report = JSON.parse(result.stdout) as { diagnostics: Array<{ code: string }>; collector?: { files: string[] } };
      expect(report.collector?.files).toEqual(['telemetry/otel-collector-config.yaml']);
      expect(report.diagnostics.map((diagnostic) => diagnostic.code)).toEqual([]);
      expect(result.code).toBe(0);
    });
  }

  it('production: the Collector file alone', async () => {
    const dir = await initInto('production');
    const result = await runCli(['validate', '--json', '--no-config-search', ...COLLECTOR], { cwd: dir });
    const report = JSON.parse(result.stdout) as { diagnostics: Array<{ code: string }> };
    expect(report.diagnostics.map((diagnostic) => diagnostic.code).filter((code) => code.startsWith('COLLECTOR_'))).toEqual([]);
  });
});
