/**
 * Runs the examples of one console block the way a reader would type them: in bash (so pipes,
 * `$TOKEN` and `VAR=value otel-proc …` work), in a scratch folder holding the page's files, with
 * the built CLI on PATH as `otel-proc` (`npx otel-proc` means the same). A collector is played by
 * a receiver: the documented ports 4317 (gRPC) and 4318 (HTTP) are replaced by free ones, and
 * OTEL_EXPORTER_OTLP_ENDPOINT points at it, so the default `localhost:4318` is reached too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BIN, cleanEnv } from './cli.js';
import type { DocExample, DocFile } from './doc-examples.js';

export interface Ports {
  grpc: number;
  http: number;
}

/** What every example of a page shares. */
export interface PageContext {
  cwd: string;
  env: Record<string, string>;
  files: DocFile[];
  /** A page file sets the endpoint itself: the test then leaves OTEL_EXPORTER_OTLP_ENDPOINT alone. */
  filesNameEndpoint: boolean;
}

const FOREGROUND_DEADLINE_MS = 120_000;
const READY_DEADLINE_MS = 60_000;
/** Documented so readers can copy `-H "authorization=Bearer $TOKEN"`. */
export const EXAMPLE_TOKEN = 'docs-example-token';

export async function preparePage(files: DocFile[]): Promise<PageContext> {
  const cwd = await mkdtemp(join(tmpdir(), 'otel-proc-docs-'));
  const bin = join(cwd, '.bin');
  await mkdir(bin);
  await symlink(BIN, join(bin, 'otel-proc'));
  return {
    cwd,
    env: cleanEnv({ PATH: `${bin}:${process.env.PATH ?? ''}`, TOKEN: EXAMPLE_TOKEN }),
    files,
    filesNameEndpoint: files.some((file) => NAMES_ENDPOINT.test(file.content)),
  };
}

const NAMES_ENDPOINT = /otlpEndpoint|OTEL_EXPORTER_OTLP_(?:[A-Z]+_)?ENDPOINT\b|(?:^|\s)(?:-e|--endpoint)[\s=]/;

/** The page's files, with the documented ports mapped like the commands. */
async function writePageFiles(page: PageContext, ports: Ports): Promise<void> {
  for (const file of page.files) {
    const path = join(page.cwd, file.name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, mapPorts(file.content, ports));
  }
}

function mapPorts(text: string, ports: Ports): string {
  return text.replace(/(?<![\w.])4317(?!\w)/g, String(ports.grpc)).replace(/(?<![\w.])4318(?!\w)/g, String(ports.http));
}

export async function freePorts(): Promise<Ports> {
  const one = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
  return { grpc: await one(), http: await one() };
}

/** The command as the test runs it: documented ports mapped, `npx otel-proc` as `otel-proc`, receive on the mapped ports. */
export function localize(command: string, ports: Ports): string {
  return mapPorts(command.replace(/\bnpx otel-proc\b/g, 'otel-proc'), ports).replace(
    /\botel-proc receive\b/g,
    `otel-proc receive --grpc-port ${ports.grpc} --http-port ${ports.http}`,
  );
}

export function startsReceiver(example: DocExample): boolean {
  return /\botel-proc receive\b/.test(example.command);
}

interface Running {
  example: DocExample;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number>;
}

function start(example: DocExample, command: string, page: PageContext, ports: Ports): Running {
  const child = spawn('bash', ['-o', 'pipefail', '-c', command], {
    cwd: page.cwd,
    // Where the docs rely on the default endpoint (localhost:4318), the stand-in must answer there.
    env:
      page.filesNameEndpoint || NAMES_ENDPOINT.test(example.command)
        ? page.env
        : { ...page.env, OTEL_EXPORTER_OTLP_ENDPOINT: `http://localhost:${ports.http}` },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: Ctrl-C reaches every process of a pipeline, as on a terminal.
    detached: true,
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number>((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? (signal === 'SIGINT' ? 130 : 128 + 9))),
  );
  return { example, child, output: () => output, exited };
}

function signalGroup(running: Running, signal: NodeJS.Signals): void {
  try {
    process.kill(-running.child.pid!, signal);
  } catch {
    // already gone
  }
}

/** Ready: a receiver prints its listening addresses; anything else, its first output. */
async function waitUntilReady(running: Running): Promise<string | undefined> {
  const listeners = startsReceiver(running.example)
    ? 2 - Number(/--no-grpc\b/.test(running.example.command)) - Number(/--no-http\b/.test(running.example.command))
    : 0;
  const ready = (): boolean =>
    listeners > 0 ? (running.output().match(/receiving OTLP/g) ?? []).length >= listeners : running.output().length > 0;
  const deadline = Date.now() + READY_DEADLINE_MS;
  let gone = false;
  void running.exited.then(() => (gone = true));
  while (!ready()) {
    if (gone) return `ended before it was ready:\n${running.output()}`;
    if (Date.now() > deadline) return `not ready after ${READY_DEADLINE_MS} ms:\n${running.output()}`;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return undefined;
}

async function withDeadline(running: Running, ms: number): Promise<number | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    running.exited,
    new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms))),
  ]);
  clearTimeout(timer);
  return result;
}

function failure(running: Running, problem: string): string {
  const tail = running.output().split('\n').slice(-15).join('\n');
  return `line ${running.example.line}: $ ${running.example.printed}\n  ${problem}\n  output:\n${tail.replace(/^/gm, '    ')}`;
}

async function settle(running: Running, code: number | 'timeout'): Promise<string | undefined> {
  if (code === 'timeout') {
    signalGroup(running, 'SIGKILL');
    return failure(running, `did not end within its deadline`);
  }
  return code === running.example.expectedExit
    ? undefined
    : failure(running, `exited ${code}, the docs say ${running.example.expectedExit}`);
}

/** Runs a block's commands in order; returns one message per example that did not behave as documented. */
export async function runBlock(examples: DocExample[], page: PageContext, ports: Ports): Promise<string[]> {
  const failures: string[] = [];
  const background: Running[] = [];
  await writePageFiles(page, ports);
  try {
    for (const example of examples) {
      if (example.skip) continue;
      const running = start(example, localize(example.command, ports), page, ports);
      if (example.background || example.untilInterrupt) {
        const notReady = await waitUntilReady(running);
        if (notReady) {
          signalGroup(running, 'SIGKILL');
          failures.push(failure(running, notReady));
          continue;
        }
      }
      if (example.background) {
        background.push(running);
        continue;
      }
      if (example.untilInterrupt) signalGroup(running, 'SIGINT');
      const problem = await settle(running, await withDeadline(running, FOREGROUND_DEADLINE_MS));
      if (problem) failures.push(problem);
    }
  } finally {
    for (const running of background) {
      if (running.example.untilInterrupt) signalGroup(running, 'SIGINT');
      const problem = await settle(running, await withDeadline(running, 30_000));
      if (problem) failures.push(problem);
    }
  }
  return failures;
}
