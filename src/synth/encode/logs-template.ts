/**
 * ExportLogsServiceRequest templates (opentelemetry/proto/logs/v1/logs.proto) for --logs-rate: the
 * processor's log records planned from span trees (src/synth/log-plan.ts), each correlated with a
 * trace and span id (logs data model "Trace Context Fields") that are fresh per request, with
 * timestamp and observed timestamp "now".
 */
import type { AttributeValue } from '../../otlp/types.js';
import { planLogRecords } from '../log-plan.js';
import type { PlannedLogRecord, PlannedTrace } from '../types.js';
import { attributesJson, encodeAnyValue, writeAttributes } from '../../otlp/encode/attributes.js';
import { JsonPlaceholders } from '../../otlp/encode/json-placeholders.js';
import { ProtoWriter } from '../../otlp/encode/proto-writer.js';
import { compileTemplate, type RequestTemplate, type TemplateFormat } from '../../otlp/encode/template.js';

const SAMPLED = 1;

interface PlacedRecord {
  record: PlannedLogRecord;
  service: string;
  traceSlot: number;
  spanSlot: number;
  offsetNs: number;
}

export interface LogsTemplateInput {
  /** Exactly this many records; traces are planned until there are enough. */
  records: number;
  nextTrace: () => PlannedTrace;
  format: TemplateFormat;
  resource: Record<string, AttributeValue>;
  scope: { name: string; version: string };
}

function place(input: LogsTemplateInput): { placed: PlacedRecord[]; traceSlots: number; spanSlots: number; durationNs: number } {
  const placed: PlacedRecord[] = [];
  let traceSlots = 0;
  let spanSlots = 0;
  let durationNs = 1;
  while (placed.length < input.records) {
    const trace = input.nextTrace();
    const traceSlot = traceSlots++;
    const first = spanSlots;
    spanSlots += trace.spans.length;
    for (const record of planLogRecords(trace)) {
      if (placed.length >= input.records) break;
      const span = trace.spans[record.spanIndex]!;
      const offsetNs = span.startOffsetNs + Math.min(record.offsetNs, span.durationNs);
      durationNs = Math.max(durationNs, offsetNs);
      placed.push({ record, service: span.service, traceSlot, spanSlot: first + record.spanIndex, offsetNs });
    }
  }
  return { placed, traceSlots, spanSlots, durationNs };
}

export function buildLogsTemplate(input: LogsTemplateInput): RequestTemplate {
  const { placed, traceSlots, spanSlots, durationNs } = place(input);
  const byService = new Map<string, PlacedRecord[]>();
  for (const p of placed) byService.set(p.service, [...(byService.get(p.service) ?? []), p]);
  const common = { signal: 'logs' as const, items: placed.length, traceSlots, spanSlots, durationNs };
  if (input.format === 'protobuf') {
    const request = new ProtoWriter();
    for (const [service, records] of byService) {
      const scopeLogs = new ProtoWriter().message(1, new ProtoWriter().string(1, input.scope.name).string(2, input.scope.version));
      for (const p of records) {
        const w = new ProtoWriter().patchedTime(1, p.offsetNs).varint(2, p.record.severityNumber).string(3, p.record.severityText);
        w.message(5, encodeAnyValue(p.record.body));
        writeAttributes(w, 6, p.record.attributes);
        w.fixed32(8, SAMPLED).patchedId(9, 'trace', p.traceSlot).patchedId(10, 'span', p.spanSlot).patchedTime(11, p.offsetNs);
        scopeLogs.message(2, w);
      }
      const resource = new ProtoWriter();
      writeAttributes(resource, 1, { ...input.resource, 'service.name': service });
      request.message(1, new ProtoWriter().message(1, resource).message(2, scopeLogs));
    }
    return compileTemplate({ ...common, format: 'protobuf', bytes: request.finish(), patches: request.patches });
  }
  const ph = new JsonPlaceholders();
  const document = {
    resourceLogs: [...byService].map(([service, records]) => ({
      resource: { attributes: attributesJson({ ...input.resource, 'service.name': service }) },
      scopeLogs: [
        {
          scope: input.scope,
          logRecords: records.map((p) => ({
            timeUnixNano: ph.time(p.offsetNs),
            observedTimeUnixNano: ph.time(p.offsetNs),
            severityNumber: p.record.severityNumber,
            severityText: p.record.severityText,
            body: { stringValue: p.record.body },
            attributes: attributesJson(p.record.attributes),
            flags: SAMPLED,
            traceId: ph.traceId(p.traceSlot),
            spanId: ph.spanId(p.spanSlot),
          })),
        },
      ],
    })),
  };
  const { bytes, patches } = ph.finish(document);
  return compileTemplate({ ...common, format: 'json', bytes, patches });
}
