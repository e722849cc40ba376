/**
 * Export canary: one real OTLP export per signal over the configured protocol, headers, TLS and
 * compression, classified as the OTLP specification classifies responses (protocol/otlp.md
 * "Full success", "Partial success", "Failures", "Throttling"). Skipped for endpoints already known
 * to be unreachable or to speak another protocol: those findings already say why.
 */
import type { Signal } from '../../config/types.js';
import { describeSource } from '../../config/diagnostics.js';
import { redactUrl } from '../../boundary/secrets.js';
import type { Check, DoctorContext, Finding } from '../types.js';
import type { CanaryResult } from '../facts.js';
import { settingAssignment, settingName, type EndpointTarget } from '../endpoints.js';
import { ITEM_WORD } from '../collector-metrics.js';
import { finding, hostPort, plural } from './finding.js';
import { protocolFits } from './protocol.js';

/** Why the canary should not be sent to this target (and which check says more), or undefined when it should. */
export async function canarySkipReason(
  context: DoctorContext,
  target: EndpointTarget,
): Promise<{ reason: string; check: 'reachability' | 'protocol' } | undefined> {
  const reach = await context.facts.reach(target);
  if (reach.tcp?.outcome !== 'connected')
    return { reason: `${hostPort(target.host, target.port)} is not reachable`, check: 'reachability' };
  if (reach.tls && reach.tls.outcome !== 'ok') return { reason: 'the TLS handshake fails', check: 'reachability' };
  if (reach.tlsMaterialError) return { reason: reach.tlsMaterialError, check: 'reachability' };
  const sniff = await context.facts.sniff(target);
  // A stalled port would only make the canary wait out the same timeout again.
  if (sniff && (sniff.application === 'silent' || sniff.application === 'stalled' || sniff.application === 'closed'))
    return { reason: `${hostPort(target.host, target.port)} does not answer`, check: 'protocol' };
  if (sniff && sniff.application !== 'unknown' && (!protocolFits(target, sniff) || (sniff.transport === 'tls') !== target.tls)) {
    return { reason: 'the port speaks another protocol', check: 'protocol' };
  }
  return undefined;
}

