import { describe, expect, it } from 'vitest';
import { createStore } from '../../../src/receiver/store.js';

const spans = (total: number, service = 'svc') => ({ total, byService: new Map([[service, total]]) });

describe('received store', () => {
  it('resolves waitFor at once when the predicate already holds', async () => {
    const store = createStore();
    store.accept('traces', spans(3));
    await expect(store.waitFor((s) => s.counts.spans === 3, 1)).resolves.toBeUndefined();
  });

  it('resolves waitFor when a later request makes the predicate true', async () => {
    const store = createStore();
    const waiting = store.waitFor((s) => s.counts.spans >= 5, 60_000);
    store.accept('traces', spans(2));
    store.settle();
    store.accept('traces', spans(3, 'other'));
    store.settle();
    await expect(waiting).resolves.toBeUndefined();
    expect(store.byService).toEqual({ svc: { spans: 2, dataPoints: 0, logRecords: 0 }, other: { spans: 3, dataPoints: 0, logRecords: 0 } });
  });

  it('rejects waitFor after the timeout, saying what did arrive', async () => {
    const store = createStore();
    store.accept('logs', { total: 1, byService: new Map([['svc', 1]]) });
    await expect(store.waitFor((s) => s.counts.spans > 0, 1)).rejects.toThrow(
      /timed out after 1 ms .* 0 spans, 0 data points, 1 log records/,
    );
  });

  it('rejects pending waiters when the receiver stops, and when the predicate throws', async () => {
    const store = createStore();
    const stopped = store.waitFor(() => false, 60_000);
    store.close();
    await expect(stopped).rejects.toThrow(/stopped/);
    const broken = store.waitFor((s) => {
      if (s.counts.spans > 0) throw new Error('bad predicate');
      return false;
    }, 60_000);
    store.accept('traces', spans(1));
    store.settle();
    await expect(broken).rejects.toThrow('bad predicate');
  });

  it('stores items only when given, and counts rejected items per signal', () => {
    const store = createStore();
    store.accept('metrics', { total: 2, byService: new Map([['svc', 2]]) });
    store.reject('metrics', 4);
    expect(store.dataPoints).toHaveLength(0);
    expect(store.counts).toMatchObject({ dataPoints: 2, rejectedDataPoints: 4 });
  });
});
