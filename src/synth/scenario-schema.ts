/**
 * The zod schema of a scenario file (`--scenario <file>`): the SpanTemplate tree of types.ts, strict
 * (an unknown key is a typo, not a silent no-op), with ranges checked where the type cannot say it.
 */
import { z } from 'zod';
import { SPAN_ROLES, type AttributeTemplate, type Scenario, type SpanTemplate } from './types.js';

const KINDS = ['internal', 'server', 'client', 'producer', 'consumer'] as const;

const range = z
  .tuple([z.number(), z.number()])
  .refine(([min, max]) => min <= max, { message: 'the first number (min) must not exceed the second (max)' });

const literal: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(literal), z.record(z.string(), literal)]),
);

const generator = z.union([
  z.strictObject({ $oneOf: z.array(literal).min(1, 'needs at least one value') }),
  z.strictObject({ $int: range.refine(([a, b]) => Number.isInteger(a) && Number.isInteger(b), { message: 'bounds must be integers' }) }),
  z.strictObject({ $float: range }),
  z.strictObject({ $id: z.number().int().min(1).max(64) }),
]);

/** A generator when the object has a `$` key, else any literal value. */
const attribute = z.custom<AttributeTemplate>().superRefine((value, ctx) => {
  const isGenerator =
    value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).some((k) => k.startsWith('$'));
  const result = (isGenerator ? generator : literal).safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues)
      ctx.addIssue({
        code: 'custom',
        message: isGenerator ? `generator: ${issue.message} (use one of $oneOf, $int, $float, $id)` : issue.message,
        path: issue.path as PropertyKey[],
      });
  }
});

const attributes = z.record(z.string().min(1), attribute);

/**
 * A day. Spans are laid out to end now, so a longer span (or a tree of them) would start before
 * 1970, where OTLP's unsigned nanosecond timestamps wrap around: 10 000 spans of a day stay after it.
 */
export const MAX_DURATION_MS = 86_400_000;

const duration = z.union(
  [
    z.number().positive('must be > 0').max(MAX_DURATION_MS, `must be at most ${MAX_DURATION_MS} (a day)`),
    range
      .refine(([min]) => min > 0, { message: 'durations must be > 0' })
      .refine(([, max]) => max <= MAX_DURATION_MS, { message: `durations must be at most ${MAX_DURATION_MS} (a day)` }),
  ],
  { error: 'must be milliseconds: a number, or [min, max]' },
);

export const spanTemplateSchema: z.ZodType<SpanTemplate> = z.lazy(() =>
  z.strictObject({
    name: z.string().min(1, 'a span needs a name'),
    kind: z
      .union([z.enum(KINDS), z.array(z.enum(KINDS)).min(1)], { error: `must be one of ${KINDS.join(', ')}, or a list of them` })
      .optional(),
    service: z.string().min(1).optional(),
    role: z.enum(SPAN_ROLES).optional(),
    attributes: attributes.optional(),
    durationMs: duration.optional(),
    errorRatio: z.number().min(0, 'must be within [0, 1]').max(1, 'must be within [0, 1]').optional(),
    exception: z.strictObject({ type: z.string().min(1), message: z.string() }).optional(),
    events: z.array(z.strictObject({ name: z.string().min(1), attributes: attributes.optional() })).optional(),
    children: z.array(spanTemplateSchema).optional(),
    repeat: z.number().int().min(1).max(1000).optional(),
  }),
) as z.ZodType<SpanTemplate>;

export const scenarioSchema: z.ZodType<Scenario> = z.strictObject({
  name: z.string().min(1),
  root: spanTemplateSchema,
  baggage: attributes.optional(),
  batchSize: z.number().int().min(0).optional(),
}) as z.ZodType<Scenario>;

/** A span tree that would explode a backend is a mistake, not a scenario. */
export const MAX_SPANS_PER_TRACE = 10_000;

export function countSpans(template: SpanTemplate): number {
  return 1 + (template.children ?? []).reduce((sum, child) => sum + (child.repeat ?? 1) * countSpans(child), 0);
}
