/**
 * Senders for the terminal fuzzer: telemetry whose every sender-controlled string (service.name,
 * scope name, span name, attribute keys and values, log bodies, metric names) carries hostile text,
 * sent by the real OpenTelemetry JS exporters (any protocol) or as a raw OTLP/JSON POST, which can
 * also carry what the SDK would refuse (a metric name with escape sequences).
 */
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { OtlpProtocol } from '../../src/config/types.js';
import type { ReceiverHandle } from '../../src/receiver/types.js';
import { exportWith, logExporter, traceExporter } from '../unit/receiver/sdk-senders.js';

/** The strings a sender controls, each hostile. */
export interface HostileFields {
  service: string;
  scope: string;
  span: string;
  attributeKey: string;
  attributeValue: string;
  logBody: string;
  metric: string;
}

/** Spans and log records made by the real SDK, exported with its exporter over `protocol`. */
export async function sendWithSdk(target: ReceiverHandle, protocol: OtlpProtocol, fields: HostileFields): Promise<void> {
  const resource = resourceFromAttributes({ 'service.name': fields.service });
  const spans = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(spans)] });
  tracerProvider
    .getTracer(fields.scope)
    .startSpan(fields.span, { attributes: { [fields.attributeKey]: fields.attributeValue } })
    .end();
  await tracerProvider.forceFlush();
  const logs = new InMemoryLogRecordExporter();
  const loggerProvider = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter: logs })] });
  loggerProvider.getLogger(fields.scope).emit({ body: fields.logBody, attributes: { [fields.attributeKey]: fields.attributeValue } });
  await loggerProvider.forceFlush();
  const spanExporter = await traceExporter(target, protocol, { timeoutMillis: 5_000 });
  const logExporterInstance = await logExporter(target, protocol, { timeoutMillis: 5_000 });
  try {
    await exportWith(spanExporter, spans.getFinishedSpans());
    await exportWith(logExporterInstance, logs.getFinishedLogRecords());
  } finally {
    await Promise.all([spanExporter.shutdown(), logExporterInstance.shutdown(), tracerProvider.shutdown(), loggerProvider.shutdown()]);
  }
}

const attribute = (key: string, value: string): object => ({ key, value: { stringValue: value } });

/** The three OTLP/JSON request bodies (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding). */
export function hostileOtlpJson(fields: HostileFields): Record<'traces' | 'metrics' | 'logs', object> {
  const resource = { attributes: [attribute('service.name', fields.service)] };
  const scope = { name: fields.scope, version: fields.attributeValue };
  const now = `${Date.now()}000000`;
  return {
    traces: {
      resourceSpans: [
        {
          resource,
          scopeSpans: [
            {
              scope,
              spans: [
                {
                  traceId: '5b8efff798038103d269b633813fc60c',
                  spanId: 'eee19b7ec3c1b174',
                  name: fields.span,
                  kind: 1,
                  startTimeUnixNano: now,
                  endTimeUnixNano: now,
                  attributes: [attribute(fields.attributeKey, fields.attributeValue)],
                  status: { code: 2, message: fields.logBody },
                },
              ],
            },
          ],
        },
      ],
    },
    metrics: {
      resourceMetrics: [
        {
          resource,
          scopeMetrics: [
            {
              scope,
              metrics: [
                {
                  name: fields.metric,
                  unit: fields.attributeValue,
                  description: fields.logBody,
                  gauge: {
                    dataPoints: [{ asDouble: 1, timeUnixNano: now, attributes: [attribute(fields.attributeKey, fields.attributeValue)] }],
                  },
                },
              ],
            },
          ],
        },
      ],
    },
    logs: {
      resourceLogs: [
        {
          resource,
          scopeLogs: [
            {
              scope,
              logRecords: [
                {
                  timeUnixNano: now,
                  severityText: fields.attributeValue,
                  body: { stringValue: fields.logBody },
                  attributes: [attribute(fields.attributeKey, fields.attributeValue)],
                },
              ],
            },
          ],
        },
      ],
    },
  };
}

/** POSTs the raw bodies, and one that is not JSON at all, whose parser error may quote it. */
export async function sendRawJson(httpPort: number, fields: HostileFields): Promise<void> {
  const bodies = hostileOtlpJson(fields);
  // The broken one first: the receiver may stop (--max-items) once the good ones are in.
  await fetch(`http://127.0.0.1:${httpPort}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"resourceSpans": [${fields.span}`,
  });
  for (const signal of ['traces', 'metrics', 'logs'] as const) {
    await fetch(`http://127.0.0.1:${httpPort}/v1/${signal}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(bodies[signal]),
    });
  }
}
