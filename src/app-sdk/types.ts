/**
 * What a NodeSDK started from the environment did, as the child process reports it to its parent
 * over IPC. Plain JSON: no header values, no Error objects (their message only).
 */
import type { OtlpProtocol, Signal } from '../config/types.js';

/** One exporter the SDK built for a signal, read from the exporter object itself. */
export interface AppSdkExporter {
  signal: Signal;
  /** The class the SDK constructed: OTLPTraceExporter, ZipkinExporter, ConsoleLogRecordExporter, ... */
  name: string;
  kind: 'otlp' | 'console' | 'zipkin' | 'prometheus' | 'other';
  /** OTLP only: from the transport (gRPC) or the Content-Type the HTTP exporter sends. */
  protocol?: OtlpProtocol;
  /** HTTP: the request URL. gRPC: `http://` (plaintext) or `https://` (TLS) plus the address grpc-js dials. */
  url?: string;
  compression?: string;
  /** Header (metadata) names the exporter sends, lowercase, Content-Type left out. Never values. */
  headerNames?: string[];
  timeoutMs?: number;
}

/** One call of an exporter's export(), with the result the SDK itself got. */
export interface AppSdkExport {
  signal: Signal;
  exporter: string;
  items: number;
  outcome: 'success' | 'partial' | 'failure';
  /** The SDK's error message on failure, the receiver's message on partial success. */
  error?: string;
  rejected?: number;
  durationMs: number;
}

/** One request the exporter's transport made (the SDK retries retryable ones until its timeout). */
export interface AppSdkAttempt {
  signal: Signal;
  status: 'success' | 'failure' | 'retryable';
  error?: string;
}

export interface AppSdkRunRequest {
  /** The environment to run with; undefined: the child's own (set by the parent when forking). */
  env?: Record<string, string>;
  /** Bound for the SDK's shutdown (which exports what was recorded), in ms. */
  timeoutMs: number;
  /** Put on the canary span, metric point and log record, so arrival can be recognised. */
  runId: string;
}

export interface AppSdkRunResult {
  runId: string;
  /** OTEL_SDK_DISABLED=true: start() did nothing. */
  disabled: boolean;
  exporters: AppSdkExporter[];
  exports: AppSdkExport[];
  attempts: AppSdkAttempt[];
  /** Signals whose provider the SDK registered (a signal with exporter none has none). */
  providers: Signal[];
  /** The canary span's sampling decision (traceparent flag 01). */
  sampled: boolean;
  traceId?: string;
  /** Header names the registered propagator injects for the canary span. */
  injectedHeaders: string[];
  /** The SDK's resource after its detectors ran. */
  resource: Record<string, unknown>;
  /** What the SDK logged through its diag logger (warnings and errors), in order. */
  diag: string[];
  /** False when shutdown (the final exports) did not finish within timeoutMs. */
  shutdownInTime: boolean;
  durationMs: number;
  /** An exception thrown by NodeSDK itself (constructor, start, shutdown). */
  crashed?: string;
}

export type ChildMessage = { kind: 'result'; result: AppSdkRunResult } | { kind: 'ready' };
export type ParentMessage = { kind: 'run'; runs: AppSdkRunRequest[] };
