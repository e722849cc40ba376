/**
 * Neighbours: when the configured endpoint does not take the canary, find out whether what the
 * user meant is one step away on the same host (the other OTLP port, the other protocol, https vs
 * http, the signal path, another loopback name) and give the exact settings that use it. Runs
 * only after a failure, and only failures another endpoint could hint: a receiver that refuses the
 * credentials would refuse them on any port.
 */
import { redactUrl } from '../../boundary/secrets.js';
import type { Check, DoctorContext, Finding } from '../types.js';
import { settingAssignment, type EndpointTarget } from '../endpoints.js';
import { newCanaryIdentity } from '../canary-request.js';
import { authority, receiverWords, type ConfiguredEndpoint, type NeighbourCandidate } from '../neighbour-candidates.js';
import { runProbeMatrix, type ProbeMatrixResult } from '../probe-matrix.js';
import { canarySkipReason } from './canary.js';
import { finding, hostPort, plural } from './finding.js';

/** Failures that say the right receiver answered and refused: no neighbour fixes those. */
const NOT_A_NEIGHBOUR_PROBLEM =
  /^(http-(401|403|429|502|503|504)|grpc-(unauthenticated|permission-denied|resource-exhausted|unavailable|deadline-exceeded)|timeout|dns)$/;

interface ConfiguredFailure {
  /** "Nothing answers on localhost:4318", "http://localhost:4318/v1/traces does not take the canary (http-404)". */
  words: string;
  fixable: boolean;
}

async function configuredFailure(context: DoctorContext, target: EndpointTarget): Promise<ConfiguredFailure | undefined> {
  const where = hostPort(target.host, target.port);
  const reach = await context.facts.reach(target);
  if (reach.dns.addresses.length === 0) return { words: `${target.host} does not resolve`, fixable: false };
  if (reach.tcp?.outcome !== 'connected') return { words: `Nothing answers on ${where}`, fixable: reach.tcp?.outcome === 'refused' };
  const skip = await canarySkipReason(context, target);
  if (skip) return { words: `${where} does not take the canary (${skip.reason})`, fixable: reach.tlsMaterialError === undefined };
  const signal = target.signals[0]!;
  try {
    const canary = await context.facts.canary(signal);
    if (canary.outcome.kind === 'success') return undefined;
    return {
      words: `${redactUrl(canary.url)} does not take the canary (${canary.outcome.reason})`,
      fixable: !NOT_A_NEIGHBOUR_PROBLEM.test(canary.outcome.reason),
    };
  } catch {
    return { words: 'the canary could not be prepared', fixable: false };
  }
}

function configuredEndpoint(target: EndpointTarget): ConfiguredEndpoint {
  const url = new URL(target.exportConfig.url);
  return {
    signal: target.signals[0]!,
    protocol: target.protocol,
    scheme: target.tls ? 'https' : 'http',
    host: target.host,
    port: target.port,
    path: url.pathname,
  };
}

/** The settings, written the way their own layer spells them, that make the application use `working`. */
export function settingsFor(target: EndpointTarget, working: NeighbourCandidate & { url: string }): string[] {
  const { exportConfig } = target;
  const lines: string[] = [];
  if (working.protocol !== target.protocol)
    lines.push(settingAssignment(exportConfig.protocol.source, 'OTEL_EXPORTER_OTLP_PROTOCOL', working.protocol));
  const source = exportConfig.endpoint.source;
  // A signal-specific HTTP endpoint is used exactly as given; a base endpoint gets /v1/<signal> appended.
  const signalSpecific = source.kind === 'env' && /_(TRACES|METRICS|LOGS)_ENDPOINT$/.test(source.name);
  const base = `${working.scheme}://${authority(working.host, working.port)}`;
  const value =
    working.protocol !== 'grpc' && signalSpecific
      ? working.url
      : working.protocol !== 'grpc'
        ? `${base}${working.path.replace(/\/v1\/(traces|metrics|logs)$/, '')}`
        : base;
  const current = exportConfig.endpoint.value.trim().replace(/\/+$/, '');
  if (value !== current) lines.push(settingAssignment(source, 'OTEL_EXPORTER_OTLP_ENDPOINT', value));
  return lines;
}

