/**
 * The Collector as a peer: its health_check extension
 * (https://github.com/open-telemetry/opentelemetry-collector-contrib/tree/main/extension/healthcheckextension)
 * and its own metrics (https://opentelemetry.io/docs/collector/internal-telemetry/). The
 * counters are read before and after the canary, so "accepted" moving by exactly our items proves
 * this endpoint is that collector; refused items, exporter send failures and full queues explain
 * telemetry that reaches the collector and still never reaches the backend.
 * Defaults point at the collector's host (13133, 8888); an unreachable default is a skip, an
 * unreachable URL the user gave is a failure.
 */
import type { Signal } from '../../config/types.js';
import type { Check, DoctorContext, Finding } from '../types.js';
import type { CollectorFetch } from '../facts.js';
import { CANARY_ITEMS } from '../canary-request.js';
import { looksLikeCollector, type CollectorSnapshot } from '../collector-metrics.js';
import { codeOf, finding } from './finding.js';

const QUEUE_WARN_RATIO = 0.8;

function unreachable(fetch: CollectorFetch, what: string, flag: string): Finding {
  const message = fetch.result.ok ? `HTTP ${fetch.result.status}` : fetch.result.message;
  if (!fetch.explicit) {
    return finding({
      code: codeOf('collector', what, 'not-found'),
      status: 'skip',
      title: `no ${what === 'health' ? 'health_check' : 'metrics'} endpoint at ${fetch.url}`,
      message: `${message}; pass ${flag} to point at it`,
      durationMs: fetch.result.durationMs,
      target: fetch.url,
    });
  }
  return finding({
    code: codeOf('collector', what, 'unreachable'),
    status: 'fail',
    title: `${fetch.url} cannot be read`,
    message,
    hint: `Check ${flag} and that the collector exposes it (health_check extension, service.telemetry.metrics).`,
    durationMs: fetch.result.durationMs,
    target: fetch.url,
  });
}

function healthFinding(fetch: CollectorFetch): Finding {
  const { result } = fetch;
  if (!result.ok || (result.status !== 200 && result.status !== 503)) return unreachable(fetch, 'health', '--health-url');
  let status: string | undefined;
  try {
    status = (JSON.parse(result.body) as { status?: string }).status;
  } catch {
    status = undefined;
  }
  if (result.status === 503) {
    return finding({
      code: 'COLLECTOR_UNHEALTHY',
      status: 'fail',
      title: 'collector reports itself unhealthy',
      message: `${fetch.url} answered 503${status ? ` (${status})` : ''}`,
      hint: "Read the collector's logs: a pipeline failed to start or a component reports an error.",
      durationMs: result.durationMs,
      target: fetch.url,
    });
  }
  return finding({
    code: 'COLLECTOR_HEALTHY',
    status: 'pass',
    title: `collector healthy${status ? ` (${status})` : ''}`,
    message: `${fetch.url} answered 200`,
    durationMs: result.durationMs,
    target: fetch.url,
  });
}

