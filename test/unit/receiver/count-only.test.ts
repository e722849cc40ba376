/**
 * countOnly mode (the load benchmark's sink): exact counts per signal and service from real
 * exporters, nothing stored, faults still applied.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver } from '../../../src/receiver/index.js';
import type { ReceiverHandle } from '../../../src/receiver/types.js';
import {
  ExportResultCode,
  exportWith,
  logExporter,
  makeLogRecords,
  makeMetrics,
  makeSpans,
  metricExporter,
  PROTOCOLS,
  traceExporter,
} from './sdk-senders.js';

let receiver: ReceiverHandle | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

describe('count-only receiver', () => {
  it('counts spans, data points and log records from every protocol without storing them', async () => {
    const seen: string[] = [];
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0, countOnly: true, onItem: (signal) => void seen.push(signal) });
    const [spans, metrics, logRecords] = await Promise.all([makeSpans(), makeMetrics(), makeLogRecords()]);
    for (const protocol of PROTOCOLS) {
      const exporters = [
        await traceExporter(receiver, protocol, { gzip: true }),
        await metricExporter(receiver, protocol),
        await logExporter(receiver, protocol),
      ] as const;
      try {
        expect((await exportWith(exporters[0], spans)).code).toBe(ExportResultCode.SUCCESS);
        expect((await exportWith(exporters[1], metrics)).code).toBe(ExportResultCode.SUCCESS);
        expect((await exportWith(exporters[2], logRecords)).code).toBe(ExportResultCode.SUCCESS);
      } finally {
        await Promise.all(exporters.map((exporter) => exporter.shutdown()));
      }
    }
    const { counts, byService, spans: stored, dataPoints, logRecords: storedLogs } = receiver.received;
    expect(counts).toMatchObject({ spans: 3 * spans.length, dataPoints: 3 * 5, logRecords: 3 * logRecords.length, requests: 9 });
    expect(byService).toEqual({ checkout: { spans: counts.spans, dataPoints: counts.dataPoints, logRecords: counts.logRecords } });
    expect([stored.length, dataPoints.length, storedLogs.length, seen.length]).toEqual([0, 0, 0, 0]);
  });

  it('applies partial success to the counts', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: false, countOnly: true, faults: { partialSuccess: 1 } });
    expect(receiver.ports.http).toBeUndefined();
    const spans = await makeSpans();
    const exporter = await traceExporter(receiver, 'grpc');
    try {
      expect((await exportWith(exporter, spans)).code).toBe(ExportResultCode.SUCCESS);
    } finally {
      await exporter.shutdown();
    }
    expect(receiver.received.counts).toMatchObject({ spans: spans.length - 1, rejectedSpans: 1 });
    expect(receiver.received.byService).toEqual({ checkout: { spans: spans.length - 1, dataPoints: 0, logRecords: 0 } });
  });
});
