/**
 * `npm run bench` (scripts/bench/run.sh installs h2load, builds, then runs this): in one run,
 * against one count-only receiver on 127.0.0.1 (its own process), for gRPC and OTLP/HTTP protobuf:
 *   h2load  the independent ceiling: nghttp2's C client replaying one pre-encoded request (h2load.ts)
 *   fast    the fast engine, unthrottled (ids and timestamps stamped per request)
 *   replay  the same pre-encoded request sent again and again through our own sender
 * in alternating order for --rounds rounds, then the sdk engine and the fast engine's pacing at
 * fixed rates. Each of our phases runs in a fresh process so its peak RSS and CPU are its own.
 * Prints spans/s and sender CPU per span side by side and the targets with PASS/FAIL.
 *
 *   npm run bench [-- --seconds 5 --rounds 3 --protocols grpc,http/protobuf --batch-size 512
 *                    --concurrency 16 --rates 1000,10000,100000 --h2load /usr/bin/h2load --no-sdk --json --strict]
 * --strict exits 1 when a target is missed (CI); by default the figures are informational, since
 * a shared machine's noise is not a regression.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { grpcSessionCount } from '../otlp/transport/grpc-sessions.js';
import { runH2load } from './h2load.js';
import type { PhaseOptions, PhaseResult } from './phase.js';
import { renderBench } from './render.js';
import { benchRequest, grpcFramed } from './request-body.js';
import { startSinkProcess, type SinkProcess } from './sink-process.js';
import { evaluateTargets, type BenchClient, type BenchProtocol, type Measurement, type PacingMeasurement } from './targets.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    protocols: { type: 'string', default: 'grpc,http/protobuf' },
    'batch-size': { type: 'string', default: '512' },
    concurrency: { type: 'string', default: '16' },
    rates: { type: 'string', default: '1000,10000,100000' },
    rounds: { type: 'string', default: '3' },
    h2load: { type: 'string', default: 'h2load' },
    'no-sdk': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
  },
});

function runPhase(phase: string, options: PhaseOptions): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('./phase.js', import.meta.url)), phase, JSON.stringify(options)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`bench phase ${phase} exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').pop()!) as PhaseResult);
    });
  });
}

const GRPC_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

interface Setup {
  sink: SinkProcess;
  folder: string;
  spans: number;
  base: Omit<PhaseOptions, 'url' | 'protocol'>;
}

function urlFor(setup: Setup, protocol: BenchProtocol, forH2load: boolean): string {
  if (protocol === 'grpc') return `http://127.0.0.1:${setup.sink.ports.grpc}${forH2load ? GRPC_PATH : ''}`;
  return `http://127.0.0.1:${setup.sink.ports.http}/v1/traces`;
}

async function measure(setup: Setup, client: BenchClient, protocol: BenchProtocol, round: number): Promise<Measurement> {
  if (client !== 'h2load') {
    const result = await runPhase(client, { ...setup.base, protocol, url: urlFor(setup, protocol, false) });
    return {
      client,
      protocol,
      round,
      spansPerSecond: result.spansPerSecond,
      cpuMicrosPerSpan: result.cpuMicrosPerSpan,
      accepted: result.accepted,
      failed: result.failed,
      dropped: result.dropped,
      peakRssMb: result.peakRssMb,
    };
  }
  const before = (await setup.sink.counts()).spans;
  const run = await runH2load({
    binary: values.h2load!,
    protocol,
    url: urlFor(setup, protocol, true),
    bodyFile: join(setup.folder, protocol === 'grpc' ? 'request.grpc' : 'request.pb'),
    // The same connections as ours: the gRPC sender spreads its streams over a few HTTP/2
    // connections (grpc-sessions.ts); the HTTP sender keeps one socket per request in flight.
    connections: connectionsFor(protocol, setup.base.concurrency),
    streams: Math.ceil(setup.base.concurrency / connectionsFor(protocol, setup.base.concurrency)),
    seconds: setup.base.seconds,
  });
  const counted = (await setup.sink.counts()).spans - before;
  const accepted = run.succeeded * setup.spans;
  // h2load reads no grpc-status: a 2xx it counts must also be spans the receiver counted.
  if (counted < accepted) throw new Error(`h2load reported ${accepted} spans delivered but the receiver counted ${counted}`);
  return {
    client,
    protocol,
    round,
    spansPerSecond: accepted / run.seconds,
    cpuMicrosPerSpan: (run.cpuSeconds * 1e6) / Math.max(1, accepted),
    accepted,
    failed: run.failed * setup.spans,
    dropped: 0,
  };
}

export function connectionsFor(protocol: BenchProtocol, concurrency: number): number {
  return protocol === 'grpc' ? grpcSessionCount(concurrency) : concurrency;
}

/** Alternating order, so no client always runs right after the same one. */
function orderFor(round: number): BenchClient[] {
  const orders: BenchClient[][] = [
    ['h2load', 'fast', 'replay'],
    ['fast', 'replay', 'h2load'],
    ['replay', 'h2load', 'fast'],
  ];
  return orders[(round - 1) % orders.length]!;
}

