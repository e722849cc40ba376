/**
 * Prometheus' instant query API: GET /api/v1/query on the web port (9090)
 * (https://prometheus.io/docs/prometheus/latest/querying/api/#instant-queries). Every answer,
 * errors included, is JSON with a `status` of "success" or "error"; any other answer comes from
 * another server, which will not turn into Prometheus by waiting.
 */
import { apiUrl, getJson, isObject, type QueryOptions, type Unreachable } from './query.js';

export type QueryAnswer =
  /** The query ran: `series` is how many it matched (0: not there, or not scraped yet). */
  | { kind: 'result'; series: number }
  /** Prometheus refused or failed the query: `error` is its own words. */
  | { kind: 'query-error'; status: number; error?: string }
  /** Something answered, not Prometheus' HTTP API: `message` says how it differs. */
  | { kind: 'not-prometheus'; status: number; message: string }
  | Unreachable;

const PROMETHEUS_STATUS = new Set<unknown>(['success', 'error']);

export async function instantQuery(prometheusUrl: string, promql: string, options: QueryOptions): Promise<QueryAnswer> {
  const answer = await getJson(apiUrl(prometheusUrl, '/api/v1/query', `query=${encodeURIComponent(promql)}`), options);
  if (answer.kind === 'unreachable') return answer;
  // Only "success" and "error": the Collector's health_check also answers JSON with a `status`.
  if (answer.kind === 'not-json' || !isObject(answer.body) || !PROMETHEUS_STATUS.has(answer.body.status)) {
    const what =
      answer.kind === 'not-json'
        ? 'not JSON'
        : isObject(answer.body) && 'status' in answer.body
          ? 'JSON whose status is neither "success" nor "error"'
          : 'JSON without a status';
    return {
      kind: 'not-prometheus',
      status: answer.status,
      message: `does not answer like Prometheus' HTTP API (HTTP ${answer.status}, ${what})`,
    };
  }
  const body = answer.body as { status: string; data?: { result?: unknown }; error?: unknown };
  if (answer.status !== 200 || body.status !== 'success') {
    return { kind: 'query-error', status: answer.status, ...(typeof body.error === 'string' ? { error: body.error } : {}) };
  }
  return { kind: 'result', series: Array.isArray(body.data?.result) ? body.data.result.length : 0 };
}
