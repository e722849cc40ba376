/**
 * --verify-prometheus <url>: polls Prometheus' instant query API (GET /api/v1/query) until a
 * series of every emitted processor.* metric exists for the emitting service, or the deadline
 * passes. The names are the Collector prometheus exporter's (src/backends/prometheus-names.ts).
 */
import type { InstrumentPlan } from '../synth/types.js';
import type { BackendVerification } from './report.js';
import type { VerifyOptions } from './poll.js';
import { instantQuery } from '../backends/prometheus.js';
import { prometheusName, serviceJobMatcher } from '../backends/prometheus-names.js';
import { redactUrl } from '../boundary/secrets.js';
import { pollUntil } from '../net/poll.js';

export async function verifyPrometheus(
  url: string,
  service: string,
  instruments: readonly InstrumentPlan[],
  options: VerifyOptions,
): Promise<BackendVerification> {
  const pending = new Set(instruments.map(prometheusName));
  const expected = pending.size;
  let error: string | undefined;
  // Another kind of server will not turn into Prometheus by waiting: stop polling at once.
  let notPrometheus = false;
  // One attempt queries every series still missing; a connection failure ends the round early.
  const { durationMs } = await pollUntil(
    async (remainingMs) => {
      // The last failure stays until the backend answers again: a final attempt left no time to ask proves nothing.
      const deadline = Date.now() + remainingMs;
      for (const name of [...pending]) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) break;
        // The last query of the wait still gets a fair moment to answer.
        const answer = await instantQuery(url, `${name}{${serviceJobMatcher(service)}}`, {
          timeoutMs: Math.max(100, Math.min(remaining, 5000)),
          signal: options.signal,
        });
        if (answer.kind === 'unreachable') {
          error = answer.message;
          break;
        }
        if (answer.kind === 'not-prometheus') {
          error = `${redactUrl(url)} ${answer.message}: is it the Prometheus server port (9090)?`;
          notPrometheus = true;
          break;
        }
        if (answer.kind === 'query-error') error = `Prometheus answered HTTP ${answer.status}${answer.error ? `: ${answer.error}` : ''}`;
        else {
          error = undefined;
          if (answer.series > 0) pending.delete(name);
        }
      }
      return { done: pending.size === 0 || notPrometheus };
    },
    { timeoutMs: options.timeoutMs, intervalMs: options.intervalMs ?? 1000, signal: options.signal },
  );
  return {
    backend: 'prometheus',
    url: redactUrl(url),
    ok: pending.size === 0,
    expected,
    found: expected - pending.size,
    missing: [...pending],
    ...(pending.size > 0 && error ? { error } : {}),
    waitedMs: Math.round(durationMs),
  };
}
