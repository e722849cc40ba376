/**
 * `npm run bench:peers`: telemetrygen and `otel-proc load` side by side, sending the same number of
 * spans, unthrottled, to the same count-only receiver on 127.0.0.1 (its own process). For each it
 * prints wall time, spans/s actually delivered, and how many spans the receiver counted against how
 * many were asked for: telemetrygen prints no such summary, so the receiver's count is the truth.
 *
 *   node dist/bench/peers.js --telemetrygen <path> [--spans 500000] [--spans-per-trace 10] [--batch-size 512] [--json]
 * (scripts/bench/peers.sh installs telemetrygen, cached by version, and calls this.)
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSinkProcess, type SinkProcess } from './sink-process.js';

const { values } = parseArgs({
  options: {
    telemetrygen: { type: 'string' },
    'telemetrygen-version': { type: 'string', default: 'unknown' },
    spans: { type: 'string', default: '500000' },
    'spans-per-trace': { type: 'string', default: '10' },
    'batch-size': { type: 'string', default: '512' },
    json: { type: 'boolean', default: false },
  },
});

interface PeerResult {
  tool: string;
  command: string;
  exitCode: number | null;
  seconds: number;
  asked: number;
  delivered: number;
  spansPerSecond: number;
}

function run(command: string, args: string[]): Promise<{ code: number | null; seconds: number; output: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', CI: 'true' } });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, seconds: (performance.now() - started) / 1000, output }));
  });
}

async function measure(sink: SinkProcess, tool: string, command: string, args: string[], asked: number): Promise<PeerResult> {
  const before = (await sink.counts()).spans;
  const result = await run(command, args);
  // Let the receiver finish the last requests it already has.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const delivered = (await sink.counts()).spans - before;
  if (result.code !== 0) process.stderr.write(`bench:peers: ${tool} exited with ${result.code}:\n${result.output.slice(-2000)}\n`);
  return {
    tool,
    command: [command, ...args].join(' '),
    exitCode: result.code,
    seconds: result.seconds,
    asked,
    delivered,
    spansPerSecond: delivered / result.seconds,
  };
}

async function main(): Promise<number> {
  if (!values.telemetrygen) throw new Error('--telemetrygen <path> is required (scripts/bench/peers.sh installs it)');
  const perTrace = Number(values['spans-per-trace']);
  const traces = Math.floor(Number(values.spans) / perTrace);
  const spans = traces * perTrace;
  const batch = values['batch-size']!;
  const sink = await startSinkProcess();
  const endpoint = `127.0.0.1:${sink.ports.grpc}`;
  const results: PeerResult[] = [];
  try {
    results.push(
      await measure(
        sink,
        `telemetrygen ${values['telemetrygen-version']}`,
        values.telemetrygen,
        [
          'traces',
          '--otlp-endpoint',
          endpoint,
          '--otlp-insecure',
          '--traces',
          String(traces),
          '--child-spans',
          String(perTrace - 1),
          '--rate',
          '0',
          '--workers',
          '1',
          '--batch-size',
          batch,
        ],
        spans,
      ),
    );
    const cli = fileURLToPath(new URL('../../bin/otel-proc.js', import.meta.url));
    results.push(
      await measure(
        sink,
        'otel-proc load',
        process.execPath,
        [
          cli,
          'load',
          '-e',
          `http://${endpoint}`,
          '-p',
          'grpc',
          '--count',
          String(spans),
          '--rate',
          '100M',
          '--batch-size',
          batch,
          '--concurrency',
          '16',
          '--no-config-search',
        ],
        spans,
      ),
    );
  } finally {
    await sink.stop();
  }
  const [peer, ours] = results as [PeerResult, PeerResult];
  const ratio = ours.spansPerSecond / peer.spansPerSecond;
  if (values.json) process.stdout.write(`${JSON.stringify({ spans, results, ratio }, null, 2)}\n`);
  else {
    const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
    const lines = [
      `bench:peers: ${fmt(spans)} spans each (${fmt(traces)} traces of ${perTrace}), unthrottled, OTLP/gRPC, batch ${batch}, one count-only receiver on 127.0.0.1`,
      '',
      'tool                           seconds    spans/s    delivered / asked',
      ...results.map(
        (r) =>
          `${r.tool.padEnd(28)} ${r.seconds.toFixed(2).padStart(9)} ${fmt(r.spansPerSecond).padStart(10)}    ${fmt(r.delivered)} / ${fmt(r.asked)}${r.exitCode !== 0 ? `  (exit ${r.exitCode})` : ''}`,
      ),
      '',
      `otel-proc load / telemetrygen = ${ratio.toFixed(2)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return 0;
}

process.exitCode = await main();
