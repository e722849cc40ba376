/**
 * Why a request got no answer, in one set of plain words for every peer otel-proc talks to (the
 * collector, Jaeger, Prometheus): each failure has a different fix, and a user should read the
 * same sentence for it whichever command met it. Node's errno codes are classified once, by
 * classifyConnectError (tcp.ts) and classifyLookupError (dns.ts); this only names the result.
 */
import { classifyLookupError } from './dns.js';
import { classifyConnectError } from './tcp.js';

export type ConnectFailure = 'refused' | 'dns' | 'timeout' | 'unreachable' | 'reset' | 'interrupted' | 'error';

/** The failure behind an errno-style code (ECONNREFUSED, ENOTFOUND, ...) of a connection or lookup. */
export function connectFailureOf(code: string | undefined): ConnectFailure {
  return classifyLookupError(code) === 'error' ? classifyConnectError(code) : 'dns';
}

export interface FailureDetail {
  /** The time the request had, for a timeout. */
  timeoutMs?: number;
  errorCode?: string;
  /** Node's own message, for failures without plain words of their own. */
  message?: string;
}

/** `host` is host:port (URL.host), which never holds credentials. */
export function describeConnectFailure(failure: ConnectFailure, host: string, detail: FailureDetail = {}): string {
  const code = detail.errorCode ? ` (${detail.errorCode})` : '';
  switch (failure) {
    case 'refused':
      return `connection refused: nothing is listening on ${host}`;
    case 'dns':
      return `the host name in ${host} could not be resolved`;
    case 'timeout':
      return detail.timeoutMs === undefined
        ? `no answer from ${host} in time`
        : `no answer from ${host} within ${Math.round(detail.timeoutMs)} ms`;
    case 'unreachable':
      return `no route to ${host}${code}`;
    case 'reset':
      return `${host} closed the connection${code}`;
    case 'interrupted':
      return 'interrupted';
    default:
      return `${host}: ${detail.message ?? detail.errorCode ?? 'the request failed'}`;
  }
}
