/**
 * Finding and reading the otel-proc config file with cosmiconfig: `--config <path>`, or a search from
 * the working folder up to the project root for otel-proc.config.{ts,js,mjs,cjs,json,yaml,yml},
 * .otel-procrc[.json|.yaml|.yml|.js|.mjs|.cjs|.ts] and the `otel-proc` key of package.json.
 * YAML and JSON are parsed by us so that every value keeps its line; a file that cannot be read or
 * parsed is a ConfigurationError (exit 2) naming the file and line.
 */
import { cosmiconfig, type Loader } from 'cosmiconfig';
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { basename, isAbsolute, relative, resolve as resolvePath } from 'node:path';
import { ConfigurationError, fileErrorReason } from '../../errors.js';
import { loadJavaScriptConfig, loadTypeScriptConfig } from './load-module.js';
import { linePosition, SourcePositions } from './positions.js';

export const MODULE_NAME = 'otel-proc';

export const SEARCH_PLACES = [
  'package.json',
  '.otel-procrc',
  '.otel-procrc.json',
  '.otel-procrc.yaml',
  '.otel-procrc.yml',
  '.otel-procrc.js',
  '.otel-procrc.mjs',
  '.otel-procrc.cjs',
  '.otel-procrc.ts',
  'otel-proc.config.json',
  'otel-proc.config.yaml',
  'otel-proc.config.yml',
  'otel-proc.config.js',
  'otel-proc.config.mjs',
  'otel-proc.config.cjs',
  'otel-proc.config.ts',
];

export interface LoadedConfigFile {
  /** Absolute path. */
  filepath: string;
  /** What reports show: relative to the working folder when inside it. */
  displayPath: string;
  content: unknown;
  /** Line numbers, for YAML and JSON files. */
  positions?: SourcePositions;
}

