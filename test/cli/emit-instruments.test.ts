/**
 * Every emit run exports all eight processor.* instruments of the stream-processor guide, checked
 * in a separate `otel-proc receive` process: a counter that did not move in a run (no event
 * failed, none repeated) still arrives, with the value 0.
 */
import { expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { runCli } from '../helpers/cli.js';
import { PROCESSOR_INSTRUMENTS } from '../../src/synth/metric-plan.js';
import { startReceiveCli } from './receive-process.js';

interface ReceivedPoint {
  signal: string;
  metricName: string;
  resource: Record<string, string>;
  value?: number;
}

// Seeds 3 and 4 each lacked one of the counters when it was recorded only once it moved.
const SEEDS = ['1', '2', '3', '4', '5', '6'];

it('exports all eight instruments for every seed, counters that did not move as 0', async () => {
  const receive = await startReceiveCli(['--json']);
  const reports: Array<{ ok: boolean }> = [];
  try {
    for (const seed of SEEDS) {
      const endpoint = `http://127.0.0.1:${receive.target.ports.http}`;
      const result = await runCli(
        ['emit', '-e', endpoint, '--seed', seed, '--signals', 'metrics', '--error-ratio', '0', '--service-name', `seed-${seed}`, '--json'],
        { cwd: tmpdir() },
      );
      reports.push(JSON.parse(result.stdout));
    }
  } finally {
    receive.child.kill('SIGINT');
  }
  await receive.exited;
  expect(reports.map((r) => r.ok)).toEqual(SEEDS.map(() => true));
  const points: ReceivedPoint[] = receive
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
  const everyInstrument = PROCESSOR_INSTRUMENTS.map((i) => i.name).sort();
  for (const seed of SEEDS) {
    const mine = points.filter((p) => p.signal === 'metrics' && p.resource['service.name'] === `seed-${seed}`);
    expect([...new Set(mine.map((p) => p.metricName))].sort(), `seed ${seed}`).toEqual(everyInstrument);
    // --error-ratio 0: no event failed, so the dropped counter arrives, at 0.
    const dropped = mine.filter((p) => p.metricName === 'processor.events.dropped');
    expect(
      dropped.reduce((n, p) => n + (p.value ?? 0), 0),
      `seed ${seed}`,
    ).toBe(0);
  }
});
