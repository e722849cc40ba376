/**
 * --verify-prometheus <url>: polls Prometheus' instant query API (GET /api/v1/query) until a
 * series of every emitted processor.* metric exists for the emitting service, or the deadline
 * passes. The names are the Collector prometheus exporter's (src/backends/prometheus-names.ts).
 */
import type { InstrumentPlan } from '../synth/types.js';
import type { BackendVerification } from './report.js';
import { prometheusName, serviceJobMatcher } from '../backends/prometheus-names.js';
import { baseUrl, pollUntil } from '../net/poll.js';
import { describeFetchError, fetchJson, type VerifyOptions } from './poll.js';

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
      error = undefined;
      const deadline = Date.now() + remainingMs;
      for (const name of [...pending]) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) break;
        const query = `${name}{${serviceJobMatcher(service)}}`;
        try {
          const { status, body } = await fetchJson(
            `${baseUrl(url)}/api/v1/query?query=${encodeURIComponent(query)}`,
            Math.min(remaining, 5000),
            options.signal,
          );
          if (typeof body !== 'object' || body === null) {
            error = `${url} does not answer like Prometheus' HTTP API (HTTP ${status}, not JSON): is it the Prometheus server port (9090)?`;
            notPrometheus = true;
            break;
          }
          const result = body as { status?: string; data?: { result?: unknown[] }; error?: string };
          if (status !== 200 || result.status !== 'success') {
            error = `Prometheus answered HTTP ${status}${result.error ? `: ${result.error}` : ''}`;
            continue;
          }
          if ((result.data?.result ?? []).length > 0) pending.delete(name);
        } catch (caught) {
          error = describeFetchError(caught, url);
          break;
        }
      }
      return { done: pending.size === 0 || notPrometheus };
    },
    { timeoutMs: options.timeoutMs, intervalMs: options.intervalMs ?? 1000, signal: options.signal },
  );
  return {
    backend: 'prometheus',
    url,
    ok: pending.size === 0,
    expected,
    found: expected - pending.size,
    missing: [...pending],
    ...(pending.size > 0 && error ? { error } : {}),
    waitedMs: Math.round(durationMs),
  };
}
