/**
 * The folder-level import graph of src/: which top folder imports which. A file directly under
 * src/ (src/cli.ts, src/errors.ts) is a node of its own, named with its extension so src/cli.ts
 * (the entry) and src/cli/ (its helpers) stay apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`, relative specifiers only. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

export function topFolder(sourceDir: string, file: string): string {
  const [first] = relative(sourceDir, file).split(sep);
  return first;
}

/** Map of folder → folders it imports, each edge with one file that makes it, for the message. */
export function folderGraph(sourceDir: string): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(sourceDir)) {
    const from = topFolder(sourceDir, file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const target = resolve(dirname(file), match[1]);
      if (!target.startsWith(sourceDir + sep)) continue;
      const to = topFolder(sourceDir, target.replace(/\.js$/, '.ts'));
      if (to !== from && !edges.has(to)) edges.set(to, relative(sourceDir, file));
    }
  }
  return graph;
}

/** Every strongly connected component of more than one folder (Tarjan), each as a sorted list. */
export function folderCycles(graph: Map<string, Map<string, string>>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const lowLinks = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    lowLinks.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!indices.has(next)) {
        visit(next);
        lowLinks.set(node, Math.min(lowLinks.get(node)!, lowLinks.get(next)!));
      } else if (onStack.has(next)) {
        lowLinks.set(node, Math.min(lowLinks.get(node)!, indices.get(next)!));
      }
    }
    if (lowLinks.get(node) !== indices.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) components.push(component.sort());
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return components;
}

/** The edges inside one cycle, `a → b (a/file.ts)`, so a failure names the imports to move. */
export function describeCycle(graph: Map<string, Map<string, string>>, members: string[]): string {
  const inside = new Set(members);
  const edges = members.flatMap((from) =>
    [...(graph.get(from) ?? new Map<string, string>())]
      .filter(([to]) => inside.has(to))
      .map(([to, file]) => `  ${from} → ${to} (src/${file})`),
  );
  return `${members.join(' ↔ ')}\n${edges.join('\n')}`;
}
