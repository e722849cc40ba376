/**
 * What `npm run bench` concludes from its measurements: the best round of each client per protocol,
 * the ratios between them, and each target with PASS or FAIL. Pure: data in, data out.
 */
export type BenchProtocol = 'grpc' | 'http/protobuf';
export type BenchClient = 'h2load' | 'fast' | 'replay';

export interface Measurement {
  client: BenchClient;
  protocol: BenchProtocol;
  round: number;
  spansPerSecond: number;
  /** User + system CPU of the sending process per span delivered. */
  cpuMicrosPerSpan: number;
  accepted: number;
  failed: number;
  dropped: number;
  peakRssMb?: number;
}

export interface PacingMeasurement {
  rate: number;
  pacingError: number;
  worstSecondError?: number;
  peakRssMb: number;
}

export interface ClientSummary {
  client: BenchClient;
  protocol: BenchProtocol;
  /** Best round: spans/s and the CPU per span of that round. */
  best: Measurement;
  /** Slowest and fastest round, to show the noise. */
  range: [number, number];
  cpuRange: [number, number];
}

export interface Check {
  target: string;
  ok: boolean;
  value: string;
}

export const TARGETS = { overH2load: 0.8, cpuOverH2load: 3, fastOverReplay: 0.85, fastOverSdk: 5, pacingError: 0.01, rssMb: 200 };

export function summarise(measurements: Measurement[], client: BenchClient, protocol: BenchProtocol): ClientSummary | undefined {
  const rounds = measurements.filter((m) => m.client === client && m.protocol === protocol);
  if (rounds.length === 0) return undefined;
  const best = rounds.reduce((a, b) => (b.spansPerSecond > a.spansPerSecond ? b : a));
  const rates = rounds.map((m) => m.spansPerSecond);
  const cpus = rounds.map((m) => m.cpuMicrosPerSpan);
  return { client, protocol, best, range: [Math.min(...rates), Math.max(...rates)], cpuRange: [Math.min(...cpus), Math.max(...cpus)] };
}

/** fast ÷ h2load within each round (they ran back to back): the paired view of the noise. */
export function pairedRatios(measurements: Measurement[], protocol: BenchProtocol, client: BenchClient = 'fast'): number[] {
  const rounds = [...new Set(measurements.map((m) => m.round))];
  const ratios: number[] = [];
  for (const round of rounds) {
    const ours = measurements.find((m) => m.round === round && m.protocol === protocol && m.client === client);
    const peer = measurements.find((m) => m.round === round && m.protocol === protocol && m.client === 'h2load');
    if (ours && peer && peer.spansPerSecond > 0) ratios.push(ours.spansPerSecond / peer.spansPerSecond);
  }
  return ratios;
}

const pct = (n: number): string => `${(n * 100).toFixed(2)}%`;

export interface CheckInputs {
  measurements: Measurement[];
  sdkSpansPerSecond?: number;
  pacing: PacingMeasurement[];
}

export function evaluateTargets({ measurements, sdkSpansPerSecond, pacing }: CheckInputs): Check[] {
  const checks: Check[] = [];
  const protocols = [...new Set(measurements.map((m) => m.protocol))];
  for (const protocol of protocols) {
    const label = protocol === 'grpc' ? 'gRPC' : 'HTTP/protobuf';
    const fast = summarise(measurements, 'fast', protocol);
    const peer = summarise(measurements, 'h2load', protocol);
    const replay = summarise(measurements, 'replay', protocol);
    if (fast && peer) {
      const ratio = fast.best.spansPerSecond / peer.best.spansPerSecond;
      checks.push({
        target: `${label} spans/s >= ${TARGETS.overH2load} x h2load`,
        ok: ratio >= TARGETS.overH2load,
        value: ratio.toFixed(3),
      });
      if (protocol === 'grpc') {
        const cpu = Math.min(...measurements.filter((m) => m.client === 'fast' && m.protocol === protocol).map((m) => m.cpuMicrosPerSpan));
        const peerCpu = Math.min(
          ...measurements.filter((m) => m.client === 'h2load' && m.protocol === protocol).map((m) => m.cpuMicrosPerSpan),
        );
        const cpuRatio = cpu / peerCpu;
        checks.push({
          target: `${label} sender CPU/span <= ${TARGETS.cpuOverH2load} x h2load's`,
          ok: cpuRatio <= TARGETS.cpuOverH2load,
          value: `${cpuRatio.toFixed(2)} (${cpu.toFixed(2)} vs ${peerCpu.toFixed(2)} µs)`,
        });
      }
    }
    if (fast && replay) {
      const ratio = fast.best.spansPerSecond / replay.best.spansPerSecond;
      checks.push({
        target: `${label} fast >= ${TARGETS.fastOverReplay} x replay through our sender`,
        ok: ratio >= TARGETS.fastOverReplay,
        value: ratio.toFixed(3),
      });
    }
  }
  const fastGrpc = summarise(measurements, 'fast', protocols[0] ?? 'grpc');
  if (sdkSpansPerSecond !== undefined && fastGrpc) {
    const ratio = fastGrpc.best.spansPerSecond / sdkSpansPerSecond;
    checks.push({ target: `fast >= ${TARGETS.fastOverSdk} x sdk engine`, ok: ratio >= TARGETS.fastOverSdk, value: ratio.toFixed(2) });
  }
  if (pacing.length > 0) {
    const worst = Math.max(...pacing.map((p) => p.pacingError));
    checks.push({ target: `pacing error <= ${pct(TARGETS.pacingError)}`, ok: worst <= TARGETS.pacingError, value: pct(worst) });
  }
  const rss = [
    ...measurements.filter((m) => m.client === 'fast' && m.peakRssMb !== undefined).map((m) => m.peakRssMb!),
    ...pacing.map((p) => p.peakRssMb),
  ];
  if (rss.length > 0) {
    const peak = Math.max(...rss);
    checks.push({ target: `fast engine peak RSS <= ${TARGETS.rssMb} MB`, ok: peak <= TARGETS.rssMb, value: `${peak} MB` });
  }
  return checks;
}
