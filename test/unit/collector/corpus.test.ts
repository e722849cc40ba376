/**
 * Every case of fixtures/collector/ raises the codes it names (and clean cases raise nothing), every
 * rule of the catalogue has a case, and every finding has a file position. Component types are
 * those of the pinned test Collector (fixtures/collector/pinned-components.yaml; the e2e honesty
 * test checks that file against the real binary).
 */
import { describe, expect, it } from 'vitest';
import { COLLECTOR_CATALOGUE } from '../../../src/collector/catalogue.js';
import { corpusCases, lintCase, pinnedCatalog } from '../../helpers/collector-corpus.js';

const cases = corpusCases();
const catalog = pinnedCatalog();

describe('fixtures/collector corpus', () => {
  it('has at least 30 cases, clean ones among them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(cases.filter((testCase) => testCase.clean).length).toBeGreaterThanOrEqual(3);
  });

  it('has a case for every rule of the catalogue', () => {
    const covered = new Set(cases.flatMap((testCase) => testCase.expect));
    const missing = Object.keys(COLLECTOR_CATALOGUE).filter((code) => !covered.has(code));
    expect(missing).toEqual([]);
  });

  for (const testCase of cases) {
    it(testCase.name, async () => {
      const { report } = await lintCase(testCase, { catalog });
      const codes = report.diagnostics.map((diagnostic) => diagnostic.code);
      if (testCase.clean) expect(report.diagnostics).toEqual([]);
      else for (const code of testCase.expect) expect(codes, `${testCase.name} should raise ${code}`).toContain(code);
      for (const diagnostic of report.diagnostics) {
        expect(diagnostic.source?.kind).toBe('file');
        if (diagnostic.source?.kind === 'file') {
          expect(testCase.files).toContain(diagnostic.source.path);
          expect(diagnostic.source.line).toBeGreaterThanOrEqual(1);
        }
      }
    });
  }
});

describe('cross-check findings name both places', () => {
  for (const testCase of cases.filter((entry) => entry.name.startsWith('app-'))) {
    it(testCase.name, async () => {
      const { report } = await lintCase(testCase, { catalog });
      const crossChecks = report.diagnostics.filter((diagnostic) => diagnostic.code.startsWith('COLLECTOR_APP_'));
      expect(crossChecks.length).toBeGreaterThan(0);
      for (const diagnostic of crossChecks) {
        // The Collector side: its file and line; the app side: the setting (from app.env) or what the app sends.
        expect(diagnostic.message).toMatch(/config\.yaml:\d+/);
        expect(diagnostic.message).toMatch(/app\.env:\d+|the app/);
        expect(diagnostic.hint).toBeTruthy();
      }
    });
  }
});