function notFoundFix(context: DoctorContext, signal: Signal, result: CanaryResult): string {
  const exportConfig = context.config[signal];
  if (exportConfig.protocol.value === 'grpc') {
    return `The server has no OTLP ${signal} service: enable the otlp receiver in a ${signal} pipeline of the collector, or check the port.`;
  }
  const url = new URL(result.url);
  const variable = settingName(exportConfig.endpoint.source, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  // A base endpoint that already ends in a signal path: /v1/traces/v1/traces, and for the other
  // signals /v1/traces/v1/metrics and /v1/traces/v1/logs.
  const doubled = new RegExp(`/v1/(traces|metrics|logs)/v1/${signal}/?$`).exec(url.pathname);
  if (doubled) {
    const base = `${url.origin}${url.pathname.slice(0, doubled.index)}`;
    const already = `/v1/${doubled[1]}`;
    return `${variable} already ends in ${already} and the SDK appends /v1/${signal}${already === `/v1/${signal}` ? ' again' : ''}: set ${settingAssignment(exportConfig.endpoint.source, 'OTEL_EXPORTER_OTLP_ENDPOINT', base)} (or use OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_ENDPOINT=${base}/v1/${signal}, which is used as given).`;
  }
  if (!url.pathname.endsWith(`/v1/${signal}`)) {
    return `${variable} is used exactly as given and lacks the path: set it to ${url.origin}${url.pathname.replace(/\/$/, '')}/v1/${signal}.`;
  }
  return `Nothing serves ${url.pathname} here: OTLP/HTTP paths are /v1/traces, /v1/metrics and /v1/logs on the collector's port 4318.`;
}

function classify(context: DoctorContext, result: CanaryResult): Finding {
  const { signal, outcome } = result;
  const items = plural(1, ITEM_WORD[signal].replace(/s$/, '').replace('_', ' '));
  const details: Record<string, unknown> = {
    url: redactUrl(result.url),
    outcome,
    warmLatencyMs: result.warmLatencyMs,
    runId: result.identity.runId,
    ...(signal === 'traces' ? { traceId: result.identity.traceId } : {}),
  };
  const base = { target: signal, durationMs: result.durationMs, details };
  if (outcome.kind === 'success') {
    if (outcome.rejected > 0 || (outcome.message && !outcome.message.startsWith('unreadable response'))) {
      return finding({
        ...base,
        code: 'CANARY_PARTIAL_SUCCESS',
        status: 'warn',
        title: `${signal}: partial success, ${outcome.rejected} rejected`,
        message: outcome.message ?? 'the server accepted the request but rejected some items',
        hint: 'Read the error message: the collector rejected items it could not process (invalid data, limits).',
      });
    }
    const extra = signal === 'traces' ? ` (trace id ${result.identity.traceId})` : '';
    return finding({
      ...base,
      code: 'CANARY_ACCEPTED',
      status: 'pass',
      title: `${signal}: ${items} accepted${extra}`,
      message: `the server accepted the canary at ${redactUrl(result.url)}`,
    });
  }
  const reason = outcome.reason;
  const retryAfter = outcome.kind === 'retryable' && outcome.retryAfterMs !== undefined ? outcome.retryAfterMs : undefined;
  const headerNames = Object.keys(context.config[signal].headers.value);
  if (reason === 'http-401' || reason === 'grpc-unauthenticated') {
    const fix =
      headerNames.length === 0
        ? 'The server wants credentials: set OTEL_EXPORTER_OTLP_HEADERS="authorization=Bearer <token>" (or the header your collector\'s auth extension expects).'
        : `The server refused the credentials sent in ${headerNames.join(', ')} (from ${describeSource(context.config[signal].headers.source)}): check the token and that the header name matches the collector's auth extension.`;
    return finding({
      ...base,
      code: 'CANARY_UNAUTHENTICATED',
      status: 'fail',
      title: `${signal}: unauthenticated`,
      message: outcome.message,
      hint: fix,
    });
  }
  if (reason === 'http-403' || reason === 'grpc-permission-denied') {
    return finding({
      ...base,
      code: 'CANARY_FORBIDDEN',
      status: 'fail',
      title: `${signal}: forbidden`,
      message: outcome.message,
      hint: "The credentials are valid but not allowed to write here: check the token's scopes or tenant.",
    });
  }
  if (reason === 'http-429' || reason === 'grpc-resource-exhausted' || retryAfter !== undefined) {
    const after = retryAfter !== undefined ? ` (Retry-After ${Math.round(retryAfter / 1000)} s)` : '';
    return finding({
      ...base,
      code: 'CANARY_THROTTLED',
      status: 'fail',
      title: `${signal}: throttled${after}`,
      message: outcome.message,
      hint: 'The collector is shedding load: check its memory_limiter and exporter queues (see the collector findings), scale it out, or lower the sending rate.',
      details: { ...details, retryAfterMs: retryAfter },
    });
  }
  if (reason === 'http-503' || reason === 'http-502' || reason === 'http-504' || reason === 'grpc-unavailable') {
    return finding({
      ...base,
      code: 'CANARY_UNAVAILABLE',
      status: 'fail',
      title: `${signal}: unavailable`,
      message: outcome.message,
      hint: "The server or a proxy in front of it cannot take data now: check the collector is running and healthy (health_check on 13133) and the load balancer's backends.",
    });
  }
  if (reason === 'http-404' || reason === 'grpc-unimplemented') {
    return finding({
      ...base,
      code: 'CANARY_NOT_FOUND',
      status: 'fail',
      title: `${signal}: not found (${new URL(result.url).pathname || '/'})`,
      message: outcome.message,
      hint: notFoundFix(context, signal, result),
    });
  }
  if (reason === 'timeout' || reason === 'grpc-deadline-exceeded') {
    // The canary waits min(--timeout, the application's OTLP timeout): say which one ran out.
    const appTimeout = context.config[signal].timeoutMs;
    const fix =
      appTimeout.value > 0 && appTimeout.value < context.options.timeoutMs
        ? `The application's own export timeout ran out: ${appTimeout.value} ms (from ${describeSource(appTimeout.source)}). The value is in milliseconds: raise it (the default is 10000), then run the doctor again.`
        : 'The collector accepted the connection but did not answer in time: it may be overloaded or stuck; raise --timeout to tell slow from stuck.';
    return finding({
      ...base,
      code: 'CANARY_TIMEOUT',
      status: 'fail',
      title: `${signal}: no answer within the timeout`,
      message: outcome.message,
      hint: fix,
    });
  }
  if (reason === 'tls') {
    return finding({
      ...base,
      code: 'CANARY_TLS_FAILED',
      status: 'fail',
      title: `${signal}: TLS failed`,
      message: outcome.message,
      hint: 'See the reachability findings; set OTEL_EXPORTER_OTLP_CERTIFICATE for a private CA.',
    });
  }
  if (reason === 'protocol-mismatch') {
    return finding({
      ...base,
      code: 'CANARY_PROTOCOL_MISMATCH',
      status: 'fail',
      title: `${signal}: the server speaks another protocol`,
      message: outcome.message,
      hint: 'Use port 4317 with grpc and 4318 with http/protobuf or http/json.',
    });
  }
  if (reason === 'not-otlp') {
    return finding({
      ...base,
      code: 'CANARY_NOT_OTLP',
      status: 'fail',
      title: `${signal}: the endpoint is not an OTLP receiver`,
      message: outcome.message,
      hint: "Something else answers at this URL (a web server, a proxy or load balancer page): point the endpoint at the collector's OTLP/HTTP receiver (port 4318, path /v1/<signal>).",
    });
  }
  if (reason === 'http-413') {
    return finding({
      ...base,
      code: 'CANARY_TOO_LARGE',
      status: 'fail',
      title: `${signal}: request too large (${reason})`,
      message: outcome.message,
      hint: "The server or a proxy in front of it limits request bodies below even this one-item canary: raise the limit (nginx client_max_body_size, the receiver's max_request_body_size).",
    });
  }
  if (/^http-5\d\d$/.test(reason) || reason === 'grpc-internal' || reason === 'grpc-unknown' || reason === 'grpc-data-loss') {
    return finding({
      ...base,
      code: 'CANARY_SERVER_ERROR',
      status: 'fail',
      title: `${signal}: server error (${reason})`,
      message: outcome.message,
      hint: 'The server (or a proxy in front of it) failed while handling the export: read its logs.',
    });
  }
  if (outcome.kind === 'permanent') {
    return finding({
      ...base,
      code: 'CANARY_REJECTED',
      status: 'fail',
      title: `${signal}: rejected (${reason})`,
      message: outcome.message,
      hint: 'The server refused the request itself: check the protocol, content type and path match the receiver (415 wrong content type, 405 wrong method, 400 undecodable body).',
    });
  }
  return finding({
    ...base,
    code: 'CANARY_CONNECTION_FAILED',
    status: 'fail',
    title: `${signal}: export failed (${reason})`,
    message: outcome.message,
    hint: "The connection broke during the export: check the collector's logs and anything in between (proxies, load balancers).",
  });
}

export const canaryCheck: Check = {
  id: 'canary',
  title: 'Export canary',
  async run(context: DoctorContext): Promise<Finding[]> {
    const findings: Finding[] = [];
    if (context.activeSignals.length === 0) {
      return [
        finding({
          code: 'CANARY_NO_SIGNAL',
          status: 'skip',
          title: 'no canary to send',
          message: 'no signal exports over OTLP (see the configuration findings)',
        }),
      ];
    }
    const runs = context.activeSignals.map(async (signal): Promise<Finding> => {
      const target = context.facts.targetFor(signal);
      if (!target)
        return finding({
          code: 'CANARY_SKIPPED',
          status: 'skip',
          title: `${signal}: no usable endpoint`,
          message: 'the endpoint could not be parsed (see configuration)',
          target: signal,
        });
      const skip = await canarySkipReason(context, target);
      if (skip && context.selected.has(skip.check))
        return finding({
          code: 'CANARY_SKIPPED',
          status: 'skip',
          title: `${signal}: not sent`,
          message: `${skip.reason} (see ${skip.check})`,
          target: signal,
        });
      // The failure that stops the canary is in no other finding of this run (--only/--skip): it fails here.
      if (skip)
        return finding({
          code: 'CANARY_BLOCKED',
          status: 'fail',
          title: `${signal}: not sent, ${skip.reason}`,
          message: `the ${skip.check} check (not run) finds why`,
          hint: `Run otel-proc doctor --only ${skip.check},canary to see why and how to fix it.`,
          target: signal,
        });
      try {
        return classify(context, await context.facts.canary(signal));
      } catch (error) {
        return finding({
          code: 'CANARY_NOT_SENT',
          status: 'fail',
          title: `${signal}: the canary could not be prepared`,
          message: (error as Error).message,
          hint: 'Fix the setting the message names (see the configuration findings).',
          target: signal,
        });
      }
    });
    // Signals export in parallel, as an SDK's three exporters do.
    for (const result of await Promise.all(runs)) findings.push(result);
    return findings;
  },
};
