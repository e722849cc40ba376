/**
 * Field-level conversions shared by the protobuf and OTLP/JSON paths. Both arrive here as plain
 * trees with camelCase field names; they differ only in leaf representations:
 *   ids:    protobuf bytes (Uint8Array)          | OTLP/JSON lowercase or uppercase hex string
 *   int64:  protobufjs Long object               | JSON decimal string or number
 *   bytes:  Uint8Array                           | base64 string
 *   enums:  integer                              | integer (OTLP/JSON requires it) or enum name (lenient)
 * (OTLP spec, "JSON Protobuf Encoding": ids are hex, not base64; enums are integers.)
 */
import type { AttributeValue, Attributes } from '../types.js';

/** An undecodable or semantically invalid request: the receiver answers 400 / INVALID_ARGUMENT. */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

// Anything: decoded protobufjs messages and parsed JSON are walked untyped, and checked as we go.
export type Node = Record<string, unknown>;

const hasOwn = (object: object, key: string): boolean => Object.hasOwn(object, key);

/** Whether a field is present: own property on a protobufjs message (oneofs, optionals) or in JSON. */
export function isSet(node: Node, key: string): boolean {
  return hasOwn(node, key) && node[key] !== null && node[key] !== undefined;
}

const HEX = '0123456789abcdef';
const HEX_PATTERN = /^[0-9a-fA-F]*$/;

/** Trace/span ids as lowercase hex; '' when absent. `bytes` is 16 for trace ids and 8 for span ids. */
export function idToHex(value: unknown, bytes: number, what: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') {
    if (value === '') return '';
    if (value.length !== bytes * 2 || !HEX_PATTERN.test(value)) {
      throw new DecodeError(`${what} must be ${bytes * 2} hex digits, got "${value.slice(0, 40)}"`);
    }
    return value.toLowerCase();
  }
  // protobufjs leaves an absent bytes field as its shared empty default (an empty array).
  if (Array.isArray(value) && value.length === 0) return '';
  if (value instanceof Uint8Array) {
    if (value.length === 0) return '';
    if (value.length !== bytes) throw new DecodeError(`${what} must be ${bytes} bytes, got ${value.length}`);
    let hex = '';
    for (const byte of value) hex += HEX[byte >> 4]! + HEX[byte & 15]!;
    return hex;
  }
  throw new DecodeError(`${what} has an invalid type`);
}

interface LongLike {
  low: number;
  high: number;
  unsigned?: boolean;
}

/** A 64-bit integer (Long, decimal string or number) as a decimal string; '0' when absent. */
export function int64ToString(value: unknown, what = 'integer'): string {
  if (value === undefined || value === null) return '0';
  if (typeof value === 'string') {
    if (!/^-?\d+$/.test(value)) throw new DecodeError(`${what} must be an integer, got "${value.slice(0, 40)}"`);
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new DecodeError(`${what} must be an integer, got ${value}`);
    return BigInt(value).toString();
  }
  if (typeof value === 'object' && typeof (value as LongLike).low === 'number' && typeof (value as LongLike).high === 'number') {
    // protobufjs Long: two 32-bit halves. BigInt is far faster than Long's own toString() (long division).
    const { low, high, unsigned } = value as LongLike;
    const combined = (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
    return (unsigned ? combined : BigInt.asIntN(64, combined)).toString();
  }
  throw new DecodeError(`${what} has an invalid type`);
}

/** A 64-bit integer as a JS number (counts, asInt values): exact up to 2^53. */
export function int64ToNumber(value: unknown, what = 'integer'): number {
  if (typeof value === 'number') return value;
  return Number(int64ToString(value, what));
}

/** A double: JSON may spell the special values as strings (proto3 JSON mapping). */
export function toDouble(value: unknown, what = 'number'): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value === 'NaN') return Number.NaN;
    if (value === 'Infinity') return Number.POSITIVE_INFINITY;
    if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
    const parsed = Number(value);
    if (value.trim() !== '' && !Number.isNaN(parsed)) return parsed;
  }
  throw new DecodeError(`${what} must be a number`);
}

/** A uint32 field (dropped counts); 0 when absent. */
export function uint32(value: unknown, what: string): number {
  if (value === undefined || value === null) return 0;
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number === 'number' && Number.isInteger(number) && number >= 0 && number <= 0xffffffff) return number;
  throw new DecodeError(`${what} must be a non-negative integer`);
}

export function toText(value: unknown, what = 'string'): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  throw new DecodeError(`${what} must be a string`);
}

/** An enum as its integer: JSON may (leniently) use the value's name. */
export function enumToNumber(value: unknown, names: readonly string[], what: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string') {
    const index = names.indexOf(value);
    if (index >= 0) return index;
    if (/^\d+$/.test(value)) return Number(value);
  }
  throw new DecodeError(`${what} is not a valid enum value: ${JSON.stringify(value)}`);
}

export function asList(value: unknown, what: string): Node[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new DecodeError(`${what} must be a list`);
  for (const entry of value) {
    if (entry === null || typeof entry !== 'object') throw new DecodeError(`${what} must hold objects`);
  }
  return value as Node[];
}

export function asNode(value: unknown, what: string): Node | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new DecodeError(`${what} must be an object`);
  return value as Node;
}

/** common.v1.AnyValue → a JSON-friendly value; int64 becomes a number (exact up to 2^53). */
export function anyValueToJs(value: unknown): AttributeValue {
  const node = asNode(value, 'AnyValue');
  if (!node) return null;
  if (isSet(node, 'stringValue')) return toText(node.stringValue);
  if (isSet(node, 'boolValue')) return node.boolValue === true || node.boolValue === 'true';
  if (isSet(node, 'intValue')) return int64ToNumber(node.intValue, 'intValue');
  if (isSet(node, 'doubleValue')) return toDouble(node.doubleValue, 'doubleValue');
  if (isSet(node, 'arrayValue')) {
    return asList(asNode(node.arrayValue, 'arrayValue')?.values, 'arrayValue.values').map(anyValueToJs);
  }
  if (isSet(node, 'kvlistValue')) return keyValuesToAttributes(asNode(node.kvlistValue, 'kvlistValue')?.values);
  if (isSet(node, 'bytesValue')) {
    const bytes = node.bytesValue;
    // Bytes are shown as base64, as the proto3 JSON mapping writes them.
    if (typeof bytes === 'string') return bytes;
    if (bytes instanceof Uint8Array) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
    throw new DecodeError('bytesValue must be base64 text');
  }
  return null;
}

/** repeated common.v1.KeyValue → a plain object (a later duplicate key wins, as in the SDKs). */
export function keyValuesToAttributes(list: unknown): Attributes {
  const attributes: Attributes = {};
  for (const entry of asList(list, 'attributes')) {
    attributes[toText(entry.key, 'attribute key')] = anyValueToJs(entry.value);
  }
  return attributes;
}

/** Resource and scope of a ResourceX/ScopeX pair, shared by every item below them. */
export function resourceAttributes(resourceHolder: Node): Attributes {
  return keyValuesToAttributes(asNode(resourceHolder.resource, 'resource')?.attributes);
}

export function scopeOf(scopeHolder: Node): { name: string; version?: string } {
  const scope = asNode(scopeHolder.scope, 'scope');
  const name = toText(scope?.name, 'scope.name');
  const version = toText(scope?.version, 'scope.version');
  return version === '' ? { name } : { name, version };
}
