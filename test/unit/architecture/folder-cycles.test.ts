/**
 * No import cycle between the folders of src/. A folder imports only folders below it:
 *
 *   cli.ts, commands/                      wiring and command bodies (flags, run)
 *   report/, bench/, codes/                renderers, and the catalogue of every domain's codes
 *   doctor/ (with doctor/checks/), emit/, load/, init/, validate/, receiver/, app-sdk/, collector/
 *                                          the domain
 *   backends/, sdk/, synth/, otlp/, config/, propagation/, net/, boundary/, flags/, findings/
 *                                          transports, configuration, shared values
 *   errors.ts                              the leaf: error classes and file-error wording
 *
 * Why: a cycle means neither folder can be read, tested or moved without the other, and a newcomer
 * cannot tell which one a change belongs in. The failure names each cycle and one file per edge.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeCycle, folderCycles, folderGraph } from './folder-graph.js';

const sourceDir = fileURLToPath(new URL('../../../src', import.meta.url));

describe('folder-level imports of src/', () => {
  it('finds a cycle when one exists', () => {
    const graph = new Map([
      ['a', new Map([['b', 'a/x.ts']])],
      ['b', new Map([['c', 'b/y.ts']])],
      ['c', new Map([['a', 'c/z.ts']])],
      ['d', new Map([['a', 'd/w.ts']])],
    ]);
    expect(folderCycles(graph)).toEqual([['a', 'b', 'c']]);
    expect(describeCycle(graph, ['a', 'b', 'c'])).toContain('c → a (src/c/z.ts)');
  });

  it('reads the real tree', () => {
    const graph = folderGraph(sourceDir);
    expect([...graph.keys()]).toEqual(expect.arrayContaining(['cli.ts', 'cli', 'commands']));
    expect(graph.get('commands')?.size).toBeGreaterThan(0);
  });

  it('has no cycle between folders', () => {
    const graph = folderGraph(sourceDir);
    const cycles = folderCycles(graph).map((members) => describeCycle(graph, members));
    expect(cycles, `folder cycles:\n${cycles.join('\n')}`).toEqual([]);
  });
});
