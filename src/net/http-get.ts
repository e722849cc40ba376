/**
 * The one bounded HTTP GET for the peers around the pipeline: the collector's health_check and
 * metrics endpoints, Jaeger's and Prometheus' query APIs (src/backends/). Never throws: failures
 * come back classified, with plain words that name the host and never the URL's credentials.
 */
import http from 'node:http';
import https from 'node:https';
import { connectFailureOf, describeConnectFailure, type ConnectFailure } from './connect-failure.js';
import { errorCode, stopwatch } from './timing.js';
import { classifyTlsError } from './tls.js';

export type HttpGetResult =
  | { ok: true; status: number; headers: http.IncomingHttpHeaders; body: string; durationMs: number }
  | { ok: false; outcome: ConnectFailure | 'invalid-url'; message: string; errorCode?: string; durationMs: number };

const MAX_BODY = 8 * 1024 * 1024;
/** Redirects followed, as fetch and curl -L do: a query API behind a proxy that moves it (http → https, a path prefix). */
const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function httpGet(url: string, timeoutMs: number, signal?: AbortSignal): Promise<HttpGetResult> {
  const elapsed = stopwatch();
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, outcome: 'invalid-url', message: 'not a URL', durationMs: 0 };
  }
  const first = target;
  let result = await getOnce(target, timeoutMs, signal);
  for (let hop = 0; result.ok && REDIRECTS.has(result.status) && result.headers.location; hop++) {
    // A redirect loop (or a chain longer than a proxy needs) is no answer, not a 3xx to read as one.
    if (hop === MAX_REDIRECTS) {
      return {
        ok: false,
        outcome: 'error',
        message: describeConnectFailure('error', first.host, { message: `redirected more than ${MAX_REDIRECTS} times (a redirect loop?)` }),
        durationMs: elapsed(),
      };
    }
    const left = timeoutMs - elapsed();
    let next: URL;
    try {
      next = new URL(result.headers.location, target);
    } catch {
      break;
    }
    // Credentials go only where the user sent them: not to another origin (as fetch does).
    if (next.origin !== target.origin) {
      next.username = '';
      next.password = '';
    }
    if (left <= 0) break;
    target = next;
    result = await getOnce(target, left, signal);
  }
  return { ...result, durationMs: elapsed() };
}

function getOnce(target: URL, timeoutMs: number, signal: AbortSignal | undefined): Promise<HttpGetResult> {
  const elapsed = stopwatch();
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: HttpGetResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const fail = (outcome: ConnectFailure, code?: string, message?: string): void =>
      finish({
        ok: false,
        outcome,
        message: describeConnectFailure(outcome, target.host, { timeoutMs, errorCode: code, message }),
        ...(code ? { errorCode: code } : {}),
        durationMs: elapsed(),
      });
    const request = client.get(
      target,
      { agent: false, signal, headers: { accept: 'application/json, text/plain;q=0.9, */*;q=0.1' } },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_BODY) return void chunks.push(chunk);
          // Cut short, the answer would read as "not JSON", i.e. another server: say what happened.
          fail('error', undefined, `answered with more than ${MAX_BODY / 1024 / 1024} MB, more than any query here needs`);
          request.destroy();
        });
        response.on('end', () =>
          finish({
            ok: true,
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            durationMs: elapsed(),
          }),
        );
        response.on('error', (error) => fail('reset', errorCode(error), error.message));
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      fail('timeout');
    }, timeoutMs);
    request.on('error', (error) => {
      const code = errorCode(error);
      const failure = signal?.aborted ? 'interrupted' : connectFailureOf(code);
      // OpenSSL's "wrong version number" and the like: an https URL for a port that speaks plaintext.
      const plaintext = failure === 'error' && target.protocol === 'https:' && classifyTlsError(code, error.message) === 'not-tls';
      fail(failure, code, plaintext ? 'answers in plaintext, not TLS: use http:// instead of https://' : error.message);
    });
  });
}
