/**
 * Starts the count-only sink (sink.ts) as a child process and talks to it line by line.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ReceiverCounts } from '../receiver/types.js';

export interface SinkProcess {
  ports: { grpc: number; http: number };
  counts(): Promise<ReceiverCounts>;
  stop(): Promise<ReceiverCounts>;
}

export async function startSinkProcess(): Promise<SinkProcess> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./sink.js', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  let buffer = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
      const line = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  const nextLine = (): Promise<string> => {
    const line = lines.shift();
    return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => waiting.push(resolve));
  };
  const ports = JSON.parse(await nextLine()) as { grpc: number; http: number };
  return {
    ports,
    async counts() {
      child.stdin.write('counts\n');
      return JSON.parse(await nextLine()) as ReceiverCounts;
    },
    async stop() {
      child.kill('SIGTERM');
      return JSON.parse(await nextLine()) as ReceiverCounts;
    },
  };
}
