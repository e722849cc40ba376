/**
 * `otel-proc emit` when delivery fails: each failure gives its plain-words message and exit 1,
 * and ends within the configured timeout. Real peers on 127.0.0.1: the embedded receiver (with
 * requireHeader and partial-success faults) and a TCP server that accepts and never answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { startReceiver } from '../../src/receiver/index.js';
import type { ReceiverHandle } from '../../src/receiver/types.js';
import { runCli } from '../helpers/cli.js';

const cwd = tmpdir();
let auth: ReceiverHandle;
let partial: ReceiverHandle;
let plain: ReceiverHandle;
let silent: Server;
const sockets = new Set<Socket>();

beforeAll(async () => {
  auth = await startReceiver({ grpcPort: 0, httpPort: 0, requireHeader: { name: 'authorization', value: 'Bearer s3cret-token' } });
  partial = await startReceiver({ grpcPort: 0, httpPort: 0, faults: { partialSuccess: 2 } });
  plain = await startReceiver({ grpcPort: 0, httpPort: 0 });
  silent = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent?.close(resolve));
  await Promise.all([auth?.stop(), partial?.stop(), plain?.stop()]);
});

const silentPort = (): number => (silent.address() as { port: number }).port;
const endpoint = (r: ReceiverHandle, protocol: string): string => `http://127.0.0.1:${protocol === 'grpc' ? r.ports.grpc : r.ports.http}`;

describe.each(['grpc', 'http/protobuf', 'http/json'])('emit failures over %s', (protocol) => {
  const base = ['emit', '--count', '2', '--protocol', protocol, '--timeout', '2s'];

  it('connection refused: exit 1 and the reason in plain words', async () => {
    const result = await runCli([...base, '--endpoint', 'http://127.0.0.1:1'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✖ traces +failure: connection refused: nothing is listening on 127\.0\.0\.1:1/);
    expect(result.stdout).toMatch(/✖ metrics +failure: connection refused/);
    expect(result.stdout).toMatch(/✖ logs +failure: connection refused/);
    expect(result.stdout).toContain('result: FAILED');
  });

  it('wrong protocol for the port: exit 1', async () => {
    const wrongPort = protocol === 'grpc' ? plain.ports.http : plain.ports.grpc;
    const result = await runCli([...base, '--endpoint', `http://127.0.0.1:${wrongPort}`, '--json'], { cwd });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    for (const verdict of report.signals) expect(verdict.reason.code).toBe('EXPORT_WRONG_PROTOCOL');
    expect(report.signals[0].reason.message).toMatch(/^wrong protocol for the port/);
  });

  it('unauthenticated (401 / UNAUTHENTICATED): exit 1; with the header: exit 0, and the token never printed', async () => {
    const denied = await runCli([...base, '--endpoint', endpoint(auth, protocol)], { cwd });
    expect(denied.code).toBe(1);
    expect(denied.stdout).toMatch(/✖ traces +failure: unauthenticated: /);
    expect(denied.stdout).toMatch(/hint: check the authorization header/);
    const allowed = await runCli([...base, '--endpoint', endpoint(auth, protocol), '--header', 'authorization=Bearer s3cret-token'], {
      cwd,
    });
    expect(allowed.code).toBe(0);
    expect(allowed.stdout + allowed.stderr).not.toContain('s3cret-token');
  });

  it('partial success: counts of accepted and rejected items, exit 1', async () => {
    const result = await runCli([...base, '--endpoint', endpoint(partial, protocol), '--json'], { cwd });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    const traces = report.signals.find((s: { signal: string }) => s.signal === 'traces');
    expect(traces).toMatchObject({ status: 'partial', sent: 22, rejected: 2, accepted: 20 });
    const human = await runCli([...base, '--endpoint', endpoint(partial, protocol)], { cwd });
    expect(human.stdout).toMatch(/✖ traces +partial success: 20 of 22 spans accepted, 2 rejected/);
  });

  it('a peer that never answers: timed out within the timeout, exit 1', async () => {
    const result = await runCli([...base, '--endpoint', `http://127.0.0.1:${silentPort()}`, '--signals', 'traces'], {
      cwd,
      timeoutMs: 40_000,
    });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/✖ traces +failure: timed out/);
  });
});

describe('emit verification after a failed delivery', () => {
  it('does not poll the backend and says why', async () => {
    const result = await runCli(
      [
        'emit',
        '--count',
        '1',
        '--signals',
        'traces',
        '--endpoint',
        'http://127.0.0.1:1',
        '--timeout',
        '1s',
        '--verify-jaeger',
        'http://127.0.0.1:1',
        '--json',
      ],
      { cwd },
    );
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.jaeger).toBeUndefined();
    expect(report.findings.map((f: { code: string }) => f.code)).toContain('EMIT_VERIFY_SKIPPED');
  });
});