async function main(): Promise<number> {
  const protocols = values.protocols!.split(',').map((p) => (p.trim() === 'grpc' ? 'grpc' : 'http/protobuf')) as BenchProtocol[];
  const base = { seconds: Number(values.seconds), batchSize: Number(values['batch-size']), concurrency: Number(values.concurrency) };
  const request = benchRequest(base.batchSize);
  const folder = mkdtempSync(join(tmpdir(), 'otel-proc-bench-'));
  writeFileSync(join(folder, 'request.pb'), request.body);
  writeFileSync(join(folder, 'request.grpc'), grpcFramed(request.body));
  const sink = await startSinkProcess();
  const setup: Setup = { sink, folder, spans: request.spans, base };
  const rounds = Number(values.rounds);
  const measurements: Measurement[] = [];
  const pacing: PacingMeasurement[] = [];
  let sdk: PhaseResult | undefined;
  const loadBefore = loadavg()[0]!;
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const protocol of protocols) {
        for (const client of orderFor(round)) {
          process.stderr.write(`bench: ${client} ${protocol} (round ${round} of ${rounds}) for ${base.seconds} s ...\n`);
          measurements.push(await measure(setup, client, protocol, round));
        }
      }
    }
    const first = protocols[0]!;
    const phaseBase = { ...base, protocol: first, url: urlFor(setup, first, false) };
    if (!values['no-sdk']) {
      process.stderr.write(`bench: sdk ${first} for ${base.seconds} s ...\n`);
      sdk = await runPhase('sdk', phaseBase);
    }
    for (const rate of values.rates!.split(',').filter(Boolean).map(Number)) {
      process.stderr.write(`bench: pacing at ${rate} spans/s for ${base.seconds} s ...\n`);
      const result = await runPhase('pace', { ...phaseBase, rate });
      pacing.push({
        rate,
        pacingError: result.pacingError ?? 1,
        ...(result.worstSecondError !== undefined ? { worstSecondError: result.worstSecondError } : {}),
        peakRssMb: result.peakRssMb,
      });
    }
  } finally {
    const counts = await sink.stop();
    rmSync(folder, { recursive: true, force: true });
    process.stderr.write(`bench: the receiver counted ${JSON.stringify(counts)}\n`);
  }
  const checks = evaluateTargets({ measurements, pacing, ...(sdk ? { sdkSpansPerSecond: sdk.spansPerSecond } : {}) });
  const context = {
    ...base,
    rounds,
    protocols,
    spansPerRequest: request.spans,
    requestBytes: request.body.length,
    grpcConnections: connectionsFor('grpc', base.concurrency),
    loadAverage: [loadBefore, loadavg()[0]!] as [number, number],
  };
  if (values.json) process.stdout.write(`${JSON.stringify({ context, measurements, sdk, pacing, checks }, null, 2)}\n`);
  else process.stdout.write(renderBench({ context, measurements, sdk, pacing, checks }));
  return values.strict && checks.some((c) => !c.ok) ? 1 : 0;
}

process.exitCode = await main();
