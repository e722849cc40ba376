/**
 * Runs the app-SDK canary in a child process and collects its results. The child loads the
 * NodeSDK (heavy), gets exactly the environment an application would (never otel-proc's flags or
 * config file), and is killed when it overruns: loading plus the runs' own timeouts plus a margin.
 * The child can be started early (it loads the SDK while other work goes on) and run later.
 * This module only forks: it never imports the SDK itself.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppSdkRunRequest, AppSdkRunResult, ChildMessage, ParentMessage } from './types.js';

/** Loading the NodeSDK takes about a second; a busy machine may need a few. */
export const LOAD_ALLOWANCE_MS = 5000;
const OUTPUT_TAIL_CHARS = 4000;

export interface ChildRun {
  results: AppSdkRunResult[];
  /** The child overran its deadline (or the run was interrupted) and was killed. */
  killed: boolean;
  /** The child ended before answering every run (crash, exit). */
  exitedEarly?: string;
  /** The tail of what the child printed (console exporters, OTEL_LOG_LEVEL diagnostics). */
  output: string;
  durationMs: number;
}

export interface AppSdkChild {
  /** Send the runs and wait for their results; kills the child when done or overdue. */
  run(runs: AppSdkRunRequest[], signal?: AbortSignal): Promise<ChildRun>;
  /** Stop a child that will not be run. */
  kill(): void;
}

export function defaultChildPath(): string {
  const beside = fileURLToPath(new URL('./child.js', import.meta.url));
  // Under the test runner this module is src/app-sdk/run-child.ts: the built child is in dist/.
  return existsSync(beside) ? beside : fileURLToPath(new URL('../../dist/app-sdk/child.js', import.meta.url));
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Fork the child now with the application's whole environment; it loads the SDK and waits for run(). */
export function startAppSdkChild(env: Record<string, string | undefined>, childPath = defaultChildPath()): AppSdkChild {
  const started = performance.now();
  let output = '';
  const results: AppSdkRunResult[] = [];
  // argv0 `node`, as when an application is started from a shell: the SDK's default service name
  // is `unknown_service:` + process.argv0 (resources: platform/node/default-service-name.ts).
  const child = fork(childPath, [], {
    env: env as NodeJS.ProcessEnv,
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'json',
    argv0: 'node',
  } as Parameters<typeof fork>[2]);
  // Until run() is called, a waiting child must not keep otel-proc alive (neither it, its IPC channel nor its pipes).
  const streams = [child.stdout, child.stderr] as unknown as Array<{ ref?(): void; unref?(): void } | null>;
  child.unref();
  child.channel?.unref();
  for (const stream of streams) stream?.unref?.();
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const listeners = new Set<() => void>();
  let ready = false;
  let ended: string | undefined;
  child.on('message', (message: ChildMessage) => {
    if (message.kind === 'ready') ready = true;
    else results.push(message.result);
    for (const listener of listeners) listener();
  });
  const onEnd = (text: string): void => {
    ended ??= text;
    // Let the pipes drain the last lines before anyone reports.
    setImmediate(() => {
      for (const listener of listeners) listener();
    });
  };
  child.on('error', (error) => onEnd(error.message));
  child.on('exit', (code, signal) => onEnd(`the child exited (${signal ?? `code ${code}`})`));
  const kill = (): void => {
    if (isRunning(child)) child.kill('SIGKILL');
  };

  return {
    kill,
    run(runs, signal) {
      child.ref();
      child.channel?.ref();
      for (const stream of streams) stream?.ref?.();
      const deadlineMs = LOAD_ALLOWANCE_MS + runs.reduce((total, run) => total + run.timeoutMs + 1000, 0);
      return new Promise((resolve) => {
        let sent = false;
        let settled = false;
        const finish = (killed: boolean): void => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          listeners.delete(check);
          signal?.removeEventListener('abort', onAbort);
          // The child's work is done once it answered: open sockets or retry timers must not keep it.
          kill();
          const exitedEarly = results.length < runs.length && !killed ? `${ended ?? 'the child stopped'} before answering` : undefined;
          resolve({ results: [...results], killed, exitedEarly, output, durationMs: Math.round(performance.now() - started) });
        };
        const check = (): void => {
          if (ready && !sent && isRunning(child)) {
            sent = true;
            child.send({ kind: 'run', runs } satisfies ParentMessage);
          }
          if (results.length >= runs.length) finish(false);
          else if (ended !== undefined) finish(false);
        };
        const timer = setTimeout(() => finish(true), deadlineMs);
        const onAbort = (): void => finish(true);
        signal?.addEventListener('abort', onAbort, { once: true });
        listeners.add(check);
        check();
      });
    },
  };
}

export function runAppSdkChild(options: {
  env: Record<string, string | undefined>;
  runs: AppSdkRunRequest[];
  childPath?: string;
  signal?: AbortSignal;
}): Promise<ChildRun> {
  return startAppSdkChild(options.env, options.childPath).run(options.runs, options.signal);
}
