/**
 * Every command has one shape: src/commands/<name>/index.ts declares its flags and help, and
 * src/commands/<name>/run.ts holds its body (options → core → report → render → exit code), which
 * index.ts loads with `import('./run.js')` only when the command runs.
 *
 * Why: `otel-proc --help` and `<command> --help` load every index.ts (scripts/build/bundle-cli.mjs
 * bundles them into dist/cli.cjs), so an index.ts that imports the core statically makes start-up pay
 * for it; and a reader finds any command's body in the same place. An index.ts may import at run
 * time only commander, src/cli/ (the CLI context and config flags), src/flags/ (the flag grammar)
 * and src/errors.ts; type-only imports are erased and cost nothing.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const sourceDir = fileURLToPath(new URL('../../../src', import.meta.url));

/** Imports that execute when the module loads: `import … from`, `export … from`, `import '…'`; not `import type`. */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^;'"]*?\sfrom\s*)?['"]([^'"]+)['"]/gm;

function allowedAtLoad(source: string, indexFile: string, root: string): boolean {
  if (source === 'commander') return true;
  if (!source.startsWith('.')) return false;
  const target = relative(root, resolve(dirname(indexFile), source))
    .split(sep)
    .join('/');
  return target === 'errors.js' || target.startsWith('cli/') || target.startsWith('flags/');
}

/** Each way src/commands under `root` departs from the shape, one line each. */
function commandShapeViolations(root: string): string[] {
  const commandsDir = join(root, 'commands');
  const violations: string[] = [];
  for (const name of readdirSync(commandsDir).sort()) {
    // commands/index.ts is the list of registrations, not a command.
    if (name === 'index.ts') continue;
    const folder = join(commandsDir, name);
    if (!statSync(folder).isDirectory()) {
      violations.push(`src/commands/${name}: a command is a folder, src/commands/<name>/ with index.ts and run.ts`);
      continue;
    }
    const files = readdirSync(folder);
    for (const required of ['index.ts', 'run.ts']) {
      if (!files.includes(required)) violations.push(`src/commands/${name}/${required} is missing`);
    }
    if (!files.includes('index.ts')) continue;
    const indexFile = join(folder, 'index.ts');
    const text = readFileSync(indexFile, 'utf8');
    for (const match of text.matchAll(STATIC_IMPORT)) {
      if (!allowedAtLoad(match[1], indexFile, root)) {
        violations.push(`src/commands/${name}/index.ts imports '${match[1]}' when --help loads it: import it lazily in run.ts`);
      }
    }
    if (!/\bimport\(\s*['"]\.\/run\.js['"]\s*\)/.test(text)) {
      violations.push(`src/commands/${name}/index.ts does not load its body with import('./run.js')`);
    }
  }
  return violations;
}

describe('the shape of src/commands', () => {
  let scratch: string | undefined;
  afterEach(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    scratch = undefined;
  });

  function tree(files: Record<string, string>): string {
    scratch = mkdtempSync(join(tmpdir(), 'command-shape-'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(scratch, path)), { recursive: true });
      writeFileSync(join(scratch, path), text);
    }
    return scratch;
  }

  it('every command is a folder with a cheap index.ts that loads run.ts lazily', () => {
    expect(commandShapeViolations(sourceDir)).toEqual([]);
  });

  it('finds a flat command file, a missing run.ts and an index.ts that loads the body or the core', () => {
    const root = tree({
      'commands/index.ts': '',
      'commands/flat.ts': "import { Command } from 'commander';\n",
      'commands/half/index.ts': "import { Command } from 'commander';\nconst load = () => import('./run.js');\n",
      'commands/eager/index.ts': [
        "import { Command } from 'commander';",
        "import type { Report } from '../../report/types.js';",
        "import { runCommand } from '../../cli/run-command.js';",
        "import { UsageError } from '../../errors.js';",
        "import { parseDuration } from '../../flags/index.js';",
        "import { eagerCommand } from './run.js';",
        "import { resolveConfig } from '../../config/resolve.js';",
        "import ora from 'ora';",
        '',
      ].join('\n'),
      'commands/eager/run.ts': '',
    });
    expect(commandShapeViolations(root)).toEqual([
      expect.stringContaining("src/commands/eager/index.ts imports './run.js'"),
      expect.stringContaining("src/commands/eager/index.ts imports '../../config/resolve.js'"),
      expect.stringContaining("src/commands/eager/index.ts imports 'ora'"),
      "src/commands/eager/index.ts does not load its body with import('./run.js')",
      expect.stringContaining('src/commands/flat.ts: a command is a folder'),
      'src/commands/half/run.ts is missing',
    ]);
  });
});
