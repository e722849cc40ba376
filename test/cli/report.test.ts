/**
 * `otel-proc report`, `load --html` and `load-merge --html` as a user runs them: the HTML file is
 * written from the same report the JSON holds; a file that is not a load report is refused by
 * name with exit 2, before anything is written.
 */
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../src/receiver/index.js';
import type { ReceiverHandle } from '../../src/receiver/types.js';
import { runCli } from '../helpers/cli.js';

let receiver: ReceiverHandle | undefined;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'otel-proc-report-'));
  return () => rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );
const grpc = (r: ReceiverHandle): string[] => ['-e', `http://127.0.0.1:${r.ports.grpc}`, '-p', 'grpc', '--no-config-search'];

describe('HTML reports', () => {
  it('load --html writes the page, and report --html renders the same page from the JSON', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: false, countOnly: true });
    const json = join(dir, 'run.json');
    const html = join(dir, 'run.html');
    const run = await runCli([
      'load',
      ...grpc(receiver),
      '--count',
      '600',
      '--rate',
      '3k',
      '--batch-size',
      '100',
      '--report',
      json,
      '--html',
      html,
    ]);
    expect(run.code).toBe(0);
    const page = await readFile(html, 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    const sent = JSON.parse(await readFile(json, 'utf8')).signals[0].sent;
    expect(page).toContain(`<td class="num" data-field="sent">${sent}</td>`);

    const again = join(dir, 'again.html');
    const rendered = await runCli(['report', json, '--html', again]);
    expect(rendered.code).toBe(0);
    expect(rendered.stderr).toBe('');
    expect(rendered.stdout).toMatch(/otel-proc load: fast engine/);
    expect(await readFile(again, 'utf8')).toBe(page);
    const asJson = await runCli(['report', json, '--json']);
    expect(JSON.parse(asJson.stdout)).toEqual(JSON.parse(await readFile(json, 'utf8')));
  });

  it('load-merge --html shows each shard', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: false, countOnly: true });
    const files = [join(dir, 'shard-0.json'), join(dir, 'shard-1.json')];
    const runs = await Promise.all(
      files.map((file, i) =>
        runCli([
          'load',
          ...grpc(receiver!),
          '--count',
          '400',
          '--rate',
          '4k',
          '--batch-size',
          '100',
          '--shard',
          `${i}/2`,
          '--report',
          file,
        ]),
      ),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    const html = join(dir, 'merged.html');
    const merged = await runCli(['load-merge', ...files, '--html', html]);
    expect(merged.code).toBe(0);
    const page = await readFile(html, 'utf8');
    for (const file of files) expect(page).toContain(`data-part="${file}"`);
    expect(page).toContain('2 shards merged');
  });

  it('refuses what is not a load report, naming the file, exit 2, and writes nothing', async () => {
    const html = join(dir, 'never.html');
    const cases: Array<[string, string, RegExp]> = [
      ['missing.json', '', /cannot read .*missing\.json: no such file \(ENOENT\)/],
      ['text.json', 'hello\n', /text\.json is not JSON/],
      ['other.json', '{"tool":"k6"}\n', /other\.json is not an otel-proc load report/],
      ['pending.json', '{"pending":true}\n', /pending\.json is a load run that never finished/],
      [
        'half.json',
        JSON.stringify({ tool: 'otel-proc load', startedAt: 'x', generationSeconds: 1, signals: [{ signal: 'traces' }] }),
        /half\.json is an incomplete otel-proc load report \(traces has no sent\)/,
      ],
    ];
    for (const [name, content, message] of cases) {
      const file = join(dir, name);
      if (content) await writeFile(file, content);
      const result = await runCli(['report', file, '--html', html]);
      expect(result.code, name).toBe(2);
      expect(result.stderr, name).toMatch(message);
      expect(result.stderr, name).not.toMatch(/internal error|\n\s+at /);
      expect(await exists(html), name).toBe(false);
    }
  });

  it('an unwritable --html fails before any load is sent, and --html cannot be the --report file', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: false, countOnly: true });
    const nowhere = join(dir, 'no-such-folder', 'out.html');
    const load = await runCli(['load', ...grpc(receiver), '--count', '100', '--rate', '1k', '--html', nowhere]);
    expect(load.code).toBe(2);
    expect(load.stderr).toMatch(/cannot write the HTML report to .*out\.html: the folder does not exist \(ENOENT\)/);
    expect(receiver.received.counts.requests).toBe(0);
    const same = join(dir, 'same');
    const clash = await runCli(['load', ...grpc(receiver), '--count', '100', '--rate', '1k', '--report', same, '--html', same]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/--report and --html both name/);
  });
});
