/**
 * Backend (optional): did the canary make it past the collector? With --jaeger the canary trace is
 * looked up through Jaeger's query API (GET /api/traces/{id}); with --prometheus the canary counter
 * (`otel_proc_doctor_canary_total`, labelled with this run's id) through /api/v1/query. Both are
 * polled until found or --backend-wait runs out, since batching and scraping take a while.
 */
import type { Check, DoctorContext, Finding } from '../types.js';
import { RUN_ID_ATTRIBUTE } from '../canary-request.js';
import { getTrace } from '../../backends/jaeger.js';
import { instantQuery } from '../../backends/prometheus.js';
import { prometheusLabelName } from '../../backends/prometheus-names.js';
import { apiUrl, type Unreachable } from '../../backends/query.js';
import { redactUrl } from '../../boundary/secrets.js';
import { pollUntil } from '../../net/poll.js';
import { codeOf, finding } from './finding.js';

const POLL_MS = 250;

/** One look at the backend: found it, or why not; `answered` is false when the URL is not the backend's query API at all. */
interface Attempt {
  /** Stop asking: found it (`answered`), or another kind of server, which will not turn into the backend by waiting. */
  done: boolean;
  answered: boolean;
  /** No answer within the attempt's time, which may have been only what was left of the wait. */
  timedOut?: boolean;
  note: string;
}

interface AnswerLog {
  /** The last attempt the query API answered. */
  lastAnswer?: Attempt;
  /** The last attempt that failed for a reason of its own (refused, not the API), not by running out of time. */
  lastRefusal?: Attempt;
  track(attempt: (remainingMs: number) => Promise<Attempt>): (remainingMs: number) => Promise<Attempt>;
}

/**
 * Remembers the last attempt the query API really answered: the final attempt may get only the
 * last millisecond of the wait and time out, which says nothing about the backend.
 */
function answerLog(): AnswerLog {
  const log: AnswerLog = {
    track: (attempt) => async (remainingMs) => {
      const result = await attempt(remainingMs);
      if (result.answered) log.lastAnswer = result;
      else if (!result.timedOut) log.lastRefusal = result;
      return result;
    },
  };
  return log;
}

function notAsked(answer: Unreachable): Attempt {
  return { done: false, answered: false, timedOut: answer.timedOut, note: answer.message };
}

/** The query API itself could not be asked: a wrong URL or a backend that is down, not a lost canary. */
function unreachable(backend: 'jaeger' | 'prometheus', url: string, note: string, durationMs: number, hint: string): Finding {
  const name = backend === 'jaeger' ? 'Jaeger' : 'Prometheus';
  return finding({
    code: codeOf('backend', backend, 'unreachable'),
    status: 'fail',
    title: `${name} query API cannot be asked at ${redactUrl(url)}`,
    message: note,
    hint,
    durationMs,
    target: url,
  });
}

async function jaegerFinding(context: DoctorContext, jaegerUrl: string): Promise<Finding> {
  const canary = (await context.facts.sentCanaries()).find((c) => c.signal === 'traces');
  if (canary?.outcome.kind !== 'success') {
    return finding({
      code: 'BACKEND_JAEGER_SKIPPED',
      status: 'skip',
      title: 'Jaeger not asked',
      message: 'no trace canary was accepted to look for',
      target: jaegerUrl,
    });
  }
  const traceId = canary.identity.traceId;
  const url = redactUrl(apiUrl(jaegerUrl, `/api/traces/${traceId}`));
  const wait = context.options.backendWaitMs ?? 20_000;
  const answers = answerLog();
  const { last, durationMs } = await pollUntil(
    answers.track(async (remainingMs): Promise<Attempt> => {
      const answer = await getTrace(jaegerUrl, traceId, {
        timeoutMs: Math.min(context.options.timeoutMs, remainingMs),
        signal: context.signal,
      });
      switch (answer.kind) {
        case 'unreachable':
          return notAsked(answer);
        case 'not-jaeger':
          return { done: true, answered: false, note: `${redactUrl(jaegerUrl)} ${answer.message}` };
        case 'found':
          return { done: true, answered: true, note: 'trace found' };
        default:
          // Jaeger answers a trace it does not have (yet) with 404 and its JSON: that is an answer.
          return {
            done: false,
            answered: true,
            note: answer.status === 200 ? 'trace not there yet' : `HTTP ${answer.status}: trace not there yet`,
          };
      }
    }),
    { timeoutMs: wait, intervalMs: POLL_MS, signal: context.signal },
  );
  if (last.done && last.answered)
    return finding({
      code: 'BACKEND_JAEGER_FOUND',
      status: 'pass',
      title: `Jaeger has the canary trace ${traceId}`,
      message: url,
      durationMs,
      target: jaegerUrl,
    });
  if (!answers.lastAnswer)
    return unreachable(
      'jaeger',
      jaegerUrl,
      (answers.lastRefusal ?? last).note,
      durationMs,
      "Check --jaeger: Jaeger's query API is on its UI port (16686 by default), e.g. --jaeger http://localhost:16686.",
    );
  return finding({
    code: 'BACKEND_JAEGER_MISSING',
    status: 'fail',
    title: `Jaeger does not show trace ${traceId} after ${Math.round(durationMs / 1000)} s`,
    message: `${answers.lastAnswer.note} (${url})`,
    hint: "The collector accepted the canary but Jaeger never got it: check the collector's traces pipeline exports to Jaeger (exporters: otlp/jaeger), the exporter's send failures, and Jaeger's OTLP port.",
    durationMs,
    target: jaegerUrl,
  });
}

