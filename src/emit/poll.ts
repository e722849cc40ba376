/**
 * What emit's backend verification needs around the shared poll loop (src/net/poll.ts): a JSON GET
 * whose failures read in plain words, and a race of the whole wait against Ctrl-C.
 */

/** --verify-timeout (the whole wait), how often to ask, and Ctrl-C. */
export interface VerifyOptions {
  timeoutMs: number;
  intervalMs?: number;
  signal?: AbortSignal;
}

export async function fetchJson(url: string, timeoutMs: number, signal?: AbortSignal): Promise<{ status: number; body: unknown }> {
  // AbortSignal.timeout takes whole milliseconds only; the poll loop hands out what is left, a fraction.
  const timeout = AbortSignal.timeout(Math.max(100, Math.ceil(timeoutMs)));
  const response = await fetch(url, {
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    headers: { accept: 'application/json' },
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the error message
  }
  return { status: response.status, body };
}

/** Plain words for a fetch failure: fetch wraps the socket error in `cause`. */
export function describeFetchError(error: unknown, url: string): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  if (code === 'ECONNREFUSED') return `connection refused: nothing is listening on ${host}`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host name in ${host} could not be resolved`;
  if ((error as Error).name === 'TimeoutError') return `no answer from ${host} in time`;
  return `${host}: ${cause?.message ?? (error as Error).message}`;
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
