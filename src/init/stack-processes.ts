/**
 * Running the stack's programs as child processes: free loopback ports, a log file per process,
 * health polling that gives up with the log's tail when a process dies, and a stop that always
 * ends with SIGKILL so no collector outlives the tests that started it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** Reserves `count` distinct free ports on 127.0.0.1 by binding port 0, then releases them. */
export async function pickFreePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port assigned');
    return address.port;
  });
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  return ports;
}

export class StackStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackStartError';
  }
}

export interface ManagedProcess {
  name: string;
  logFile: string;
  child: ChildProcess;
  /** Set once the process has exited. */
  exit?: { code: number | null; signal: NodeJS.Signals | null };
  stop(): Promise<void>;
}

const running = new Set<ManagedProcess>();
let exitHookInstalled = false;

/** Last resort: if the parent exits without stopping the stack, take the children with it. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const managed of running) managed.child.kill('SIGKILL');
  });
}

export function logTail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function startProcess(name: string, command: string, args: string[], logFile: string): ManagedProcess {
  installExitHook();
  const log = createWriteStream(logFile);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      managed.exit = { code, signal };
      running.delete(managed);
      resolve();
    });
    child.once('error', (error) => {
      log.write(`failed to start ${command}: ${error.message}\n`);
      managed.exit = { code: null, signal: null };
      running.delete(managed);
      resolve();
    });
  });
  let stopping: Promise<void> | undefined;
  const managed: ManagedProcess = {
    name,
    logFile,
    child,
    stop() {
      // Idempotent: a test may stop a collector that the stack stops again on teardown.
      stopping ??= (async () => {
        if (!managed.exit) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        }
        await new Promise<void>((resolve) => log.end(() => resolve()));
      })();
      return stopping;
    },
  };
  running.add(managed);
  return managed;
}

/** Polls `url` until it answers 2xx; fails fast with the log's tail if the process exits first. */
export async function waitForHealthy(managed: ManagedProcess, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (managed.exit) {
      await managed.stop(); // flushes the log before we quote it
      throw new StackStartError(
        `${managed.name} exited (code ${managed.exit.code ?? managed.exit.signal}) before ${url} became healthy. Last lines of its log:\n${logTail(managed.logFile)}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    }
    await delay(200);
  }
  throw new StackStartError(
    `${managed.name} did not become healthy at ${url} within ${timeoutMs} ms (${lastProblem}). Last lines of its log:\n${logTail(managed.logFile)}`,
  );
}
