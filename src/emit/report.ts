/**
 * What `emit` found, as data: the renderers (human, JSON) print it, tests assert it.
 * Findings carry stable codes; messages are plain words and never contain header values.
 */
import type { Signal } from '../config/types.js';
import type { ExportFailure } from '../sdk/export-failure.js';

export type SignalStatus = 'success' | 'partial' | 'failure' | 'skipped' | 'nothing-sent';

export interface SignalVerdict {
  signal: Signal;
  status: SignalStatus;
  protocol: string;
  /** Where it was sent (URL; no credentials). */
  url: string;
  /** Items handed to the SDK (sampled spans, log records) or to the exporter (metric data points). */
  sent: number;
  accepted: number;
  rejected: number;
  /** Items not delivered (or, after a timeout, not confirmed): in failed exports, or dropped by the SDK before export. */
  failed: number;
  exports: number;
  /**
   * Interrupted: items (counted in `failed`) of exports that were in flight, so neither delivered
   * nor known lost: the receiver may have taken them.
   */
  unconfirmed?: number;
  /** Failure: what went wrong, in plain words. */
  reason?: ExportFailure;
  /** Partial success: the receiver's own message. */
  partialMessage?: string;
  /** Skipped / nothing sent: why. */
  note?: string;
}

export interface EmitFinding {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  hint?: string;
}

export interface CheckCounts {
  expected: number;
  found: number;
  /** A few examples of what is missing or differs. */
  problems: string[];
}

export interface LocalVerification {
  ok: boolean;
  grpcPort: number;
  httpPort: number;
  spans?: CheckCounts;
  dataPoints?: CheckCounts;
  logRecords?: CheckCounts;
}

export interface BackendVerification {
  backend: 'jaeger' | 'prometheus';
  url: string;
  ok: boolean;
  /** Jaeger: traces; Prometheus: metric series names. */
  expected: number;
  found: number;
  missing: string[];
  /** Why polling stopped short, e.g. the backend could not be reached. */
  error?: string;
  waitedMs: number;
}

export interface EmitReport {
  seed: string;
  scenario: string;
  count: number;
  services: string[];
  /** Trace ids in the order sent, with whether the sampler kept them. */
  traces: Array<{ traceId: string; sampled: boolean; spans: number }>;
  signals: SignalVerdict[];
  local?: LocalVerification;
  jaeger?: BackendVerification;
  prometheus?: BackendVerification;
  findings: EmitFinding[];
  durationMs: number;
  ok: boolean;
}
