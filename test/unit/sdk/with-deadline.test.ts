import { describe, expect, it } from 'vitest';
import { withDeadline } from '../../../src/sdk/pipeline.js';

const settleLater = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('withDeadline', () => {
  it('is true when the work settles first and false when the deadline passes first', async () => {
    expect(await withDeadline(settleLater(5), 60_000)).toBe(true);
    expect(await withDeadline(new Promise(() => undefined), 10)).toBe(false);
  });

  it('counts a rejected work as settled', async () => {
    expect(await withDeadline(Promise.reject(new Error('export failed')), 60_000)).toBe(true);
  });

  it('waits for the work under a deadline longer than a Node timer holds (an OTLP timeout of 3e9 ms)', async () => {
    expect(await withDeadline(settleLater(50), 3_000_000_000)).toBe(true);
  });
});
