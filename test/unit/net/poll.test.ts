import { describe, expect, it } from 'vitest';
import { pollUntil } from '../../../src/net/poll.js';

describe('pollUntil', () => {
  it('stops at the first attempt that reports done', async () => {
    let calls = 0;
    const { last } = await pollUntil(async () => ({ done: ++calls === 3, calls }), { timeoutMs: 60_000, intervalMs: 1 });
    expect(last).toEqual({ done: true, calls: 3 });
    expect(calls).toBe(3);
  });

  it('gives each attempt only the time that is left, and none after the deadline', async () => {
    const given: number[] = [];
    const { last } = await pollUntil(
      async (remainingMs) => {
        given.push(remainingMs);
        return { done: false };
      },
      { timeoutMs: 200, intervalMs: 20 },
    );
    expect(last.done).toBe(false);
    expect(given.length).toBeGreaterThan(1);
    expect(given[0]).toBe(200);
    for (const [i, remaining] of given.entries()) {
      expect(remaining).toBeGreaterThan(0);
      if (i > 0) expect(remaining).toBeLessThan(given[i - 1]!);
    }
  });

  it('ends the wait when the signal aborts', async () => {
    const controller = new AbortController();
    let calls = 0;
    const { last } = await pollUntil(
      async () => {
        if (++calls === 2) controller.abort();
        return { done: false };
      },
      { timeoutMs: 600_000, intervalMs: 10, signal: controller.signal },
    );
    expect(last.done).toBe(false);
    expect(calls).toBe(2);
  });
});
