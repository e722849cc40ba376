/**
 * OTLP common types (opentelemetry/proto/common/v1/common.proto): KeyValue and AnyValue, in both
 * wire encodings. Integers become int_value (int64), other numbers double_value, as the JS SDK does.
 */
import type { AttributeValue } from '../types.js';
import { ProtoWriter } from './proto-writer.js';

// AnyValue field numbers.
const STRING_VALUE = 1;
const BOOL_VALUE = 2;
const INT_VALUE = 3;
const DOUBLE_VALUE = 4;
const ARRAY_VALUE = 5;
const KVLIST_VALUE = 6;

export function encodeAnyValue(value: AttributeValue): ProtoWriter {
  const w = new ProtoWriter();
  if (typeof value === 'string') w.string(STRING_VALUE, value);
  else if (typeof value === 'boolean') w.varint(BOOL_VALUE, value ? 1 : 0);
  else if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) w.varint(INT_VALUE, value);
    else w.double(DOUBLE_VALUE, value);
  } else if (Array.isArray(value)) {
    const list = new ProtoWriter();
    for (const item of value) list.message(1, encodeAnyValue(item));
    w.message(ARRAY_VALUE, list);
  } else if (value !== null) {
    const list = new ProtoWriter();
    for (const [key, item] of Object.entries(value)) list.message(1, encodeKeyValue(key, item));
    w.message(KVLIST_VALUE, list);
  }
  // null: an empty AnyValue, which OTLP reads as "no value".
  return w;
}

export function encodeKeyValue(key: string, value: AttributeValue): ProtoWriter {
  return new ProtoWriter().string(1, key).message(2, encodeAnyValue(value));
}

/** Writes `attributes` as repeated KeyValue under `field`. */
export function writeAttributes(w: ProtoWriter, field: number, attributes: Record<string, AttributeValue>): void {
  for (const [key, value] of Object.entries(attributes)) w.message(field, encodeKeyValue(key, value));
}

export type JsonAnyValue = Record<string, unknown>;

/** OTLP/JSON AnyValue: int64 as a decimal string, per the OTLP/JSON mapping. */
export function anyValueJson(value: AttributeValue): JsonAnyValue {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValueJson) } };
  if (value === null) return {};
  return { kvlistValue: { values: attributesJson(value) } };
}

export function attributesJson(attributes: Record<string, AttributeValue>): Array<{ key: string; value: JsonAnyValue }> {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: anyValueJson(value) }));
}