function counterFindings(
  context: DoctorContext,
  sentSignals: Set<Signal>,
  before: CollectorSnapshot,
  after: CollectorSnapshot | undefined,
  durationMs: number,
  url: string,
): Finding[] {
  const findings: Finding[] = [];
  for (const signal of context.activeSignals) {
    const canaryRan = sentSignals.has(signal);
    const now = (after ?? before).counters[signal];
    const then = before.counters[signal];
    if (canaryRan && after) {
      // A counter series appears only once something was accepted: absent before means 0.
      const delta = (now.accepted ?? 0) - (then.accepted ?? 0);
      findings.push(
        delta >= CANARY_ITEMS
          ? finding({
              code: 'COLLECTOR_CANARY_COUNTED',
              status: 'pass',
              title: `${signal}: the collector counted the canary (accepted +${delta})`,
              message: `otelcol_receiver_accepted_* rose from ${then.accepted ?? 0} to ${now.accepted ?? 0}`,
              durationMs,
              target: signal,
            })
          : finding({
              code: 'COLLECTOR_CANARY_NOT_COUNTED',
              status: 'warn',
              title: `${signal}: the collector's accepted counter did not move`,
              message: `otelcol_receiver_accepted_* stayed at ${now.accepted ?? 0} after the canary`,
              hint: 'The metrics read are not from the collector the endpoint reaches (a load balancer, another instance), or the canary did not get in: check --metrics-url.',
              durationMs,
              target: signal,
            }),
      );
    }
    const refusedDelta = (now.refused ?? 0) - (canaryRan && after ? (then.refused ?? 0) : 0);
    if (now.refused !== undefined && now.refused > 0) {
      findings.push(
        finding({
          code: 'COLLECTOR_REFUSED',
          status: refusedDelta > 0 && canaryRan && after ? 'fail' : 'warn',
          title: `${signal}: the collector has refused ${now.refused} items`,
          message: `otelcol_receiver_refused_* = ${now.refused}${canaryRan && after ? ` (+${refusedDelta} during this run)` : ''}`,
          hint: 'Refusals usually come from the memory_limiter: give the collector more memory or lower the load.',
          durationMs,
          target: signal,
        }),
      );
    }
    if (now.exporterSendFailed !== undefined && now.exporterSendFailed > 0) {
      findings.push(
        finding({
          code: 'COLLECTOR_EXPORT_FAILURES',
          status: 'warn',
          title: `${signal}: the collector failed to send ${now.exporterSendFailed} items to its backend`,
          message: `otelcol_exporter_send_failed_* = ${now.exporterSendFailed}: data reaches the collector but not the backend behind it`,
          hint: "Read the collector's logs for the exporter errors (backend address, credentials, TLS); check the backend is up.",
          durationMs,
          target: signal,
        }),
      );
    }
  }
  for (const queue of (after ?? before).queues) {
    if (queue.capacity <= 0) continue;
    const ratio = queue.size / queue.capacity;
    if (ratio >= QUEUE_WARN_RATIO) {
      findings.push(
        finding({
          code: 'COLLECTOR_QUEUE_FULL',
          status: ratio >= 1 ? 'fail' : 'warn',
          title: `exporter ${queue.exporter}: queue ${queue.size}/${queue.capacity} (${Math.round(ratio * 100)}%)`,
          message: 'a full sending queue drops new data: the backend is slower than the input or unreachable',
          hint: 'Check the backend behind this exporter; raise sending_queue.queue_size or num_consumers only once it is healthy.',
          durationMs,
          target: url,
        }),
      );
    }
  }
  if (findings.length === 0) {
    findings.push(
      finding({
        code: 'COLLECTOR_METRICS_OK',
        status: 'pass',
        title: 'collector metrics show no refusals, send failures or full queues',
        message: `read ${url}`,
        durationMs,
        target: url,
      }),
    );
  }
  return findings;
}

export const collectorCheck: Check = {
  id: 'collector',
  title: 'Collector',
  async run(context: DoctorContext): Promise<Finding[]> {
    const { facts } = context;
    if (!facts.collector)
      return [
        finding({
          code: 'COLLECTOR_SKIPPED',
          status: 'skip',
          title: 'no collector to ask',
          message: 'no endpoint is configured',
          target: 'collector',
        }),
      ];
    const explicit = facts.collector.healthExplicit || facts.collector.metricsExplicit;
    const first = facts.targets[0];
    if (!explicit && first) {
      const reach = await facts.reach(first);
      if (reach.tcp?.outcome !== 'connected')
        return [
          finding({
            code: 'COLLECTOR_SKIPPED',
            status: 'skip',
            title: 'collector not reachable',
            message: 'the OTLP endpoint is not reachable, so its health and metrics are not asked either',
            target: first.origin,
          }),
        ];
    }
    const findings: Finding[] = [];
    const [health, before] = await Promise.all([facts.health(), facts.collectorMetrics('before')]);
    if (health) findings.push(healthFinding(health));
    if (!before) return findings;
    if (!before.snapshot) return [...findings, unreachable(before, 'metrics', '--metrics-url')];
    if (!looksLikeCollector(before.snapshot)) {
      return [
        ...findings,
        finding({
          code: 'COLLECTOR_METRICS_UNRECOGNISED',
          status: before.explicit ? 'warn' : 'skip',
          title: `${before.url} has no otelcol_* metrics`,
          message: "the page is not an OpenTelemetry Collector's own metrics",
          hint: "Point --metrics-url at the collector's own telemetry (service.telemetry.metrics, port 8888 by default).",
          target: before.url,
        }),
      ];
    }
    let after: CollectorFetch | undefined;
    const sent = context.selected.has('canary') ? await facts.sentCanaries() : [];
    if (sent.length > 0) after = await facts.collectorMetrics('after');
    return [
      ...findings,
      ...counterFindings(
        context,
        new Set(sent.filter((c) => c.outcome.kind === 'success').map((c) => c.signal)),
        before.snapshot,
        after?.snapshot,
        before.result.durationMs + (after?.result.durationMs ?? 0),
        before.url,
      ),
    ];
  },
};
