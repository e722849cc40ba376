/**
 * Sampling: run the configured sampler (built exactly as the Node SDK builds it, src/sdk/sampler.ts)
 * over many random root trace ids to measure what it keeps, feed it sampled and unsampled remote
 * parents to show what parent-based sampling does with incoming context, and warn when a smoke
 * test of a few traces would likely see nothing.
 */
import { ROOT_CONTEXT, SpanKind, TraceFlags, trace, type Context } from '@opentelemetry/api';
import { SamplingDecision, type Sampler } from '@opentelemetry/sdk-trace-base';
import { randomBytes } from 'node:crypto';
import type { Check, DoctorContext, Finding } from '../types.js';
import { buildSampler } from '../../sdk/sampler.js';
import { traceparentSampled } from '../../propagation/grammar.js';
import { stopwatch } from '../../net/timing.js';
import { finding } from './finding.js';

export const SIMULATED_ROOTS = 10_000;
/** A smoke test sends a handful of traces; 10 is what `emit` sends by default. */
export const SMOKE_TEST_TRACES = 10;

function sampled(sampler: Sampler, context: Context): boolean {
  const traceId = trace.getSpanContext(context)?.traceId ?? randomBytes(16).toString('hex');
  return (
    sampler.shouldSample(context, traceId, 'doctor-simulated', SpanKind.SERVER, {}, []).decision === SamplingDecision.RECORD_AND_SAMPLED
  );
}

function withRemoteParent(flags: number): Context {
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    traceFlags: flags,
    isRemote: true,
  });
}

/** Fraction of root traces the sampler keeps, measured. */
export function simulateRootFraction(sampler: Sampler, count = SIMULATED_ROOTS): number {
  let kept = 0;
  for (let i = 0; i < count; i += 1) if (sampled(sampler, ROOT_CONTEXT)) kept += 1;
  return kept / count;
}

export const samplingCheck: Check = {
  id: 'sampling',
  title: 'Sampling',
  async run(context: DoctorContext): Promise<Finding[]> {
    const elapsed = stopwatch();
    const built = buildSampler(context.config.sampler);
    const ratio = context.config.sampler.ratio?.value;
    const label = `${built.name}${ratio !== undefined && built.name.includes('ratio') ? ` (${ratio})` : ''}`;
    const fraction = simulateRootFraction(built.sampler);
    // The configured ratio is exact where there is one; the simulation only estimates it, and a
    // small ratio (1 in 10,000) often keeps none of the simulated roots without keeping nothing.
    const keeps = built.name.includes('traceidratio') ? effectiveRatio(ratio) : fraction;
    const keptSampledParent = sampled(built.sampler, withRemoteParent(TraceFlags.SAMPLED));
    const keptUnsampledParent = sampled(built.sampler, withRemoteParent(TraceFlags.NONE));
    const durationMs = elapsed();
    const details = {
      sampler: built.name,
      ratio,
      fallbackFrom: built.fallbackFrom,
      simulatedRoots: SIMULATED_ROOTS,
      rootFraction: fraction,
      keepsSampledParent: keptSampledParent,
      keepsUnsampledParent: keptUnsampledParent,
    };
    const base = { target: label, durationMs, details };
    const percent = `${keeps === 0 || keeps >= 0.01 ? (keeps * 100).toFixed(1) : Number((keeps * 100).toPrecision(2))}%`;
    const findings: Finding[] = [];
    if (keeps === 0) {
      findings.push(
        finding({
          ...base,
          code: 'SAMPLING_KEEPS_NOTHING',
          status: 'fail',
          title: `${label} keeps no root traces (0 of ${SIMULATED_ROOTS} simulated)`,
          message: 'new traces are never recorded: nothing will arrive unless an upstream sends sampled context to a parent-based sampler',
          hint: 'Set OTEL_TRACES_SAMPLER=parentbased_always_on, or parentbased_traceidratio with OTEL_TRACES_SAMPLER_ARG above 0.',
        }),
      );
    } else {
      findings.push(
        finding({
          ...base,
          code: 'SAMPLING_ROOT_FRACTION',
          status: 'pass',
          title: `${label} keeps ${percent} of root traces`,
          message: `${Math.round(fraction * SIMULATED_ROOTS)} of ${SIMULATED_ROOTS} simulated root traces were sampled`,
        }),
      );
      const missAll = (1 - keeps) ** SMOKE_TEST_TRACES;
      if (missAll > 0.05) {
        findings.push(
          finding({
            ...base,
            code: 'SAMPLING_SMOKE_TEST_MAY_SEE_NOTHING',
            status: 'warn',
            title: `a smoke test of ${SMOKE_TEST_TRACES} traces sees nothing with probability ${Math.round(missAll * 100)}%`,
            message: `only ${percent} of root traces are kept`,
            hint: 'For a smoke test, run with OTEL_TRACES_SAMPLER=parentbased_always_on (or raise OTEL_TRACES_SAMPLER_ARG); keep the ratio in production.',
          }),
        );
      }
    }
    if (built.name.startsWith('parentbased')) {
      findings.push(
        finding({
          ...base,
          code: 'SAMPLING_PARENT_BASED',
          status: 'pass',
          title: `incoming context decides: sampled parents ${keptSampledParent ? 'kept' : 'dropped'}, unsampled parents ${keptUnsampledParent ? 'kept' : 'dropped'}`,
          message:
            "a parent-based sampler follows the caller's sampled flag; if an upstream samples at 1%, this service records the same 1%, whatever its own ratio",
        }),
      );
      const upstream = upstreamTraceparent(context);
      if (upstream && traceparentSampled(upstream.value) === false) {
        findings.push(
          finding({
            ...base,
            code: 'SAMPLING_UPSTREAM_UNSAMPLED',
            status: 'warn',
            title: `the traceparent from ${upstream.from} is unsampled (flags 00)`,
            message: 'a parent-based sampler drops every span under an unsampled parent',
            hint: 'Sample at the edge (the first service), or send traceparent flags 01 in the test request.',
          }),
        );
      }
    } else if (built.name === 'traceidratio') {
      findings.push(
        finding({
          ...base,
          code: 'SAMPLING_IGNORES_PARENT',
          status: 'warn',
          title: "traceidratio ignores the caller's sampling decision",
          message: 'this service samples on its own, so traces that cross services lose or gain pieces',
          hint: 'Use OTEL_TRACES_SAMPLER=parentbased_traceidratio so callers decide for their traces.',
        }),
      );
    }
    return findings;
  },
};

/** The ratio the JS SDK uses (src/sdk/sampler.ts): a missing or out-of-range argument samples everything. */
function effectiveRatio(ratio: number | undefined): number {
  return ratio === undefined || !Number.isFinite(ratio) || ratio < 0 || ratio > 1 ? 1 : ratio;
}

function upstreamTraceparent(context: DoctorContext): { value: string; from: string } | undefined {
  for (const flag of context.options.headerFlags ?? []) {
    const at = flag.indexOf('=');
    if (at > 0 && flag.slice(0, at).trim().toLowerCase() === 'traceparent') return { value: flag.slice(at + 1), from: '--header' };
  }
  const env = context.env.TRACEPARENT;
  return env ? { value: env, from: 'TRACEPARENT' } : undefined;
}
