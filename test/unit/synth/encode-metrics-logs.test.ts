import { describe, expect, it } from 'vitest';
import { IdSource } from '../../../src/otlp/encode/id-source.js';
import { buildLogsTemplate } from '../../../src/synth/encode/logs-template.js';
import { buildMetricsTemplate } from '../../../src/synth/encode/metrics-template.js';
import { Stamper } from '../../../src/otlp/encode/stamp.js';
import { createRandom } from '../../../src/synth/random.js';
import { decode, hex, type MetricsRequest } from '../otlp/encode-schema.js';
import { sampleTrace } from '../otlp/encode-fixtures.js';

const scope = { name: 'otel-proc', version: '0.1.0' };

describe('metrics template', () => {
  it('holds exactly the asked number of data points, delta over one second ending now', () => {
    const template = buildMetricsTemplate({
      points: 20,
      format: 'protobuf',
      resource: { 'service.name': 's' },
      scope,
      random: createRandom(1),
    });
    const body = Buffer.from(template.bytes);
    const now = Date.now();
    new Stamper(new IdSource()).stamp(template, body, now);
    const metrics = decode('ExportMetricsServiceRequest', body).resourceMetrics[0].scopeMetrics[0].metrics;
    const points = metrics.flatMap((m) => (m.sum ?? m.gauge ?? m.histogram)!.dataPoints);
    expect(points).toHaveLength(20);
    const counter = metrics.find((m) => m.name === 'processor.events.processed')!.sum!;
    expect(counter.aggregationTemporality).toBe(1);
    expect(counter.isMonotonic).toBe(true);
    expect(counter.dataPoints[0].timeUnixNano).toBe(String(BigInt(now) * 1_000_000n));
    expect(counter.dataPoints[0].startTimeUnixNano).toBe(String(BigInt(now) * 1_000_000n - 1_000_000_000n));
    const histogram = metrics.find((m) => m.name === 'processor.processing.duration')!;
    const h = histogram.histogram!.dataPoints[0];
    expect(h.bucketCounts.map(Number).reduce((a: number, b: number) => a + b, 0)).toBe(Number(h.count));
    expect(histogram.unit).toBe('ms');
  });

  it('is valid OTLP/JSON with the same shape', () => {
    const template = buildMetricsTemplate({ points: 9, format: 'json', resource: {}, scope, random: createRandom(1) });
    const body = Buffer.from(template.bytes);
    new Stamper(new IdSource()).stamp(template, body, 1_764_000_000_000);
    const metrics = (JSON.parse(body.toString()) as MetricsRequest).resourceMetrics[0].scopeMetrics[0].metrics;
    expect(metrics.flatMap((m) => (m.sum ?? m.gauge ?? m.histogram)!.dataPoints)).toHaveLength(9);
    expect(metrics[0].sum!.dataPoints[0].timeUnixNano).toBe('1764000000000000000');
  });
});

describe('logs template', () => {
  it('correlates every record with a trace and span id that are fresh per request', () => {
    const template = buildLogsTemplate({ records: 10, nextTrace: () => sampleTrace(true), format: 'protobuf', resource: {}, scope });
    const stamper = new Stamper(new IdSource());
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const body = Buffer.from(template.bytes);
      stamper.stamp(template, body, Date.now());
      const records = decode('ExportLogsServiceRequest', body).resourceLogs.flatMap((rl) => rl.scopeLogs.flatMap((sl) => sl.logRecords));
      expect(records).toHaveLength(10);
      for (const record of records) {
        expect(hex(record.traceId)).toHaveLength(32);
        expect(hex(record.spanId)).toHaveLength(16);
        expect(record.observedTimeUnixNano).toBe(record.timeUnixNano);
        seen.add(hex(record.traceId));
      }
      expect(records.some((r) => r.severityText === 'ERROR')).toBe(true);
    }
    expect(seen.size).toBe(3 * template.traceSlots);
  });
});
