/**
 * Jaeger's query API: GET /api/traces/{traceId} on the query/UI port (16686), which Jaeger v1 and
 * v2 both serve (https://www.jaegertracing.io/docs/latest/apis/#http-json-internal). Jaeger
 * answers in `{ data, errors }` JSON, also with 404 for a trace it does not hold (yet); any
 * other answer comes from another server, which will not turn into Jaeger by waiting.
 */
import { apiUrl, getJson, isObject, type QueryOptions, type Unreachable } from './query.js';

export interface TraceSpan {
  spanId: string;
  /** The span it is a CHILD_OF, '' for a root. */
  parentSpanId: string;
}

export type TraceAnswer =
  | { kind: 'found'; spans: TraceSpan[] }
  /** Jaeger does not hold the trace (yet): 404, or 200 without spans. */
  | { kind: 'not-found'; status: number }
  /** Jaeger answered, with an error of its own. */
  | { kind: 'http-error'; status: number }
  /** Something answered, not Jaeger's query API: `message` says how it differs. */
  | { kind: 'not-jaeger'; status: number; message: string }
  | Unreachable;

interface JaegerSpan {
  spanID?: string;
  references?: Array<{ refType?: string; spanID?: string }>;
}

export async function getTrace(jaegerUrl: string, traceId: string, options: QueryOptions): Promise<TraceAnswer> {
  const answer = await getJson(apiUrl(jaegerUrl, `/api/traces/${traceId}`), options);
  if (answer.kind === 'unreachable') return answer;
  if (answer.kind === 'not-json' || !isObject(answer.body) || !('data' in answer.body || 'errors' in answer.body)) {
    const what = answer.kind === 'not-json' ? 'not JSON' : 'JSON without data or errors';
    return {
      kind: 'not-jaeger',
      status: answer.status,
      message: `does not answer like Jaeger's query API (HTTP ${answer.status}, ${what})`,
    };
  }
  if (answer.status === 404) return { kind: 'not-found', status: 404 };
  if (answer.status !== 200) return { kind: 'http-error', status: answer.status };
  const data = Array.isArray(answer.body.data) ? (answer.body.data as Array<{ spans?: JaegerSpan[] }>) : [];
  const spans = data
    .flatMap((trace) => trace.spans ?? [])
    .map(
      (span): TraceSpan => ({
        spanId: span.spanID ?? '',
        parentSpanId: span.references?.find((reference) => reference.refType === 'CHILD_OF')?.spanID ?? '',
      }),
    );
  return spans.length > 0 ? { kind: 'found', spans } : { kind: 'not-found', status: 200 };
}
