/**
 * Contract of the synthetic stream processor (used by emit and load): a scenario is a span
 * tree template; planning one trace turns it into concrete spans with offsets, attributes, events
 * and status, but no ids: each consumer (the SDK in emit, the template encoder in load) assigns its own.
 *
 * Everything here is plain data: no SDK, no clock, no Math.random. Given the same scenario, seed
 * and options, planning yields the same shapes, so a user can reproduce a run with --seed.
 */
import type { AttributeValue } from '../otlp/types.js';

export type SpanKindName = 'internal' | 'server' | 'client' | 'producer' | 'consumer';

/**
 * What a span stands for in the stream processor. The metric plan derives the processor.*
 * measurements from roles (e.g. every `aggregate` span records processor.aggregation.duration),
 * so user scenarios get metrics by naming roles, whatever their span names.
 */
export const SPAN_ROLES = ['process', 'deserialize', 'deduplicate', 'window-trigger', 'aggregate', 'state-get', 'state-put'] as const;
export type SpanRole = (typeof SPAN_ROLES)[number];

/**
 * An attribute in a template: a literal value, or a generator drawn from the seeded PRNG per trace.
 * Generators are objects with a single `$`-prefixed key, so they cannot be mistaken for kvlist values.
 */
export type AttributeTemplate =
  | AttributeValue
  | { $oneOf: AttributeValue[] }
  | { $int: [number, number] }
  | { $float: [number, number] }
  | { $id: number };

export interface SpanTemplate {
  name: string;
  /** A kind, or several to pick from uniformly per trace (the built-in root is SERVER or CONSUMER). */
  kind?: SpanKindName | SpanKindName[];
  /** Service that emits this span; children inherit it. Multi-service traces use several. */
  service?: string;
  role?: SpanRole;
  attributes?: Record<string, AttributeTemplate>;
  /** Duration in ms, fixed or [min, max] uniformly drawn. Default [1, 5]. */
  durationMs?: number | [number, number];
  /** Probability [0,1] that this span ends in ERROR status with a recorded exception. */
  errorRatio?: number;
  /** Exception type and message recorded when the span fails. */
  exception?: { type: string; message: string };
  events?: Array<{ name: string; attributes?: Record<string, AttributeTemplate> }>;
  children?: SpanTemplate[];
  /** How many times this child repeats under its parent (e.g. several state gets). Default 1. */
  repeat?: number;
}

export interface Scenario {
  name: string;
  root: SpanTemplate;
  /** Baggage drawn per trace and carried from the root into every child. */
  baggage?: Record<string, AttributeTemplate>;
  /** Traces form batches of this size; the first root of a batch links to the roots of the previous batch. Default 5. */
  batchSize?: number;
}

export interface PlannedEvent {
  name: string;
  /** Nanoseconds from the start of its span (never past the span's end). */
  offsetNs: number;
  attributes: Record<string, AttributeValue>;
}

/** A link to a span of an earlier trace of the same run: `tracesBack` 1 is the trace planned just before. */
export interface PlannedLink {
  tracesBack: number;
  spanIndex: number;
  attributes: Record<string, AttributeValue>;
}

export interface PlannedSpan {
  /** Index of the parent in the plan, -1 for the root. Parents precede children. */
  parent: number;
  name: string;
  kind: SpanKindName;
  service: string;
  role?: SpanRole;
  /** Offset of the start from the trace start, and duration, in nanoseconds (children nest inside parents). */
  startOffsetNs: number;
  durationNs: number;
  attributes: Record<string, AttributeValue>;
  events: PlannedEvent[];
  links: PlannedLink[];
  status: { code: 'unset' | 'ok' | 'error'; message?: string };
  /** Set when status is error: the exception recorded as an `exception` event. */
  exception?: { type: string; message: string };
}

/**
 * One trace, ready to send: `spans[0]` is the root. To send it, walk `spans` in order (parents come
 * first), start each span at traceStart + startOffsetNs under the span at `parent`, add its events
 * and links, record its exception, set its status, and end it at start + durationNs.
 */
export interface PlannedTrace {
  /** Position of this trace in the run (0-based); links refer back by it. */
  index: number;
  spans: PlannedSpan[];
  /**
   * Baggage carried from the root into every child (user-id, tenant-id). Consumers also record each
   * entry as a span attribute with the same key on every span of the trace, like the contrib
   * BaggageSpanProcessor does, so backends can see it.
   */
  baggage: Record<string, string>;
}

export interface PlanOptions {
  /** Position of the trace in the run: decides batch links. */
  index: number;
  /** service.name for spans whose template names no service (the configured service). */
  defaultService: string;
  /** At most this many distinct services; spans of services past the limit join their parent's. Default 1. */
  services?: number;
  /** Overrides every template's errorRatio (the --error-ratio flag). */
  errorRatio?: number;
}

/** A seeded pseudo-random source; `next()` is uniform in [0, 1). */
export interface Random {
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  /** Lowercase hex string of `length` characters. */
  hex(length: number): string;
}

// ---- metrics -------------------------------------------------------------------------------

export type InstrumentType = 'counter' | 'histogram' | 'gauge';

/** One instrument of the stream-processor telemetry guide's metric list ("Available Metrics"), as an SDK creates it. */
export interface InstrumentPlan {
  name: string;
  type: InstrumentType;
  unit: string;
  description: string;
  /** The attribute keys its measurements carry. */
  attributeKeys: string[];
}

/** One recording: counter add, histogram record or gauge set. */
export interface PlannedMeasurement {
  instrument: string;
  value: number;
  attributes: Record<string, string>;
}

// ---- logs ----------------------------------------------------------------------------------

export interface PlannedLogRecord {
  /** The span (index in the trace's plan) the record is emitted in, so it carries its trace and span ids. */
  spanIndex: number;
  /** Nanoseconds from the start of that span. */
  offsetNs: number;
  /** Log data model severity number: DEBUG 5, INFO 9, WARN 13, ERROR 17. */
  severityNumber: number;
  severityText: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  body: string;
  attributes: Record<string, AttributeValue>;
}
