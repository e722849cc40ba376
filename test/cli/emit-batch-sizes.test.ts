/**
 * emit's verdict against an independent count: a separate `otel-proc receive` process counts what
 * arrived, and emit must report exactly that as accepted, with exit 0, over every protocol and at
 * event counts on both sides of the BatchSpanProcessor's export batch (512 spans), exactly at a
 * batch, and over several exports with pacing flushes in between. A batch the SDK exports on its
 * own (a full batch) must be in emit's record like the ones its flushes export.
 */
import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { runCli } from '../helpers/cli.js';
import { startReceiveCli } from './receive-process.js';

interface Tally {
  traces: number;
  metrics: number;
  logs: number;
}

/** The receiver's final tally line: "received 55 spans, 20 data points, 10 log records in ...". */
function parseTally(stdout: string): Tally {
  const match = /received (\d+) spans?, (\d+) data points?, (\d+) log records?/.exec(stdout);
  if (!match) throw new Error(`no tally in receive's output:\n${stdout}`);
  return { traces: Number(match[1]), metrics: Number(match[2]), logs: Number(match[3]) };
}

const CASES: Array<{ name: string; count: number; env?: Record<string, string> }> = [
  // The built-in scenario has 11 spans per event: 46 events are 506 spans, 47 are 517.
  { name: 'below one batch', count: 46 },
  { name: 'just above one batch', count: 47 },
  { name: 'exactly one batch', count: 10, env: { OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '110', OTEL_BLRP_MAX_EXPORT_BATCH_SIZE: '20' } },
  // 2,200 spans: four full batches exported by the SDK on its own, and a pacing flush at 1,024.
  { name: 'many exports', count: 200 },
];

describe.each(['grpc', 'http/protobuf', 'http/json'])('emit over %s agrees with an independent receiver', (protocol) => {
  it.each(CASES)('$name ($count events)', async ({ count, env }) => {
    const receive = await startReceiveCli(['--count-only']);
    const port = protocol === 'grpc' ? receive.target.ports.grpc : receive.target.ports.http;
    let result;
    try {
      result = await runCli(
        ['emit', '-p', protocol, '-e', `http://127.0.0.1:${port}`, '--count', String(count), '--seed', `batch-${count}`, '--json'],
        { cwd: tmpdir(), env },
      );
    } finally {
      receive.child.kill('SIGINT');
    }
    await receive.exited;
    const received = parseTally(receive.stdout());
    const report = JSON.parse(result.stdout);
    const accepted = Object.fromEntries(report.signals.map((s: { signal: string; accepted: number }) => [s.signal, s.accepted]));
    expect(accepted).toEqual(received);
    expect(report.signals.map((s: { status: string }) => s.status)).toEqual(['success', 'success', 'success']);
    expect(result.code).toBe(0);
  });
});
