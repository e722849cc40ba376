import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { describeFetchError, fetchJson } from '../../../src/emit/poll.js';

/** A port that nothing listens on any more. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('fetchJson', () => {
  it('takes the fractional time left that the poll loop hands out, and fails in plain words', async () => {
    const port = await closedPort();
    // Before: AbortSignal.timeout(987.5) threw 'The value of "delay" is out of range', which every
    // retry after the first showed instead of the real reason.
    const error = await fetchJson(`http://127.0.0.1:${port}/api/traces/x`, 987.5).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(describeFetchError(error, `http://127.0.0.1:${port}`)).toBe(`connection refused: nothing is listening on 127.0.0.1:${port}`);
  });
});
