/**
 * Can this service talk to its neighbours? For each upstream format the user names (or that the
 * headers they pasted reveal), simulate both directions with the real propagators: upstream injects,
 * we extract (incoming context kept?), and we inject, upstream extracts (outgoing context readable?).
 */
import { CARRIES, carriedBy, canBuildPropagator, randomSample, transfer, type RoundTripLoss } from './roundtrip.js';

export interface InteropIssue {
  code: 'PROPAGATION_UPSTREAM_NOT_UNDERSTOOD' | 'PROPAGATION_DOWNSTREAM_NOT_UNDERSTOOD' | 'PROPAGATION_UPSTREAM_UNSUPPORTED';
  upstream: string;
  message: string;
  fix: string;
  losses: RoundTripLoss[];
}

/**
 * The OTEL_PROPAGATORS value with `format` added, keeping the user's order otherwise. A format that
 * carries trace context goes before tracecontext: extraction runs in order and the last context
 * found wins, so B3 or Jaeger after tracecontext would drop the tracestate (the doctor's own
 * propagation.tracestate-lost-by-order warning).
 */
export function withPropagator(configured: string[], format: string): string {
  const list = configured.filter((name) => name !== 'none');
  const tracecontextAt = list.indexOf('tracecontext');
  if (tracecontextAt >= 0 && CARRIES[format]?.context) list.splice(tracecontextAt, 0, format);
  else list.push(format);
  return list.join(',');
}

export function checkInterop(configured: string[], upstreamFormats: string[]): InteropIssue[] {
  const issues: InteropIssue[] = [];
  for (const upstream of new Set(upstreamFormats)) {
    if (!canBuildPropagator(upstream)) {
      issues.push({
        code: 'PROPAGATION_UPSTREAM_UNSUPPORTED',
        upstream,
        message: `the ${upstream} format cannot be simulated here: a Node SDK needs an extra propagator package for it`,
        fix:
          upstream === 'xray'
            ? 'install @opentelemetry/propagator-aws-xray and list xray in OTEL_PROPAGATORS'
            : `install the ${upstream} propagator package and list it in OTEL_PROPAGATORS`,
        losses: [],
      });
      continue;
    }
    const sampled = randomSample(true);
    const incoming = transfer([upstream], configured, sampled);
    if (incoming.losses.length > 0) {
      issues.push({
        code: 'PROPAGATION_UPSTREAM_NOT_UNDERSTOOD',
        upstream,
        message: `context sent by a ${upstream} upstream is lost on arrival (${describe(incoming.losses)}): traces break into pieces at this service`,
        fix: `set OTEL_PROPAGATORS=${withPropagator(configured, upstream)}`,
        losses: incoming.losses,
      });
      continue;
    }
    // Only formats that carry context can be read back by the upstream; baggage-only is one-way enough.
    if (!CARRIES[upstream]?.context) continue;
    const outgoing = transfer(configured, [upstream], randomSample(true), carriedBy([upstream]));
    if (outgoing.losses.length > 0) {
      issues.push({
        code: 'PROPAGATION_DOWNSTREAM_NOT_UNDERSTOOD',
        upstream,
        message: `a peer that reads only ${upstream} cannot read the context this service sends (${describe(outgoing.losses)})`,
        fix: `set OTEL_PROPAGATORS=${withPropagator(configured, upstream)} so outgoing requests carry ${upstream} headers too`,
        losses: outgoing.losses,
      });
    }
  }
  return issues;
}

function describe(losses: RoundTripLoss[]): string {
  return `${[...new Set(losses.map((loss) => loss.field))].join(', ')} lost`;
}
