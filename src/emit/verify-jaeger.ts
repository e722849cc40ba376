/**
 * --verify-jaeger <url>: polls Jaeger's query API, GET /api/traces/{traceId}, until every emitted
 * (sampled, delivered) trace is there with all its spans and the same parent links, or the
 * deadline passes. Works with Jaeger v1 and v2 (both serve the v1 HTTP JSON API on :16686).
 */
import type { BackendVerification } from './report.js';
import type { VerifyOptions } from './poll.js';
import { getTrace, type TraceSpan } from '../backends/jaeger.js';
import { redactUrl } from '../boundary/secrets.js';
import { pollUntil } from '../net/poll.js';

export interface ExpectedTrace {
  traceId: string;
  /** spanId → parent spanId ('' for the root). */
  parents: Map<string, string>;
}

/** Problems with the trace as Jaeger returned it, or null when it is complete. */
function compareTrace(expected: ExpectedTrace, spans: TraceSpan[]): string | null {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  let missing = 0;
  for (const [spanId, parent] of expected.parents) {
    const span = byId.get(spanId);
    if (!span) {
      missing++;
      continue;
    }
    if (span.parentSpanId !== parent) return `span ${spanId} has parent ${span.parentSpanId || 'none'} instead of ${parent || 'none'}`;
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
      // The last failure stays until the backend answers again: a final attempt left no time to ask proves nothing.
      const deadline = Date.now() + remainingMs;
      for (const trace of [...pending.values()]) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) break;
        // The last request of the wait still gets a fair moment to answer.
        const answer = await getTrace(url, trace.traceId, { timeoutMs: Math.max(100, Math.min(remaining, 5000)), signal: options.signal });
        if (answer.kind === 'unreachable') {
          error = answer.message;
          break;
        }
        if (answer.kind === 'not-jaeger') {
          error = `${redactUrl(url)} ${answer.message}: is it Jaeger's query/UI port (16686)?`;
          notJaeger = true;
          break;
        }
        if (answer.kind === 'http-error') {
          error = `Jaeger answered HTTP ${answer.status} for /api/traces/${trace.traceId}`;
          continue;
        }
        error = undefined;
        if (answer.kind === 'not-found') lastProblem.set(trace.traceId, 'not found');
        else {
          const problem = compareTrace(trace, answer.spans);
          if (problem === null) pending.delete(trace.traceId);
          else lastProblem.set(trace.traceId, problem);
        }
      }
      return { done: pending.size === 0 || notJaeger };
    },
    { timeoutMs: options.timeoutMs, intervalMs: options.intervalMs ?? 1000, signal: options.signal },
  );
  return {
    backend: 'jaeger',
    url: redactUrl(url),
    ok: pending.size === 0,
    expected: traces.length,
    found: traces.length - pending.size,
    missing: [...pending.keys()].map((id) => `${id} (${lastProblem.get(id) ?? 'not checked'})`),
    ...(pending.size > 0 && error ? { error } : {}),
    waitedMs: Math.round(durationMs),
  };
}
