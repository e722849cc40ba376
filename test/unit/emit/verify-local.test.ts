import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../../src/receiver/index.js';
import type { ReceiverHandle } from '../../../src/receiver/types.js';
import { createExportLedger } from '../../../src/sdk/export-ledger.js';
import { createSdkPipeline } from '../../../src/sdk/pipeline.js';
import { verifyLocal } from '../../../src/emit/verify-local.js';
import { effectiveConfig } from '../sdk/config-fixture.js';

let receiver: ReceiverHandle;
let elsewhere: ReceiverHandle;
let ledger: ReturnType<typeof createExportLedger>;

beforeAll(async () => {
  receiver = await startReceiver({ grpcPort: false, httpPort: 0 });
  elsewhere = await startReceiver({ grpcPort: false, httpPort: 0 });
  ledger = createExportLedger({ keepItems: true });
  const pipeline = createSdkPipeline(effectiveConfig({ endpoint: `http://127.0.0.1:${receiver.ports.http}`, serviceName: 'verify' }), {
    signals: ['traces', 'metrics', 'logs'],
    ledger,
    metricExport: 'on-flush',
  });
  try {
    const parent = pipeline.tracer().startSpan('parent', { attributes: { a: 1 } });
    parent.addEvent('checked', { 'check.step': 'one' });
    parent.setStatus({ code: 2, message: 'it broke' });
    parent.end();
    pipeline.meterProvider!.getMeter('v').createHistogram('verify.duration', { unit: 'ms' }).record(4, { op: 'x' });
    pipeline
      .loggerProvider!.getLogger('v')
      .emit({ body: 'hello', severityNumber: 9, severityText: 'INFO', attributes: { 'log.step': 'one' } });
    await pipeline.flush();
  } finally {
    await pipeline.shutdown();
  }
});
afterAll(async () => {
  await Promise.all([receiver?.stop(), elsewhere?.stop()]);
});

describe('verifyLocal', () => {
  it('finds every delivered item intact', async () => {
    const result = await verifyLocal(ledger, receiver.received, 2000);
    expect(result.spans).toEqual({ expected: 1, found: 1, problems: [] });
    expect(result.dataPoints).toEqual({ expected: 1, found: 1, problems: [] });
    expect(result.logRecords).toEqual({ expected: 1, found: 1, problems: [] });
  });

  it('names what is missing when the items went elsewhere', async () => {
    const result = await verifyLocal(ledger, elsewhere.received, 50);
    expect(result.spans.found).toBe(0);
    expect(result.spans.problems[0]).toMatch(/^span parent [0-9a-f]{16}: missing$/);
    expect(result.dataPoints.problems[0]).toMatch(/verify\.duration\{op=x\}@\d+: missing/);
    expect(result.logRecords.problems[0]).toMatch(/log record "hello"/);
  });

  it('notices a span that arrived changed', async () => {
    const span = receiver.received.spans[0]!;
    const original = span.attributes;
    span.attributes = { a: 2 };
    try {
      const result = await verifyLocal(ledger, receiver.received, 50);
      expect(result.spans.found).toBe(0);
      expect(result.spans.problems[0]).toMatch(/attributes/);
    } finally {
      span.attributes = original;
    }
  });

  // Each change is one a broken encoder or decoder could make; each must be noticed.
  const changes: Array<[string, (store: ReceiverHandle['received']) => () => void, 'spans' | 'dataPoints' | 'logRecords', RegExp]> = [
    ['an event attribute', (store) => swap(store.spans[0]!.events[0]!, 'attributes', { 'check.step': 'two' }), 'spans', /events/],
    ['the status message', (store) => swap(store.spans[0]!, 'status', { code: 'error', message: '' }), 'spans', /status/],
    [
      'the resource',
      (store) => swap(store.spans[0]!, 'resource', { ...store.spans[0]!.resource, 'service.name': 'other' }),
      'spans',
      /origin/,
    ],
    ['the scope', (store) => swap(store.dataPoints[0]!, 'scope', { name: 'other' }), 'dataPoints', /origin/],
    [
      'histogram bucket counts',
      (store) =>
        swap(
          store.dataPoints[0]!,
          'bucketCounts',
          store.dataPoints[0]!.bucketCounts!.map(() => 0),
        ),
      'dataPoints',
      /bucket counts/,
    ],
    ['histogram min', (store) => swap(store.dataPoints[0]!, 'min', 5), 'dataPoints', /min/],
    ['a log attribute', (store) => swap(store.logRecords[0]!, 'attributes', { 'log.step': 'two' }), 'logRecords', /missing or changed/],
    ['the severity text', (store) => swap(store.logRecords[0]!, 'severityText', 'WARN'), 'logRecords', /missing or changed/],
  ];
  it.each(changes)('notices when %s arrived changed', async (_what, change, check, problem) => {
    const restore = change(receiver.received);
    try {
      const result = await verifyLocal(ledger, receiver.received, 50);
      expect(result[check].found).toBe(0);
      expect(result[check].problems[0]).toMatch(problem);
    } finally {
      restore();
    }
  });
});

/** Replace one field of a received item; returns how to put it back. */
function swap<T extends object, K extends keyof T>(item: T, key: K, value: T[K]): () => void {
  const original = item[key];
  item[key] = value;
  return () => {
    item[key] = original;
  };
}
