/**
 * Contract of the embedded OTLP receiver: what tests and other commands (emit --local,
 * doctor, load, bench) can rely on. The records it keeps are otlp/types.ts's.
 */
import type { ReceivedDataPoint, ReceivedLogRecord, ReceivedSignal, ReceivedSpan } from '../otlp/types.js';

export type { ReceivedDataPoint, ReceivedLogRecord, ReceivedSignal, ReceivedSpan };

/** Fault injection, to exercise clients' retry and backpressure handling for real. */
export interface FaultOptions {
  /** Fraction [0,1] of requests answered with `failWith` (or UNAVAILABLE / 503 when not set). */
  rejectRatio?: number;
  /** Report this many items of each request as rejected through partial_success. */
  partialSuccess?: number;
  /** Wait this long before answering each request. */
  delayMs?: number;
  /** The failure to answer with. 'unauthenticated' is gRPC 16 / HTTP 401. */
  failWith?: 'unavailable' | 'resource-exhausted' | 'unauthenticated' | '429' | '503' | '401';
  /** Retry-After (HTTP, seconds) / RetryInfo (gRPC) to attach to throttling answers. */
  retryAfterSeconds?: number;
  /** Only the first N requests fail; afterwards all succeed (for retry tests). */
  failFirst?: number;
}

export interface ReceiverOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 = any free port. Default 4317; `false` disables the gRPC listener. */
  grpcPort?: number | false;
  /** 0 = any free port. Default 4318; `false` disables the HTTP listener. */
  httpPort?: number | false;
  faults?: FaultOptions;
  /** Largest accepted request body (after decompression); larger gets 413 / RESOURCE_EXHAUSTED. Default 16 MiB. */
  maxBodyBytes?: number;
  /** Header that must be present with this exact value, else 401 / UNAUTHENTICATED (e.g. authorization: Bearer x). */
  requireHeader?: { name: string; value: string };
  /** TLS on both listeners (PEM strings). With `ca` and `requireClientCertificate`, mTLS. */
  tls?: { cert: string; key: string; ca?: string; requireClientCertificate?: boolean };
  /** Keep only counts, not decoded items: for benchmarks and load tests of millions of spans. */
  countOnly?: boolean;
  /** Keep decoded items in `received` (default true). The CLI streams them through onItem instead, so a long session does not grow. */
  keepItems?: boolean;
  /** Called for every request answered with an error (bad body, wrong path, auth, injected fault), e.g. to log why. */
  onRefused?: (refusal: RefusedRequest) => void;
  /**
   * Called for every decoded item (not in countOnly mode): the CLI streams JSON lines with it.
   * Returning a promise (e.g. "stdout is full, wait for drain") delays the answer to the client:
   * backpressure, as a real collector applies it.
   */
  onItem?: (signal: ReceivedSignal, item: ReceivedSpan | ReceivedDataPoint | ReceivedLogRecord) => void | Promise<void>;
}

/** A request the receiver answered with an error. Never carries header values. */
export interface RefusedRequest {
  transport: 'grpc' | 'http';
  /** When the path (HTTP) or service (gRPC) named one. */
  signal?: ReceivedSignal;
  /** The HTTP status, or the gRPC status code. */
  status: number;
  message: string;
  /** An injected fault (faults option), not a mistake of the client. */
  injected: boolean;
}

export interface ReceiverCounts {
  requests: number;
  spans: number;
  dataPoints: number;
  logRecords: number;
  /** Items reported rejected through partial success or answered with a failure. */
  rejectedSpans: number;
  rejectedDataPoints: number;
  rejectedLogRecords: number;
  failedRequests: number;
}

/** Accepted items of one service.name ('' when the resource has none). */
export interface ServiceCounts {
  spans: number;
  dataPoints: number;
  logRecords: number;
}

export interface ReceivedStore {
  spans: ReceivedSpan[];
  dataPoints: ReceivedDataPoint[];
  logRecords: ReceivedLogRecord[];
  counts: ReceiverCounts;
  /** Accepted items per service.name (kept in countOnly mode too). */
  byService: Record<string, ServiceCounts>;
  /** Resolves when `predicate` holds (checked when each request arrives and when it is answered), rejects after timeoutMs. */
  waitFor(predicate: (store: ReceivedStore) => boolean, timeoutMs: number): Promise<void>;
}

export interface ReceiverHandle {
  host: string;
  ports: { grpc?: number; http?: number };
  received: ReceivedStore;
  stop(): Promise<void>;
}
