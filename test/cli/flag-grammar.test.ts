/**
 * The one flag grammar, as a user meets it in every command: a bare-number duration is refused with
 * exit 2, naming the flag and both readings, before anything is sent or bound, and without a stack.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'otel-proc-flags-'));
  return () => rm(cwd, { recursive: true, force: true });
});

const STACK = /\n\s+at /;

describe('bare numbers for durations', () => {
  it.each([
    ['validate', '--timeout'],
    ['emit', '--timeout'],
    ['emit', '--verify-timeout'],
    ['load', '--duration'],
    ['load', '--drain-timeout'],
    ['load', '--ramp-up'],
    ['load', '--timeout'],
    ['receive', '--duration'],
    ['receive', '--delay'],
    ['receive', '--retry-after'],
    ['doctor', '--timeout'],
    ['doctor', '--backend-wait'],
    ['doctor', '--scrape-interval'],
  ])('%s %s 30 exits 2, naming the flag and both readings', async (command, flag) => {
    // Ports 0 so that a receive which wrongly accepted the flag could not collide with anything.
    const extra = command === 'receive' ? ['--grpc-port', '0', '--http-port', '0'] : command === 'emit' ? ['--local'] : [];
    const result = await runCli([command, flag, '30', ...extra], { cwd, timeoutMs: 20_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${flag} 30: a duration needs a unit: 30s or 30ms`);
    expect(result.stderr).not.toMatch(STACK);
  });
});

describe('other values', () => {
  it.each([
    [['load', '--rate', '1m'], '--rate 1m: "m" is ambiguous', 'write 1M for 1 million per second'],
    [['load', '--max-loss', '5'], '--max-loss 5: a ratio is from 0 to 1', 'for 5 percent write 5%'],
    [['load-merge', 'a.json', '--max-loss', '-1'], '--max-loss -1: cannot be negative', undefined],
    [['emit', '--local', '--count', '1m'], '--count 1m: "m" is ambiguous', undefined],
    [['receive', '--http-port', '70000'], '--http-port 70000: must be from 0 to 65535', undefined],
    [['doctor', '--expected-rate', '1m'], '--expected-rate 1m: "m" is ambiguous', undefined],
    [['doctor', '--upstream', 'b4'], '--upstream b4: unknown value b4 (did you mean b3?)', undefined],
  ])('%j exits 2 naming the flag', async (args, message, hint) => {
    const result = await runCli(args, { cwd, timeoutMs: 20_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    if (hint) expect(result.stderr).toContain(`hint: ${hint}`);
    expect(result.stderr).not.toMatch(STACK);
  });

  it('validate --json still prints its one error document for a bad --timeout', async () => {
    const result = await runCli(['validate', '--json', '--timeout', '30'], { cwd });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      error: { kind: 'usage', message: '--timeout 30: a duration needs a unit: 30s or 30ms' },
    });
  });

  it('never quotes an unparseable URL, where a password or token may sit', async () => {
    const result = await runCli(['doctor', '--jaeger', 'https://user:Zx#PLANTED-SECRET@jaeger:16686'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--jaeger: the user name or password holds / ? or #');
    expect(result.stdout + result.stderr).not.toContain('PLANTED-SECRET');
    const emit = await runCli(['emit', '--verify-prometheus', 'https://prom:9O90/?token=PLANTED-SECRET'], { cwd });
    expect(emit.code).toBe(2);
    expect(emit.stderr).toContain('--verify-prometheus: the port is not a number');
    expect(emit.stdout + emit.stderr).not.toContain('PLANTED-SECRET');
  });

  it('shows the grammar in --help', async () => {
    // commander wraps help to the terminal width: compare with the wrapping undone.
    const help = async (command: string): Promise<string> => (await runCli([command, '--help'])).stdout.replace(/\s+/g, ' ');
    const load = await help('load');
    expect(load).toContain('--duration <duration> how long to generate, e.g. 30s, 5m, 1h');
    expect(load).toContain('--timeout <duration> OTLP export timeout, e.g. 500ms, 10s');
    expect(load).toContain('--rate <spans/s> target spans per second, e.g. 1000, 10k, 1.5M');
    expect(await help('doctor')).toContain(
      "--timeout <duration> bound for every network step and the canary's export timeout, e.g. 500ms, 10s (default 5s)",
    );
    expect(await help('receive')).toContain('--delay <duration> wait this long before answering each request, e.g. 200ms, 2s');
  });
});
