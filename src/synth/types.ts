/**
 * Contract of the synthetic stream processor (issue 4, used by emit and load): a scenario is a span
 * tree template; planning one trace turns it into concrete spans with offsets, attributes, events
 * and status, but no ids: each consumer (the SDK in emit, the template encoder in load) assigns its own.
 */
import type { AttributeValue } from '../receiver/types.js';

export type SpanKindName = 'internal' | 'server' | 'client' | 'producer' | 'consumer';

export interface SpanTemplate {
  name: string;
  kind?: SpanKindName;
  /** Service that emits this span; children inherit it. Multi-service traces use several. */
  service?: string;
  attributes?: Record<string, AttributeValue>;
  /** Duration in ms, fixed or [min, max] uniformly drawn. */
  durationMs?: number | [number, number];
  /** Probability [0,1] that this span ends in ERROR status with a recorded exception. */
  errorRatio?: number;
  events?: Array<{ name: string; attributes?: Record<string, AttributeValue> }>;
  children?: SpanTemplate[];
  /** How many times this child repeats under its parent (e.g. several state gets). Default 1. */
  repeat?: number;
}

export interface Scenario {
  name: string;
  root: SpanTemplate;
}

export interface PlannedSpan {
  /** Index of the parent in the plan, -1 for the root. Parents precede children. */
  parent: number;
  name: string;
  kind: SpanKindName;
  service: string;
  /** Offset of the start from the trace start, and duration, in nanoseconds (children nest inside parents). */
  startOffsetNs: number;
  durationNs: number;
  attributes: Record<string, AttributeValue>;
  events: Array<{ name: string; offsetNs: number; attributes: Record<string, AttributeValue> }>;
  status: { code: 'unset' | 'ok' | 'error'; message?: string };
  /** Set when status is error: the exception recorded as an `exception` event. */
  exception?: { type: string; message: string };
}

export interface PlannedTrace {
  spans: PlannedSpan[];
  /** Baggage carried from the root into every child (user-id, tenant-id). */
  baggage: Record<string, string>;
}
