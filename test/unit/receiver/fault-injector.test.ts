import { describe, expect, it } from 'vitest';
import { createFaultInjector } from '../../../src/receiver/faults.js';
import { failureFromFaultName } from '../../../src/receiver/export-outcome.js';

function sequence(...values: number[]): () => number {
  let index = 0;
  return () => values[index++ % values.length]!;
}

describe('fault injector', () => {
  it('fails a request when the random draw is under the reject ratio', () => {
    const injector = createFaultInjector({ rejectRatio: 0.5 }, sequence(0.1, 0.9, 0.49, 0.5));
    expect([injector.next(), injector.next(), injector.next(), injector.next()].map((outcome) => outcome?.failure)).toEqual([
      'unavailable',
      undefined,
      'unavailable',
      undefined,
    ]);
  });

  it('fails only the first N requests with failFirst, whatever the ratio', () => {
    const injector = createFaultInjector({ failFirst: 2, rejectRatio: 1, failWith: '429' }, () => 0);
    expect([injector.next()?.failure, injector.next()?.failure, injector.next()]).toEqual([
      'resource-exhausted',
      'resource-exhausted',
      undefined,
    ]);
  });

  it('fails every request when only failWith is given', () => {
    const injector = createFaultInjector({ failWith: '401' });
    expect(injector.next()?.failure).toBe('unauthenticated');
    expect(injector.next()?.failure).toBe('unauthenticated');
  });

  it('lets everything through without faults', () => {
    expect(createFaultInjector({}).next()).toBeUndefined();
  });

  it('attaches a retry delay only to throttling failures', () => {
    expect(createFaultInjector({ failWith: '503', retryAfterSeconds: 4 }).next()?.retryAfterSeconds).toBe(4);
    expect(createFaultInjector({ failWith: 'unauthenticated', retryAfterSeconds: 4 }).next()?.retryAfterSeconds).toBeUndefined();
  });

  it('rejects at most the request size through partial success', () => {
    const injector = createFaultInjector({ partialSuccess: 5 });
    expect(injector.partiallyRejected(3)).toBe(3);
    expect(injector.partiallyRejected(10)).toBe(5);
    expect(createFaultInjector({}).partiallyRejected(10)).toBe(0);
  });

  it('maps gRPC- and HTTP-flavoured names onto one failure', () => {
    expect(failureFromFaultName('503')).toBe(failureFromFaultName('unavailable'));
    expect(failureFromFaultName('429')).toBe(failureFromFaultName('resource-exhausted'));
    expect(failureFromFaultName(undefined)).toBe('unavailable');
  });
});
