/**
 * DNS resolution as the exporter will do it: getaddrinfo through dns.lookup (what Node's http,
 * https and grpc-js use), not a raw DNS query, so /etc/hosts and search domains count.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { errorCode, ProbeTimeoutError, stopwatch, withTimeout } from './timing.js';

export type DnsOutcome = 'literal' | 'resolved' | 'not-found' | 'temporary-failure' | 'timeout' | 'error';

export interface DnsResult {
  host: string;
  outcome: DnsOutcome;
  addresses: Array<{ address: string; family: number }>;
  errorCode?: string;
  durationMs: number;
}

export async function resolveHost(host: string, timeoutMs: number, signal?: AbortSignal): Promise<DnsResult> {
  const elapsed = stopwatch();
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare);
  if (family !== 0) return { host, outcome: 'literal', addresses: [{ address: bare, family }], durationMs: elapsed() };
  try {
    const addresses = await withTimeout(lookup(bare, { all: true }), timeoutMs, undefined, signal);
    return { host, outcome: 'resolved', addresses, durationMs: elapsed() };
  } catch (error) {
    if (error instanceof ProbeTimeoutError) return { host, outcome: 'timeout', addresses: [], durationMs: elapsed() };
    const code = errorCode(error);
    return { host, outcome: classifyLookupError(code), addresses: [], errorCode: code, durationMs: elapsed() };
  }
}

/** getaddrinfo's failures: ENOTFOUND, the name does not exist; EAI_AGAIN, the resolver could not answer right now. */
export function classifyLookupError(code: string | undefined): 'not-found' | 'temporary-failure' | 'error' {
  if (code === 'ENOTFOUND' || code === 'ENODATA') return 'not-found';
  if (code === 'EAI_AGAIN') return 'temporary-failure';
  return 'error';
}
