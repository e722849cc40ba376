/**
 * A Collector configuration as a tree whose every node remembers the file and line it came from,
 * so a finding about a merged, substituted configuration can still name `file:line`. Built from the
 * `yaml` package's document (its ranges give the lines); plain data otherwise.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';

export interface Origin {
  path: string;
  /** 1-based. */
  line: number;
}

export type ConfigNode =
  | { kind: 'map'; origin: Origin; entries: Map<string, MapEntry> }
  | { kind: 'seq'; origin: Origin; items: ConfigNode[] }
  | { kind: 'scalar'; origin: Origin; value: unknown };

export interface MapEntry {
  key: string;
  /** Where the key is written (findings about a component point at its id). */
  keyOrigin: Origin;
  value: ConfigNode;
}

export interface ParsedFile {
  path: string;
  root?: ConfigNode;
  errors: Array<{ message: string; line: number }>;
}

/** Parses one file's text. Duplicate keys are errors, as they are for the Collector's YAML parser. */
export function parseConfigText(path: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  // A repeated key is reported at the end of the previous entry; its second character is the key itself.
  const errors = document.errors.map((error) => ({
    message: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
    line: lineOf(error.code === 'DUPLICATE_KEY' ? error.pos[1] : error.pos[0]),
  }));
  if (errors.length > 0) return { path, errors };
  const convert = (node: unknown, fallbackLine: number): ConfigNode => {
    const yamlNode = node as YamlNode | null | undefined;
    const line = yamlNode?.range ? lineOf(yamlNode.range[0]) : fallbackLine;
    const origin = { path, line };
    if (isAlias(yamlNode)) return convert(yamlNode.resolve(document), line);
    if (isMap(yamlNode)) {
      const entries = new Map<string, MapEntry>();
      for (const pair of yamlNode.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const key = String(isScalar(keyNode) ? keyNode.value : keyNode);
        const keyLine = keyNode?.range ? lineOf(keyNode.range[0]) : line;
        entries.set(key, { key, keyOrigin: { path, line: keyLine }, value: convert(pair.value, keyLine) });
      }
      return { kind: 'map', origin, entries };
    }
    if (isSeq(yamlNode)) return { kind: 'seq', origin, items: yamlNode.items.map((item) => convert(item, line)) };
    return { kind: 'scalar', origin, value: isScalar(yamlNode) ? yamlNode.value : null };
  };
  if (document.contents === null) return { path, errors };
  return { path, root: convert(document.contents, 1), errors };
}

/**
 * How the Collector merges several --config sources: maps merge key by key, the later source
 * winning; anything else (lists included) is replaced whole.
 * https://github.com/open-telemetry/opentelemetry-collector/blob/main/confmap/README.md#merging
 */
export function mergeNodes(base: ConfigNode | undefined, over: ConfigNode | undefined): ConfigNode | undefined {
  if (!base) return over;
  if (!over) return base;
  if (base.kind !== 'map' || over.kind !== 'map') return over;
  const entries = new Map(base.entries);
  for (const [key, entry] of over.entries) {
    const previous = entries.get(key);
    entries.set(key, previous ? { ...entry, value: mergeNodes(previous.value, entry.value)! } : entry);
  }
  return { kind: 'map', origin: base.origin, entries };
}

export function child(node: ConfigNode | undefined, key: string): ConfigNode | undefined {
  return node?.kind === 'map' ? node.entries.get(key)?.value : undefined;
}

export function entryOf(node: ConfigNode | undefined, key: string): MapEntry | undefined {
  return node?.kind === 'map' ? node.entries.get(key) : undefined;
}

/** `a.b.c` → the node there, through maps only. */
export function at(node: ConfigNode | undefined, path: string): ConfigNode | undefined {
  return path.split('.').reduce<ConfigNode | undefined>((current, key) => child(current, key), node);
}

export function scalarValue(node: ConfigNode | undefined): unknown {
  return node?.kind === 'scalar' ? node.value : undefined;
}

export function stringAt(node: ConfigNode | undefined, path: string): string | undefined {
  const value = scalarValue(at(node, path));
  return value === undefined || value === null ? undefined : String(value);
}
