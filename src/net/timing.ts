/**
 * Small helpers every network probe shares: a monotonic stopwatch and a promise race against a
 * timeout and an abort signal, so no probe can outlive the doctor's --timeout.
 */
import { performance } from 'node:perf_hooks';

/** Longest delay a Node timer holds (2^31 − 1 ms); a longer one fires after 1 ms instead. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export function stopwatch(): () => number {
  const start = performance.now();
  return () => Math.round((performance.now() - start) * 10) / 10;
}

export class ProbeTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'ProbeTimeoutError';
  }
}

/**
 * Resolves with `work` or rejects with ProbeTimeoutError after `timeoutMs`; `onTimeout` lets the
 * caller destroy the socket it was waiting on, so nothing keeps the event loop alive afterwards.
 */
export function withTimeout<T>(work: Promise<T>, timeoutMs: number, onTimeout?: () => void, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      reject(new ProbeTimeoutError(timeoutMs));
    }, timeoutMs);
    const onAbort = (): void => {
      clearTimeout(timer);
      onTimeout?.();
      reject(signal?.reason instanceof Error ? signal.reason : new Error('interrupted'));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** The errno-style code of a Node network error, when it has one. */
export function errorCode(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
    return (error as { code: string }).code;
  }
  return undefined;
}
