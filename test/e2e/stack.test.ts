/**
 * The real Collector, Jaeger v2 and Prometheus, natively on 127.0.0.1 with the shipped configs:
 * the stack comes up healthy, a trace sent over OTLP reaches Jaeger with its tree intact, a counter
 * reaches Prometheus under its translated name, and the collector counts what it accepted.
 * Plain OTLP/HTTP JSON requests (fetch) are the client here, so this file tests the stack itself.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, fetchJaegerTrace, fetchText, queryPrometheus, startStack, sumCounter, type TelemetryStack } from './helpers/stack.js';

let stack: TelemetryStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
const nowNanos = (): string => (BigInt(Date.now()) * 1_000_000n).toString();

async function postOtlp(path: string, body: unknown): Promise<number> {
  const response = await fetch(`${stack.collector.otlpHttp}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('native telemetry stack', () => {
  it('is healthy: health_check, own metrics, zpages, Jaeger query and Prometheus scraping the collector', async () => {
    expect(JSON.parse(await fetchText(stack.collector.health))).toMatchObject({ status: 'Server available' });
    expect(await fetchText(stack.collector.metrics)).toMatch(/^otelcol_process_uptime/m);
    expect(await fetchText(`${stack.collector.zpages}/debug/pipelinez`)).toContain('traces');
    expect(JSON.parse(await fetchText(`${stack.jaeger.query}/api/services`))).toHaveProperty('data');
    expect(JSON.parse(await fetchText(stack.jaeger.health))).toMatchObject({ healthy: true });
    const up = await eventually(
      async () => {
        const result = await queryPrometheus(stack.prometheus.url, 'up{job="otel-collector"}');
        return result.length > 0 && result[0].value === 1 ? result : undefined;
      },
      30_000,
      'Prometheus scraping the collector',
    );
    expect(up[0].metric.instance).toBe(`127.0.0.1:${stack.collector.ports.telemetry}`);
  });

  it('carries a trace tree to Jaeger and counts its spans as accepted', async () => {
    const acceptedBefore = sumCounter(await fetchText(stack.collector.metrics), 'otelcol_receiver_accepted_spans');
    const traceId = hex(16);
    const rootId = hex(8);
    const childId = hex(8);
    const start = nowNanos();
    const status = await postOtlp('/v1/traces', {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'stack-e2e' } }] },
          scopeSpans: [
            {
              scope: { name: 'stack.test' },
              spans: [
                { traceId, spanId: rootId, name: 'processor.process_batch', kind: 1, startTimeUnixNano: start, endTimeUnixNano: start },
                {
                  traceId,
                  spanId: childId,
                  parentSpanId: rootId,
                  name: 'processor.process_event',
                  kind: 1,
                  startTimeUnixNano: start,
                  endTimeUnixNano: start,
                },
              ],
            },
          ],
        },
      ],
    });
    expect(status).toBe(200);
    const trace = await eventually(() => fetchJaegerTrace(stack.jaeger.query, traceId), 30_000, `trace ${traceId} in Jaeger`);
    expect(trace.spans.map((span) => span.operationName).sort()).toEqual(['processor.process_batch', 'processor.process_event']);
    const child = trace.spans.find((span) => span.spanID === childId);
    expect(child?.references).toEqual([expect.objectContaining({ refType: 'CHILD_OF', spanID: rootId })]);
    expect(Object.values(trace.processes).map((p) => p.serviceName)).toEqual(['stack-e2e']);
    const acceptedAfter = sumCounter(await fetchText(stack.collector.metrics), 'otelcol_receiver_accepted_spans');
    expect(acceptedAfter - acceptedBefore).toBe(2);
  });

  it('exposes a counter to Prometheus under its translated name', async () => {
    const run = hex(4);
    const now = nowNanos();
    const status = await postOtlp('/v1/metrics', {
      resourceMetrics: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'stack-e2e' } }] },
          scopeMetrics: [
            {
              scope: { name: 'stack.test' },
              metrics: [
                {
                  name: 'processor.events.processed',
                  unit: '1',
                  sum: {
                    aggregationTemporality: 2,
                    isMonotonic: true,
                    dataPoints: [
                      { asInt: '42', startTimeUnixNano: now, timeUnixNano: now, attributes: [{ key: 'run', value: { stringValue: run } }] },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
    });
    expect(status).toBe(200);
    const result = await eventually(
      async () => {
        const found = await queryPrometheus(stack.prometheus.url, `processor_events_processed_total{run="${run}"}`);
        return found.length > 0 ? found : undefined;
      },
      30_000,
      'processor_events_processed_total in Prometheus',
    );
    expect(result[0].value).toBe(42);
    expect(result[0].metric.job).toBe('stack-e2e');
  });

  it('starts a collector variant that requires a bearer token', async () => {
    const secured = await stack.startCollector({ bearerToken: 'e2e-token' });
    try {
      const post = (headers: Record<string, string>) =>
        fetch(`${secured.otlpHttp}/v1/traces`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: '{"resourceSpans":[]}',
        }).then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        });
      expect(await post({})).toBe(401);
      expect(await post({ authorization: 'Bearer wrong' })).toBe(401);
      expect(await post({ authorization: 'Bearer e2e-token' })).toBe(200);
    } finally {
      await secured.stop();
    }
    await expect(fetch(secured.health)).rejects.toThrow();
  });
});
