/**
 * The honesty guard: every fixture of fixtures/collector/ goes through otel-proc's Collector lint
 * and through the real pinned Collector's `otelcol validate`, and they must agree on "the Collector
 * refuses this configuration", in both directions: a finding marked `refuses` in the catalogue
 * appears exactly when the real Collector fails to validate. Component types come from the binary
 * itself (`--collector-binary`), as a user checking a custom build would get them.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL_CODES } from '../../src/collector/catalogue.js';
import { findStackBinaries } from '../../src/init/stack-binaries.js';
import { runCli } from '../helpers/cli.js';
import { CORPUS, corpusCases, lintCase, pinnedCatalogText } from '../helpers/collector-corpus.js';
import { collectorComponents, validateCollectorConfig } from './helpers/stack.js';

const cases = corpusCases();
let otelcol: string;
const disagreements: string[] = [];

/** `otelcol validate` with every file of the case, merged in order as the Collector merges --config. */
async function realValidate(dir: string, files: string[]): Promise<{ ok: boolean; output: string }> {
  if (files.length === 1) return validateCollectorConfig({ path: join(dir, files[0]!) });
  const args = ['validate', ...files.map((file) => `--config=${join(dir, file)}`)];
  return new Promise((resolve) => {
    execFile(otelcol, args, { timeout: 60_000, cwd: dir }, (error, stdout, stderr) =>
      resolve({ ok: error === null, output: `${stdout}${stderr}` }),
    );
  });
}

beforeAll(async () => {
  otelcol = (await findStackBinaries()).otelcol;
  for (const name of Object.keys(process.env))
    if (name.startsWith('OTEL_PROC_FIXTURE_') || name.startsWith('OTEL_')) delete process.env[name];
});

afterAll(() => {
  // One summary line per disagreement makes a failing CI log readable at a glance.
  if (disagreements.length > 0) console.error(`otel-proc and otelcol validate disagree on:\n${disagreements.join('\n')}`);
});

describe('the Collector lint agrees with the pinned otelcol validate', () => {
  it('fixtures/collector/pinned-components.yaml lists what the pinned binary contains', async () => {
    const kinds = ['receivers', 'processors', 'exporters', 'connectors', 'extensions'];
    const names = (text: string): Record<string, string[]> => {
      const parsed = parse(text) as Record<string, Array<{ name: string }> | undefined>;
      return Object.fromEntries(kinds.map((kind) => [kind, (parsed[kind] ?? []).map((item) => item.name).sort()]));
    };
    expect(names(await collectorComponents())).toEqual(names(pinnedCatalogText()));
  });

  it('validate --collector-binary asks the binary itself (CLI)', async () => {
    const result = await runCli(
      ['validate', '--no-config-search', '--json', '--collector-config', 'config.yaml', '--collector-binary', otelcol],
      { cwd: join(CORPUS, 'component-type-unknown') },
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      diagnostics: Array<{ code: string }>;
      collector: { components: string; refused: boolean };
    };
    expect(report.collector.components).toContain(otelcol);
    expect(report.collector.refused).toBe(true);
    expect(report.diagnostics.map((diagnostic) => diagnostic.code)).toContain('COLLECTOR_COMPONENT_TYPE_UNKNOWN');
  });

  for (const testCase of cases) {
    it(testCase.name, async () => {
      const [{ report }, real] = await Promise.all([lintCase(testCase, { binary: otelcol }), realValidate(testCase.dir, testCase.files)]);
      const refusals = report.diagnostics.filter((diagnostic) => REFUSAL_CODES.has(diagnostic.code)).map((diagnostic) => diagnostic.code);
      const weRefuse = refusals.length > 0;
      if (weRefuse === real.ok) {
        disagreements.push(
          `  ${testCase.name}: otel-proc ${weRefuse ? `refuses (${refusals.join(', ')})` : 'accepts'}, otelcol ${real.ok ? 'accepts' : `refuses: ${real.output.trim().split('\n').slice(-3).join(' | ')}`}`,
        );
      }
      expect({ refuses: weRefuse, codes: refusals }, real.output).toEqual({ refuses: !real.ok, codes: refusals });
    });
  }
});
