/**
 * The text `npm run bench` prints: per protocol, h2load (the C client's ceiling), the fast engine
 * and the replay through our own sender side by side, then the other phases and the targets.
 */
import type { PhaseResult } from './phase.js';
import {
  pairedRatios,
  summarise,
  type BenchClient,
  type BenchProtocol,
  type Check,
  type Measurement,
  type PacingMeasurement,
} from './targets.js';

export interface BenchContext {
  seconds: number;
  batchSize: number;
  concurrency: number;
  rounds: number;
  protocols: BenchProtocol[];
  spansPerRequest: number;
  requestBytes: number;
  /** HTTP/2 connections of the gRPC sender, and so of h2load's gRPC run. */
  grpcConnections: number;
  /** One-minute load average before and after: how busy the machine was. */
  loadAverage: [number, number];
}

export interface BenchOutcome {
  context: BenchContext;
  measurements: Measurement[];
  sdk?: PhaseResult;
  pacing: PacingMeasurement[];
  checks: Check[];
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const millions = (n: number): string => `${(n / 1e6).toFixed(2)}M`;
const pct = (n: number): string => `${(n * 100).toFixed(2)}%`;

const LABELS: Record<BenchClient, string> = {
  h2load: 'h2load (nghttp2, C)',
  fast: 'otel-proc fast engine',
  replay: 'replay, our sender',
};

function clientLines(outcome: BenchOutcome, protocol: BenchProtocol): string[] {
  const { concurrency } = outcome.context;
  const title =
    protocol === 'grpc'
      ? `OTLP/gRPC: ${concurrency} requests in flight on ${outcome.context.grpcConnections} HTTP/2 connection(s) each`
      : `OTLP/HTTP protobuf over HTTP/1.1: ${concurrency} connections each`;
  const lines = [
    title,
    `  ${'client'.padEnd(24)} ${'best spans/s'.padStart(12)}  ${'rounds (min-max)'.padEnd(16)}  ${'CPU µs/span'.padStart(11)}  ${'(min-max)'.padEnd(11)}  peak RSS`,
  ];
  for (const client of ['h2load', 'fast', 'replay'] as const) {
    const s = summarise(outcome.measurements, client, protocol);
    if (!s) continue;
    const rss = s.best.peakRssMb !== undefined ? `${s.best.peakRssMb} MB` : '';
    lines.push(
      `  ${LABELS[client].padEnd(24)} ${fmt(s.best.spansPerSecond).padStart(12)}  ${`${millions(s.range[0])}-${millions(s.range[1])}`.padEnd(16)}  ${s.best.cpuMicrosPerSpan.toFixed(2).padStart(11)}  ${`${s.cpuRange[0].toFixed(2)}-${s.cpuRange[1].toFixed(2)}`.padEnd(11)}  ${rss}`,
    );
  }
  const paired = pairedRatios(outcome.measurements, protocol);
  if (paired.length > 0) lines.push(`  fast / h2load per round: ${paired.map((r) => r.toFixed(2)).join(', ')}`);
  const failures = outcome.measurements.filter((m) => m.protocol === protocol && (m.failed > 0 || m.dropped > 0));
  for (const m of failures) lines.push(`  round ${m.round} ${m.client}: ${fmt(m.failed)} spans failed, ${fmt(m.dropped)} dropped`);
  return lines;
}

export function renderBench(outcome: BenchOutcome): string {
  const c = outcome.context;
  const lines = [
    `otel-proc bench: ${c.spansPerRequest}-span requests (${fmt(c.requestBytes)} bytes), ${c.seconds} s per phase, ${c.rounds} alternating rounds, one count-only receiver on 127.0.0.1`,
    `load average ${c.loadAverage[0].toFixed(1)} at the start, ${c.loadAverage[1].toFixed(1)} at the end: on a shared machine, compare rows of the same run only`,
    '',
  ];
  for (const protocol of c.protocols) lines.push(...clientLines(outcome, protocol), '');
  if (outcome.sdk)
    lines.push(`sdk engine (${outcome.sdk.phase}): ${fmt(outcome.sdk.spansPerSecond)} spans/s, ${outcome.sdk.peakRssMb} MB peak RSS`);
  for (const p of outcome.pacing)
    lines.push(
      `pacing at ${fmt(p.rate)} spans/s: error ${pct(p.pacingError)}, worst second ${pct(p.worstSecondError ?? 0)}, ${p.peakRssMb} MB peak RSS`,
    );
  lines.push(
    '',
    'targets (best round of each):',
    ...outcome.checks.map((check) => `${check.ok ? 'PASS' : 'FAIL'}  ${check.target}: ${check.value}`),
  );
  return `${lines.join('\n')}\n`;
}
