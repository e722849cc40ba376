/**
 * Turns planned traces into real spans through the SDK's tracing API: explicit start and end times (so
 * children nest inside parents exactly as planned), span events, exceptions recorded with ERROR status
 * (https://opentelemetry.io/docs/specs/otel/trace/api/#record-exception,
 * https://opentelemetry.io/docs/specs/otel/trace/api/#set-status), links to the previous batch, and baggage
 * set on the root context.
 *
 * Where a child belongs to another service, the parent context crosses the "process boundary"
 * through the configured propagators (inject into a carrier, extract on the other side), exactly
 * as it would between two real services; if the propagators cannot carry it (OTEL_PROPAGATORS=none),
 * the child still joins its parent and the run reports that a real deployment would break there.
 */
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type SpanContext,
} from '@opentelemetry/api';
import type { SdkPipeline } from '../sdk/pipeline.js';
import type { PlannedTrace, SpanKindName } from '../synth/types.js';
import { toHrTime } from './time.js';

const KIND: Record<SpanKindName, SpanKind> = {
  internal: SpanKind.INTERNAL,
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
};

export interface SentTrace {
  traceId: string;
  /** Whether the sampler kept it: only sampled traces are exported. */
  sampled: boolean;
  /** Span contexts in plan order, for log correlation and links. */
  spanContexts: SpanContext[];
  services: string[];
}

export interface SentTraces {
  traces: SentTrace[];
  /** Set when a cross-service hop could not be propagated with the configured propagators. */
  propagationLost: boolean;
  baggageLost: boolean;
}

/** Cross a service boundary the way two processes would: through the configured propagators. */
function acrossServices(pipeline: SdkPipeline, parentContext: Context): { context: Context; lost: boolean; baggageLost: boolean } {
  const carrier: Record<string, string> = {};
  pipeline.propagator.propagator.inject(parentContext, carrier, defaultTextMapSetter);
  const extracted = pipeline.propagator.propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
  const remote = trace.getSpanContext(extracted);
  if (!remote || !trace.isSpanContextValid(remote)) return { context: parentContext, lost: true, baggageLost: false };
  const hadBaggage = (propagation.getBaggage(parentContext)?.getAllEntries().length ?? 0) > 0;
  const hasBaggage = (propagation.getBaggage(extracted)?.getAllEntries().length ?? 0) > 0;
  return { context: extracted, lost: false, baggageLost: hadBaggage && !hasBaggage };
}

/** Like the contrib BaggageSpanProcessor: every baggage entry becomes a span attribute. */
function baggageAttributes(ctx: Context): Attributes {
  const out: Attributes = {};
  for (const [key, entry] of propagation.getBaggage(ctx)?.getAllEntries() ?? []) out[key] = entry.value;
  return out;
}

export interface SendPacing {
  /** Flush after this many spans, so a burst never overflows the batch processor's queue (which drops). */
  everySpans: number;
  flush(): Promise<unknown>;
  /** True once the run is interrupted (Ctrl-C): stop creating telemetry that nobody will export. */
  stopped?(): boolean;
}

export async function sendTraces(
  pipeline: SdkPipeline,
  plans: readonly PlannedTrace[],
  traceStartsNs: readonly bigint[],
  pacing?: SendPacing,
): Promise<SentTraces> {
  let sinceFlush = 0;
  const sent: SentTrace[] = [];
  let propagationLost = false;
  let baggageLost = false;
  for (const [t, plan] of plans.entries()) {
    if (pacing?.stopped?.()) break;
    const startNs = traceStartsNs[t]!;
    const spans: Span[] = [];
    const contexts: Context[] = [];
    const rootContext = propagation.setBaggage(
      ROOT_CONTEXT,
      propagation.createBaggage(Object.fromEntries(Object.entries(plan.baggage).map(([k, v]) => [k, { value: v }]))),
    );
    for (const planned of plan.spans) {
      let parentContext = planned.parent < 0 ? rootContext : contexts[planned.parent]!;
      if (planned.parent >= 0 && plan.spans[planned.parent]!.service !== planned.service) {
        const crossed = acrossServices(pipeline, parentContext);
        parentContext = crossed.context;
        propagationLost ||= crossed.lost;
        baggageLost ||= crossed.baggageLost;
      }
      const links: Link[] = planned.links.flatMap((link) => {
        const target = sent[t - link.tracesBack]?.spanContexts[link.spanIndex];
        return target ? [{ context: target, attributes: link.attributes as Attributes }] : [];
      });
      const spanStart = startNs + BigInt(planned.startOffsetNs);
      const span = pipeline.tracer(planned.service).startSpan(
        planned.name,
        {
          kind: KIND[planned.kind],
          startTime: toHrTime(spanStart),
          attributes: { ...(planned.attributes as Attributes), ...baggageAttributes(parentContext) },
          links,
        },
        parentContext,
      );
      for (const event of planned.events)
        span.addEvent(event.name, event.attributes as Attributes, toHrTime(spanStart + BigInt(event.offsetNs)));
      if (planned.exception) {
        // recordException turns {name, message} into exception.type / exception.message attributes.
        span.recordException(
          { name: planned.exception.type, message: planned.exception.message },
          toHrTime(spanStart + BigInt(planned.durationNs) - 1000n),
        );
      }
      if (planned.status.code === 'error') span.setStatus({ code: SpanStatusCode.ERROR, message: planned.status.message });
      else if (planned.status.code === 'ok') span.setStatus({ code: SpanStatusCode.OK });
      spans.push(span);
      contexts.push(trace.setSpan(parentContext, span));
    }
    // End children before parents, as real code unwinds. A span enters the batch queue when it
    // ends, so the pacing counts ended spans: a scenario trace larger than the queue is flushed
    // part by part instead of overflowing it (end times are explicit, so pauses change nothing).
    for (let i = spans.length - 1; i >= 0; i--) {
      if (pacing && sinceFlush >= pacing.everySpans) {
        await pacing.flush();
        sinceFlush = 0;
      }
      const planned = plan.spans[i]!;
      spans[i]!.end(toHrTime(startNs + BigInt(planned.startOffsetNs + planned.durationNs)));
      sinceFlush++;
    }
    const spanContexts = spans.map((s) => s.spanContext());
    sent.push({
      traceId: spanContexts[0]!.traceId,
      sampled: (spanContexts[0]!.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED,
      spanContexts,
      services: [...new Set(plan.spans.map((s) => s.service))],
    });
  }
  return { traces: sent, propagationLost, baggageLost };
}
