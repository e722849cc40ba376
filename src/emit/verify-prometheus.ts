/**
 * --verify-prometheus <url>: polls Prometheus' instant query API (GET /api/v1/query) until a
 * series of every emitted processor.* metric exists for the emitting service, or the deadline
 * passes. Names are the OTLP → Prometheus translation the Collector's prometheus exporter applies
 * (https://opentelemetry.io/docs/specs/otel/compatibility/prometheus_and_openmetrics/, and the
 * Collector's https://github.com/open-telemetry/opentelemetry-collector-contrib/tree/main/pkg/translator/prometheus):
 * dots become underscores, the unit becomes a suffix (`ms` → `_milliseconds`,
 * `{annotations}` vanish), counters end in `_total`, histograms are queried by `_bucket`.
 */
import type { InstrumentPlan } from '../synth/types.js';
import type { BackendVerification } from './report.js';
import { baseUrl, pollUntil } from '../net/poll.js';
import { describeFetchError, fetchJson, type VerifyOptions } from './poll.js';

const UNIT_SUFFIX: Record<string, string> = { ms: 'milliseconds', s: 'seconds', By: 'bytes', '1': 'ratio', min: 'minutes', h: 'hours' };

export function prometheusName(instrument: Pick<InstrumentPlan, 'name' | 'unit' | 'type'>): string {
  let name = instrument.name.replace(/[^a-zA-Z0-9_:]/g, '_');
  const unit = instrument.unit.replace(/\{[^}]*\}/g, '');
  const suffix = UNIT_SUFFIX[unit] ?? unit.replace(/[^a-zA-Z0-9]/g, '_');
  if (suffix && !name.endsWith(`_${suffix}`)) name += `_${suffix}`;
  if (instrument.type === 'counter') return `${name}_total`;
  if (instrument.type === 'histogram') return `${name}_bucket`;
  return name;
}

/** Prometheus regex for the job label the exporter derives from service.namespace/service.name. */
function jobMatcher(service: string): string {
  const escaped = service.replace(/[\\.^$|?*+()[\]{}]/g, '\\\\$&').replace(/"/g, '\\"');
  return `job=~"(.+/)?${escaped}"`;
}

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
        const query = `${name}{${jobMatcher(service)}}`;
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
