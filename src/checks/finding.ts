/**
 * Small helpers for building findings, so every check reports in the same shape and timing.
 */
import type { Finding, FindingStatus } from '../doctor/types.js';

export interface FindingInput {
  code: string;
  status: FindingStatus;
  title: string;
  message: string;
  fix?: string;
  durationMs?: number;
  target?: string;
  details?: Record<string, unknown>;
}

export function finding(input: FindingInput): Finding {
  const result: Finding = { code: input.code, status: input.status, title: input.title, message: input.message, durationMs: input.durationMs ?? 0 };
  if (input.fix !== undefined) result.fix = input.fix;
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
