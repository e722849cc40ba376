/**
 * Start-up: without --collector-config nothing of src/collector/ may load. The modules a plain
 * `validate` or `doctor` loads (the CLI, the validate core and its renderers, the doctor's checks)
 * must not reach src/collector/ through static imports; only `import()` behind the flag may.
 * Type-only imports are erased by the compiler and do not count.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm;

function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [resolve(SRC, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(STATIC_IMPORT)) queue.push(join(dirname(file), match[1]!.replace(/\.js$/, '.ts')));
  }
  return seen;
}

const inCollector = (files: Set<string>): string[] =>
  [...files].filter((file) => file.startsWith(join(SRC, 'collector/'))).map((file) => file.slice(SRC.length));

describe('src/collector loads only with --collector-config', () => {
  for (const entry of [
    'cli.ts',
    'validate/run.ts',
    'report/validate-human.ts',
    'report/validate-github.ts',
    'doctor/checks/index.ts',
    'doctor/run.ts',
  ]) {
    it(`${entry} does not import it statically`, () => {
      expect(inCollector(staticClosure(entry))).toEqual([]);
    });
  }

  it('the import scan sees a static import when there is one', () => {
    // Guards the scanner itself: the collector's entry does reach the collector statically.
    expect(inCollector(staticClosure('collector/run.ts')).length).toBeGreaterThan(5);
  });
});
