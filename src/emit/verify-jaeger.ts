/**
 * --verify-jaeger <url>: polls Jaeger's query API, GET /api/traces/{traceId}, until every emitted
 * (sampled, delivered) trace is there with all its spans and the same parent links, or the
 * deadline passes. Works with Jaeger v1 and v2 (both serve the v1 HTTP JSON API on :16686).
 */
import type { BackendVerification } from './report.js';
import { baseUrl, pollUntil } from '../net/poll.js';
import { describeFetchError, fetchJson, type VerifyOptions } from './poll.js';

export interface ExpectedTrace {
  traceId: string;
  /** spanId → parent spanId ('' for the root). */
  parents: Map<string, string>;
}

interface JaegerSpan {
  spanID: string;
  references?: Array<{ refType: string; spanID: string; traceID: string }>;
}

/** Problems with the trace as Jaeger returned it, or null when it is complete. */
function compareTrace(expected: ExpectedTrace, spans: JaegerSpan[]): string | null {
  const byId = new Map(spans.map((s) => [s.spanID, s]));
  let missing = 0;
  for (const [spanId, parent] of expected.parents) {
    const span = byId.get(spanId);
    if (!span) {
      missing++;
      continue;
    }
    const jaegerParent = span.references?.find((r) => r.refType === 'CHILD_OF')?.spanID ?? '';
    if (jaegerParent !== parent) return `span ${spanId} has parent ${jaegerParent || 'none'} instead of ${parent || 'none'}`;
  }
  return missing === 0 ? null : `${missing} of ${expected.parents.size} spans not there yet`;
}

export async function verifyJaeger(url: string, traces: readonly ExpectedTrace[], options: VerifyOptions): Promise<BackendVerification> {
  const pending = new Map(traces.map((t) => [t.traceId, t]));
  const lastProblem = new Map<string, string>();
  let error: string | undefined;
  // Another kind of server will not turn into Jaeger by waiting: stop polling at once.
  let notJaeger = false;
  // One attempt asks for every trace still missing; a connection failure ends the round early.
  const { durationMs } = await pollUntil(
    async (remainingMs) => {
      error = undefined;
      const deadline = Date.now() + remainingMs;
      for (const trace of [...pending.values()]) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) break;
        try {
          const { status, body } = await fetchJson(
            `${baseUrl(url)}/api/traces/${trace.traceId}`,
            Math.min(remaining, 5000),
            options.signal,
          );
          // Jaeger answers {data, errors} JSON even for a trace it does not have; anything else is another server.
          if (typeof body !== 'object' || body === null || !('data' in body || 'errors' in body)) {
            error = `${url} does not answer like Jaeger's query API (HTTP ${status}, ${typeof body === 'object' && body !== null ? 'JSON without data or errors' : 'not JSON'}): is it Jaeger's query/UI port (16686)?`;
            notJaeger = true;
            break;
          }
          if (status === 404) {
            lastProblem.set(trace.traceId, 'not found');
            continue;
          }
          if (status !== 200) {
            error = `Jaeger answered HTTP ${status} for /api/traces/${trace.traceId}`;
            continue;
          }
          const spans = ((body as { data?: Array<{ spans?: JaegerSpan[] }> }).data ?? []).flatMap((d) => d.spans ?? []);
          const problem = compareTrace(trace, spans);
          if (problem === null) pending.delete(trace.traceId);
          else lastProblem.set(trace.traceId, problem);
        } catch (caught) {
          error = describeFetchError(caught, url);
          break;
        }
      }
      return { done: pending.size === 0 || notJaeger };
    },
    { timeoutMs: options.timeoutMs, intervalMs: options.intervalMs ?? 1000, signal: options.signal },
  );
  return {
    backend: 'jaeger',
    url,
    ok: pending.size === 0,
    expected: traces.length,
    found: traces.length - pending.size,
    missing: [...pending.keys()].map((id) => `${id} (${lastProblem.get(id) ?? 'not checked'})`),
    ...(pending.size > 0 && error ? { error } : {}),
    waitedMs: Math.round(durationMs),
  };
}
