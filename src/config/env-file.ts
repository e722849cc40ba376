/**
 * --env-file: a .env file read with dotenv, its variables treated as if they were set in the
 * environment but below the real environment (a variable already set wins, as `node --env-file` and
 * dotenv do). Each variable keeps its file and line for provenance.
 */
import { parse } from 'dotenv';
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve as resolvePath } from 'node:path';
import { ConfigurationError } from '../cli/errors.js';
import type { EnvFileVariable } from './env-reader.js';

export interface LoadedEnvFile {
  displayPath: string;
  variables: Map<string, EnvFileVariable>;
}

export async function loadEnvFile(cwd: string, path: string): Promise<LoadedEnvFile> {
  const filepath = isAbsolute(path) ? path : resolvePath(cwd, path);
  let text: string;
  try {
    text = await readFile(filepath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigurationError(`cannot read the env file ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String((error as Error).message)}`);
  }
  const relativePath = relative(cwd, filepath);
  const displayPath = relativePath !== '' && !relativePath.startsWith('..') && !isAbsolute(relativePath) ? relativePath : filepath;
  const values = parse(text);
  const lines = text.split(/\r?\n/);
  const variables = new Map<string, EnvFileVariable>();
  for (const [name, value] of Object.entries(values)) {
    const variable: EnvFileVariable = { value, file: displayPath };
    const line = findDefinitionLine(lines, name);
    if (line !== undefined) variable.line = line;
    variables.set(name, variable);
  }
  return { displayPath, variables };
}

/** dotenv keeps the last definition of a name; so do we when looking for its line. */
function findDefinitionLine(lines: string[], name: string): number | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const definition = new RegExp(`^\\s*(?:export\\s+)?${escaped}\\s*[=:]`);
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    if (definition.test(lines[index]!)) return index + 1;
  }
  return undefined;
}
