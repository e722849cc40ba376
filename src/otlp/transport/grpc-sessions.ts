/**
 * The HTTP/2 connections of one gRPC sender. Requests spread over a few sessions instead of one:
 * each connection gets its own flow-control windows, and a receiver that keeps HTTP/2's default
 * 65,535-byte connection window (RFC 9113 §6.9.2; node:http2 and grpc-js servers do) lets a
 * client have only 64 KB in flight per connection until its WINDOW_UPDATE comes back. A 512-span
 * request is ~100 KB, so on one connection every request waits for two such round trips through
 * both event loops; with several, one session's stall is another's turn to send.
 * Sessions open on demand and reconnect after the peer goes away.
 */
import http2 from 'node:http2';
import net from 'node:net';
import tls from 'node:tls';
import type { TlsMaterial } from './types.js';

/** Streams per connection before another connection is opened, and the most connections a sender opens. */
export const STREAMS_PER_SESSION = 4;
export const MAX_SESSIONS = 8;

/** How many HTTP/2 connections a gRPC sender with this many requests in flight opens. */
export function grpcSessionCount(maxConcurrency: number): number {
  return Math.max(1, Math.min(MAX_SESSIONS, Math.ceil(maxConcurrency / STREAMS_PER_SESSION)));
}

/** Our receive window for responses; they are small, but a generous window never stalls a server. */
const LOCAL_WINDOW = 16 * 1024 * 1024;
/**
 * node:http2 counts queued outgoing DATA against maxSessionMemory (default 10 MB) and fails the
 * session past it: 16 requests of 8,192 spans are ~25 MB. What is in flight is already bounded by
 * the sender's concurrency, so the limit here only has to stay out of the way.
 */
const MAX_SESSION_MEMORY_MB = 1024;

/**
 * The session's socket, opened the way http2.connect would (ALPN h2, SNI for host names), but kept
 * by us: node:http2 gives no way to destroy a session's socket once close() was called (it waits
 * for the peer's FIN, forever against a server that accepted and went silent) or while it is still
 * connecting (a dropped SYN). Holding the socket is what lets close() always end.
 */
function openSocket(authority: URL, material: TlsMaterial | undefined): net.Socket {
  const host = authority.hostname.replace(/^\[|\]$/g, '');
  const secure = authority.protocol === 'https:';
  const port = authority.port !== '' ? Number(authority.port) : secure ? 443 : 80;
  const socket = secure
    ? tls.connect({ host, port, ...(material ?? {}), ALPNProtocols: ['h2'], ...(net.isIP(host) ? {} : { servername: host }) })
    : net.connect({ host, port });
  // Frames are written as soon as they are ready; Nagle would hold a request's last DATA frame.
  socket.setNoDelay(true);
  return socket;
}

export interface PooledSession {
  session: http2.ClientHttp2Session;
  socket: net.Socket | undefined;
  /** Streams open on it now. */
  active: number;
  /** Set when the session failed: its streams close without a status and report this instead. */
  error?: Error;
}

export class GrpcSessionPool {
  private readonly slots: Array<PooledSession | undefined>;
  /** Every session not yet closed, including replaced ones still draining: close() ends them all. */
  private readonly open = new Set<PooledSession>();

  constructor(
    private readonly url: string,
    private readonly material: TlsMaterial | undefined,
    maxConcurrency: number,
  ) {
    this.slots = new Array<PooledSession | undefined>(grpcSessionCount(maxConcurrency)).fill(undefined);
  }

  /** The usable session with the fewest open streams, connecting an empty slot first. Throws what http2.connect throws. */
  acquire(): PooledSession {
    let best: PooledSession | undefined;
    for (let i = 0; i < this.slots.length; i++) {
      let pooled = this.slots[i];
      if (!pooled || pooled.session.closed || pooled.session.destroyed) {
        if (best && best.active < STREAMS_PER_SESSION) continue;
        pooled = this.connect(i);
      }
      if (!best || pooled.active < best.active) best = pooled;
    }
    return best!;
  }

  private connect(slot: number): PooledSession {
    let socket: net.Socket | undefined;
    const session = http2.connect(this.url, {
      settings: { initialWindowSize: LOCAL_WINDOW },
      maxSessionMemory: MAX_SESSION_MEMORY_MB,
      createConnection: (authority: URL) => (socket = openSocket(authority, this.material)),
    });
    const pooled: PooledSession = { session, socket, active: 0 };
    session.on('error', (error) => (pooled.error = error));
    // GOAWAY: streams the server took finish; new ones go to a fresh session.
    session.on('goaway', () => session.close());
    session.on('close', () => {
      this.open.delete(pooled);
      if (this.slots[slot] === pooled) this.slots[slot] = undefined;
    });
    session.on('connect', () => session.setLocalWindowSize?.(LOCAL_WINDOW));
    this.open.add(pooled);
    this.slots[slot] = pooled;
    return pooled;
  }

  /** Graceful: each session gets `graceMs` to finish its streams, then is destroyed. `abandon`: at once. */
  async close(options: { abandon?: boolean; graceMs: number }): Promise<void> {
    this.slots.fill(undefined);
    const open = [...this.open].filter((pooled) => !pooled.session.destroyed);
    this.open.clear();
    const destroy = (pooled: PooledSession): void => {
      pooled.session.destroy();
      pooled.socket?.destroy();
    };
    if (options.abandon) {
      open.forEach(destroy);
      return;
    }
    await Promise.all(
      open.map(
        (pooled) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              destroy(pooled);
              resolve();
            }, options.graceMs);
            pooled.session.close(() => {
              clearTimeout(timer);
              resolve();
            });
          }),
      ),
    );
  }
}
