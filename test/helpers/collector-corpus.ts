/**
 * The Collector fixture corpus, fixtures/collector/<case>/: `config.yaml` (or the `files` listed in
 * case.json, merged in order), `case.json` saying which codes the case must raise (`expect`) or that
 * it must raise nothing (`clean`), and an optional `envFile` with the application's settings for the
 * cross-check. `pinned-components.yaml` is `otelcol components` of the pinned test Collector.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogFromComponentsOutput } from '../../src/collector/binary-components.js';
import type { ComponentCatalog } from '../../src/collector/distribution.js';
import { checkCollector, type CollectorCheck } from '../../src/collector/run.js';
import { resolveConfig } from '../../src/config/resolve.js';

export const CORPUS = fileURLToPath(new URL('../../fixtures/collector/', import.meta.url));

export interface CorpusCase {
  name: string;
  dir: string;
  files: string[];
  expect: string[];
  clean: boolean;
  envFile?: string;
}

export function corpusCases(): CorpusCase[] {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const dir = join(CORPUS, entry.name);
      const meta = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as {
        expect?: string[];
        clean?: boolean;
        files?: string[];
        envFile?: string;
      };
      return {
        name: entry.name,
        dir,
        files: meta.files ?? ['config.yaml'],
        expect: meta.expect ?? [],
        clean: meta.clean === true,
        ...(meta.envFile ? { envFile: meta.envFile } : {}),
      };
    });
}

export function pinnedCatalogText(): string {
  return readFileSync(join(CORPUS, 'pinned-components.yaml'), 'utf8');
}

export function pinnedCatalog(): ComponentCatalog {
  return catalogFromComponentsOutput(pinnedCatalogText(), 'pinned test Collector');
}

/** Lints a case the way `validate --collector-config ... [--env-file app.env]` does, with the given component types. */
export async function lintCase(testCase: CorpusCase, types: { binary?: string; catalog?: ComponentCatalog } = {}): Promise<CollectorCheck> {
  const env = {};
  const app = testCase.envFile
    ? (await resolveConfig({ env, cwd: testCase.dir, envFile: testCase.envFile, noConfigSearch: true })).config
    : undefined;
  return checkCollector({
    paths: testCase.files,
    cwd: testCase.dir,
    env,
    ...(testCase.envFile ? { envFile: testCase.envFile } : {}),
    ...(types.binary ? { binary: types.binary } : {}),
    ...(types.catalog ? { catalog: types.catalog } : {}),
    ...(app ? { app } : {}),
  });
}
