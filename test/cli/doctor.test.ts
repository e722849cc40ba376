import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type ReceiverHandle } from '../../src/receiver/index.js';
import type { DoctorReport } from '../../src/doctor/types.js';
import { DOCTOR_CHECK_IDS } from '../../src/commands/doctor/index.js';
import { CHECK_IDS } from '../../src/doctor/checks/index.js';
import { closedPort, startSilent, type Peer, type SilentPeer } from '../unit/net/peers.js';
import { BIN, cleanEnv, runCli } from '../helpers/cli.js';
import { spawn } from 'node:child_process';

const ENV = { OTEL_SERVICE_NAME: 'doctor-cli-test' };

describe('otel-proc doctor', () => {
  let receiver: ReceiverHandle;
  let secured: ReceiverHandle;
  let silent: Peer;
  beforeAll(async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0 });
    secured = await startReceiver({ grpcPort: 0, httpPort: 0, requireHeader: { name: 'authorization', value: 'Bearer cli-s3cret' } });
    silent = await startSilent();
  });
  afterAll(async () => {
    await Promise.all([receiver.stop(), secured.stop(), silent.close()]);
  });

  it('prints a passing checklist with timings and a summary, exit 0, against a healthy receiver', async () => {
    const result = await runCli(['doctor', '-e', `http://127.0.0.1:${receiver.ports.grpc}`, '-p', 'grpc'], { env: ENV });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✔ traces: 1 span accepted \(trace id [0-9a-f]{32}\)\s+\d+ ms\s+CANARY_ACCEPTED/);
    expect(result.stdout).toMatch(/✖ 0 failed {2}⚠ \d+ warnings? {2}✔ \d+ passed {2}– \d+ skipped {2}in \d+/);
    expect(result.stdout).toContain('Telemetry should arrive');
    expect(result.stdout).not.toMatch(/\u001b\[/);
  });

  it('prints exactly one JSON document with --json', async () => {
    const result = await runCli(['doctor', '--json', '-e', `http://127.0.0.1:${receiver.ports.http}`], { env: ENV });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as DoctorReport;
    expect(report.exitCode).toBe(0);
    expect(report.checks.map((check) => check.id)).toEqual(DOCTOR_CHECK_IDS);
    expect(report.checks.find((check) => check.id === 'canary')!.findings.map((f) => f.code)).toEqual([
      'CANARY_ACCEPTED',
      'CANARY_ACCEPTED',
      'CANARY_ACCEPTED',
    ]);
  });

  it('keeps the --help list of checks in step with the checks that exist', () => {
    expect([...DOCTOR_CHECK_IDS]).toEqual([...CHECK_IDS]);
  });

  it('runs only the chosen checks with --only and --skip', async () => {
    const result = await runCli(
      ['doctor', '--json', '--only', 'reachability,protocol,canary', '--skip', 'canary', '-e', `http://127.0.0.1:${receiver.ports.http}`],
      { env: ENV },
    );
    expect((JSON.parse(result.stdout) as DoctorReport).checks.map((check) => check.id)).toEqual(['reachability', 'protocol']);
  });

  it('gives the auth fix, exit 1, and never prints the token', async () => {
    const result = await runCli(
      ['doctor', '--only', 'canary', '-e', `http://127.0.0.1:${secured.ports.http}`, '-H', 'authorization=Bearer cli-wrong-token'],
      { env: ENV },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✖ traces: unauthenticated');
    expect(result.stdout).toContain('fix: The server refused the credentials sent in authorization (from --header)');
    expect(result.stdout + result.stderr).not.toContain('cli-wrong-token');
  });

  it('reports the protocol swap with the exact fix', async () => {
    const result = await runCli(['doctor', '--only', 'protocol', '-e', `http://127.0.0.1:${receiver.ports.grpc}`], { env: ENV });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `fix: ${receiver.ports.grpc} speaks gRPC: set OTEL_EXPORTER_OTLP_PROTOCOL=grpc or use the collector's OTLP/HTTP port (4318)`,
    );
  });

  it('exits 1 quickly for a closed port', async () => {
    const port = await closedPort();
    const result = await runCli(['doctor', '-e', `http://127.0.0.1:${port}`], { env: ENV });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`✖ TCP connect to 127.0.0.1:${port} refused`);
  });

  it('ends within the timeout against a port that never answers', async () => {
    // runCli kills the process after timeoutMs: a hang would show as SIGKILL instead of exit 1.
    const result = await runCli(['doctor', '--timeout', '800ms', '-e', `http://127.0.0.1:${silent.port}`], { env: ENV, timeoutMs: 15_000 });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('PROTOCOL_NO_ANSWER');
    // One budget per endpoint: the network checks together take about one timeout, never one per check.
    const report = JSON.parse(
      (await runCli(['doctor', '--json', '--timeout', '2s', '-e', `http://127.0.0.1:${silent.port}`], { env: ENV })).stdout,
    ) as DoctorReport;
    const network = report.checks.filter((check) => ['reachability', 'protocol', 'canary'].includes(check.id));
    expect(network.reduce((total, check) => total + check.durationMs, 0)).toBeLessThan(2 * 2000);
  });

  it('rejects unknown checks and bad numbers with exit 2', async () => {
    const unknown = await runCli(['doctor', '--only', 'reachability,telepathy'], { env: ENV });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--only reachability,telepathy: unknown value telepathy');
    const timeout = await runCli(['doctor', '--timeout', 'soon'], { env: ENV });
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toContain('--timeout soon: not a duration');
    expect(timeout.stderr).not.toMatch(/\n\s+at /);
    // Beyond what a Node timer holds, every probe would "time out" at once.
    const huge = await runCli(['doctor', '--timeout', '3000000000ms'], { env: ENV });
    expect(huge.code).toBe(2);
    expect(huge.stderr).toContain('--timeout 3000000000ms: at most 596h');
    expect(huge.stderr).not.toContain('TimeoutOverflowWarning');
  });

  it('rejects --only/--skip that leave nothing to run instead of reporting an empty pass', async () => {
    const none = await runCli(['doctor', '--only', 'canary', '--skip', 'canary'], { env: ENV });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--only and --skip leave no check to run');
    expect(none.stdout).toBe('');
    const empty = await runCli(['doctor', '--only', ','], { env: ENV });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--only ,: needs at least one value');
    const everything = await runCli(['doctor', '--skip', DOCTOR_CHECK_IDS.join(',')], { env: ENV });
    expect(everything.code).toBe(2);
  });
});

