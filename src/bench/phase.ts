/**
 * One benchmark phase, in a fresh process so its peak RSS is its own:
 *   replay   the ceiling: one pre-encoded request sent again and again (no per-request work)
 *   fast     the fast engine, unthrottled (ids and timestamps stamped per request)
 *   sdk      the sdk engine, unthrottled (BatchSpanProcessor + OTLP exporter)
 *   pace     the fast engine at a fixed rate
 * Usage: node dist/bench/phase.js <phase> <json options>; prints one JSON result line.
 */
import { resolveConfig } from '../config/resolve.js';
import { createSender } from '../otlp/transport/create-sender.js';
import type { SenderOptions } from '../otlp/transport/types.js';
import { runGenerator, type GeneratorSpec } from '../load/generator.js';
import { runSdkEngine } from '../load/sdk-engine.js';
import { streamProcessorScenario } from '../synth/stream-processor.js';
import { BENCH_SCOPE, benchRequest } from './request-body.js';

export interface PhaseOptions {
  url: string;
  protocol: 'grpc' | 'http/protobuf';
  seconds: number;
  batchSize: number;
  concurrency: number;
  rate?: number;
}

export interface PhaseResult {
  phase: string;
  spans: number;
  accepted: number;
  failed: number;
  dropped: number;
  seconds: number;
  spansPerSecond: number;
  pacingError?: number;
  /** Largest deviation of a full second's sent spans from the target rate. */
  worstSecondError?: number;
  peakRssMb: number;
  /** User + system CPU of this process over the phase's work, per span sent (all threads). */
  cpuMicrosPerSpan: number;
}

type Measured = Omit<PhaseResult, 'peakRssMb' | 'cpuMicrosPerSpan'>;
const scope = BENCH_SCOPE;

function senderOptions(o: PhaseOptions): SenderOptions {
  const grpc = o.protocol === 'grpc';
  return {
    signal: 'traces',
    url: o.url,
    transport: grpc ? 'grpc' : 'http',
    format: 'protobuf',
    headers: {},
    timeoutMs: 30_000,
    compression: 'none',
    maxConcurrency: o.concurrency,
  };
}

function generatorSpec(o: PhaseOptions, rate: number): GeneratorSpec {
  return {
    plans: [{ signal: 'traces', rate, batchSize: o.batchSize }],
    durationSeconds: o.seconds,
    rampUpSeconds: 0,
    concurrency: o.concurrency,
    drainTimeoutMs: 30_000,
    idSpace: { index: 0, count: 1 },
    scenario: streamProcessorScenario,
    seed: 'bench',
    serviceName: 'bench',
    resource: {},
    senders: { traces: senderOptions(o) },
    scope,
  };
}

async function replay(o: PhaseOptions): Promise<Measured> {
  const { body, spans } = benchRequest(o.batchSize);
  const sender = createSender(senderOptions(o));
  let accepted = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + o.seconds * 1000;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const outcome = await sender.send(body);
      if (outcome.kind === 'success') accepted += spans;
      else failed += spans;
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, loop));
  const seconds = (performance.now() - started) / 1000;
  await sender.close();
  return { phase: 'replay', spans: accepted + failed, accepted, failed, dropped: 0, seconds, spansPerSecond: accepted / seconds };
}

async function fast(o: PhaseOptions, rate: number, phase: string): Promise<Measured> {
  const result = await runGenerator(generatorSpec(o, rate));
  const s = result.signals[0]!;
  const seconds = result.generationSeconds + result.drainSeconds;
  const full = s.timeline.slice(1, -1);
  const worst = full.length > 0 ? Math.max(...full.map((e) => Math.abs(e.sent - rate) / rate)) : undefined;
  return {
    phase,
    spans: s.sent,
    accepted: s.accepted,
    failed: s.failed,
    dropped: s.dropped,
    seconds,
    spansPerSecond: s.accepted / seconds,
    pacingError: s.pacingError,
    ...(worst !== undefined ? { worstSecondError: worst } : {}),
  };
}

/**
 * The SDK's best delivered rate: open loop at rising target rates (half the phase time each) until
 * delivery stops improving. Past its knee the SDK drops spans (queue full, or the exporter's limit
 * of 30 concurrent exports), so the best point is what an application can really push through it.
 */
async function sdk(o: PhaseOptions): Promise<Measured> {
  const env = {
    OTEL_EXPORTER_OTLP_ENDPOINT: o.url.replace(/\/v1\/traces$/, ''),
    OTEL_EXPORTER_OTLP_PROTOCOL: o.protocol,
    // A generously tuned SDK, as a team would configure it for throughput: big queue, short delay.
    OTEL_BSP_MAX_QUEUE_SIZE: '65536',
    OTEL_BSP_MAX_EXPORT_BATCH_SIZE: String(o.batchSize),
    OTEL_BSP_SCHEDULE_DELAY: '100',
    OTEL_SERVICE_NAME: 'bench',
  };
  const { config } = await resolveConfig({ env, cwd: process.cwd(), noConfigSearch: true });
  let best: Measured | undefined;
  for (const rate of [20_000, 40_000, 80_000, 160_000]) {
    const result = await runSdkEngine({ ...generatorSpec(o, rate), durationSeconds: o.seconds / 2 }, config);
    const s = result.signals[0]!;
    const seconds = result.generationSeconds + result.drainSeconds;
    const point = {
      phase: `sdk (best at ${rate / 1000}k/s)`,
      spans: s.sent,
      accepted: s.accepted,
      failed: s.failed,
      dropped: s.dropped,
      seconds,
      spansPerSecond: s.accepted / seconds,
    };
    if (best && point.spansPerSecond <= best.spansPerSecond) break;
    best = point;
  }
  return best!;
}

const [phase, json] = process.argv.slice(2);
const options = JSON.parse(json ?? '{}') as PhaseOptions;
const cpuBefore = process.cpuUsage();
const run =
  phase === 'replay'
    ? replay(options)
    : phase === 'fast'
      ? fast(options, 50_000_000, 'fast')
      : phase === 'sdk'
        ? sdk(options)
        : fast(options, options.rate ?? 1000, `pace ${options.rate}`);
const result = await run;
const cpu = process.cpuUsage(cpuBefore);
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
const cpuMicrosPerSpan = (cpu.user + cpu.system) / Math.max(1, result.spans);
process.stdout.write(`${JSON.stringify({ ...result, peakRssMb, cpuMicrosPerSpan } satisfies PhaseResult)}\n`);
