/**
 * Small helpers for building findings, so every check reports in the same shape and timing.
 */
import type { Finding, FindingStatus } from '../types.js';
import type { Severity } from '../../findings/finding.js';

export interface FindingInput {
  code: string;
  status: FindingStatus;
  title: string;
  message: string;
  hint?: string;
  durationMs?: number;
  target?: string;
  details?: Record<string, unknown>;
}

/** A failed check is an error, a warning a warning; a pass, skip or interruption is information. */
export function severityOf(status: FindingStatus): Severity {
  return status === 'fail' ? 'error' : status === 'warn' ? 'warning' : 'info';
}

/** A finding code from its parts: `codeOf('reachability', 'tls-expired')` is `REACHABILITY_TLS_EXPIRED`. */
export function codeOf(...parts: string[]): string {
  return parts.join('_').replace(/[.-]/g, '_').toUpperCase();
}

export function finding(input: FindingInput): Finding {
  const result: Finding = { code: input.code, severity: severityOf(input.status), status: input.status, title: input.title, message: input.message, durationMs: input.durationMs ?? 0 };
  if (input.hint !== undefined) result.hint = input.hint;
  if (input.target !== undefined) result.target = input.target;
  if (input.details !== undefined) result.details = input.details;
  return result;
}

/** `host:port` as it is written in a URL: an IPv6 address in brackets (`[::1]:4318`, not `::1:4318`). */
export function hostPort(host: string, port: number | string): string {
  return `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
}

/** `4317` / `443`: the port a user sees in their endpoint. */
export function portOf(origin: string): string {
  return origin.slice(origin.lastIndexOf(':') + 1);
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
