/**
 * Propagation: round-trip a known context through each configured propagator and through all of
 * them combined (as the SDK combines them), check TRACEPARENT / TRACESTATE / BAGGAGE and any
 * propagation headers passed with --header against their grammar (W3C Trace Context, W3C Baggage,
 * B3, Jaeger), and simulate talking to the upstream formats the user names or the headers reveal.
 */
import type { Check, DoctorContext, Finding } from '../types.js';
import { describeSource } from '../../config/diagnostics.js';
import { checkPropagationHeader, formatOfHeader } from '../../propagation/grammar.js';
import { checkInterop } from '../../propagation/interop.js';
import { canBuildPropagator, randomSample, roundTrip, type RoundTripLoss } from '../../propagation/roundtrip.js';
import { stopwatch } from '../../net/timing.js';
import { codeOf, finding } from './finding.js';

const ENV_CARRIERS: Array<[string, string]> = [
  ['TRACEPARENT', 'traceparent'],
  ['TRACESTATE', 'tracestate'],
  ['BAGGAGE', 'baggage'],
];

function lossText(losses: RoundTripLoss[]): string {
  return losses.map((loss) => `${loss.field}: sent ${loss.sent}, got ${loss.received}`).join('; ');
}

function roundTripFinding(names: string[], label: string, code: 'PROPAGATION_ROUND_TRIP' | 'PROPAGATION_COMBINED_ROUND_TRIP'): Finding {
  const elapsed = stopwatch();
  const results = [roundTrip(names, randomSample(true)), roundTrip(names, randomSample(false))];
  const losses = results.flatMap((result) => result.losses);
  const headers = results[0]!.headers;
  const durationMs = elapsed();
  if (losses.length === 0) {
    return finding({
      code,
      status: 'pass',
      title: `${label}: round trip keeps the context`,
      message: `injected and extracted (sampled and unsampled) through ${headers.join(', ') || 'no headers'}`,
      durationMs,
      target: label,
      details: { headers },
    });
  }
  const onlyTraceState = losses.every((loss) => loss.field === 'traceState');
  const tracecontextAt = names.indexOf('tracecontext');
  const laterContextFormat = names.slice(tracecontextAt + 1).some((name) => name !== 'baggage');
  if (onlyTraceState && tracecontextAt >= 0 && laterContextFormat) {
    // CompositePropagator extracts in order and the last format found wins; B3 and Jaeger carry no tracestate.
    const reordered = [...names.filter((name) => name !== 'tracecontext'), 'tracecontext'];
    const fixed = roundTrip(reordered, randomSample(true)).losses.length === 0;
    return finding({
      code: 'PROPAGATION_TRACESTATE_LOST_BY_ORDER',
      status: 'warn',
      title: `${label}: tracestate is lost on extraction`,
      message: `propagators extract in order and the last one wins: ${names
        .slice(tracecontextAt + 1)
        .filter((n) => n !== 'baggage')
        .join(', ')} after tracecontext replace the context without its tracestate (vendor data, sampling thresholds)`,
      hint: fixed ? `List tracecontext last: OTEL_PROPAGATORS=${reordered.join(',')}` : 'List tracecontext last in OTEL_PROPAGATORS.',
      durationMs,
      target: label,
      details: { headers, losses },
    });
  }
  return finding({
    code: `${code}_LOST` as const,
    status: 'fail',
    title: `${label}: round trip loses ${[...new Set(losses.map((l) => l.field))].join(', ')}`,
    message: lossText(losses),
    hint: "Check the propagator packages' versions match the SDK; report it if they do.",
    durationMs,
    target: label,
    details: { headers, losses },
  });
}

function grammarFindings(name: string, value: string, from: string): Finding[] {
  const issues = checkPropagationHeader(name, value);
  if (issues.length === 0) {
    return [
      finding({
        code: 'PROPAGATION_VALUE_VALID',
        status: 'pass',
        title: `${from}: valid ${name}`,
        message: value.length > 120 ? `${value.slice(0, 117)}...` : value,
        target: from,
      }),
    ];
  }
  return issues.map((issue) =>
    finding({
      code: codeOf('propagation', issue.code),
      status: 'fail',
      title: `${from}: invalid ${name}`,
      message: issue.message,
      hint: `Receivers discard an invalid ${name}; fix the value where it is produced.`,
      target: from,
    }),
  );
}