export async function loadConfigFile(cwd: string, explicitPath?: string): Promise<LoadedConfigFile | undefined> {
  const positionsByFile = new Map<string, SourcePositions>();
  const parseWithPositions =
    (json: boolean): Loader =>
    (filepath, text) => {
      // Editors on Windows save UTF-8 with a byte-order mark; JSON.parse refuses it, YAML ignores it.
      const content = text.replace(/^\uFEFF/, '');
      const inPackageJson = basename(filepath) === 'package.json';
      const prefix = inPackageJson ? [MODULE_NAME] : [];
      if (json) strictJson(display(cwd, filepath), content);
      const { positions, document } = SourcePositions.parse(content, prefix);
      const firstError = document.errors[0];
      if (firstError) {
        const line = firstError.linePos?.[0];
        throw new ConfigurationError(
          `${display(cwd, filepath)}${line ? `:${line.line}:${line.col}` : ''}: ${firstError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
        );
      }
      positionsByFile.set(filepath, positions);
      return document.toJS() as unknown;
    };
  const loadJavaScript: Loader = (filepath) => loadJavaScriptConfig(filepath, display(cwd, filepath));
  const createExplorer = () =>
    cosmiconfig(MODULE_NAME, {
      searchPlaces: SEARCH_PLACES,
      searchStrategy: 'project',
      loaders: {
        '.json': parseWithPositions(true),
        '.yaml': parseWithPositions(false),
        '.yml': parseWithPositions(false),
        noExt: parseWithPositions(false),
        '.js': loadJavaScript,
        '.mjs': loadJavaScript,
        '.cjs': loadJavaScript,
        '.ts': (filepath, content) => loadTypeScriptConfig(filepath, display(cwd, filepath), content),
      },
      cache: false,
    });

  let result: Awaited<ReturnType<ReturnType<typeof createExplorer>['load']>>;
  try {
    // Constructing the explorer already reads package.json (cosmiconfig's own meta config), so it
    // belongs inside the try: a package.json that is not JSON is the user's file to fix, not a crash.
    const explorer = createExplorer();
    if (explicitPath !== undefined) {
      const filepath = isAbsolute(explicitPath) ? explicitPath : resolvePath(cwd, explicitPath);
      // Read it ourselves first so a missing file is a plain message, not a stack from cosmiconfig.
      await readFile(filepath, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new ConfigurationError(`cannot read the config file ${explicitPath}: ${fileErrorReason(error)}`);
      });
      result = await explorer.load(filepath);
    } else {
      result = await explorer.search(cwd);
    }
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    await rethrowJsonError(cwd, error);
    throw new ConfigurationError(describeLoadError(error, explicitPath), tsHint(error) ?? loaderHint(error));
  }
  if (!result || result.isEmpty) {
    if (explicitPath !== undefined) throw new ConfigurationError(`the config file ${explicitPath} is empty`);
    return undefined;
  }
  const loaded: LoadedConfigFile = {
    filepath: result.filepath,
    displayPath: display(cwd, result.filepath),
    content: unwrapModule(result.config),
  };
  const positions = positionsByFile.get(result.filepath);
  if (positions) loaded.positions = positions;
  return loaded;
}

/**
 * JSON files must be JSON, not the YAML superset: report where JSON.parse stopped as a line. Node 20
 * gives no position for "Unexpected token" errors; the YAML parser, held to the JSON schema, finds
 * the same spot. V8's excerpt of the file ("...": x}}" is not valid JSON) is dropped: it may hold a
 * header value.
 */
function strictJson(filepath: string, content: string): void {
  try {
    JSON.parse(content);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = /position (\d+)/.exec(message)?.[1];
    const where = offset !== undefined ? linePosition(content, Number(offset)) : jsonErrorPosition(content);
    const reason = message
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/^(Unexpected token .+?), (?:\.\.\.)?".*is not valid JSON$/s, '$1');
    throw new ConfigurationError(`${filepath}${where ? `:${where.line}:${where.col}` : ''}: invalid JSON: ${reason}`);
  }
}

/**
 * cosmiconfig reads package.json with its own JSON parser, whose error quotes the file around the
 * mistake (a header value may stand there): name the file and line like our own JSON files instead.
 */
async function rethrowJsonError(cwd: string, error: unknown): Promise<void> {
  const fileName = error instanceof Error ? /JSON Error in (\S+?):\s*$/m.exec(error.message)?.[1] : undefined;
  if (fileName === undefined) return;
  const content = await readFile(fileName, 'utf8').catch(() => undefined);
  if (content !== undefined) strictJson(display(cwd, fileName), content.replace(/^\uFEFF/, ''));
  throw new ConfigurationError(`${display(cwd, fileName)}: invalid JSON`);
}

function jsonErrorPosition(content: string): { line: number; col: number } | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(content, { schema: 'json', lineCounter });
  return [...document.errors, ...document.warnings][0]?.linePos?.[0];
}

/** `export default {...}` arrives as the module namespace from some loaders. */
function unwrapModule(config: unknown): unknown {
  if (config && typeof config === 'object' && 'default' in config && Object.keys(config).length === 1)
    return (config as { default: unknown }).default;
  return config;
}

function display(cwd: string, filepath: string): string {
  const relativePath = relative(cwd, filepath);
  return relativePath !== '' && !relativePath.startsWith('..') && !isAbsolute(relativePath) ? relativePath : filepath;
}

function describeLoadError(error: unknown, explicitPath: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  return `cannot load the otel-proc config file${explicitPath !== undefined ? ` ${explicitPath}` : ''}: ${message.split('\n')[0]}`;
}

function loaderHint(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  return /No loader specified/.test(message)
    ? 'Config files are .json, .yaml, .yml, .js, .mjs, .cjs or .ts (or .otel-procrc in YAML or JSON).'
    : undefined;
}

function tsHint(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  return /typescript/i.test(message)
    ? 'A .ts config file needs the "typescript" package installed in your project; or use otel-proc.config.json/.yaml/.mjs.'
    : undefined;
}
