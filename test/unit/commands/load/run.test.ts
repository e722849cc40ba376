/**
 * loadCommand in-process with a fake context: live progress goes to stderr only when interactive
 * and never under --json; the report goes to stdout.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { OutputBoundary } from '../../../../src/boundary/output.js';
import type { CommandContext } from '../../../../src/cli/context.js';
import type { LoadOptionValues } from '../../../../src/commands/load/index.js';
import { loadCommand } from '../../../../src/commands/load/run.js';
import { startReceiver } from '../../../../src/receiver/index.js';
import type { ReceiverHandle } from '../../../../src/receiver/types.js';

let receiver: ReceiverHandle | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

function context(interactive: boolean): { context: CommandContext; out: () => string; err: () => string } {
  const boundary = new OutputBoundary();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return {
    // Both streams behind an output boundary, as the CLI builds them.
    context: {
      stdout: boundary.wrap(stdout, { keepStyle: false }),
      stderr: boundary.wrap(stderr, { keepStyle: false }),
      boundary,
      env: {},
      cwd: process.cwd(),
      color: false,
      interactive,
      signal: new AbortController().signal,
      debug: false,
    },
    out: () => out,
    err: () => err,
  };
}

function values(port: number, extra: Partial<LoadOptionValues> = {}): LoadOptionValues {
  return {
    endpoint: `http://127.0.0.1:${port}`,
    protocol: 'grpc',
    configSearch: false,
    rate: '2000',
    metricsRate: '0',
    logsRate: '0',
    duration: '1.5s',
    rampUp: '0s',
    batchSize: '100',
    concurrency: '4',
    workers: '1',
    engine: 'fast',
    drainTimeout: '5s',
    ...extra,
  };
}

describe('loadCommand', () => {
  it('shows live progress on an interactive stderr and the report on stdout', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: false, countOnly: true });
    const c = context(true);
    const code = await loadCommand(values(receiver.ports.grpc!), c.context);
    expect(code).toBe(0);
    expect(c.err()).toMatch(/\r\x1b\[2K1s {2}traces [\d,]+\/2,000\/s {2}in flight \d+ {2}ok [\d,]+ {2}rej 0 {2}fail 0 {2}p99 [\d.]+ ms/);
    expect(c.out()).toMatch(/^otel-proc load: fast engine, grpc/);
  });

  it('stays quiet on stderr when not interactive, and under --json', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: false, countOnly: true });
    const plain = context(false);
    await loadCommand(values(receiver.ports.grpc!), plain.context);
    expect(plain.err()).toBe('');
    const json = context(true);
    const before = receiver.received.counts.spans;
    await loadCommand(values(receiver.ports.grpc!, { json: true }), json.context);
    expect(json.err()).toBe('');
    expect(JSON.parse(json.out()).signals[0].accepted).toBe(receiver.received.counts.spans - before);
  });

  it('checks --report is writable without clobbering the last report when the run cannot start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'otel-proc-load-report-'));
    const previous = join(dir, 'load.json');
    await writeFile(previous, '{"tool":"otel-proc load","previous":true}\n');
    const nothing = { rate: '0', metricsRate: '0', logsRate: '0' };
    // a usage error found once the run starts (nothing to send) used to leave a "pending" placeholder instead
    await expect(loadCommand(values(1, { ...nothing, report: previous }), context(false).context)).rejects.toThrow(/nothing to send/);
    expect(await readFile(previous, 'utf8')).toBe('{"tool":"otel-proc load","previous":true}\n');
    const fresh = join(dir, 'new.json');
    await expect(loadCommand(values(1, { ...nothing, report: fresh }), context(false).context)).rejects.toThrow(/nothing to send/);
    expect(existsSync(fresh)).toBe(false);
    await expect(loadCommand(values(1, { report: join(dir, 'missing', 'load.json') }), context(false).context)).rejects.toThrow(
      /cannot write the report .*ENOENT/,
    );
  });
});
