import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile, parseScenario, formatProblem } from '../../../src/synth/scenario-file.js';
import { planTrace } from '../../../src/synth/plan-trace.js';
import { createRandom } from '../../../src/synth/random.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../../fixtures/emit/scenarios/${name}/scenario.yaml`, import.meta.url));

describe('scenario files', () => {
  it('loads a valid scenario and plans it with its services, roles and generators', async () => {
    const loaded = await loadScenarioFile(fixture('checkout'));
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.scenario.name).toBe('checkout');
    const trace = planTrace(loaded.scenario, createRandom(3), { index: 0, defaultService: 'shop', services: 2 });
    expect(trace.spans.map((s) => [s.name, s.service])).toEqual([
      ['POST /checkout', 'shop'],
      ['charge card', 'shop'],
      ['POST /charge', 'payments'],
      ['write order', 'shop'],
      ['write order', 'shop'],
    ]);
    expect(trace.spans[3]!.role).toBe('state-put');
    expect(trace.spans[0]!.attributes['cart.items']).toBeGreaterThanOrEqual(1);
    expect(['acme-corp', 'globex']).toContain(trace.baggage['tenant-id']);
  });

  it('reports every schema problem with file, line, column and path', async () => {
    const loaded = await loadScenarioFile(fixture('bad-ratio'));
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    const byPath = Object.fromEntries(loaded.problems.map((p) => [p.path, p]));
    expect(byPath['root.children[1].errorRatio']).toMatchObject({ line: 7, column: 19 });
    expect(byPath['root.children[1].kind']).toMatchObject({ line: 8 });
    // An unknown key is reported at the mapping that holds it.
    const unknown = loaded.problems.find((p) => p.message.includes('colour'));
    expect(unknown).toMatchObject({ path: 'root.children[1]', line: 6 });
    expect(formatProblem(byPath['root.children[1].errorRatio']!)).toMatch(
      /bad-ratio\/scenario\.yaml:7:19 root\.children\[1\]\.errorRatio: /,
    );
  });

  it('reports YAML syntax errors with their line', async () => {
    const loaded = await loadScenarioFile(fixture('bad-yaml'));
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.problems[0]!.message).toMatch(/^not valid YAML/);
    expect(loaded.problems[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('says plainly when the file is missing', async () => {
    const loaded = await loadScenarioFile('/nonexistent/scenario.yaml');
    expect(loaded).toEqual({
      ok: false,
      problems: [{ file: '/nonexistent/scenario.yaml', path: '', message: 'cannot read scenario: file not found' }],
    });
  });

  it('rejects bad generators and inverted ranges', () => {
    const result = parseScenario(
      'name: g\nroot:\n  name: r\n  durationMs: [5, 1]\n  attributes:\n    a: { $int: [1.5, 3] }\n    b: { $nope: 1 }\n',
      'g.yaml',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['root.durationMs', 'root.attributes.a.$int', 'root.attributes.b']));
  });

  it('rejects a tree with more spans than a trace may have', () => {
    const result = parseScenario(
      'name: big\nroot:\n  name: r\n  children:\n    - name: c\n      repeat: 200\n      children:\n        - name: d\n          repeat: 100\n',
      'big.yaml',
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/20201 spans/);
  });

  it('rejects an alias inside the node its anchor marks (an endless tree), with its position', async () => {
    const loaded = await loadScenarioFile(fixture('self-alias'));
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.problems).toEqual([
      expect.objectContaining({ line: 6, column: 7, message: expect.stringMatching(/alias \*span is inside the node &span/) }),
    ]);
    const nested = parseScenario('name: n\nroot:\n  name: a\n  children: &kids\n    - name: b\n      children: *kids\n', 'n.yaml');
    expect(nested.ok).toBe(false);
    // An alias that only reuses an earlier subtree is fine.
    expect(parseScenario('name: n\nroot:\n  name: a\n  children:\n    - &c { name: c }\n    - *c\n', 'n.yaml').ok).toBe(true);
  });

  it('reports an alias bomb as a problem of the file, not a crash', () => {
    const level = (name: string, from: string): string => `${name}: &${name} [${Array(10).fill(`*${from}`).join(', ')}]\n`;
    const text = `name: bomb\na: &a [{ name: x }]\n${level('b', 'a')}${level('c', 'b')}${level('d', 'c')}${level('e', 'd')}root: { name: r }\n`;
    const result = parseScenario(text, 'bomb.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/^not a usable YAML document: .*alias/);
  });

  it('rejects durations longer than a day, which would start spans before 1970', () => {
    for (const durationMs of ['1e13', '[1, 1e13]']) {
      const result = parseScenario(`name: long\nroot:\n  name: r\n  durationMs: ${durationMs}\n`, 'long.yaml');
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.problems[0]).toMatchObject({ path: 'root.durationMs', message: expect.stringMatching(/at most 86400000/) });
    }
    expect(parseScenario('name: day\nroot:\n  name: r\n  durationMs: 86400000\n', 'day.yaml').ok).toBe(true);
  });
});