async function prometheusFinding(context: DoctorContext, prometheusUrl: string): Promise<Finding> {
  const canary = (await context.facts.sentCanaries()).find((c) => c.signal === 'metrics');
  if (canary?.outcome.kind !== 'success') {
    return finding({
      code: 'BACKEND_PROMETHEUS_SKIPPED',
      status: 'skip',
      title: 'Prometheus not asked',
      message: 'no metrics canary was accepted to look for',
      target: prometheusUrl,
    });
  }
  const label = prometheusLabelName(RUN_ID_ATTRIBUTE);
  const query = `{__name__=~"otel_proc_doctor_canary.*",${label}="${canary.identity.runId}"}`;
  const wait = context.options.backendWaitMs ?? 20_000;
  const answers = answerLog();
  const { last, durationMs } = await pollUntil(
    answers.track(async (remainingMs): Promise<Attempt> => {
      const answer = await instantQuery(prometheusUrl, query, {
        timeoutMs: Math.min(context.options.timeoutMs, remainingMs),
        signal: context.signal,
      });
      switch (answer.kind) {
        case 'unreachable':
          return notAsked(answer);
        case 'not-prometheus':
          return { done: true, answered: false, note: `${redactUrl(prometheusUrl)} ${answer.message}` };
        case 'query-error':
          return { done: false, answered: true, note: answer.error ?? `HTTP ${answer.status}` };
        default:
          return { done: answer.series > 0, answered: true, note: 'series not scraped yet' };
      }
    }),
    { timeoutMs: wait, intervalMs: POLL_MS, signal: context.signal },
  );
  if (last.done && last.answered)
    return finding({
      code: 'BACKEND_PROMETHEUS_FOUND',
      status: 'pass',
      title: 'Prometheus has the canary metric',
      message: query,
      durationMs,
      target: prometheusUrl,
    });
  if (!answers.lastAnswer)
    return unreachable(
      'prometheus',
      prometheusUrl,
      (answers.lastRefusal ?? last).note,
      durationMs,
      "Check --prometheus: Prometheus' HTTP API is on its web port (9090 by default), e.g. --prometheus http://localhost:9090.",
    );
  return finding({
    code: 'BACKEND_PROMETHEUS_MISSING',
    status: 'fail',
    title: `Prometheus has no canary metric after ${Math.round(durationMs / 1000)} s`,
    message: `${answers.lastAnswer.note}; query ${query}`,
    hint: "Check that the collector's metrics pipeline has the prometheus exporter, that Prometheus scrapes it (Status → Targets), and wait at least one scrape interval (--backend-wait).",
    durationMs,
    target: prometheusUrl,
  });
}

/** Per run: each backend's finding once it is known, so Ctrl-C during the other's wait still reports it. */
const finished = new WeakMap<DoctorContext, Finding[]>();

export const backendCheck: Check = {
  id: 'backend',
  title: 'Backends',
  finishedSoFar: (context) => finished.get(context) ?? [],
  async run(context: DoctorContext): Promise<Finding[]> {
    const { jaegerUrl, prometheusUrl } = context.options;
    if (!jaegerUrl && !prometheusUrl) {
      return [
        finding({
          code: 'BACKEND_SKIPPED',
          status: 'skip',
          title: 'no backend to ask',
          message: 'pass --jaeger <url> and/or --prometheus <url> to confirm the canary arrived',
        }),
      ];
    }
    const done: Finding[] = [];
    finished.set(context, done);
    // A wait cut short by Ctrl-C proves nothing: only findings settled before it are kept.
    const keep = (result: Finding): Finding => {
      if (!context.signal?.aborted) done.push(result);
      return result;
    };
    const checks: Array<Promise<Finding>> = [];
    if (jaegerUrl) checks.push(jaegerFinding(context, jaegerUrl).then(keep));
    if (prometheusUrl) checks.push(prometheusFinding(context, prometheusUrl).then(keep));
    return Promise.all(checks);
  },
};
