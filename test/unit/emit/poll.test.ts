import { describe, expect, it } from 'vitest';
import { describeFetchError, fetchJson } from '../../../src/emit/poll.js';

describe('fetchJson', () => {
  it('takes the fractional time left that the poll loop hands out, and fails in plain words', async () => {
    // Before: AbortSignal.timeout(987.5) threw 'The value of "delay" is out of range', which every
    // retry after the first showed instead of the real reason.
    const error = await fetchJson('http://127.0.0.1:1/api/traces/x', 987.5).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(describeFetchError(error, 'http://127.0.0.1:1')).toBe('connection refused: nothing is listening on 127.0.0.1:1');
  });
});
