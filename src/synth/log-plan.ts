/**
 * Log records that accompany a planned trace, a step beyond the stream-processor telemetry guide: the
 * processor logs when an event arrives and when it is done, and logs every failure with the exception. Each
 * record names the span it is emitted in, so the consumer emits it inside that span's context and the record
 * carries its trace and span ids
 * (https://opentelemetry.io/docs/specs/otel/logs/data-model/#trace-context-fields). Severity numbers are the
 * data model's: DEBUG 5, INFO 9, WARN 13, ERROR 17.
 */
import type { PlannedLogRecord, PlannedTrace } from './types.js';

const SEVERITY = { DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17 } as const;

export function planLogRecords(trace: PlannedTrace): PlannedLogRecord[] {
  const root = trace.spans[0]!;
  const eventId = String(root.attributes['event.id'] ?? trace.index);
  const common = {
    'event.id': eventId,
    ...(root.attributes['event.type'] !== undefined ? { 'event.type': root.attributes['event.type'] } : {}),
  };
  const out: PlannedLogRecord[] = [
    {
      spanIndex: 0,
      offsetNs: 0,
      severityNumber: SEVERITY.INFO,
      severityText: 'INFO',
      body: `received event ${eventId}`,
      attributes: { ...common },
    },
  ];
  trace.spans.forEach((span, spanIndex) => {
    if (span.role === 'deduplicate' && span.attributes['dedup.duplicate'] === true) {
      out.push({
        spanIndex,
        offsetNs: Math.round(span.durationNs / 2),
        severityNumber: SEVERITY.DEBUG,
        severityText: 'DEBUG',
        body: `duplicate event ${eventId} skipped`,
        attributes: { ...common },
      });
    }
    if (span.exception) {
      out.push({
        spanIndex,
        offsetNs: span.durationNs,
        severityNumber: SEVERITY.ERROR,
        severityText: 'ERROR',
        body: `${span.name} failed: ${span.exception.message}`,
        // Semantic conventions "exceptions in logs": exception.type and exception.message.
        attributes: { ...common, 'exception.type': span.exception.type, 'exception.message': span.exception.message },
      });
    }
  });
  const failed = root.status.code === 'error';
  out.push({
    spanIndex: 0,
    offsetNs: root.durationNs,
    severityNumber: failed ? SEVERITY.WARN : SEVERITY.INFO,
    severityText: failed ? 'WARN' : 'INFO',
    body: failed ? `event ${eventId} dropped` : `event ${eventId} processed`,
    attributes: { ...common, 'processing.duration_ms': Math.round(root.durationNs / 1000) / 1000 },
  });
  return out;
}
