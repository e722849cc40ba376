/**
 * Line numbers for values in a YAML or JSON file, so every diagnostic and provenance entry can point
 * at `file:line`. JSON is parsed for positions with the `yaml` package too (JSON is YAML 1.2).
 */
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';

export type PathSegment = string | number;

export class SourcePositions {
  constructor(
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
    /** Where the otel-proc settings live inside the document (`['otel-proc']` in package.json). */
    private readonly prefix: PathSegment[] = [],
  ) {}

  static parse(text: string, prefix: PathSegment[] = []): { positions: SourcePositions; document: Document } {
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
    return { positions: new SourcePositions(document, lineCounter, prefix), document };
  }

  /** The line of the value at `path`, or of its nearest existing parent. */
  lineOf(path: readonly PathSegment[]): number | undefined {
    for (let length = path.length; length >= 0; length -= 1) {
      const node = this.document.getIn([...this.prefix, ...path.slice(0, length)], true) as Node | undefined;
      const line = this.nodeLine(node);
      if (line !== undefined) return line;
    }
    return undefined;
  }

  /** The line of the key `key` inside the mapping at `path` (for unknown keys). */
  keyLineOf(path: readonly PathSegment[], key: string): number | undefined {
    const node = path.length + this.prefix.length === 0 ? this.document.contents : this.document.getIn([...this.prefix, ...path], true);
    if (isMap(node)) {
      for (const item of node.items) {
        if (isPair(item) && isScalar(item.key) && String(item.key.value) === key) return this.nodeLine(item.key as Node);
      }
    }
    return this.lineOf(path);
  }

  private nodeLine(node: Node | undefined | null): number | undefined {
    if (!node || typeof node !== 'object' || !('range' in node) || !node.range) return undefined;
    return this.lineCounter.linePos(node.range[0]).line;
  }
}

/** Line and column of a character offset in text (for JSON.parse errors). */
export function linePosition(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}
