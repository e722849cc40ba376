/**
 * The HTTP/2 connections of one gRPC sender. Requests spread over a few connections instead of one:
 * each gets its own flow-control windows, and a receiver that keeps HTTP/2's default 65,535-byte
 * connection window (RFC 9113 §6.9.2; node:http2 and grpc-js servers do) lets a client have only
 * 64 KB in flight per connection until its WINDOW_UPDATE comes back. A 512-span request is ~100 KB,
 * so on one connection every request waits for two such round trips through both event loops; with
 * several, one connection's stall is another's turn to send.
 * Connections open on demand and are replaced after the peer goes away (GOAWAY, close).
 */
import { Http2Connection, type ConnectionTarget } from './h2/connection.js';
import type { TlsMaterial } from './types.js';

/** Streams per connection before another connection is opened, and the most connections a sender opens. */
export const STREAMS_PER_SESSION = 4;
export const MAX_SESSIONS = 8;

/** How many HTTP/2 connections a gRPC sender with this many requests in flight opens. */
export function grpcSessionCount(maxConcurrency: number): number {
  return Math.max(1, Math.min(MAX_SESSIONS, Math.ceil(maxConcurrency / STREAMS_PER_SESSION)));
}

/** Where `http://host:port` (plaintext, h2c) or `https://host:port` (TLS) points. */
export function connectionTarget(url: string, material: TlsMaterial | undefined): ConnectionTarget {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'https:';
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port !== '' ? Number(parsed.port) : secure ? 443 : 80,
    secure,
    ...(material ? { tls: material } : {}),
  };
}

export class GrpcConnectionPool {
  private readonly slots: Array<Http2Connection | undefined>;
  /** Every connection not yet closed, including replaced ones still finishing streams: close() ends them all. */
  private readonly open = new Set<Http2Connection>();
  private readonly target: ConnectionTarget;

  constructor(url: string, material: TlsMaterial | undefined, maxConcurrency: number) {
    this.target = connectionTarget(url, material);
    this.slots = new Array<Http2Connection | undefined>(grpcSessionCount(maxConcurrency)).fill(undefined);
  }

  /** The usable connection with the fewest streams, connecting an empty slot first. Throws what tls.connect throws (bad PEM). */
  acquire(): Http2Connection {
    let best: Http2Connection | undefined;
    for (let i = 0; i < this.slots.length; i++) {
      let connection = this.slots[i];
      if (!connection?.usable) {
        if (best && best.load < STREAMS_PER_SESSION) continue;
        connection = this.connect(i);
      }
      if (!best || connection.load < best.load) best = connection;
    }
    return best!;
  }

  private connect(slot: number): Http2Connection {
    const connection: Http2Connection = new Http2Connection(this.target, {
      unusable: () => {
        if (this.slots[slot] === connection) this.slots[slot] = undefined;
      },
      closed: () => this.open.delete(connection),
    });
    this.open.add(connection);
    this.slots[slot] = connection;
    return connection;
  }

  /** Graceful: each connection gets `graceMs` to finish its streams, then is destroyed. `abandon`: at once. */
  async close(options: { abandon?: boolean; graceMs: number }): Promise<void> {
    this.slots.fill(undefined);
    const open = [...this.open];
    this.open.clear();
    if (options.abandon) {
      for (const connection of open) connection.destroy();
      return;
    }
    await Promise.all(open.map((connection) => connection.close(options.graceMs)));
  }
}
