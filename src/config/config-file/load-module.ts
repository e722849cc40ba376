/**
 * Loading a config file that is code (.js, .mjs, .cjs, .ts). cosmiconfig's own loaders retry a
 * failed import() with require(), and on Node 20 that second attempt hides the real mistake behind
 * "Cannot require() ES Module ... not yet fully loaded"; these loaders import once and report what
 * went wrong with the user's file name (and line, for a syntax error), never a temporary file's.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { ConfigurationError } from '../../errors.js';

const TYPESCRIPT_HINT =
  'A .ts config file needs the "typescript" package installed in your project; or use otel-proc.config.json/.yaml/.mjs.';

/** import() a JavaScript config file and return its default export (module.exports for CommonJS). */
export async function loadJavaScriptConfig(filepath: string, displayPath: string, runFile = filepath): Promise<unknown> {
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(runFile).href)) as { default?: unknown };
  } catch (error) {
    throw moduleError(error, displayPath, runFile);
  }
  return module.default;
}

/** Transpile a TypeScript config file (syntax errors at their line), then import it like JavaScript. */
export async function loadTypeScriptConfig(filepath: string, displayPath: string, content: string): Promise<unknown> {
  type TypeScript = typeof import('typescript');
  let typescript: TypeScript;
  try {
    typescript = ((await import('typescript')) as { default: TypeScript }).default;
  } catch {
    throw new ConfigurationError(
      `cannot load the otel-proc config file ${displayPath}: the "typescript" package is not installed`,
      TYPESCRIPT_HINT,
    );
  }
  const output = typescript.transpileModule(content, {
    fileName: filepath,
    reportDiagnostics: true,
    compilerOptions: { module: typescript.ModuleKind.ES2022, target: typescript.ScriptTarget.ES2022 },
  });
  const problem = output.diagnostics?.find((diagnostic) => diagnostic.category === typescript.DiagnosticCategory.Error);
  if (problem) {
    const where = problem.file && problem.start !== undefined ? problem.file.getLineAndCharacterOfPosition(problem.start) : undefined;
    const position = where ? `:${where.line + 1}:${where.character + 1}` : '';
    throw new ConfigurationError(`${displayPath}${position}: ${typescript.flattenDiagnosticMessageText(problem.messageText, ' ')}`);
  }
  // Next to the original, so that its relative imports and node_modules resolve the same way.
  const compiled = `${filepath}.${randomUUID()}.mjs`;
  try {
    await writeFile(compiled, output.outputText);
    return await loadJavaScriptConfig(filepath, displayPath, compiled);
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    throw new ConfigurationError(`cannot load the otel-proc config file ${displayPath}: ${(error as Error).message}`);
  } finally {
    await rm(compiled, { force: true });
  }
}

function moduleError(error: unknown, displayPath: string, runFile: string): ConfigurationError {
  const name = error instanceof Error ? error.name : 'Error';
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  if (name === 'SyntaxError') {
    const line = syntaxErrorLine(runFile);
    return new ConfigurationError(`${displayPath}${line !== undefined ? `:${line}` : ''}: SyntaxError: ${message}`);
  }
  // Whatever the module threw while it ran (a missing package, a thrown Error, a bad import).
  return new ConfigurationError(`cannot load the otel-proc config file ${displayPath}: ${message.split(runFile).join(displayPath)}`);
}

/**
 * import() does not say where an ES module's syntax error is; `node --check` does, on its first
 * line (`/path/file.mjs:7`). Only run when a file already failed to parse.
 */
function syntaxErrorLine(file: string): number | undefined {
  const result = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', timeout: 10_000 });
  const first = (result.stderr ?? '').split('\n')[0] ?? '';
  const match = /:(\d+)$/.exec(first);
  return match ? Number(match[1]) : undefined;
}
