/**
 * Fault injection: decides, request by request, whether to answer with an injected failure, so
 * clients' retry and backpressure handling can be exercised against a real server.
 */
import { failureFromFaultName, carriesRetryDelay, type ExportOutcome } from './export-outcome.js';
import type { FaultOptions } from './types.js';

export interface FaultInjector {
  /** The injected failure for the next request, or undefined to let it through. */
  next(): Extract<ExportOutcome, { ok: false }> | undefined;
  /** Items to report rejected through partial_success in a request of `total` items. */
  partiallyRejected(total: number): number;
}

export function createFaultInjector(faults: FaultOptions = {}, random: () => number = Math.random): FaultInjector {
  const failure = failureFromFaultName(faults.failWith);
  let requestsSeen = 0;
  const shouldFail = (): boolean => {
    requestsSeen += 1;
    // failFirst wins: the first N requests fail, every later one succeeds (retry tests).
    if (faults.failFirst !== undefined) return requestsSeen <= faults.failFirst;
    if (faults.rejectRatio !== undefined) return faults.rejectRatio > 0 && random() < faults.rejectRatio;
    // --fail-with alone means every request fails.
    return faults.failWith !== undefined;
  };
  return {
    next() {
      if (!shouldFail()) return undefined;
      const outcome: Extract<ExportOutcome, { ok: false }> = {
        ok: false,
        failure,
        message: `injected failure (${failure})`,
        injected: true,
      };
      if (faults.retryAfterSeconds !== undefined && carriesRetryDelay(failure)) outcome.retryAfterSeconds = faults.retryAfterSeconds;
      return outcome;
    },
    partiallyRejected(total) {
      return Math.min(total, Math.max(0, Math.floor(faults.partialSuccess ?? 0)));
    },
  };
}
