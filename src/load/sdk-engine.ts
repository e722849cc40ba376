/**
 * --engine sdk: the same paced span trees, recorded through the real OpenTelemetry JS SDK
 * (src/sdk: BatchSpanProcessor + OTLP exporter, configured exactly like an application would be),
 * to show what an application would see. The SDK hides its losses, so they are counted here:
 *   sent     = spans ended while recording (sampled),
 *   exported = spans the batch processor handed to the exporter (from the export ledger),
 *   dropped  = sent − exported: the batch queue was full (maxQueueSize) or the final flush timed out.
 * The exporter retries internally; its final verdict per batch gives accepted, rejected and failed.
 */
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { UsageError } from '../errors.js';
import type { EffectiveConfig } from '../config/types.js';
import { describeExportFailure } from '../sdk/export-failure.js';
import { createSdkPipeline, withDeadline } from '../sdk/pipeline.js';
import { planTrace } from '../synth/plan-trace.js';
import { createRandom } from '../synth/random.js';
import type { PlannedTrace } from '../synth/types.js';
import type { GeneratorResult, GeneratorSpec } from './generator.js';
import { bucketCapacity } from './lane.js';
import { signalReport } from './report.js';
import { SignalStats } from './signal-stats.js';
import { TokenBucket } from './token-bucket.js';
import type { ProgressSnapshot } from './types.js';

const KINDS = {
  internal: SpanKind.INTERNAL,
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
} as const;
const TICK_MS = 5;
const SLICE_MS = 10;
/** After the drain timeout, how long the aborted exports get to report their failure. */
const ABANDON_MS = 2000;

function recordTrace(pipeline: ReturnType<typeof createSdkPipeline>, planned: PlannedTrace, nowMs: number): number {
  const end = Math.max(...planned.spans.map((s) => s.startOffsetNs + s.durationNs));
  const baseMs = nowMs - end / 1e6;
  const at = (offsetNs: number): number => baseMs + offsetNs / 1e6;
  const spans: Span[] = [];
  let recorded = 0;
  for (const plannedSpan of planned.spans) {
    const parent = plannedSpan.parent >= 0 ? spans[plannedSpan.parent] : undefined;
    const parentContext = parent ? trace.setSpan(context.active(), parent) : context.active();
    const span = pipeline.tracer(plannedSpan.service).startSpan(
      plannedSpan.name,
      {
        kind: KINDS[plannedSpan.kind],
        startTime: at(plannedSpan.startOffsetNs),
        attributes: { ...plannedSpan.attributes, ...planned.baggage } as never,
      },
      parentContext,
    );
    for (const event of plannedSpan.events)
      span.addEvent(event.name, event.attributes as never, at(plannedSpan.startOffsetNs + event.offsetNs));
    if (plannedSpan.exception)
      span.recordException(
        { name: plannedSpan.exception.type, message: plannedSpan.exception.message },
        at(plannedSpan.startOffsetNs + plannedSpan.durationNs),
      );
    if (plannedSpan.status.code !== 'unset')
      span.setStatus({
        code: plannedSpan.status.code === 'error' ? SpanStatusCode.ERROR : SpanStatusCode.OK,
        message: plannedSpan.status.message,
      });
    spans.push(span);
  }
  // End children before parents, as instrumented code does.
  for (let i = spans.length - 1; i >= 0; i--) {
    const plannedSpan = planned.spans[i]!;
    if (spans[i]!.isRecording()) recorded += 1;
    spans[i]!.end(at(plannedSpan.startOffsetNs + plannedSpan.durationNs));
  }
  return recorded;
}

export interface SdkEngineOptions {
  /** Pause recording while this many spans are recorded but not yet through an export (bench: the SDK's best case). */
  maxOutstanding?: number;
}

