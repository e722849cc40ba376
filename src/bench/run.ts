/**
 * `npm run bench`: in one run, against one count-only receiver on 127.0.0.1 (its own process),
 * measures (a) the replay ceiling, (b) the fast engine, (c) the sdk engine, then the fast engine's
 * pacing at fixed rates, each phase in a fresh process so its peak RSS is its own. Prints spans/s,
 * fast/ceiling, fast/sdk, pacing errors and peak RSS against the targets of issue 6.
 *
 *   npm run bench [-- --seconds 5 --rounds 2 --protocol grpc --batch-size 512 --concurrency 16 --rates 1000,10000,100000 --json --strict]
 * Replay and fast alternate for --rounds rounds and each counts at its best, so neither gains from
 * running later (a receiver whose JIT has warmed up, a neighbour that has gone quiet).
 * --strict exits 1 when a target is missed (CI); by default the figures are informational, since
 * a shared machine's noise is not a regression.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { PhaseOptions, PhaseResult } from './phase.js';
import { startSinkProcess } from './sink-process.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    protocol: { type: 'string', default: 'grpc' },
    'batch-size': { type: 'string', default: '512' },
    concurrency: { type: 'string', default: '16' },
    rates: { type: 'string', default: '1000,10000,100000' },
    rounds: { type: 'string', default: '2' },
    json: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
  },
});

const TARGETS = { fastOverCeiling: 0.85, fastOverSdk: 5, pacingError: 0.01, rssMb: 200 };

function runPhase(phase: string, options: PhaseOptions): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('./phase.js', import.meta.url)), phase, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`bench phase ${phase} exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').pop()!) as PhaseResult);
    });
  });
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const pct = (n: number): string => `${(n * 100).toFixed(2)}%`;

async function main(): Promise<number> {
  const base: PhaseOptions = {
    url: '',
    protocol: values.protocol === 'http/protobuf' ? 'http/protobuf' : 'grpc',
    seconds: Number(values.seconds),
    batchSize: Number(values['batch-size']),
    concurrency: Number(values.concurrency),
  };
  const sink = await startSinkProcess();
  base.url = base.protocol === 'grpc' ? `http://127.0.0.1:${sink.ports.grpc}` : `http://127.0.0.1:${sink.ports.http}/v1/traces`;
  const rounds = Number(values.rounds);
  const results: Array<PhaseResult & { round?: number }> = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const phase of ['replay', 'fast']) {
        process.stderr.write(`bench: ${phase} (round ${round} of ${rounds}) for ${base.seconds} s ...\n`);
        results.push({ ...(await runPhase(phase, base)), round });
      }
    }
    process.stderr.write(`bench: sdk for ${base.seconds} s ...\n`);
    results.push(await runPhase('sdk', base));
    for (const rate of values.rates!.split(',').map(Number)) {
      process.stderr.write(`bench: pacing at ${fmt(rate)} spans/s for ${base.seconds} s ...\n`);
      results.push(await runPhase('pace', { ...base, rate }));
    }
  } finally {
    const counts = await sink.stop();
    process.stderr.write(`bench: the receiver counted ${JSON.stringify(counts)}\n`);
  }
  const best = (phase: string): PhaseResult => results.filter((r) => r.phase === phase).reduce((a, b) => (b.spansPerSecond > a.spansPerSecond ? b : a));
  const replay = best('replay');
  const fast = best('fast');
  const sdk = results.find((r) => r.phase.startsWith('sdk'))!;
  const pacing = results.filter((r) => r.phase.startsWith('pace'));
  const fastOverCeiling = fast.spansPerSecond / replay.spansPerSecond;
  const fastOverSdk = fast.spansPerSecond / sdk.spansPerSecond;
  const worstPacing = Math.max(...pacing.map((p) => p.pacingError ?? 1));
  const peakRss = Math.max(...results.filter((r) => r.phase === 'fast').map((r) => r.peakRssMb), ...pacing.map((p) => p.peakRssMb));
  const checks = [
    { target: `fast >= ${TARGETS.fastOverCeiling} x ceiling`, ok: fastOverCeiling >= TARGETS.fastOverCeiling, value: fastOverCeiling.toFixed(3) },
    { target: `fast >= ${TARGETS.fastOverSdk} x sdk`, ok: fastOverSdk >= TARGETS.fastOverSdk, value: fastOverSdk.toFixed(2) },
    { target: `pacing error <= ${pct(TARGETS.pacingError)}`, ok: worstPacing <= TARGETS.pacingError, value: pct(worstPacing) },
    { target: `fast engine peak RSS <= ${TARGETS.rssMb} MB`, ok: peakRss <= TARGETS.rssMb, value: `${peakRss} MB` },
  ];
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ options: { ...base, url: undefined }, results, ratios: { fastOverCeiling, fastOverSdk }, checks }, null, 2)}\n`);
  } else {
    const lines = [
      `otel-proc bench: ${base.protocol}, batch ${base.batchSize}, ${base.concurrency} in flight, ${base.seconds} s per phase, count-only receiver on 127.0.0.1`,
      '',
      'phase                  spans/s     accepted   failed  dropped  peak RSS',
      ...results.map((r) => `${(r.round ? `${r.phase} #${r.round}` : r.phase).padEnd(20)} ${fmt(r.spansPerSecond).padStart(9)} ${fmt(r.accepted).padStart(12)} ${fmt(r.failed).padStart(8)} ${fmt(r.dropped).padStart(8)} ${`${r.peakRssMb} MB`.padStart(9)}${r.pacingError !== undefined && r.phase.startsWith('pace') ? `   pacing error ${pct(r.pacingError)}, worst second ${pct(r.worstSecondError ?? 0)}` : ''}`),
      '',
      `fast / ceiling = ${fastOverCeiling.toFixed(3)}    fast / sdk = ${fastOverSdk.toFixed(2)}    (best round of each)`,
      ...checks.map((c) => `${c.ok ? 'PASS' : 'MISS'}  ${c.target}: ${c.value}`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return values.strict && checks.some((c) => !c.ok) ? 1 : 0;
}

process.exitCode = await main();
