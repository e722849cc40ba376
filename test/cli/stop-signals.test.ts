/**
 * How a stopped command exits, spawning the built CLI: SIGINT (Ctrl-C) 130, SIGTERM (kill, a
 * Kubernetes pod stopping, CI cancelling) 143, after the command's own clean shutdown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { BIN, cleanEnv } from '../helpers/cli.js';
import { startReceiveCli } from './receive-process.js';

const EXPECTED: Array<[NodeJS.Signals, number]> = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
];

describe.each(EXPECTED)('receive stopped by %s', (signal, code) => {
  it(`exits ${code} with its tally`, async () => {
    const receive = await startReceiveCli([]);
    receive.child.kill(signal);
    const exit = await receive.exited;
    expect(exit).toEqual({ code, signal: null });
    expect(receive.stdout()).toMatch(/received 0 spans/);
  });
});

describe('emit stopped while an export hangs', () => {
  let silent: Server;
  const sockets = new Set<Socket>();
  let connections = 0;
  beforeAll(async () => {
    silent = createServer((socket) => {
      connections++;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent?.close(resolve));
  });

  it.each(EXPECTED)('exits after %s with %i and prints its report', async (signal, code) => {
    const port = (silent.address() as { port: number }).port;
    const child = spawn(
      process.execPath,
      [BIN, 'emit', '--count', '2', '-p', 'http/protobuf', '-e', `http://127.0.0.1:${port}`, '--timeout', '60s', '--json'],
      { cwd: tmpdir(), env: cleanEnv() },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const closed = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    const before = connections;
    const deadline = Date.now() + 20_000;
    while (connections === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connections).toBeGreaterThan(before);
    child.kill(signal);
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const [exitCode, exitSignal] = await closed;
    clearTimeout(killer);
    expect(exitSignal).toBeNull();
    expect(exitCode).toBe(code);
    expect(JSON.parse(stdout).interrupted).toBe(true);
  });
});
