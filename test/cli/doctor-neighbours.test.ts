/**
 * doctor's probe matrix against real `otel-proc receive` processes: when the configured endpoint
 * fails, it names the neighbour that accepts the canary and the exact settings, for a receiver on
 * the other OTLP port, on the other protocol, on https, on 127.0.0.1 while the app says [::1], and
 * behind a doubled signal path. When the configured endpoint works, nothing else is probed.
 */
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { DoctorReport, Finding } from '../../src/doctor/types.js';
import { runCli } from '../helpers/cli.js';
import { startReceiveCli, type RunningReceive } from './receive-process.js';

const tls = (name: string): string => fileURLToPath(new URL(`../../fixtures/receiver/tls/${name}`, import.meta.url));
const ONLY = ['--only', 'reachability,protocol,canary,neighbours,listeners', '--timeout', '3s'];
const running: RunningReceive[] = [];

async function receive(args: string[]): Promise<RunningReceive> {
  const started = await startReceiveCli(args);
  running.push(started);
  return started;
}

afterEach(async () => {
  for (const started of running.splice(0)) {
    started.child.kill('SIGTERM');
    await started.exited;
  }
});

async function doctor(env: Record<string, string>): Promise<{ code: number | null; report: DoctorReport; all: Finding[] }> {
  const result = await runCli(['doctor', '--json', ...ONLY], { env: { OTEL_SERVICE_NAME: 'doctor-neighbours', ...env } });
  const report = JSON.parse(result.stdout) as DoctorReport;
  return { code: result.code, report, all: report.checks.flatMap((check) => check.findings) };
}

function works(all: Finding[]): Finding {
  const found = all.filter((f) => f.code === 'NEIGHBOURS_ENDPOINT_WORKS');
  expect(
    found,
    JSON.stringify(
      all.filter((f) => f.code.startsWith('NEIGHBOURS')),
      null,
      1,
    ),
  ).toHaveLength(1);
  return found[0]!;
}

describe('doctor finds what you meant', () => {
  it('a gRPC receiver on the other OTLP port (4317) while the app sends http/protobuf to 4318', async () => {
    // A loopback address of its own keeps 4317 free of anything else on this machine.
    const host = `127.0.${Math.floor(Math.random() * 200) + 20}.${Math.floor(Math.random() * 200) + 20}`;
    await receive(['--host', host, '--grpc-port', '4317', '--no-http']);
    const { code, all } = await doctor({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://${host}:4318` });
    expect(code).toBe(1);
    const finding = works(all);
    expect(finding.message).toBe(
      `Nothing answers on ${host}:4318, but an OTLP/gRPC receiver accepts the canary on ${host}:4317: set OTEL_EXPORTER_OTLP_PROTOCOL=grpc and OTEL_EXPORTER_OTLP_ENDPOINT=http://${host}:4317`,
    );
    expect(finding.details).toMatchObject({
      working: { url: `http://${host}:4317`, protocol: 'grpc', port: 4317 },
      settings: ['OTEL_EXPORTER_OTLP_PROTOCOL=grpc', `OTEL_EXPORTER_OTLP_ENDPOINT=http://${host}:4317`],
    });
  });

  it('the other protocol on the same port', async () => {
    const receiver = await receive(['--no-http']);
    const port = receiver.target.ports.grpc!;
    const { all } = await doctor({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` });
    const finding = works(all);
    expect(finding.details).toMatchObject({
      working: { protocol: 'grpc', port, changes: ['protocol'] },
      settings: ['OTEL_EXPORTER_OTLP_PROTOCOL=grpc'],
    });
    expect(finding.message).toContain(
      `an OTLP/gRPC receiver accepts the canary on 127.0.0.1:${port}: set OTEL_EXPORTER_OTLP_PROTOCOL=grpc`,
    );
  });

  it('https where the app says http', async () => {
    const receiver = await receive(['--no-grpc', '--tls-cert', tls('server.crt'), '--tls-key', tls('server.key')]);
    const port = receiver.target.ports.http!;
    const { all } = await doctor({
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_EXPORTER_OTLP_CERTIFICATE: tls('ca.crt'),
    });
    const finding = works(all);
    expect(finding.details).toMatchObject({
      working: { scheme: 'https', port, changes: ['scheme'] },
      settings: [`OTEL_EXPORTER_OTLP_ENDPOINT=https://127.0.0.1:${port}`],
    });
    expect(finding.message).toContain(`an OTLP/HTTP receiver over TLS accepts the canary on https://127.0.0.1:${port}`);
  });

  it('127.0.0.1 where the app says [::1], and the listener bound to 127.0.0.1 only', async () => {
    const receiver = await receive(['--no-grpc']);
    const port = receiver.target.ports.http!;
    const { all } = await doctor({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://[::1]:${port}` });
    const finding = works(all);
    expect(finding.message).toBe(
      `Nothing answers on [::1]:${port}, but an OTLP/HTTP receiver accepts the canary on 127.0.0.1:${port}: set OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:${port}`,
    );
    const listener = all.find((f) => f.code === 'LISTENERS_WRONG_ADDRESS');
    expect(listener?.title).toMatch(
      new RegExp(`^node \\(otel-proc\\.js\\) listens on 127\\.0\\.0\\.1:${port} only, but the endpoint says ::1`),
    );
    expect(listener?.details).toMatchObject({ pid: receiver.child.pid });
  });

  it('a base endpoint that already ends in /v1/traces', async () => {
    const receiver = await receive(['--no-grpc']);
    const port = receiver.target.ports.http!;
    const { all } = await doctor({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}/v1/traces` });
    const finding = works(all);
    expect(finding.details).toMatchObject({
      working: { changes: ['path'] },
      settings: [`OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:${port}`],
    });
  });
});

describe('nothing extra is probed when the configured endpoint works', () => {
  let counter: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (counter ? counter.close(() => resolve()) : resolve())));

  /** Counts connections on [::1]:port, a neighbour the matrix would look at for 127.0.0.1:port. */
  async function countOn(port: number): Promise<() => number> {
    let connections = 0;
    counter = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve, reject) => counter!.once('error', reject).listen(port, '::1', resolve));
    return () => connections;
  }

  it('sends nothing to [::1] while 127.0.0.1 accepts the canary, and does when it does not', async () => {
    const receiver = await receive(['--no-grpc']);
    const port = receiver.target.ports.http!;
    const connections = await countOn(port);
    const working = await doctor({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` });
    expect(working.code).toBe(0);
    expect(working.all.filter((f) => f.code.startsWith('NEIGHBOURS_')).map((f) => f.code)).toEqual(['NEIGHBOURS_NOT_NEEDED']);
    expect(connections()).toBe(0);
    // The same counter sees the matrix once the configured endpoint fails: the count above could have been non-zero.
    receiver.child.kill('SIGTERM');
    await receiver.exited;
    const failing = await doctor({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` });
    expect(failing.all.map((f) => f.code)).toContain('NEIGHBOURS_NONE_FOUND');
    expect(connections()).toBeGreaterThan(0);
  });
});