function where(working: NeighbourCandidate & { url: string }): string {
  // The path only when it is what changed: the finding covers every signal of the endpoint.
  const place = `${authority(working.host, working.port)}${working.changes.includes('path') ? working.path : ''}`;
  return working.scheme === 'https' ? `https://${place}` : place;
}

function matrixFinding(target: EndpointTarget, failure: ConfiguredFailure, matrix: ProbeMatrixResult): Finding {
  const signals = target.signals.join(', ');
  const base = { target: target.origin, durationMs: matrix.durationMs };
  if (matrix.working) {
    const settings = settingsFor(target, matrix.working);
    const set = settings.length > 0 ? `set ${settings.join(' and ')}` : 'use it';
    const found = `${receiverWords(matrix.working)} accepts the canary on ${where(matrix.working)}`;
    return finding({
      ...base,
      code: 'NEIGHBOURS_ENDPOINT_WORKS',
      status: 'warn',
      title: `${signals}: ${found}`,
      message: `${failure.words}, but ${found}: ${set}`,
      hint: settings.length > 0 ? `Set ${settings.join(' and ')}.` : undefined,
      details: {
        working: {
          url: redactUrl(matrix.working.url),
          protocol: matrix.working.protocol,
          host: matrix.working.host,
          port: matrix.working.port,
          scheme: matrix.working.scheme,
          changes: matrix.working.changes,
        },
        settings,
        matrix,
      },
    });
  }
  const tried = plural(matrix.attempts.length, 'canary');
  const looked = plural(matrix.points.length, 'port');
  return finding({
    ...base,
    code: 'NEIGHBOURS_NONE_FOUND',
    status: 'skip',
    title: `${signals}: no neighbour of ${hostPort(target.host, target.port)} takes the canary`,
    message: `looked at ${looked} on ${target.host} and sent ${tried}${matrix.exhausted ? ' before the --timeout budget ran out' : ''}: nothing there is an OTLP receiver that accepts it`,
    details: { matrix },
  });
}

export const neighboursCheck: Check = {
  id: 'neighbours',
  title: 'Neighbouring endpoints',
  async run(context: DoctorContext): Promise<Finding[]> {
    if (context.facts.targets.length === 0) {
      return [
        finding({
          code: 'NEIGHBOURS_NO_ENDPOINT',
          status: 'skip',
          title: 'no OTLP endpoint to look around',
          message: 'no signal exports over OTLP to a usable URL (see the configuration findings)',
        }),
      ];
    }
    // Distinct endpoints in parallel, each within the one --timeout budget: the matrix costs one timeout in all.
    const runs = context.facts.targets.map(async (target): Promise<Finding> => {
      const failure = await configuredFailure(context, target);
      const signals = target.signals.join(', ');
      if (!failure)
        return finding({
          code: 'NEIGHBOURS_NOT_NEEDED',
          status: 'skip',
          title: `${signals}: the configured endpoint works, no neighbour probed`,
          message: 'nothing else was probed',
          target: target.origin,
        });
      if (!failure.fixable)
        return finding({
          code: 'NEIGHBOURS_NOT_TRIED',
          status: 'skip',
          title: `${signals}: no neighbour probed`,
          message: `${failure.words}: another port or protocol would not fix that`,
          target: target.origin,
        });
      const pem = await context.facts.pem(target.exportConfig);
      const matrix = await runProbeMatrix({
        configured: configuredEndpoint(target),
        exportConfig: target.exportConfig,
        configuredSniff: await context.facts.sniff(target),
        budgetMs: context.options.timeoutMs,
        clientTls: { ca: pem.ca, cert: pem.cert, key: pem.key },
        identity: newCanaryIdentity(context.config.serviceName.value),
        signal: context.signal,
      });
      return matrixFinding(target, failure, matrix);
    });
    return Promise.all(runs);
  },
};
