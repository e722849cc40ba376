/**
 * How a stopped command exits, spawning the built CLI: SIGINT (Ctrl-C) 130, SIGTERM (kill, a
 * Kubernetes pod stopping, CI cancelling) 143, after the command's own clean shutdown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { BIN, cleanEnv } from '../helpers/cli.js';
import { startSilent, type SilentPeer } from '../unit/net/peers.js';
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
  let silent: SilentPeer;
  beforeAll(async () => {
    silent = await startSilent();
  });
  afterAll(() => silent?.close());

  it.each(EXPECTED)('exits after %s with %i and prints its report', async (signal, code) => {
    const port = silent.port;
    const child = spawn(
      process.execPath,
      [BIN, 'emit', '--count', '2', '-p', 'http/protobuf', '-e', `http://127.0.0.1:${port}`, '--timeout', '60s', '--json'],
      { cwd: tmpdir(), env: cleanEnv() },
    );
    const connected = silent.nextConnection(20_000);
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const closed = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    // Interrupt once the child is connected to the silent peer: its request is in flight.
    await connected;
    child.kill(signal);
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const [exitCode, exitSignal] = await closed;
    clearTimeout(killer);
    expect(exitSignal).toBeNull();
    expect(exitCode).toBe(code);
    expect(JSON.parse(stdout).interrupted).toBe(true);
  });
});