export async function runSdkEngine(
  spec: GeneratorSpec,
  config: EffectiveConfig,
  signal?: AbortSignal,
  onProgress?: (snapshot: ProgressSnapshot) => void,
  options: SdkEngineOptions = {},
): Promise<GeneratorResult> {
  const plan = spec.plans.find((p) => p.signal === 'traces');
  if (!plan || spec.plans.length > 1)
    throw new UsageError('--engine sdk sends spans only: use --rate without --metrics-rate and --logs-rate');
  const stats = new SignalStats('traces');
  const pipeline = createSdkPipeline(config, { signals: ['traces'] });
  let abandoned = false;
  pipeline.ledger.listeners.push((attempt) => {
    const nowMs = Date.now();
    stats.onSend(0, nowMs, 1); // one export request; its spans were counted when recorded
    stats.onAttempt(attempt.durationMs, nowMs);
    if (attempt.outcome === 'failure') {
      const failure = describeExportFailure(attempt.error, {
        protocol: config.traces.protocol.value,
        url: config.traces.url,
        timeoutMs: config.traces.timeoutMs.value,
      });
      if (abandoned) stats.onFailed(attempt.items, 'drain-timeout', `not delivered before the drain timeout (${failure.message})`, nowMs);
      else stats.onFailed(attempt.items, failure.code.toLowerCase().replace(/_/g, '-'), failure.message, nowMs);
    } else stats.onAccepted(attempt.items, attempt.rejected ?? 0, attempt.partialMessage, nowMs);
  });
  const random = createRandom(`${spec.seed}/load/sdk`);
  // Bench only: wait for the exporter instead of overfilling the SDK, to measure its best sustained rate.
  const maxOutstanding = options.maxOutstanding;
  const bucket = new TokenBucket(plan.rate, bucketCapacity(plan.rate, plan.batchSize), spec.rampUpSeconds);
  const startedAt = new Date();
  const startPerf = performance.now();
  let recorded = 0;
  let index = 0;
  let lastSendSeconds = 0;
  let interrupted = false;
  let generationSeconds = 0;
  const progress = onProgress
    ? setInterval(
        () =>
          onProgress({
            elapsedSeconds: (performance.now() - startPerf) / 1000,
            signals: [
              {
                signal: 'traces',
                targetRate: plan.rate,
                currentRate: stats.lastSecondSent(Date.now()),
                inFlight: 0,
                sent: recorded,
                accepted: stats.accepted,
                rejected: stats.rejected,
                failed: stats.failed,
                dropped: 0,
                p99Ms: stats.recentP99Ms,
              },
            ],
          }),
        1000,
      )
    : undefined;
  try {
    for (;;) {
      const seconds = (performance.now() - startPerf) / 1000;
      if (signal?.aborted) {
        interrupted = true;
        generationSeconds = seconds;
        break;
      }
      const stopAt = spec.durationSeconds !== undefined && seconds >= spec.durationSeconds;
      const scheduledBefore = bucket.scheduled;
      const spilled = bucket.refill(stopAt ? spec.durationSeconds! : seconds);
      stats.onScheduled(bucket.scheduled - scheduledBefore, Date.now());
      if (spilled > 0) stats.onShortfall(spilled, 'cpu-bound');
      // Whole traces while the bucket allows, but never more than a slice of the event loop:
      // the SDK's batch processor and exporter need turns too, or every export times out.
      const sliceEnd = performance.now() + SLICE_MS;
      const keepingUp = (): boolean =>
        maxOutstanding === undefined || recorded - (stats.accepted + stats.rejected + stats.failed) < maxOutstanding;
      while (bucket.available >= 1 && (plan.count === undefined || recorded < plan.count) && performance.now() < sliceEnd && keepingUp()) {
        const planned = planTrace(spec.scenario, random, { index: index++, defaultService: spec.serviceName, services: spec.services });
        const take = plan.count === undefined ? planned.spans.length : Math.min(planned.spans.length, plan.count - recorded);
        const spans = recordTrace(pipeline, { ...planned, spans: planned.spans.slice(0, take) }, Date.now());
        bucket.take(take);
        recorded += spans;
        stats.onSend(spans, Date.now(), 0);
        lastSendSeconds = seconds;
      }
      if (plan.count !== undefined && recorded >= plan.count) {
        generationSeconds = lastSendSeconds;
        break;
      }
      if (stopAt) {
        generationSeconds = spec.durationSeconds!;
        break;
      }
      // Behind schedule: yield to I/O only; on schedule: sleep until more tokens accrue.
      if (bucket.available >= 1 && keepingUp()) await new Promise((resolve) => setImmediate(resolve));
      else await new Promise((resolve) => setTimeout(resolve, TICK_MS));
    }
    const drainStarted = performance.now();
    // The SDK's own shutdown waits up to the export timeout and more; --drain-timeout bounds it, as
    // in the fast engine: exports still in flight then are abandoned and counted failed.
    if (!(await withDeadline(pipeline.shutdown(), spec.drainTimeoutMs))) {
      abandoned = true;
      pipeline.abort();
      await withDeadline(pipeline.shutdown(), ABANDON_MS);
    }
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    stats.finish();
    const report = signalReport(plan, stats, Math.round(bucket.expectedBy(generationSeconds)), generationSeconds);
    // What was recorded but never reached the exporter: the SDK's silent, client-side drops.
    report.dropped = Math.max(0, report.sent - (report.accepted + report.rejected + report.failed));
    return { startedAt: startedAt.toISOString(), generationSeconds, drainSeconds, interrupted, signals: [report] };
  } finally {
    if (progress) clearInterval(progress);
    await pipeline.shutdown();
  }
}
