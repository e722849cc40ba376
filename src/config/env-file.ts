/**
 * --env-file: a .env file read with dotenv, its variables treated as if they were set in the
 * environment but below the real environment (a variable already set wins, as `node --env-file` and
 * dotenv do). Each variable keeps its file and line for provenance.
 */
import { parse } from 'dotenv';
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve as resolvePath } from 'node:path';
import { ConfigurationError, fileErrorReason } from '../errors.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { EnvFileVariable } from './env-reader.js';

export interface LoadedEnvFile {
  displayPath: string;
  variables: Map<string, EnvFileVariable>;
  /**
   * Lines that are neither blank, a comment nor an assignment: dotenv (and Node) skip them silently.
   * `bom`: the file starts with a UTF-8 byte-order mark, which dotenv ignores but `node --env-file`
   * (Node 20) keeps as part of the first name, so the application never sees that variable.
   */
  ignoredLines: Array<{ line: number; name?: string; bom?: boolean }>;
}

// dotenv's own line pattern (dotenv 16-18 lib/main.js LINE): whatever it does not match is skipped.
const DOTENV_LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm;

export async function loadEnvFile(cwd: string, path: string): Promise<LoadedEnvFile> {
  const filepath = isAbsolute(path) ? path : resolvePath(cwd, path);
  let text: string;
  try {
    text = await readFile(filepath, 'utf8');
  } catch (error) {
    throw new ConfigurationError(`cannot read the env file ${path}: ${fileErrorReason(error)}`);
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
  const ignoredLines: LoadedEnvFile['ignoredLines'] = findIgnoredLines(text);
  if (text.startsWith('\uFEFF')) {
    const name = /^\uFEFF\s*(?:export\s+)?([\w.-]+)\s*[=:]/.exec(text)?.[1];
    if (name) ignoredLines.unshift({ line: 1, name, bom: true });
  }
  return { displayPath, variables, ignoredLines };
}

/**
 * A line like `OTEL_EXPORTER_OTLP_ENDPOINT http://collector:4318` (no "=") or a stray word sets
 * nothing, and neither dotenv nor `node --env-file` says so. The line's text is never returned: it
 * may hold a token.
 */
export function findIgnoredLines(text: string): Array<{ line: number; name?: string }> {
  const normalised = text.replace(/\r\n?/g, '\n');
  const used = new Uint8Array(normalised.length);
  for (const match of normalised.matchAll(DOTENV_LINE)) used.fill(1, match.index, match.index + match[0].length);
  const ignored: Array<{ line: number; name?: string }> = [];
  let offset = 0;
  normalised.split('\n').forEach((content, index) => {
    const start = offset;
    offset += content.length + 1;
    const trimmed = content.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const firstVisible = start + content.search(/\S/);
    if (used[firstVisible]) return;
    // Named only when the first word looks like a variable name (FOO_BAR): a bare token must not be shown.
    const name = /^\s*(?:export\s+)?([A-Z][A-Z0-9]*_[A-Z0-9_]+)(?![\w.-])/.exec(content)?.[1];
    ignored.push(name ? { line: index + 1, name } : { line: index + 1 });
  });
  return ignored;
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

const MAX_IGNORED_LINES_SHOWN = 10;

/** ENV_FILE_LINE_IGNORED for each line dotenv or `node --env-file` will not read as meant. */
export function reportIgnoredLines(envFile: LoadedEnvFile, sink: DiagnosticSink): void {
  // A wrong file (a README, a binary) would otherwise bury the report in hundreds of findings.
  const shownLines = envFile.ignoredLines.slice(0, MAX_IGNORED_LINES_SHOWN);
  const moreLines = envFile.ignoredLines.slice(MAX_IGNORED_LINES_SHOWN);
  for (const ignored of shownLines) {
    if (ignored.bom) {
      sink.report(
        'ENV_FILE_LINE_IGNORED',
        `${envFile.displayPath} starts with a byte-order mark: dotenv reads ${ignored.name} on line 1, but node --env-file takes the mark as part of the name, so the application does not get ${ignored.name}.`,
        {
          source: { kind: 'file', path: envFile.displayPath, key: ignored.name!, line: 1 },
          hint: 'Save the file as UTF-8 without a BOM.',
        },
      );
      continue;
    }
    sink.report(
      'ENV_FILE_LINE_IGNORED',
      `Line ${ignored.line} of ${envFile.displayPath}${ignored.name ? ` (${ignored.name})` : ''} is not a NAME=value assignment: dotenv and node --env-file skip it, so it sets nothing.`,
      {
        source: { kind: 'file', path: envFile.displayPath, key: ignored.name ?? `line ${ignored.line}`, line: ignored.line },
        hint: 'Write it as NAME=value (quote a value that holds spaces or #), or start the line with # to make it a comment.',
      },
    );
  }
  if (moreLines.length > 0) {
    sink.report(
      'ENV_FILE_LINE_IGNORED',
      `${moreLines.length} more lines of ${envFile.displayPath} (from line ${moreLines[0]!.line}) are not NAME=value assignments either: is it a .env file?`,
      {
        source: { kind: 'file', path: envFile.displayPath, key: `line ${moreLines[0]!.line}`, line: moreLines[0]!.line },
      },
    );
  }
}
