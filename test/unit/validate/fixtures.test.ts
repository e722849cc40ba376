/**
 * One test per folder in fixtures/validate/<case>/: `env` holds the environment (dotenv format),
 * optional config files sit next to it (found by the normal search from that folder), optional
 * `options.json` adds resolver options (envFile, configPath, otelConfigFile, flags), and
 * `expected.json` lists the exact set of diagnostic codes plus selected effective values.
 */
import { parse } from 'dotenv';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ResolveOptions } from '../../../src/config/types.js';
import { CATALOGUE } from '../../../src/config/catalogue.js';
import { runValidate } from '../../../src/validate/run.js';
import type { ValidateReport } from '../../../src/validate/report.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/validate/', import.meta.url));

interface Expected {
  codes: string[];
  values?: Record<string, unknown>;
}

function valueAt(report: ValidateReport, path: string): unknown {
  // Resource attribute keys contain dots: `resourceAttributes.<key>` takes the rest as the key.
  if (path.startsWith('resourceAttributes.')) return report.config.resourceAttributes[path.slice('resourceAttributes.'.length)];
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], report.config);
}

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('validate fixtures', () => {
  it('has at least one fixture for every diagnostic code in the catalogue', () => {
    const covered = new Set(
      cases.flatMap((name) => (JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected).codes),
    );
    expect(Object.keys(CATALOGUE).filter((code) => !covered.has(code))).toEqual([]);
  });

  for (const name of cases) {
    it(name, async () => {
      const folder = join(FIXTURES, name);
      const env = parse(readFileSync(join(folder, 'env'), 'utf8'));
      const expected = JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')) as Expected;
      const extra = existsSync(join(folder, 'options.json'))
        ? (JSON.parse(readFileSync(join(folder, 'options.json'), 'utf8')) as Partial<ResolveOptions>)
        : {};
      const report = await runValidate({ resolve: { env, cwd: folder, ...extra }, strict: false });
      const codes = [...new Set(report.diagnostics.map((diagnostic) => diagnostic.code))].sort();
      expect(codes, JSON.stringify(report.diagnostics, null, 2)).toEqual([...expected.codes].sort());
      for (const [path, value] of Object.entries(expected.values ?? {})) {
        expect(valueAt(report, path), path).toEqual(value);
      }
      const declarative = join(folder, 'declarative.json');
      if (existsSync(declarative)) expect(report.declarative).toEqual(JSON.parse(readFileSync(declarative, 'utf8')));
      expect(report.ok).toBe(!report.diagnostics.some((diagnostic) => diagnostic.severity === 'error'));
    });
  }
});