describe('otel-proc doctor and Ctrl-C', () => {
  // Accepts connections and never answers: the protocol check waits on it until its timeout.
  let silent: SilentPeer;
  beforeAll(async () => {
    silent = await startSilent();
  });
  afterAll(() => silent?.close());

  async function interruptedRun(json: boolean): Promise<{ code: number | null; stdout: string }> {
    const port = silent.port;
    const child = spawn(
      process.execPath,
      [BIN, 'doctor', '--timeout', '30s', '-e', `http://127.0.0.1:${port}`, ...(json ? ['--json'] : [])],
      { env: cleanEnv(ENV), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const connected = silent.nextConnection(20_000);
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const closed = new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    // Interrupt once the child is connected to the silent peer: its request is in flight.
    await connected;
    child.kill('SIGINT');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await closed;
    clearTimeout(killer);
    return { code, stdout };
  }

  it('prints the checklist so far with the unfinished checks marked interrupted, exit 130', async () => {
    const { code, stdout } = await interruptedRun(false);
    expect(code).toBe(130);
    expect(stdout).toContain('otel-proc doctor');
    expect(stdout).toMatch(/⊘ interrupted before this check finished .*_INTERRUPTED/);
    expect(stdout).toMatch(/⊘ not run: interrupted .*CANARY_INTERRUPTED/);
    expect(stdout).toMatch(/⊘ \d+ interrupted/);
    expect(stdout).toContain('Interrupted: the checks marked ⊘ did not finish');
  });

  it('prints exactly one JSON document with --json, the interrupted checks in it', async () => {
    const { code, stdout } = await interruptedRun(true);
    expect(code).toBe(130);
    const report = JSON.parse(stdout) as DoctorReport;
    expect(report).toMatchObject({ interrupted: true, exitCode: 130 });
    expect(report.checks.map((check) => check.id)).toEqual(DOCTOR_CHECK_IDS);
    // What finished before the interrupt keeps its findings; the rest says interrupted.
    expect(report.checks[0]!.findings.every((f) => f.status !== 'interrupted')).toBe(true);
    const statuses = report.checks.map((check) => check.findings.some((f) => f.status === 'interrupted'));
    expect(statuses.at(-1)).toBe(true);
    expect(report.summary.interrupted).toBe(statuses.filter(Boolean).length);
  });
});

describe('otel-proc doctor with fixture environments (--env-file)', () => {
  const fixture = (name: string): string => new URL(`../../fixtures/doctor/${name}/.env`, import.meta.url).pathname;

  it('fails on every silent disabler in the file', async () => {
    const result = await runCli(['doctor', '--json', '--only', 'configuration', '--env-file', fixture('silent-disablers')]);
    expect(result.code).toBe(1);
    const codes = (JSON.parse(result.stdout) as DoctorReport).checks[0]!.findings.filter((f) => f.status === 'fail').map((f) => f.code);
    expect(codes).toEqual(
      expect.arrayContaining(['CONFIGURATION_NOTHING_EXPORTED', 'SDK_DISABLED', 'EXPORTER_NONE', 'SAMPLING_DROPS_ALL']),
    );
  });

  it('warns that a smoke test under 1% sampling will most likely see nothing, and warns about propagator order', async () => {
    const result = await runCli(['doctor', '--only', 'sampling,propagation', '--env-file', fixture('smoke-test-sampling')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('⚠ a smoke test of 10 traces sees nothing with probability 90%');
    expect(result.stdout).toContain('fix: List tracecontext last: OTEL_PROPAGATORS=baggage,b3,tracecontext');
  });
});
