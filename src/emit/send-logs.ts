/**
 * Emits the planned log records through the SDK's logs API (the Logs Bridge API), each inside the context of
 * its span, so the SDK stamps the record with that span's trace id, span id and flags
 * (https://opentelemetry.io/docs/specs/otel/logs/data-model/#trace-context-fields). Records of unsampled
 * traces still carry the ids: logs are not sampled, and correlation must not depend on it.
 */
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { AnyValueMap } from '@opentelemetry/api-logs';
import type { SdkPipeline } from '../sdk/pipeline.js';
import type { PlannedLogRecord, PlannedTrace } from '../synth/types.js';
import type { SendPacing, SentTrace } from './send-traces.js';
import { toHrTime } from './time.js';

/** Returns how many records were emitted. */
export async function sendLogs(
  pipeline: SdkPipeline,
  plans: readonly PlannedTrace[],
  logPlans: readonly PlannedLogRecord[][],
  sent: readonly SentTrace[] | undefined,
  traceStartsNs: readonly bigint[],
  pacing?: SendPacing,
): Promise<number> {
  if (!pipeline.loggerProvider) return 0;
  let count = 0;
  let sinceFlush = 0;
  for (const [t, records] of logPlans.entries()) {
    if (pacing?.stopped?.()) break;
    const plan = plans[t]!;
    for (const record of records) {
      // Counted per record, so that the records of one large trace cannot overflow the queue either.
      if (pacing && sinceFlush >= pacing.everySpans) {
        await pacing.flush();
        sinceFlush = 0;
      }
      sinceFlush++;
      const span = plan.spans[record.spanIndex]!;
      const spanContext = sent?.[t]?.spanContexts[record.spanIndex];
      const time = toHrTime(traceStartsNs[t]! + BigInt(span.startOffsetNs + record.offsetNs));
      // Each record comes from the service whose span it belongs to, like the span itself.
      pipeline.logger(span.service).emit({
        timestamp: time,
        observedTimestamp: time,
        severityNumber: record.severityNumber,
        severityText: record.severityText,
        body: record.body,
        attributes: record.attributes as AnyValueMap,
        // Without traces there are no spans to correlate with: the records go out uncorrelated.
        context: spanContext ? trace.setSpanContext(ROOT_CONTEXT, spanContext) : ROOT_CONTEXT,
      });
      count++;
    }
  }
  return count;
}
