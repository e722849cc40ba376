/**
 * Retries of retryable export failures only (OTLP spec "Retrying"), the way the JS SDK's exporters
 * do it (otlp-exporter-base retrying-transport): at most 5 attempts, exponential backoff from 1 s
 * by 1.5× up to 5 s with ±20% jitter, and a server's RetryInfo / Retry-After taking precedence,
 * capped so that a misbehaving server cannot park a request forever.
 */
export interface RetryPolicy {
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
  multiplier: number;
  /** Fraction of the delay added or removed at random. */
  jitter: number;
  /** Longest server-requested delay honoured as is. */
  maxServerDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  initialBackoffMs: 1000,
  maxBackoffMs: 5000,
  multiplier: 1.5,
  jitter: 0.2,
  maxServerDelayMs: 30_000,
};

/** Delay before attempt `attempt + 1` after attempt `attempt` (1-based) failed retryably. */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  serverDelayMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (serverDelayMs !== undefined) return Math.min(Math.max(0, serverDelayMs), policy.maxServerDelayMs);
  const base = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * policy.multiplier ** (attempt - 1));
  const jittered = base * (1 - policy.jitter + 2 * policy.jitter * random());
  return Math.max(0, Math.round(jittered));
}
