#!/usr/bin/env node
// Regenerates the repository's own docker-compose.telemetry.yml and telemetry/*.yml from
// templates/ (local preset), the same way `otel-proc init` does. Run after `npm run build`
// whenever a template changes; test/unit/init/repo-stack-files.test.ts fails until you do.
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { renderStackFiles, STACK_FILE_NAMES } = await import(new URL('../../dist/init/stack-files.js', import.meta.url).href);
const files = renderStackFiles({ preset: 'local', deployment: 'compose' });
mkdirSync(join(root, STACK_FILE_NAMES.configDir), { recursive: true });
const written = [
  [STACK_FILE_NAMES.compose, files.compose],
  [join(STACK_FILE_NAMES.configDir, STACK_FILE_NAMES.collectorConfig), files.collectorConfig],
  [join(STACK_FILE_NAMES.configDir, STACK_FILE_NAMES.jaegerConfig), files.jaegerConfig],
  [join(STACK_FILE_NAMES.configDir, STACK_FILE_NAMES.prometheusConfig), files.prometheusConfig],
];
for (const [name, content] of written) {
  writeFileSync(join(root, name), content);
  console.log(`wrote ${name}`);
}
