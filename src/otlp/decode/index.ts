/**
 * Decoding of whole OTLP export requests, protobuf or OTLP/JSON, into the receiver's flat records.
 * Everything that cannot be decoded throws DecodeError, which the receiver turns into
 * HTTP 400 / gRPC INVALID_ARGUMENT (OTLP spec "Bad Data").
 */
import type { OtlpProtocol } from '../../config/types.js';
import type { ReceivedDataPoint, ReceivedLogRecord, ReceivedSignal, ReceivedSpan } from '../types.js';
import { otlpTypes, type ProtoType } from '../proto/root.js';
import { parseJsonKeepingLongIntegers } from './json-text.js';
import { flattenLogs } from './logs.js';
import { flattenMetrics } from './metrics.js';
import { flattenTraces } from './traces.js';
import { DecodeError, type Node } from './values.js';

export { DecodeError } from './values.js';
export { countProtobufItems, type ItemCount } from './count.js';
export { countJsonItems } from './count-json.js';

export type DecodedItems =
  | { signal: 'traces'; items: ReceivedSpan[] }
  | { signal: 'metrics'; items: ReceivedDataPoint[] }
  | { signal: 'logs'; items: ReceivedLogRecord[] };

export type BodyEncoding = 'protobuf' | 'json';

function requestType(signal: ReceivedSignal): ProtoType {
  const types = otlpTypes();
  if (signal === 'traces') return types.ExportTraceServiceRequest;
  if (signal === 'metrics') return types.ExportMetricsServiceRequest;
  return types.ExportLogsServiceRequest;
}

/** Parses the body into a camelCase tree (protobufjs message or JSON object). */
export function parseExportRequest(signal: ReceivedSignal, body: Uint8Array, encoding: BodyEncoding): Node {
  if (encoding === 'protobuf') {
    try {
      return requestType(signal).decode(body) as unknown as Node;
    } catch (error) {
      // protobufjs throws RangeError on truncation and Error on bad wire types.
      throw new DecodeError(`invalid protobuf: ${(error as Error).message}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = parseJsonKeepingLongIntegers(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch (error) {
    throw new DecodeError(`invalid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new DecodeError('an OTLP/JSON request must be a JSON object');
  }
  return camelizeKeys(parsed) as Node;
}

export function flattenExportRequest(signal: ReceivedSignal, request: Node, protocol: OtlpProtocol): DecodedItems {
  if (signal === 'traces') return { signal, items: flattenTraces(request, protocol) };
  if (signal === 'metrics') return { signal, items: flattenMetrics(request, protocol) };
  return { signal, items: flattenLogs(request, protocol) };
}

/** Parse and flatten in one step. */
export function decodeExportRequest(
  signal: ReceivedSignal,
  body: Uint8Array,
  encoding: BodyEncoding,
  protocol: OtlpProtocol,
): DecodedItems {
  return flattenExportRequest(signal, parseExportRequest(signal, body, encoding), protocol);
}

/**
 * OTLP/JSON uses lowerCamelCase field names, but proto3 JSON parsers also accept the original
 * snake_case names; accept both. Object keys in OTLP/JSON are always field names (attribute keys
 * are values of `key`), so renaming every key is safe. Objects without `_` keys are kept as they are.
 */
function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) value[index] = camelizeKeys(value[index]);
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  let renamed = false;
  for (const key of Object.keys(object)) {
    object[key] = camelizeKeys(object[key]);
    if (key.includes('_')) renamed = true;
  }
  if (!renamed) return object;
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(object)) {
    result[key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase())] = entry;
  }
  return result;
}
