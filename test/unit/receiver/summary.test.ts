import { describe, expect, it } from 'vitest';
import { createStore } from '../../../src/receiver/store.js';
import { formatLiveLine, formatRefusal, formatTally } from '../../../src/receiver/summary.js';

function storeWith(services: Record<string, [number, number, number]>) {
  const store = createStore();
  for (const [service, [spans, dataPoints, logRecords]] of Object.entries(services)) {
    store.accept('traces', { total: spans, byService: new Map([[service, spans]]) });
    store.accept('metrics', { total: dataPoints, byService: new Map([[service, dataPoints]]) });
    store.accept('logs', { total: logRecords, byService: new Map([[service, logRecords]]) });
  }
  return store;
}

describe('receive summary', () => {
  it('tallies totals, a row per service and the rate', () => {
    const store = storeWith({ checkout: [1200, 60, 4], '': [1, 0, 0] });
    store.counts.requests = 9;
    const tally = formatTally(store, 2_000);
    expect(tally.split('\n')).toEqual([
      'received 1201 spans, 60 data points, 4 log records in 9 requests over 2.0 s (601 spans/s)',
      '  service            spans  data points  log records',
      '  (no service.name)      1            0            0',
      '  checkout            1200           60            4',
      '',
    ]);
  });

  it('mentions failures and rejected items only when there are some', () => {
    const store = storeWith({ api: [1, 0, 0] });
    expect(formatTally(store, 1_000)).not.toMatch(/failed|rejected/);
    store.counts.failedRequests = 2;
    store.reject('traces', 5);
    expect(formatTally(store, 1_000)).toMatch(/failed requests: 2[\s\S]*rejected items: 5 spans, 0 data points, 0 log records/);
  });

  it('shows the busiest services first on the live line, and how many more there are', () => {
    const store = storeWith({ a: [1, 0, 0], b: [50, 0, 0], c: [0, 0, 3], d: [0, 7, 0] });
    const line = formatLiveLine(store, 12.4, 2);
    expect(line).toBe('51 spans (12/s) · 7 data points · 3 log records · 0 requests · b: 50 spans · d: 7 data points · +2 more services');
  });

  it('names the transport, signal and status of a refusal', () => {
    expect(formatRefusal({ transport: 'grpc', signal: 'logs', status: 3, message: 'invalid protobuf: x', injected: false })).toBe(
      'refused an OTLP/gRPC logs request: INVALID_ARGUMENT (3) invalid protobuf: x',
    );
    expect(formatRefusal({ transport: 'http', status: 404, message: 'unknown path /v2', injected: false })).toBe(
      'refused an OTLP/HTTP request: 404 unknown path /v2',
    );
  });
});
