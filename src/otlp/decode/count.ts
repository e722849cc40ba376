/**
 * Count-only decoding for the receiver's benchmark sink: counts spans, data points and log records
 * per service.name by walking the protobuf wire format, without building any objects. This is what
 * lets one receiver process keep up with ~1M spans/s from `otel-proc load`.
 *
 * Wire format (https://protobuf.dev/programming-guides/encoding/): each field is a varint tag (field number
 * << 3 | wire type) followed by a varint (0), 8 bytes (1), a varint length and that many bytes (2) or 4 bytes
 * (5). The paths walked are those of the collector requests (opentelemetry-proto):
 *   request.1 ResourceX → .1 Resource → .1 KeyValue(key .1, value .2 → AnyValue.string_value .1)
 *                       → .2 ScopeX → .2 Span | LogRecord | Metric → (.5|.7|.9|.10|.11) → .1 data point
 */
import type { ReceivedSignal } from '../types.js';
import { DecodeError } from './values.js';

export interface ItemCount {
  total: number;
  /** Items per service.name ('' when a resource has none). */
  byService: Map<string, number>;
}

const SERVICE_NAME = Buffer.from('service.name');
// Metric's data oneof: gauge 5, sum 7, histogram 9, exponential_histogram 10, summary 11.
const METRIC_DATA_FIELDS = new Set([5, 7, 9, 10, 11]);

// The read position: module state keeps the hot loop free of allocations; nothing here awaits.
let position = 0;

function truncated(): DecodeError {
  return new DecodeError('invalid protobuf: truncated or malformed message');
}

function readVarint(buffer: Uint8Array, end: number): number {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (position >= end) throw truncated();
    const byte = buffer[position++]!;
    result += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return result;
    shift += 7;
    if (shift > 63) throw truncated();
  }
}

/** Reads a length-delimited field's length and returns the end of its payload. */
function readLengthEnd(buffer: Uint8Array, end: number): number {
  const length = readVarint(buffer, end);
  const payloadEnd = position + length;
  if (payloadEnd > end) throw truncated();
  return payloadEnd;
}

function skipField(buffer: Uint8Array, wireType: number, end: number): void {
  if (wireType === 0) readVarint(buffer, end);
  else if (wireType === 1) position += 8;
  else if (wireType === 2) position = readLengthEnd(buffer, end);
  else if (wireType === 5) position += 4;
  else throw truncated(); // groups (3, 4) do not occur in OTLP; 6 and 7 do not exist
  if (position > end) throw truncated();
}

/** Counts occurrences of one length-delimited field inside [position, end). */
function countField(buffer: Uint8Array, end: number, fieldNumber: number): number {
  let count = 0;
  while (position < end) {
    const tag = readVarint(buffer, end);
    if (tag >>> 3 === fieldNumber && (tag & 7) === 2) count += 1;
    skipField(buffer, tag & 7, end);
  }
  return count;
}

function countMetricDataPoints(buffer: Uint8Array, end: number): number {
  let count = 0;
  while (position < end) {
    const tag = readVarint(buffer, end);
    if ((tag & 7) === 2 && METRIC_DATA_FIELDS.has(tag >>> 3)) {
      const dataEnd = readLengthEnd(buffer, end);
      count += countField(buffer, dataEnd, 1);
    } else skipField(buffer, tag & 7, end);
  }
  return count;
}

function countScope(buffer: Uint8Array, end: number, signal: ReceivedSignal): number {
  let count = 0;
  while (position < end) {
    const tag = readVarint(buffer, end);
    if (tag === ((2 << 3) | 2)) {
      const itemEnd = readLengthEnd(buffer, end);
      if (signal === 'metrics') count += countMetricDataPoints(buffer, itemEnd);
      else count += 1;
      position = itemEnd;
    } else skipField(buffer, tag & 7, end);
  }
  return count;
}

function bytesEqual(buffer: Uint8Array, start: number, end: number, expected: Uint8Array): boolean {
  if (end - start !== expected.length) return false;
  for (let index = 0; index < expected.length; index += 1) if (buffer[start + index] !== expected[index]) return false;
  return true;
}

/** Resource.attributes → the string value of service.name, or ''. */
function readServiceName(buffer: Uint8Array, end: number): string {
  let service = '';
  while (position < end) {
    const tag = readVarint(buffer, end);
    if (tag !== ((1 << 3) | 2)) {
      skipField(buffer, tag & 7, end);
      continue;
    }
    const keyValueEnd = readLengthEnd(buffer, end);
    let isServiceName = false;
    while (position < keyValueEnd) {
      const innerTag = readVarint(buffer, keyValueEnd);
      if (innerTag === ((1 << 3) | 2)) {
        const keyEnd = readLengthEnd(buffer, keyValueEnd);
        isServiceName = bytesEqual(buffer, position, keyEnd, SERVICE_NAME);
        position = keyEnd;
      } else if (innerTag === ((2 << 3) | 2) && isServiceName) {
        const valueEnd = readLengthEnd(buffer, keyValueEnd);
        while (position < valueEnd) {
          const valueTag = readVarint(buffer, valueEnd);
          if (valueTag === ((1 << 3) | 2)) {
            const stringEnd = readLengthEnd(buffer, valueEnd);
            service = Buffer.from(buffer.buffer, buffer.byteOffset + position, stringEnd - position).toString('utf8');
            position = stringEnd;
          } else skipField(buffer, valueTag & 7, valueEnd);
        }
      } else skipField(buffer, innerTag & 7, keyValueEnd);
    }
  }
  return service;
}

export function countProtobufItems(signal: ReceivedSignal, buffer: Uint8Array): ItemCount {
  const result: ItemCount = { total: 0, byService: new Map() };
  position = 0;
  const end = buffer.length;
  while (position < end) {
    const tag = readVarint(buffer, end);
    if (tag !== ((1 << 3) | 2)) {
      skipField(buffer, tag & 7, end);
      continue;
    }
    const resourceEnd = readLengthEnd(buffer, end);
    let service = '';
    let count = 0;
    while (position < resourceEnd) {
      const innerTag = readVarint(buffer, resourceEnd);
      if (innerTag === ((1 << 3) | 2)) {
        const attributesEnd = readLengthEnd(buffer, resourceEnd);
        service = readServiceName(buffer, attributesEnd);
      } else if (innerTag === ((2 << 3) | 2)) {
        const scopeEnd = readLengthEnd(buffer, resourceEnd);
        count += countScope(buffer, scopeEnd, signal);
      } else skipField(buffer, innerTag & 7, resourceEnd);
    }
    result.total += count;
    result.byService.set(service, (result.byService.get(service) ?? 0) + count);
  }
  return result;
}