export const propagationCheck: Check = {
  id: 'propagation',
  title: 'Propagation',
  async run(context: DoctorContext): Promise<Finding[]> {
    const findings: Finding[] = [];
    const configured = context.config.propagators.value.map((name) => name.trim()).filter(Boolean);
    const usable = configured.includes('none') ? [] : configured.filter(canBuildPropagator);
    if (usable.length === 0) {
      // The resolver already dropped what the Node SDK cannot build (xray, typos): an empty list then.
      const where = describeSource(context.config.propagators.source) || 'OTEL_PROPAGATORS';
      const setting =
        configured.length > 0
          ? `${where} is ${configured.join(',')}`
          : `${where} names no propagator the Node SDK builds (see the configuration findings)`;
      findings.push(
        finding({
          code: 'PROPAGATION_DISABLED',
          status: 'warn',
          title: 'no context propagation',
          message: `${setting}: traces stop at this service's boundaries`,
          hint: 'Set OTEL_PROPAGATORS=tracecontext,baggage (the default).',
          target: where,
        }),
      );
    }
    for (const name of configured.filter((n) => n !== 'none' && !canBuildPropagator(n))) {
      findings.push(
        finding({
          code: 'PROPAGATION_NOT_AVAILABLE',
          status: 'skip',
          title: `${name}: not built by the Node SDK here`,
          message: `the ${name} propagator needs an extra package; not simulated`,
          target: name,
        }),
      );
    }
    for (const name of usable) findings.push(roundTripFinding([name], name, 'PROPAGATION_ROUND_TRIP'));
    if (usable.length > 1) findings.push(roundTripFinding(usable, usable.join(','), 'PROPAGATION_COMBINED_ROUND_TRIP'));

    for (const [variable, header] of ENV_CARRIERS) {
      const value = context.env[variable];
      if (value !== undefined && value.trim() !== '') findings.push(...grammarFindings(header, value, variable));
    }
    const upstream = new Set(context.options.upstream ?? []);
    for (const flag of context.options.headerFlags ?? []) {
      const at = flag.indexOf('=');
      if (at <= 0) continue;
      const name = flag.slice(0, at).trim();
      const format = formatOfHeader(name);
      if (!format) continue;
      upstream.add(format);
      if (!name.toLowerCase().startsWith('uberctx-'))
        findings.push(...grammarFindings(name.toLowerCase(), flag.slice(at + 1), `--header ${name}`));
    }
    for (const issue of checkInterop(usable, [...upstream])) {
      findings.push(
        finding({
          code: issue.code,
          status: issue.code === 'PROPAGATION_UPSTREAM_UNSUPPORTED' ? 'skip' : 'warn',
          title: `${issue.upstream} peers: ${issue.code === 'PROPAGATION_UPSTREAM_UNSUPPORTED' ? 'not simulated (needs an extra propagator package)' : issue.code.includes('DOWNSTREAM') ? 'cannot read what this service sends' : 'context lost'}`,
          message: issue.message,
          hint: issue.fix,
          target: issue.upstream,
          details: { losses: issue.losses },
        }),
      );
    }
    if (
      upstream.size > 0 &&
      !findings.some((f) => f.code.startsWith('PROPAGATION_UPSTREAM') || f.code.startsWith('PROPAGATION_DOWNSTREAM'))
    ) {
      findings.push(
        finding({
          code: 'PROPAGATION_INTEROPERATES',
          status: 'pass',
          title: `interoperates with ${[...upstream].join(', ')}`,
          message: `context injected by ${[...upstream].join(', ')} survives extraction by ${usable.join(',')}`,
          target: [...upstream].join(','),
        }),
      );
    }
    return findings;
  },
};
