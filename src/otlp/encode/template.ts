/**
 * A request template: one OTLP export request encoded once (protobuf or OTLP/JSON), plus the
 * places where per-request values go. Every request the fast engine sends is a copy of a template
 * with fresh trace ids, span ids, parent ids and timestamps stamped in (see stamp.ts), so each span
 * is unique and current while the encoding cost is paid once.
 */
export type PatchKind = 'trace' | 'span' | 'parent' | 'time';

export interface PatchSite {
  kind: PatchKind;
  /** Byte offset of the value in the encoded request. */
  at: number;
  /** Trace slot (kind trace) or span slot (span, parent: the parent's span slot). */
  slot: number;
  /** Time sites: nanoseconds after the request's base time. */
  offsetNs: number;
}

export type TemplateFormat = 'protobuf' | 'json';
export type TemplateSignal = 'traces' | 'metrics' | 'logs';

export interface RequestTemplate {
  signal: TemplateSignal;
  format: TemplateFormat;
  bytes: Buffer;
  /** Spans, data points or log records in one request. */
  items: number;
  /** Distinct trace ids / span ids drawn per request. */
  traceSlots: number;
  spanSlots: number;
  /**
   * The request's timestamps span [base, base + durationNs]; base = now - durationNs so that the
   * newest timestamp is "now" and nothing lies in the future.
   */
  durationNs: number;
  /** Compiled patch sites, as parallel typed arrays for a tight stamping loop. */
  traceAt: Int32Array;
  traceSlot: Int32Array;
  spanAt: Int32Array;
  spanSlot: Int32Array;
  timeAt: Int32Array;
  /** Time offsets split into 32-bit halves so stamping needs no BigInt (protobuf), or kept whole (JSON). */
  timeOffsetLow: Float64Array;
  timeOffsetHigh: Float64Array;
  timeOffsetNs: Float64Array;
}

export interface TemplateParts {
  signal: TemplateSignal;
  format: TemplateFormat;
  bytes: Buffer;
  patches: PatchSite[];
  items: number;
  traceSlots: number;
  spanSlots: number;
  durationNs: number;
}

const TWO_32 = 2 ** 32;

export function compileTemplate(parts: TemplateParts): RequestTemplate {
  const traces = parts.patches.filter((p) => p.kind === 'trace');
  const spans = parts.patches.filter((p) => p.kind === 'span' || p.kind === 'parent');
  const times = parts.patches.filter((p) => p.kind === 'time');
  for (const p of parts.patches) {
    if (p.kind === 'time' && (p.offsetNs < 0 || p.offsetNs > parts.durationNs || !Number.isSafeInteger(p.offsetNs))) {
      throw new RangeError(`time offset ${p.offsetNs} outside the template's ${parts.durationNs} ns`);
    }
  }
  return {
    signal: parts.signal,
    format: parts.format,
    bytes: parts.bytes,
    items: parts.items,
    traceSlots: parts.traceSlots,
    spanSlots: parts.spanSlots,
    durationNs: parts.durationNs,
    traceAt: Int32Array.from(traces, (p) => p.at),
    traceSlot: Int32Array.from(traces, (p) => p.slot),
    spanAt: Int32Array.from(spans, (p) => p.at),
    spanSlot: Int32Array.from(spans, (p) => p.slot),
    timeAt: Int32Array.from(times, (p) => p.at),
    timeOffsetLow: Float64Array.from(times, (p) => p.offsetNs % TWO_32),
    timeOffsetHigh: Float64Array.from(times, (p) => Math.floor(p.offsetNs / TWO_32)),
    timeOffsetNs: Float64Array.from(times, (p) => p.offsetNs),
  };
}
