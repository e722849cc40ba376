/**
 * Ctrl-C during emit: the export to a peer that never answers is abandoned, the SDK is shut down,
 * the report is printed and the exit code is 130, long before the export timeout would end it. What
 * was in flight is reported as sent and not confirmed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { BIN, cleanEnv } from '../helpers/cli.js';
import { startSilent, type SilentPeer } from '../unit/net/peers.js';
import { startReceiver } from '../../src/receiver/index.js';
import type { ReceiverHandle } from '../../src/receiver/types.js';

let silent: SilentPeer;
beforeAll(async () => {
  silent = await startSilent();
});
afterAll(() => silent?.close());

describe.each(['grpc', 'http/protobuf'])('emit interrupted over %s', (protocol) => {
  it('exits 130 with a report after SIGINT while an export hangs', async () => {
    const port = silent.port;
    // The export timeout is a minute; the test's own kill switch is far below it.
    const child = spawn(
      process.execPath,
      [BIN, 'emit', '--count', '2', '-p', protocol, '-e', `http://127.0.0.1:${port}`, '--timeout', '60s', '--json'],
      { cwd: tmpdir(), env: cleanEnv() },
    );
    const connected = silent.nextConnection(20_000);
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    // Interrupt once the child is connected to the silent peer: its request is in flight.
    await connected;
    child.kill('SIGINT');
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (c, s) => resolve([c, s])),
    );
    clearTimeout(killer);
    expect(signal).toBeNull();
    expect(code).toBe(130);
    const report = JSON.parse(stdout);
    expect(report.interrupted).toBe(true);
    expect(report.signals[0]).toMatchObject({ signal: 'traces', status: 'failure', reason: { code: 'EXPORT_INTERRUPTED' } });
  });
});

describe.each(['grpc', 'http/protobuf', 'http/json'])('emit interrupted by a slow receiver over %s', (protocol) => {
  // A receiver that takes every request and holds its answer for an hour.
  let slow: ReceiverHandle;
  beforeAll(async () => {
    slow = await startReceiver({ grpcPort: 0, httpPort: 0, faults: { delayMs: 3_600_000 } });
  });
  afterAll(async () => slow?.stop());

  it('reports what was sent and counts the exports in flight as not confirmed', async () => {
    const port = protocol === 'grpc' ? slow.ports.grpc : slow.ports.http;
    const child = spawn(
      process.execPath,
      [BIN, 'emit', '--count', '60', '--seed', 'slow', '-p', protocol, '-e', `http://127.0.0.1:${port}`, '--timeout', '60s', '--json'],
      { cwd: tmpdir(), env: cleanEnv() },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Interrupt once export requests are in the receiver, unanswered.
    await slow.received.waitFor((store) => store.counts.requests > 0, 20_000);
    child.kill('SIGINT');
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    expect(await closed).toBe(130);
    clearTimeout(killer);
    const report = JSON.parse(stdout);
    const traces = report.signals.find((s: { signal: string }) => s.signal === 'traces');
    const sampledSpans = report.traces
      .filter((t: { sampled: boolean }) => t.sampled)
      .reduce((n: number, t: { spans: number }) => n + t.spans, 0);
    // The receiver holds requests emit has no answer for: their items were sent, and are not confirmed.
    expect(traces).toMatchObject({ status: 'failure', accepted: 0, sent: sampledSpans, reason: { code: 'EXPORT_INTERRUPTED' } });
    expect(traces.sent).toBeGreaterThan(0);
    expect(traces.unconfirmed).toBeGreaterThan(0);
    for (const s of report.signals) expect(s.sent, s.signal).toBe(s.accepted + s.rejected + s.failed);
  });
});
