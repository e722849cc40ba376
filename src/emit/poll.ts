/**
 * What emit's waits share around the poll loop (src/net/poll.ts): the options of a backend
 * verification, and a race of the flush against Ctrl-C.
 */

/** --verify-timeout (the whole wait), how often to ask, and Ctrl-C. */
export interface VerifyOptions {
  timeoutMs: number;
  intervalMs?: number;
  signal?: AbortSignal;
}

/** `work`'s boolean result, or false as soon as `signal` aborts. */
export async function untilAborted(work: Promise<boolean>, signal: AbortSignal | undefined): Promise<boolean> {
  if (!signal) return work;
  if (signal.aborted) return false;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<boolean>((resolve) => {
    onAbort = () => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
  }
}
