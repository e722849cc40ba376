/**
 * A GET of a backend's JSON query API, over the one HTTP helper (src/net/http-get.ts). What a
 * backend client needs to tell apart: an answer in JSON, an answer that is not JSON (another
 * server on that port), and no answer at all, which says nothing about the data asked for.
 */
import { httpGet } from '../net/http-get.js';
import { baseUrl } from '../net/poll.js';

export interface QueryOptions {
  /** This one request; a caller that polls passes what is left of its wait. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** No answer: refused, no such host, no answer in time (`timedOut`), interrupted. */
export interface Unreachable {
  kind: 'unreachable';
  /** The request ran out of its time, which may have been only the last moment of a caller's wait. */
  timedOut: boolean;
  /** Plain words naming the host, never the URL's credentials. */
  message: string;
}

export type JsonAnswer = { kind: 'json'; status: number; body: unknown } | { kind: 'not-json'; status: number } | Unreachable;

export async function getJson(url: string, options: QueryOptions): Promise<JsonAnswer> {
  const response = await httpGet(url, options.timeoutMs, options.signal);
  if (!response.ok) return { kind: 'unreachable', timedOut: response.outcome === 'timeout', message: response.message };
  try {
    return { kind: 'json', status: response.status, body: JSON.parse(response.body) as unknown };
  } catch {
    // Prometheus answers 503 "Service Unavailable" in plain text until it is ready (WAL replay), and a
    // proxy 502/503/504 while the backend behind it starts: worth waiting for, unlike another server.
    if (NOT_READY.has(response.status)) {
      return {
        kind: 'unreachable',
        timedOut: false,
        message: `${new URL(url).host} answered HTTP ${response.status}: not ready yet, or a proxy without the backend behind it`,
      };
    }
    return { kind: 'not-json', status: response.status };
  }
}

const NOT_READY = new Set([502, 503, 504]);

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `path` (and `query`, already encoded) under the URL the user gave, whose own query parameters
 * (an api_key a proxy in front of the backend asks for) stay in the query, not in the path.
 */
export function apiUrl(base: string, path: string, query?: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    // httpGet says it is not a URL, without naming it.
    return `${baseUrl(base)}${path}${query ? `?${query}` : ''}`;
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  if (query) url.search = url.search.length > 1 ? `${url.search}&${query}` : `?${query}`;
  return url.href;
}
