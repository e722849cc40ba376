/**
 * Runs the app-SDK canary in a child process and collects its results. The child loads the
 * NodeSDK (heavy), gets exactly the environment an application would (never otel-proc's flags or
 * config file), and is killed when it overruns: loading plus the runs' own timeouts plus a margin.
 * This module only forks: it never imports the SDK itself.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppSdkRunRequest, AppSdkRunResult, ChildMessage, ParentMessage } from './types.js';

/** Loading the NodeSDK takes about a second; a busy machine may need a few. */
export const LOAD_ALLOWANCE_MS = 5000;
const OUTPUT_TAIL_CHARS = 4000;

export interface ChildRun {
  results: AppSdkRunResult[];
  /** The child overran its deadline and was killed. */
  killed: boolean;
  /** The child ended before answering every run (crash, exit). */
  exitedEarly?: string;
  /** The tail of what the child printed (console exporters, OTEL_LOG_LEVEL diagnostics). */
  output: string;
  durationMs: number;
}

export interface ChildOptions {
  /** The child's whole environment: the application's. */
  env: Record<string, string | undefined>;
  runs: AppSdkRunRequest[];
  /** dist/app-sdk/child.js; tests running from src pass it explicitly. */
  childPath?: string;
  signal?: AbortSignal;
}

export function defaultChildPath(): string {
  const beside = fileURLToPath(new URL('./child.js', import.meta.url));
  // Under the test runner this module is src/app-sdk/run-child.ts: the built child is in dist/.
  return existsSync(beside) ? beside : fileURLToPath(new URL('../../dist/app-sdk/child.js', import.meta.url));
}

export function runAppSdkChild(options: ChildOptions): Promise<ChildRun> {
  const started = performance.now();
  const deadlineMs = LOAD_ALLOWANCE_MS + options.runs.reduce((total, run) => total + run.timeoutMs + 1000, 0);
  return new Promise((resolve) => {
    const results: AppSdkRunResult[] = [];
    let output = '';
    let settled = false;
    const child = fork(options.childPath ?? defaultChildPath(), [], {
      env: options.env as NodeJS.ProcessEnv,
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const finish = (extra: Partial<ChildRun>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // The child's work is done once it answered: open sockets or retry timers must not keep it.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      resolve({ results, killed: false, output, durationMs: Math.round(performance.now() - started), ...extra });
    };
    const timer = setTimeout(() => finish({ killed: true }), deadlineMs);
    const onAbort = (): void => finish({ killed: true });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('message', (message: ChildMessage) => {
      if (message.kind === 'ready') child.send({ kind: 'run', runs: options.runs } satisfies ParentMessage);
      else if (message.kind === 'result') {
        results.push(message.result);
        if (results.length === options.runs.length) finish({});
      }
    });
    child.on('error', (error) => finish({ exitedEarly: error.message }));
    child.on('exit', (code, signal) => {
      // Let the pipes drain the last lines before reporting.
      setImmediate(() => finish({ exitedEarly: results.length < options.runs.length ? `the child exited (${signal ?? `code ${code}`}) before answering` : undefined }));
    });
  });
}
