/**
 * A TCP connect that tells the three classic failures apart, because each has a different fix:
 * refused (nothing listens: start the collector, check the port), timeout (a firewall drops
 * packets or the host is down), unreachable (no route: wrong network, VPN, address).
 */
import { Socket } from 'node:net';
import { errorCode, stopwatch } from './timing.js';

export type TcpOutcome = 'connected' | 'refused' | 'timeout' | 'unreachable' | 'reset' | 'error';

export interface TcpResult {
  outcome: TcpOutcome;
  address: string;
  port: number;
  errorCode?: string;
  errorMessage?: string;
  durationMs: number;
}

const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EHOSTDOWN', 'ENETDOWN']);

export function classifyConnectError(code: string | undefined): Exclude<TcpOutcome, 'connected'> {
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ETIMEDOUT') return 'timeout';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset';
  if (code !== undefined && UNREACHABLE.has(code)) return 'unreachable';
  return 'error';
}

/** Connects, then closes at once: the probe only proves that something accepts connections. */
export function connectTcp(address: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<TcpResult> {
  const elapsed = stopwatch();
  return new Promise((resolve) => {
    const socket = new Socket();
    let settled = false;
    const finish = (result: Omit<TcpResult, 'address' | 'port' | 'durationMs'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({ address, port, durationMs: elapsed(), ...result });
    };
    const timer = setTimeout(() => finish({ outcome: 'timeout', errorMessage: `no answer within ${timeoutMs} ms` }), timeoutMs);
    const onAbort = (): void => finish({ outcome: 'error', errorMessage: 'interrupted' });
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish({ outcome: 'connected' }));
    socket.once('error', (error) => {
      const code = errorCode(error);
      finish({ outcome: classifyConnectError(code), errorCode: code, errorMessage: error.message });
    });
    socket.connect({ host: address, port });
  });
}
