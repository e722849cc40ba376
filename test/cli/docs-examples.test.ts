/**
 * Every command example in README.md and docs/*.md runs here, so the documentation cannot rot:
 * each `$ otel-proc …` line of a ```console block is run as printed (see docs/index.md, "How the
 * examples are tested") and must exit as the page says; every command and flag an example names,
 * run or not, must exist in that command's --help.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractExamples, invocationsOf, type DocExample } from '../helpers/doc-examples.js';
import { freePorts, preparePage, runBlock, startsReceiver, type PageContext, type Ports } from '../helpers/doc-example-runner.js';
import { runCli } from '../helpers/cli.js';
import { startReceiveCli, type RunningReceive } from './receive-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGES = [
  'README.md',
  ...readdirSync(`${ROOT}docs`)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];
const HAS_JQ = spawnSync('jq', ['--version']).status === 0;

/** The options each command's --help lists, and the commands the program's --help lists. */
async function helpOptions(command?: string): Promise<Set<string>> {
  const { stdout } = await runCli(command ? [command, '--help'] : ['--help']);
  const options = new Set<string>();
  for (const match of stdout.matchAll(/^ {2}(?:(-\w), )?(--[\w-]+)/gm)) {
    if (match[1]) options.add(match[1]);
    options.add(match[2]!);
  }
  if (!command) for (const match of stdout.matchAll(/^ {2}([a-z][\w-]*) /gm)) options.add(`command:${match[1]}`);
  return options;
}

const help = new Map<string, Set<string>>();
let collector: RunningReceive;
let collectorPorts: Ports;

beforeAll(async () => {
  const program = await helpOptions();
  help.set('', program);
  for (const entry of program)
    if (entry.startsWith('command:') && entry !== 'command:help') help.set(entry.slice(8), await helpOptions(entry.slice(8)));
  // The collector of the examples: counts what it gets, answers like a Collector.
  collector = await startReceiveCli(['--count-only'], 30 * 60_000);
  collectorPorts = { grpc: collector.target.ports.grpc!, http: collector.target.ports.http! };
});

afterAll(async () => {
  collector?.child.kill('SIGINT');
  await collector?.exited;
});

describe.each(PAGES)('%s', (page) => {
  const { examples, files, stray } = extractExamples(readFileSync(`${ROOT}${page}`, 'utf8'));
  let context: PageContext;
  beforeAll(async () => {
    context = await preparePage(files);
  });

  it('puts every command example in a console block', () => {
    expect(stray.map((entry) => `${page}:${entry.line}: ${entry.text}`)).toEqual([]);
  });

  it.skipIf(examples.length === 0)('names only commands and flags that exist', () => {
    const unknown: string[] = [];
    for (const example of examples) {
      for (const call of invocationsOf(example.command.replace(/\bnpx otel-proc\b/g, 'otel-proc'))) {
        const known = help.get(call.command ?? '');
        if (!known) {
          unknown.push(`${page}:${example.line}: no command "${call.command}"`);
          continue;
        }
        for (const option of call.options)
          if (!known.has(option)) unknown.push(`${page}:${example.line}: ${call.command ?? 'otel-proc'} has no option ${option}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  const blocks = new Map<number, DocExample[]>();
  for (const example of examples) blocks.set(example.block, [...(blocks.get(example.block) ?? []), example]);
  for (const example of examples) {
    if (example.skip) it.skip(`${page}:${example.line} $ ${example.command}  (not run: ${example.skip})`, () => {});
  }
  for (const block of blocks.values()) {
    const runnable = block.filter((example) => !example.skip);
    if (runnable.length === 0) continue;
    const needsJq = runnable.some((example) => /\|\s*jq\b|^jq\b/.test(example.command));
    const commands = runnable.map((example) => `$ ${example.command}`).join(' ; ');
    const title = `${page}:${runnable[0]!.line} ${commands.length > 160 ? `${commands.slice(0, 160)}…` : commands}`;
    it.skipIf(needsJq && !HAS_JQ)(title, { timeout: 300_000 }, async () => {
      // A block that starts its own receiver gets free ports of its own; the others reach the shared collector.
      const ports = runnable.some(startsReceiver) ? await freePorts() : collectorPorts;
      const failures = await runBlock(block, context, ports);
      expect(failures.join('\n\n')).toBe('');
    });
  }
});

it('runs as `npx otel-proc` inside the repository, as README says', { timeout: 180_000 }, () => {
  const result = spawnSync('npx', ['--no-install', 'otel-proc', '--version'], { cwd: ROOT, encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
});
