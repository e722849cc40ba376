/**
 * Encodes planned span trees (src/synth) into an ExportTraceServiceRequest template
 * (opentelemetry/proto/collector/trace/v1/trace_service.proto), in protobuf or OTLP/JSON.
 * Spans are grouped into one ResourceSpans per service, so multi-service trees arrive as they would
 * from several applications. Every trace ends at the request's "now": the trace is current.
 */
import type { AttributeValue } from '../../otlp/types.js';
import type { PlannedSpan, PlannedTrace } from '../types.js';
import { attributesJson, writeAttributes } from '../../otlp/encode/attributes.js';
import { JsonPlaceholders } from '../../otlp/encode/json-placeholders.js';
import { ProtoWriter } from '../../otlp/encode/proto-writer.js';
import { compileTemplate, type RequestTemplate, type TemplateFormat } from '../../otlp/encode/template.js';

const KIND = { unspecified: 0, internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;
const STATUS = { unset: 0, ok: 1, error: 2 } as const;
/** W3C sampled flag plus SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK (0x100): "not remote" is known. */
const SPAN_FLAGS = 0x101;

export interface TraceTemplateInput {
  traces: PlannedTrace[];
  format: TemplateFormat;
  /** Resource attributes shared by every service; `service.name` is set per span's service. */
  resource: Record<string, AttributeValue>;
  scope: { name: string; version: string };
}

interface PlacedSpan {
  span: PlannedSpan;
  baggage: Record<string, string>;
  /** Resolved links: trace and span slots of earlier traces in the same request. */
  links: Array<{ traceSlot: number; spanSlot: number; attributes: PlannedSpan['attributes'] }>;
  traceSlot: number;
  spanSlot: number;
  parentSlot: number;
  /** Start offset from the request's base time. */
  startNs: number;
}

function traceEnd(trace: PlannedTrace): number {
  let end = 0;
  for (const span of trace.spans) end = Math.max(end, span.startOffsetNs + span.durationNs);
  return end;
}

/** The exception event the SDK's recordException would add, unless the plan already has one. */
function eventsOf(span: PlannedSpan): PlannedSpan['events'] {
  if (!span.exception || span.events.some((e) => e.name === 'exception')) return span.events;
  return [
    ...span.events,
    {
      name: 'exception',
      offsetNs: span.durationNs,
      attributes: { 'exception.type': span.exception.type, 'exception.message': span.exception.message },
    },
  ];
}

function place(traces: PlannedTrace[]): { byService: Map<string, PlacedSpan[]>; durationNs: number; spanCount: number } {
  const durationNs = Math.max(1, ...traces.map(traceEnd));
  const byService = new Map<string, PlacedSpan[]>();
  let spanSlot = 0;
  const firstSpanSlot: number[] = [];
  traces.forEach((trace, traceSlot) => {
    const first = spanSlot;
    firstSpanSlot.push(first);
    // Align every trace to end at the request's newest timestamp.
    const shift = durationNs - traceEnd(trace);
    for (const span of trace.spans) {
      const placed: PlacedSpan = {
        span,
        baggage: trace.baggage,
        // A link can only point at a trace whose ids this request knows: one planned earlier in it.
        links: (span.links ?? [])
          .filter(
            (link) =>
              link.tracesBack >= 1 && link.tracesBack <= traceSlot && link.spanIndex < traces[traceSlot - link.tracesBack]!.spans.length,
          )
          .map((link) => ({
            traceSlot: traceSlot - link.tracesBack,
            spanSlot: firstSpanSlot[traceSlot - link.tracesBack]! + link.spanIndex,
            attributes: link.attributes,
          })),
        traceSlot,
        spanSlot: spanSlot++,
        parentSlot: span.parent < 0 ? -1 : first + span.parent,
        startNs: shift + span.startOffsetNs,
      };
      const list = byService.get(span.service) ?? [];
      list.push(placed);
      byService.set(span.service, list);
    }
  });
  return { byService, durationNs, spanCount: spanSlot };
}

/** Baggage entries become span attributes on every span, as the contrib BaggageSpanProcessor does. */
function attributesOf(placed: PlacedSpan): PlannedSpan['attributes'] {
  return { ...placed.span.attributes, ...placed.baggage };
}

function eventTime(placed: PlacedSpan, offsetNs: number): number {
  return placed.startNs + Math.min(Math.max(0, offsetNs), placed.span.durationNs);
}

function spanProto(placed: PlacedSpan): ProtoWriter {
  const { span } = placed;
  const w = new ProtoWriter().patchedId(1, 'trace', placed.traceSlot).patchedId(2, 'span', placed.spanSlot);
  if (placed.parentSlot >= 0) w.patchedId(4, 'parent', placed.parentSlot);
  w.string(5, span.name).varint(6, KIND[span.kind]);
  w.patchedTime(7, placed.startNs).patchedTime(8, placed.startNs + span.durationNs);
  writeAttributes(w, 9, attributesOf(placed));
  for (const event of eventsOf(span)) {
    const e = new ProtoWriter().patchedTime(1, eventTime(placed, event.offsetNs)).string(2, event.name);
    writeAttributes(e, 3, event.attributes);
    w.message(11, e);
  }
  for (const link of placed.links) {
    const l = new ProtoWriter().patchedId(1, 'trace', link.traceSlot).patchedId(2, 'span', link.spanSlot);
    writeAttributes(l, 4, link.attributes);
    w.message(13, l.fixed32(6, SPAN_FLAGS));
  }
  const status = new ProtoWriter();
  if (span.status.message) status.string(2, span.status.message);
  if (span.status.code !== 'unset') status.varint(3, STATUS[span.status.code]);
  w.message(15, status);
  w.fixed32(16, SPAN_FLAGS);
  return w;
}

function spanJson(placed: PlacedSpan, ph: JsonPlaceholders): Record<string, unknown> {
  const { span } = placed;
  return {
    traceId: ph.traceId(placed.traceSlot),
    spanId: ph.spanId(placed.spanSlot),
    ...(placed.parentSlot >= 0 ? { parentSpanId: ph.parentSpanId(placed.parentSlot) } : {}),
    flags: SPAN_FLAGS,
    name: span.name,
    kind: KIND[span.kind],
    startTimeUnixNano: ph.time(placed.startNs),
    endTimeUnixNano: ph.time(placed.startNs + span.durationNs),
    attributes: attributesJson(attributesOf(placed)),
    events: eventsOf(span).map((event) => ({
      timeUnixNano: ph.time(eventTime(placed, event.offsetNs)),
      name: event.name,
      attributes: attributesJson(event.attributes),
    })),
    links: placed.links.map((link) => ({
      traceId: ph.traceId(link.traceSlot),
      spanId: ph.spanId(link.spanSlot),
      attributes: attributesJson(link.attributes),
      flags: SPAN_FLAGS,
    })),
    status: { code: STATUS[span.status.code], ...(span.status.message ? { message: span.status.message } : {}) },
  };
}

export function buildTraceTemplate(input: TraceTemplateInput): RequestTemplate {
  const { byService, durationNs, spanCount } = place(input.traces);
  const common = { signal: 'traces' as const, items: spanCount, traceSlots: input.traces.length, spanSlots: spanCount, durationNs };
  if (input.format === 'protobuf') {
    const request = new ProtoWriter();
    for (const [service, spans] of byService) {
      const resource = new ProtoWriter();
      writeAttributes(resource, 1, { ...input.resource, 'service.name': service });
      const scopeSpans = new ProtoWriter().message(1, new ProtoWriter().string(1, input.scope.name).string(2, input.scope.version));
      for (const placed of spans) scopeSpans.message(2, spanProto(placed));
      request.message(1, new ProtoWriter().message(1, resource).message(2, scopeSpans));
    }
    return compileTemplate({ ...common, format: 'protobuf', bytes: request.finish(), patches: request.patches });
  }
  const ph = new JsonPlaceholders();
  const document = {
    resourceSpans: [...byService].map(([service, spans]) => ({
      resource: { attributes: attributesJson({ ...input.resource, 'service.name': service }) },
      scopeSpans: [{ scope: input.scope, spans: spans.map((placed) => spanJson(placed, ph)) }],
    })),
  };
  const { bytes, patches } = ph.finish(document);
  return compileTemplate({ ...common, format: 'json', bytes, patches });
}
