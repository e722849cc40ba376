/**
 * The probe matrix: when the configured endpoint fails, look at its neighbours on the same host
 * (neighbour-candidates.ts), learn what each port speaks with the protocol sniffer, and send the
 * doctor's canary with the settings that fit, fewest changes first, until a real OTLP receiver
 * accepts one. Everything together is bounded by one budget (--timeout): half of it at most for
 * the sniffs, which run in parallel, the rest for the canaries, which run one at a time so a
 * working receiver gets one canary, not one per guess.
 */
import type { SignalExportConfig } from '../config/types.js';
import { redactUrl } from '../boundary/secrets.js';
import { sniffProtocol, type ClientTls, type SniffResult } from '../net/sniff.js';
import { stopwatch } from '../net/timing.js';
import { createSender, senderOptionsFrom } from '../otlp/transport/create-sender.js';
import type { ExportOutcome } from '../otlp/transport/types.js';
import { encodeCanary, type CanaryIdentity } from './canary-request.js';
import {
  candidatesAt,
  candidateUrl,
  isLoopbackName,
  orderCandidates,
  probePoints,
  type ConfiguredEndpoint,
  type NeighbourCandidate,
  type NeighbourChange,
  type ProbePoint,
} from './neighbour-candidates.js';

export interface ProbedPoint extends ProbePoint {
  /** What the port speaks (net/sniff.ts): grpc, http1, http2, refused, silent… */
  application: SniffResult['application'];
  transport: SniffResult['transport'];
  evidence: string;
  durationMs: number;
}

export interface CanaryAttempt {
  url: string;
  protocol: string;
  changes: NeighbourChange[];
  /** `accepted`, or the failure reason the sender classified (http-404, grpc-unimplemented, tls…). */
  outcome: string;
  message?: string;
  durationMs: number;
}

export interface ProbeMatrixResult {
  configured: { url: string; protocol: string };
  budgetMs: number;
  durationMs: number;
  points: ProbedPoint[];
  attempts: CanaryAttempt[];
  /** The first neighbour that accepted the canary. */
  working?: NeighbourCandidate & { url: string };
  /** The budget ran out before every candidate was tried. */
  exhausted: boolean;
}

export interface ProbeMatrixInput {
  configured: ConfiguredEndpoint;
  exportConfig: SignalExportConfig;
  /** What the configured point speaks, already sniffed by the doctor (undefined: not reachable). */
  configuredSniff: SniffResult | undefined;
  budgetMs: number;
  clientTls: ClientTls;
  /** A fresh identity: a neighbour's canary must not pass for the configured one in Jaeger or Prometheus. */
  identity: CanaryIdentity;
  signal?: AbortSignal;
}

export async function runProbeMatrix(input: ProbeMatrixInput): Promise<ProbeMatrixResult> {
  const { configured, budgetMs, signal } = input;
  const elapsed = stopwatch();
  const remaining = (): number => Math.round(budgetMs - elapsed());
  const points = probePoints(configured);
  const sniffBudget = Math.max(1, Math.round(budgetMs / 2));
  const sniffs = await Promise.all(
    points.map((point, index) =>
      index === 0
        ? Promise.resolve(input.configuredSniff)
        : sniffProtocol(point.host, point.port, sniffBudget, point.host, signal, input.clientTls),
    ),
  );
  const probed: ProbedPoint[] = points.map((point, index) => {
    const sniff = sniffs[index];
    return {
      ...point,
      application: sniff?.application ?? 'refused',
      transport: sniff?.transport ?? 'unknown',
      evidence: sniff?.evidence ?? 'not reachable',
      durationMs: Math.round(sniff?.durationMs ?? 0),
    };
  });
  const candidates = orderCandidates(points.flatMap((point, index) => candidatesAt(configured, point, sniffs[index])));

  const result: ProbeMatrixResult = {
    configured: { url: redactUrl(input.exportConfig.url), protocol: configured.protocol },
    budgetMs,
    durationMs: 0,
    points: probed,
    attempts: [],
    exhausted: false,
  };
  for (const candidate of candidates) {
    if (signal?.aborted) break;
    if (remaining() <= 0) {
      result.exhausted = true;
      break;
    }
    const attempt = await sendCanaryTo(input, candidate, remaining());
    result.attempts.push(attempt);
    if (attempt.outcome === 'accepted') {
      result.working = { ...candidate, url: candidateUrl(candidate) };
      break;
    }
  }
  result.durationMs = Math.round(elapsed());
  return result;
}

async function sendCanaryTo(input: ProbeMatrixInput, candidate: NeighbourCandidate, timeoutMs: number): Promise<CanaryAttempt> {
  const { exportConfig, configured } = input;
  const url = candidateUrl(candidate);
  const plaintext = candidate.scheme === 'http';
  // Credentials meant for a TLS endpoint never cross a network in clear text; on loopback they never leave the machine.
  const keepHeaders = !(plaintext && configured.scheme === 'https' && !isLoopbackName(candidate.host));
  const variant: SignalExportConfig = {
    ...exportConfig,
    url,
    protocol: { ...exportConfig.protocol, value: candidate.protocol },
    headers: keepHeaders ? exportConfig.headers : { ...exportConfig.headers, value: {} },
    // Over plaintext the SDK ignores the TLS files, as the configured canary does.
    ...(plaintext ? { certificateFile: undefined, clientCertificateFile: undefined, clientKeyFile: undefined } : {}),
  };
  const base = { url: redactUrl(url), protocol: candidate.protocol, changes: candidate.changes };
  const elapsed = stopwatch();
  let outcome: ExportOutcome;
  try {
    const options = await senderOptionsFrom(variant, 1);
    options.timeoutMs = Math.max(1, timeoutMs);
    const sender = createSender(options);
    try {
      outcome = await sender.send(encodeCanary(configured.signal, options.format, input.identity));
    } finally {
      await sender.close({ abandon: true });
    }
  } catch (error) {
    return { ...base, outcome: 'not-sent', message: (error as Error).message, durationMs: Math.round(elapsed()) };
  }
  const durationMs = Math.round(elapsed());
  // A partial success is still a receiver that speaks OTLP here: the canary check says what it rejected.
  if (outcome.kind === 'success') return { ...base, outcome: 'accepted', durationMs };
  return { ...base, outcome: outcome.reason, message: outcome.message, durationMs };
}
