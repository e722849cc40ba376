/**
 * `otel-proc load` and `otel-proc load-merge` as a user runs them, against the embedded receiver.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../src/receiver/index.js';
import type { ReceiverHandle } from '../../src/receiver/types.js';
import { BIN, cleanEnv, runCli } from '../helpers/cli.js';

let receiver: ReceiverHandle | undefined;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'otel-proc-load-'));
  return () => rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

const grpc = (r: ReceiverHandle): string[] => ['-e', `http://127.0.0.1:${r.ports.grpc}`, '-p', 'grpc'];
const http = (r: ReceiverHandle): string[] => ['-e', `http://127.0.0.1:${r.ports.http}`, '-p', 'http/protobuf'];

describe('otel-proc load', () => {
  it('prints one JSON report whose counts match what the receiver decoded', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0 });
    const result = await runCli([
      'load',
      ...grpc(receiver),
      '--count',
      '2000',
      '--rate',
      '10k',
      '--batch-size',
      '250',
      '--json',
      '--no-config-search',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    const traces = report.signals[0];
    expect(traces.sent).toBe(2000);
    expect(traces.accepted).toBe(receiver.received.spans.length);
    expect(traces.accepted).toBe(2000);
    expect(report.engine).toBe('fast');
    expect(typeof report.seed).toBe('string');
  });

  it('prints a human table and exits 1 when the loss exceeds --max-loss', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0, faults: { partialSuccess: 10 } });
    const result = await runCli([
      'load',
      ...http(receiver),
      '--count',
      '1000',
      '--rate',
      '10k',
      '--batch-size',
      '100',
      '--max-loss',
      '5%',
      '--no-config-search',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/rejected by the server \(partial success\): 100 spans/);
    expect(result.stdout).toMatch(/over budget/);
    expect(receiver.received.counts.rejectedSpans).toBe(100);
  });

  it('exits 2 on bad flag values, without a stack trace', async () => {
    for (const args of [
      ['--report', join(dir, 'no', 'such', 'folder', 'r.json')],
      ['--rate', 'fast'],
      ['--shard', '4/4'],
      ['--max-loss', '3'],
      ['--duration', '5s', '--ramp-up', '10s'],
      ['--engine', 'sdk', '--metrics-rate', '10'],
    ]) {
      const result = await runCli(['load', '-e', 'http://127.0.0.1:1', ...args, '--no-config-search']);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^otel-proc: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('splits the work across shards and merges their reports exactly', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0 });
    const files = [join(dir, 'shard-0.json'), join(dir, 'shard-1.json')];
    const runs = await Promise.all(
      files.map((file, i) =>
        runCli([
          'load',
          ...grpc(receiver!),
          '--count',
          '1001',
          '--rate',
          '4k',
          '--batch-size',
          '100',
          '--shard',
          `${i}/2`,
          '--report',
          file,
          '--json',
          '--no-config-search',
        ]),
      ),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    expect(runs.map((r) => JSON.parse(r.stdout).signals[0].sent)).toEqual([501, 500]);
    const ids = receiver.received.spans.map((s) => s.spanId);
    expect(new Set(ids).size).toBe(1001);
    const merged = await runCli(['load-merge', ...files, '--json']);
    expect(merged.code).toBe(0);
    const report = JSON.parse(merged.stdout);
    expect(report.shards).toBe(2);
    expect(report.signals[0].sent).toBe(1001);
    expect(report.signals[0].accepted).toBe(1001);
    expect(report.signals[0].targetRate).toBe(4000);
    expect(JSON.parse(await readFile(files[0]!, 'utf8')).shard).toEqual({ index: 0, count: 2 });
    const human = await runCli(['load-merge', ...files]);
    expect(human.stdout).toMatch(/2 shards merged/);
    // `kubectl logs` output: stderr noise around the JSON report
    const noisy = join(dir, 'noisy.json');
    await writeFile(
      noisy,
      `(node:1) [DEP0040] DeprecationWarning: The \`punycode\` module is deprecated.\n${await readFile(files[0]!, 'utf8')}npm notice {\n}\n`,
    );
    const fromLogs = await runCli(['load-merge', noisy, files[1]!, '--json']);
    expect(JSON.parse(fromLogs.stdout).signals[0].sent).toBe(1001);
    const bad = await runCli(['load-merge', join(dir, 'missing.json')]);
    expect(bad.code).toBe(2);
    // the same shard twice (a glob that also matched a copy) would count it twice
    const twice = await runCli(['load-merge', files[0]!, noisy]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/both report shard 0\/2/);
    await writeFile(join(dir, 'null.json'), 'null\n');
    const notReport = await runCli(['load-merge', join(dir, 'null.json')]);
    expect(notReport.code).toBe(2);
    expect(notReport.stderr).toMatch(/null\.json is not an otel-proc load report/);
    expect(notReport.stderr).not.toMatch(/internal error/);
  });

  it('refuses to merge an incomplete shard set unless --allow-partial, which then fails --max-loss', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0 });
    // A 3-shard run whose shard 2 never reported (its pod failed).
    const files = [join(dir, 'of3-shard-0.json'), join(dir, 'of3-shard-1.json')];
    const runs = await Promise.all(
      files.map((file, i) =>
        runCli([
          'load',
          ...grpc(receiver!),
          '--count',
          '300',
          '--rate',
          '3k',
          '--batch-size',
          '50',
          '--shard',
          `${i}/3`,
          '--report',
          file,
          '--no-config-search',
        ]),
      ),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const refused = await runCli(['load-merge', ...files]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/incomplete shard set: shard 2\/3 missing/);
    const partial = await runCli(['load-merge', ...files, '--allow-partial', '--json']);
    expect(partial.code).toBe(0);
    const report = JSON.parse(partial.stdout);
    expect(report.incomplete).toEqual({ shardCount: 3, missingShards: [2] });
    expect(report.signals[0].sent).toBe(200);
    const human = await runCli(['load-merge', ...files, '--allow-partial']);
    expect(human.stdout).toMatch(/2 of 3 shards merged/);
    expect(human.stdout).toMatch(/incomplete: shard 2\/3 missing/);
    // Nothing was lost in the shards that reported, but the missing one's loss is unknown.
    const gated = await runCli(['load-merge', ...files, '--allow-partial', '--max-loss', '0.5', '--json']);
    expect(JSON.parse(gated.stdout)).toMatchObject({ lossRatio: 0, withinLossBudget: false });
    expect(gated.code).toBe(1);
  });

  it('counts everything as failed with the reason when nobody listens, and exits 1', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: false });
    const port = receiver.ports.grpc!;
    await receiver.stop();
    receiver = undefined;
    const result = await runCli([
      'load',
      '-e',
      `http://127.0.0.1:${port}`,
      '-p',
      'grpc',
      '--count',
      '200',
      '--rate',
      '1000',
      '--batch-size',
      '100',
      '--drain-timeout',
      '2s',
      '--json',
      '--no-config-search',
    ]);
    expect(result.code).toBe(1);
    const traces = JSON.parse(result.stdout).signals[0];
    expect(traces.sent).toBe(200);
    expect(traces.failed).toBe(200);
    expect(traces.accepted).toBe(0);
    expect(traces.retries).toBeGreaterThan(0);
  });

  it('on Ctrl-C stops, drains, prints the report and exits 130', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0 });
    const child = spawn(
      process.execPath,
      [BIN, 'load', ...grpc(receiver), '--rate', '2000', '--duration', '60s', '--json', '--no-config-search'],
      { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    await receiver.received.waitFor((store) => store.counts.spans >= 1000, 20_000);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    const report = JSON.parse(stdout);
    expect(report.interrupted).toBe(true);
    expect(report.generationSeconds).toBeLessThan(30);
    expect(report.signals[0].accepted).toBe(receiver.received.spans.length);
    const s = report.signals[0];
    expect(s.sent).toBe(s.accepted + s.rejected + s.failed + s.dropped);
  });
});
