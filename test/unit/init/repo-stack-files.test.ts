import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderStackFiles, STACK_FILE_NAMES } from '../../../src/init/stack-files.js';

const root = new URL('../../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');

// One source of truth: the repository's own stack files are templates/ rendered for the local preset.
describe("the repository's docker-compose.telemetry.yml and telemetry/ configs", () => {
  const files = renderStackFiles({ preset: 'local', deployment: 'compose' });
  const hint = 'regenerate with: npm run build && node scripts/stack/render-repo-files.mjs';
  it.each([
    [STACK_FILE_NAMES.compose, files.compose],
    [`${STACK_FILE_NAMES.configDir}/${STACK_FILE_NAMES.collectorConfig}`, files.collectorConfig],
    [`${STACK_FILE_NAMES.configDir}/${STACK_FILE_NAMES.jaegerConfig}`, files.jaegerConfig],
    [`${STACK_FILE_NAMES.configDir}/${STACK_FILE_NAMES.prometheusConfig}`, files.prometheusConfig],
  ])('%s matches the templates', (path, expected) => {
    expect(read(path), `${path} drifted from templates/ (${hint})`).toBe(expected);
  });
});
