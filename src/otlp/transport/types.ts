/**
 * What a sender returns for one export request, classified as the OTLP specification says a client
 * must (specification/protocol/otlp.md, "Failures" and "Partial success"): success (possibly with
 * items rejected), retryable with an optional server-requested delay, or permanent.
 * `reason` is a stable code for reports and tests; `message` is for people.
 */
export type ExportOutcome =
  | { kind: 'success'; rejected: number; message?: string }
  | { kind: 'retryable'; reason: string; message: string; retryAfterMs?: number }
  | { kind: 'permanent'; reason: string; message: string };

export type OtlpSignal = 'traces' | 'metrics' | 'logs';
export type WireFormat = 'protobuf' | 'json';

export interface TlsMaterial {
  /** PEM contents, not paths. */
  ca?: string;
  cert?: string;
  key?: string;
}

export interface SenderOptions {
  signal: OtlpSignal;
  /** HTTP: the full URL to POST to. gRPC: `http://host:port` (plaintext) or `https://host:port` (TLS). */
  url: string;
  transport: 'grpc' | 'http';
  /** HTTP only; gRPC is always protobuf. */
  format: WireFormat;
  headers: Record<string, string>;
  timeoutMs: number;
  compression: 'gzip' | 'none';
  tls?: TlsMaterial;
  /** Upper bound on concurrent requests: sockets for HTTP keep-alive. */
  maxConcurrency: number;
}

export interface Sender {
  /** Sends one encoded request body. Never throws: every failure is a classified outcome. */
  send(body: Buffer): Promise<ExportOutcome>;
  /**
   * Closes connections; in-flight requests end with a retryable "closed" outcome. By default
   * requests still on the wire get a short grace period; `abandon` ends them at once.
   */
  close(options?: { abandon?: boolean }): Promise<void>;
}
