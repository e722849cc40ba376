/**
 * Decoding what a server says back: partial success in Export*ServiceResponse (protobuf and JSON),
 * the google.rpc.Status of an error body, and the retry delay of google.rpc.RetryInfo.
 * Partial success field numbers are the same for all three signals: rejected_<items> = 1, error_message = 2.
 */
import { fieldBytes, fieldNumber, fieldString, readFields } from './proto-reader.js';

export interface PartialSuccess {
  rejected: number;
  message?: string;
}

const RETRY_INFO_TYPE = 'type.googleapis.com/google.rpc.RetryInfo';

export function parsePartialSuccessProto(body: Uint8Array): PartialSuccess {
  if (body.length === 0) return { rejected: 0 };
  const partial = fieldBytes(readFields(body), 1);
  if (!partial) return { rejected: 0 };
  const fields = readFields(partial);
  const message = fieldString(fields, 2);
  return { rejected: fieldNumber(fields, 1) ?? 0, ...(message ? { message } : {}) };
}

export function parsePartialSuccessJson(text: string): PartialSuccess {
  if (text.trim() === '') return { rejected: 0 };
  const document = JSON.parse(text) as { partialSuccess?: Record<string, unknown> };
  const partial = document.partialSuccess;
  if (!partial) return { rejected: 0 };
  const count = partial.rejectedSpans ?? partial.rejectedDataPoints ?? partial.rejectedLogRecords ?? 0;
  const message = typeof partial.errorMessage === 'string' && partial.errorMessage !== '' ? partial.errorMessage : undefined;
  return { rejected: Number(count) || 0, ...(message ? { message } : {}) };
}

export interface RpcStatus {
  code?: number;
  message?: string;
  retryDelayMs?: number;
}

/** google.rpc.Status { code = 1; message = 2; repeated Any details = 3 } with RetryInfo among the details. */
export function parseRpcStatus(bytes: Uint8Array): RpcStatus {
  const fields = readFields(bytes);
  const status: RpcStatus = { code: fieldNumber(fields, 1), message: fieldString(fields, 2) };
  for (const detail of fields.filter((f) => f.field === 3 && f.value instanceof Uint8Array)) {
    const any = readFields(detail.value as Uint8Array);
    if (fieldString(any, 1) !== RETRY_INFO_TYPE) continue;
    const retryInfo = readFields(fieldBytes(any, 2) ?? new Uint8Array());
    const duration = readFields(fieldBytes(retryInfo, 1) ?? new Uint8Array());
    status.retryDelayMs = (fieldNumber(duration, 1) ?? 0) * 1000 + Math.round((fieldNumber(duration, 2) ?? 0) / 1e6);
  }
  return status;
}

/** A Status error body from an HTTP server: protobuf or JSON depending on the content type. */
export function parseErrorBody(body: Buffer, contentType: string | undefined): string | undefined {
  try {
    if (contentType?.includes('json')) {
      const document = JSON.parse(body.toString('utf8')) as { message?: unknown };
      return typeof document.message === 'string' ? document.message : undefined;
    }
    if (contentType?.includes('protobuf')) return parseRpcStatus(body).message;
  } catch {
    // not a Status: fall through to the raw text
  }
  const text = body.toString('utf8').trim();
  return text === '' ? undefined : text.slice(0, 200);
}

/** Retry-After is either delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
