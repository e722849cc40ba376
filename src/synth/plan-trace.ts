/**
 * planTrace(scenario, random, options): one concrete trace from a scenario, as plain data.
 *
 * Timing is laid out bottom-up so that every child lies strictly inside its parent: a parent lasts
 * at least as long as its children one after the other plus small gaps, and children start after a
 * short lead (the work a real parent does before calling out). Offsets are integer nanoseconds
 * from the trace start; event offsets are relative to their span's start.
 *
 * Errors: each span fails with its template's errorRatio (or --error-ratio, which replaces the
 * per-span ratios by one per-trace chance, spread over the spans that declare an exception). The
 * failing span records the exception and ERROR status; its ancestors end in ERROR too, because
 * the failure propagates to the event as a whole (https://opentelemetry.io/docs/specs/otel/trace/api/#set-status).
 */
import { drawAttributes, drawBaggage } from './attributes.js';
import type { PlannedLink, PlannedSpan, PlannedTrace, PlanOptions, Random, Scenario, SpanKindName, SpanTemplate } from './types.js';

const NS_PER_MS = 1_000_000;
const DEFAULT_DURATION_MS: [number, number] = [1, 5];
const DEFAULT_BATCH_SIZE = 5;

interface Laid {
  template: SpanTemplate;
  service: string;
  kind: SpanKindName;
  durationNs: number;
  attributes: PlannedSpan['attributes'];
  children: Array<{ offsetNs: number; laid: Laid }>;
}

function drawDurationNs(template: SpanTemplate, random: Random): number {
  const spec = template.durationMs ?? DEFAULT_DURATION_MS;
  const ms = typeof spec === 'number' ? spec : spec[0] + random.next() * (spec[1] - spec[0]);
  return Math.max(1_000, Math.round(ms * NS_PER_MS));
}

/** The services a trace may use: the root's first, then others in template order, up to the limit. */
export function allowedServices(scenario: Scenario, options: PlanOptions): Set<string> {
  const ordered: string[] = [scenario.root.service ?? options.defaultService];
  const visit = (template: SpanTemplate): void => {
    if (template.service && !ordered.includes(template.service)) ordered.push(template.service);
    for (const child of template.children ?? []) visit(child);
  };
  visit(scenario.root);
  return new Set(ordered.slice(0, Math.max(1, options.services ?? 1)));
}

/** Every service name the scenario can use, root first: what --services may ask for at most. */
export function scenarioServices(scenario: Scenario, defaultService: string): string[] {
  return [...allowedServices(scenario, { index: 0, defaultService, services: Number.MAX_SAFE_INTEGER })];
}

function lay(template: SpanTemplate, parentService: string, allowed: Set<string>, random: Random): Laid {
  const service = template.service && allowed.has(template.service) ? template.service : parentService;
  const kinds = template.kind === undefined ? ['internal' as const] : Array.isArray(template.kind) ? template.kind : [template.kind];
  const kind = random.pick(kinds);
  const attributes = drawAttributes(template.attributes, random);
  const ownNs = drawDurationNs(template, random);
  const children: Laid['children'] = [];
  for (const childTemplate of template.children ?? []) {
    for (let r = 0; r < (childTemplate.repeat ?? 1); r++)
      children.push({ offsetNs: 0, laid: lay(childTemplate, service, allowed, random) });
  }
  // Lead and gaps of 2–6% of the own duration (at least 20 µs) keep children visibly apart.
  const gapNs = (): number => Math.max(20_000, Math.round(ownNs * (0.02 + random.next() * 0.04)));
  let cursor = gapNs();
  for (const child of children) {
    child.offsetNs = cursor;
    cursor += child.laid.durationNs + gapNs();
  }
  return { template, service, kind, durationNs: Math.max(ownNs, cursor), attributes, children };
}

function flatten(laid: Laid, parent: number, startNs: number, spans: PlannedSpan[], random: Random): void {
  const events = (laid.template.events ?? []).map((event, i, all) => ({
    name: event.name,
    // Spread the template's events evenly through the span.
    offsetNs: Math.round((laid.durationNs * (i + 1)) / (all.length + 1)),
    attributes: drawAttributes(event.attributes, random),
  }));
  const index = spans.length;
  spans.push({
    parent,
    name: laid.template.name,
    kind: laid.kind,
    service: laid.service,
    ...(laid.template.role ? { role: laid.template.role } : {}),
    startOffsetNs: startNs,
    durationNs: laid.durationNs,
    attributes: laid.attributes,
    events,
    links: [],
    status: { code: 'unset' },
  });
  for (const child of laid.children) flatten(child.laid, index, startNs + child.offsetNs, spans, random);
}

function templateOf(spans: PlannedSpan[], scenario: Scenario): Map<number, SpanTemplate> {
  // Re-walk the template in the same order as flatten to pair each planned span with its template.
  const out = new Map<number, SpanTemplate>();
  let i = 0;
  const visit = (template: SpanTemplate): void => {
    out.set(i++, template);
    for (const child of template.children ?? []) for (let r = 0; r < (child.repeat ?? 1); r++) visit(child);
  };
  visit(scenario.root);
  if (i !== spans.length) throw new Error('plan and template disagree');
  return out;
}

function fail(spans: PlannedSpan[], index: number, template: SpanTemplate): void {
  const span = spans[index]!;
  const exception = template.exception ?? { type: 'Error', message: `${span.name} failed` };
  span.exception = exception;
  span.status = { code: 'error', message: exception.message };
  for (let up = span.parent; up >= 0; up = spans[up]!.parent) {
    const ancestor = spans[up]!;
    if (ancestor.status.code !== 'error') ancestor.status = { code: 'error', message: `${span.name} failed: ${exception.message}` };
  }
}

function applyErrors(spans: PlannedSpan[], scenario: Scenario, options: PlanOptions, random: Random): void {
  const templates = templateOf(spans, scenario);
  if (options.errorRatio !== undefined) {
    if (!random.chance(options.errorRatio)) return;
    const candidates = spans.map((_, i) => i).filter((i) => templates.get(i)!.exception !== undefined);
    const index = candidates.length > 0 ? random.pick(candidates) : 0;
    fail(spans, index, templates.get(index)!);
    return;
  }
  // Children first, so a failing child's message is the one its ancestors carry.
  for (let i = spans.length - 1; i >= 0; i--) {
    const template = templates.get(i)!;
    if (random.chance(template.errorRatio ?? 0)) fail(spans, i, template);
  }
}

function batchLinks(scenario: Scenario, index: number): PlannedLink[] {
  const size = scenario.batchSize ?? DEFAULT_BATCH_SIZE;
  if (size <= 0 || index === 0 || index % size !== 0) return [];
  return Array.from({ length: size }, (_, i) => ({ tracesBack: i + 1, spanIndex: 0, attributes: { 'link.reason': 'previous-batch' } }));
}

export function planTrace(scenario: Scenario, random: Random, options: PlanOptions): PlannedTrace {
  const allowed = allowedServices(scenario, options);
  const baggage = drawBaggage(scenario.baggage, random);
  const laid = lay(scenario.root, scenario.root.service ?? options.defaultService, allowed, random);
  const spans: PlannedSpan[] = [];
  flatten(laid, -1, 0, spans, random);
  applyErrors(spans, scenario, options, random);
  const root = spans[0]!;
  root.links = batchLinks(scenario, options.index);
  const batchSize = scenario.batchSize ?? DEFAULT_BATCH_SIZE;
  root.attributes['batch.index'] = batchSize > 0 ? Math.floor(options.index / batchSize) : 0;
  return { index: options.index, spans, baggage };
}
