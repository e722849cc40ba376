/**
 * Reads a scenario YAML file and validates it, reporting every problem with its file, line and
 * column (from the YAML node the zod issue's path points at), e.g.
 *   scenario.yaml:12:7 root.children[1].errorRatio: must be within [0, 1]
 */
import { readFile } from 'node:fs/promises';
import { isNode, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { countSpans, MAX_SPANS_PER_TRACE, scenarioSchema } from './scenario-schema.js';
import type { Scenario } from './types.js';
import { fileErrorReason } from '../errors.js';

export interface ScenarioProblem {
  file: string;
  line?: number;
  column?: number;
  /** Dotted path inside the file, e.g. `root.children[1].errorRatio`; '' for the whole file. */
  path: string;
  message: string;
}

export type ScenarioLoad = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('');
}

export function formatProblem(problem: ScenarioProblem): string {
  const where = problem.line !== undefined ? `${problem.file}:${problem.line}:${problem.column ?? 1}` : problem.file;
  return `${where} ${problem.path ? `${problem.path}: ` : ''}${problem.message}`;
}

/**
 * Aliases (`*name`) that sit inside the node their anchor (`&name`) marks: YAML allows them, but
 * they make an endless tree, which would recurse until the stack overflows. Offsets of each one.
 */
function selfContainingAliases(doc: Document): Array<{ offset: number; name: string }> {
  const found: Array<{ offset: number; name: string }> = [];
  visit(doc, {
    Alias(_key, alias) {
      const target = alias.resolve(doc);
      if (!target?.range || !alias.range) return;
      if (alias.range[0] >= target.range[0] && alias.range[1] <= target.range[1])
        found.push({ offset: alias.range[0], name: alias.source });
    },
  });
  return found;
}

export function parseScenario(text: string, file: string): ScenarioLoad {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number): { line: number; column: number } => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        file,
        ...at(error.pos[0]),
        path: '',
        message: `not valid YAML: ${error.message.split('\n')[0]}`,
      })),
    };
  }
  const cycles = selfContainingAliases(doc);
  if (cycles.length > 0) {
    return {
      ok: false,
      problems: cycles.map((cycle) => ({
        file,
        ...at(cycle.offset),
        path: '',
        message: `the alias *${cycle.name} is inside the node &${cycle.name} marks, so the tree would contain itself without end`,
      })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // e.g. yaml's guard against alias "billion laughs": "Excessive alias count indicates a resource exhaustion attack".
    return { ok: false, problems: [{ file, path: '', message: `not a usable YAML document: ${(error as Error).message}` }] };
  }
  const result = scenarioSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      // Point at the deepest node that exists: a missing key is reported at its parent mapping.
      let path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      let node = doc.getIn(path, true);
      while (!isNode(node) && path.length > 0) {
        path = path.slice(0, -1);
        node = doc.getIn(path, true);
      }
      const offset = isNode(node) && node.range ? node.range[0] : doc.contents?.range?.[0];
      return { file, ...(offset !== undefined ? at(offset) : {}), path: formatPath(issue.path), message: issue.message };
    });
    return { ok: false, problems };
  }
  const spans = countSpans(result.data.root);
  if (spans > MAX_SPANS_PER_TRACE) {
    return {
      ok: false,
      problems: [{ file, path: 'root', message: `the tree has ${spans} spans per trace; at most ${MAX_SPANS_PER_TRACE} are allowed` }],
    };
  }
  return { ok: true, scenario: result.data };
}

export async function loadScenarioFile(file: string): Promise<ScenarioLoad> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return {
      ok: false,
      problems: [{ file, path: '', message: `cannot read scenario: ${fileErrorReason(error, { words: { ENOENT: 'file not found' } })}` }],
    };
  }
  return parseScenario(text, file);
}
