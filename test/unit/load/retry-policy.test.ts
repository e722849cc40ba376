import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../../src/load/retry-policy.js';

describe('retryDelayMs', () => {
  it('backs off exponentially with bounded jitter, capped', () => {
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, undefined, () => 0.5)).toBe(1000);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 2, undefined, () => 0.5)).toBe(1500);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 10, undefined, () => 0.5)).toBe(5000);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, undefined, () => 0)).toBe(800);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, undefined, () => 0.999999)).toBe(1200);
  });

  it('prefers the server-requested delay, within a cap', () => {
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, 3000)).toBe(3000);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, 3_600_000)).toBe(30_000);
  });
});
