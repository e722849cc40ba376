/**
 * Inject a known context through a propagator and extract it again, with the very propagator
 * packages a Node application loads for OTEL_PROPAGATORS, and compare: trace id, span id, sampled
 * flag, tracestate and baggage. What a format cannot carry (B3 has no baggage) is not a loss.
 */
import {
  ROOT_CONTEXT,
  TraceFlags,
  defaultTextMapGetter,
  defaultTextMapSetter,
  propagation,
  trace,
  type SpanContext,
  type TextMapPropagator,
} from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { randomBytes } from 'node:crypto';
import { buildPropagator } from '../sdk/propagators.js';

/** What each format carries across a process boundary. */
export const CARRIES: Record<string, { context: boolean; traceState: boolean; baggage: boolean }> = {
  tracecontext: { context: true, traceState: true, baggage: false },
  baggage: { context: false, traceState: false, baggage: true },
  b3: { context: true, traceState: false, baggage: false },
  b3multi: { context: true, traceState: false, baggage: false },
  jaeger: { context: true, traceState: false, baggage: true },
};

/** Whether the Node SDK (src/sdk/propagators.ts, the one emit and load use) can build this propagator. */
export function canBuildPropagator(name: string): boolean {
  return buildPropagator([name]).names.length === 1;
}

export interface RoundTripLoss {
  field: 'traceId' | 'spanId' | 'sampled' | 'traceState' | 'baggage';
  sent: string;
  received: string;
}

export interface RoundTripResult {
  propagators: string[];
  /** Header names the injection wrote. */
  headers: string[];
  losses: RoundTripLoss[];
}

export interface RoundTripSample {
  traceId: string;
  spanId: string;
  sampled: boolean;
  traceState: string;
  baggage: Record<string, string>;
}

export function randomSample(sampled: boolean): RoundTripSample {
  return {
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    sampled,
    traceState: 'vendor=a1b2,otel=p:8',
    // A value with a space and a non-ASCII character exercises percent-encoding.
    baggage: { 'user-id': 'user 42', 'tenant-id': 'acmé' },
  };
}

/** What the named formats together carry. */
export function carriedBy(names: string[]): { context: boolean; traceState: boolean; baggage: boolean } {
  const carries = names.map((name) => CARRIES[name]).filter((c) => c !== undefined);
  return {
    context: carries.some((c) => c.context),
    traceState: carries.some((c) => c.traceState),
    baggage: carries.some((c) => c.baggage),
  };
}

function composite(names: string[]): TextMapPropagator {
  return buildPropagator(names).propagator;
}

/** Round-trips `sample` through the named propagators combined, as the SDK combines them. */
export function roundTrip(names: string[], sample: RoundTripSample): RoundTripResult {
  return transfer(names, names, sample);
}

/**
 * Injects with `senderNames` (an upstream service) and extracts with `receiverNames` (this one):
 * whatever the sender's formats carry and the receiver does not recover is a loss.
 */
export function transfer(
  senderNames: string[],
  receiverNames: string[],
  sample: RoundTripSample,
  expected: { context: boolean; traceState: boolean; baggage: boolean } = carriedBy(senderNames),
): RoundTripResult {
  const spanContext: SpanContext = {
    traceId: sample.traceId,
    spanId: sample.spanId,
    traceFlags: sample.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
    traceState: new TraceState(sample.traceState),
    isRemote: false,
  };
  let context = trace.setSpanContext(ROOT_CONTEXT, spanContext);
  const entries = Object.fromEntries(Object.entries(sample.baggage).map(([key, value]) => [key, { value }]));
  context = propagation.setBaggage(context, propagation.createBaggage(entries));
  const carrier: Record<string, string> = {};
  composite(senderNames).inject(context, carrier, defaultTextMapSetter);
  const extracted = composite(receiverNames).extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);

  const { context: expectContext, traceState: expectTraceState, baggage: expectBaggage } = expected;
  const received = trace.getSpanContext(extracted);
  const losses: RoundTripLoss[] = [];
  if (expectContext) {
    const receivedSampled = received ? (received.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED : false;
    if (received?.traceId !== sample.traceId)
      losses.push({ field: 'traceId', sent: sample.traceId, received: received?.traceId ?? '(none)' });
    if (received?.spanId !== sample.spanId) losses.push({ field: 'spanId', sent: sample.spanId, received: received?.spanId ?? '(none)' });
    if (receivedSampled !== sample.sampled)
      losses.push({ field: 'sampled', sent: String(sample.sampled), received: String(receivedSampled) });
  }
  if (expectTraceState) {
    const state = received?.traceState?.serialize() ?? '';
    if (state !== sample.traceState) losses.push({ field: 'traceState', sent: sample.traceState, received: state || '(none)' });
  }
  if (expectBaggage) {
    const baggage = propagation.getBaggage(extracted);
    const got = Object.fromEntries((baggage?.getAllEntries() ?? []).map(([key, entry]) => [key, entry.value]));
    for (const [key, value] of Object.entries(sample.baggage)) {
      if (got[key] !== value)
        losses.push({ field: 'baggage', sent: `${key}=${value}`, received: got[key] === undefined ? '(none)' : `${key}=${got[key]}` });
    }
  }
  return { propagators: receiverNames, headers: Object.keys(carrier).sort(), losses };
}
