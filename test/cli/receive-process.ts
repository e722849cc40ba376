/**
 * Test helper: a running `otel-proc receive` child process, with the ports it printed, so a test
 * can send real traffic to it and then watch it stop.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { BIN, cleanEnv } from '../helpers/cli.js';
import type { ReceiverHandle } from '../../src/receiver/types.js';

export interface RunningReceive {
  child: ChildProcessWithoutNullStreams;
  /** Shaped like the in-process handle, so the SDK sender helpers work with it. */
  target: ReceiverHandle;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startReceiveCli(
  args: string[],
  timeoutMs = 30_000,
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<RunningReceive> {
  const child = spawn(process.execPath, [BIN, 'receive', '--grpc-port', '0', '--http-port', '0', ...args], {
    cwd: options.cwd,
    env: cleanEnv(options.env),
    stdio: 'pipe',
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal });
    }),
  );
  const ports = await new Promise<{ grpc?: number; http?: number }>((resolve, reject) => {
    const check = (): void => {
      const grpc = /OTLP\/gRPC on [^\s]+:(\d+)/.exec(stderr)?.[1];
      const http = /OTLP\/HTTP on https?:\/\/[^\s]+:(\d+)/.exec(stderr)?.[1];
      const expectsBoth = !args.includes('--no-grpc') && !args.includes('--no-http');
      if ((grpc && http) || (!expectsBoth && (grpc || http))) {
        resolve({ grpc: grpc ? Number(grpc) : undefined, http: http ? Number(http) : undefined });
        return;
      }
      child.stderr.once('data', check);
    };
    void exited.then(() => reject(new Error(`receive exited before listening:\n${stderr}`)));
    check();
  });
  const target = { host: '127.0.0.1', ports } as ReceiverHandle;
  return { child, target, stdout: () => stdout, stderr: () => stderr, exited };
}
