/**
 * Small helpers for building findings, so every check reports in the same shape and timing.
 */
import type { Finding, FindingStatus } from '../types.js';
import type { Severity } from '../../findings/finding.js';
import type { DoctorCode } from '../catalogue.js';

/**
 * A code built from parts by codeOf (a family such as REACHABILITY_TLS_<outcome>): tsc cannot check
 * it, so test/unit/findings/catalogues.test.ts lists every member and checks each is catalogued.
 */
export type GeneratedCode = string & { readonly generated: true };

export interface FindingInput {
  /** A catalogued code (doctor/catalogue.ts): tsc rejects a literal no catalogue lists. */
  code: DoctorCode | GeneratedCode;
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
export function codeOf(...parts: string[]): GeneratedCode {
  return parts.join('_').replace(/[.-]/g, '_').toUpperCase() as GeneratedCode;
}

/**
 * A code of another catalogue (config, collector) that a doctor check passes on as its own finding;
 * the test checks those catalogues like this one.
 */
export function forwardedCode(code: string): GeneratedCode {
  return code as GeneratedCode;
}

export function finding(input: FindingInput): Finding {
  const result: Finding = {
    code: input.code,
    severity: severityOf(input.status),
    status: input.status,
    title: input.title,
    message: input.message,
    durationMs: input.durationMs ?? 0,
  };
  if (input.hint !== undefined) result.hint = input.hint;
  if (input.target !== undefined) result.target = input.target;
  if (input.details !== undefined) result.details = input.details;
  return result;
}

/** `host:port` as it is written in a URL: an IPv6 address in brackets (`[::1]:4318`, not `::1:4318`). */
export function hostPort(host: string, port: number | string): string {
  return `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
