/**
 * Whatever arrives, decoding either succeeds or throws DecodeError (→ 400 / INVALID_ARGUMENT):
 * never another exception, which would surface as a 500 / INTERNAL. Seeded, so every run checks
 * the same mutations.
 */
import { describe, expect, it } from 'vitest';
import {
  countJsonItems,
  countProtobufItems,
  decodeExportRequest,
  DecodeError,
  parseExportRequest,
} from '../../../../src/otlp/decode/index.js';
import type { ReceivedSignal } from '../../../../src/receiver/types.js';
import { encodeLogsRequest, encodeMetricsRequest, encodeTraceRequest, metricsRequestObject, traceRequestObject } from './requests.js';

function seededRandom(seed: number): () => number {
  // mulberry32
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function outcomeOf(action: () => unknown): 'ok' | 'decode-error' {
  try {
    action();
    return 'ok';
  } catch (error) {
    if (error instanceof DecodeError) return 'decode-error';
    throw error;
  }
}

/** OTLP/JSON text of a request object: ids (Buffers) become hex, as OTLP/JSON writes them. */
function toJsonTree(object: unknown): unknown {
  return JSON.parse(
    JSON.stringify(object, (_key, value: unknown) => {
      if (value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer')
        return Buffer.from((value as { data: number[] }).data).toString('hex');
      return value;
    }),
  );
}

const REPLACEMENTS: unknown[] = [null, 5, -1.5, 'x', 'zz', '', true, [], {}, [1], { a: 1 }, '123', 'NaN', [{}], [null], 2 ** 70];

function mutate(tree: unknown, random: () => number): unknown {
  const copy = structuredClone(tree);
  const holders: Array<[Record<string, unknown> | unknown[], string | number]> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const [index, child] of node.entries()) {
        holders.push([node, index]);
        walk(child);
      }
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        holders.push([node as Record<string, unknown>, key]);
        walk(child);
      }
    }
  };
  walk(copy);
  for (let changes = 1 + Math.floor(random() * 3); changes > 0 && holders.length > 0; changes -= 1) {
    const [holder, key] = holders[Math.floor(random() * holders.length)]!;
    (holder as Record<string, unknown>)[key] = REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)];
  }
  return copy;
}

const JSON_CASES: Array<[ReceivedSignal, unknown]> = [
  ['traces', toJsonTree(traceRequestObject())],
  ['metrics', toJsonTree(metricsRequestObject())],
];

const PROTOBUF_CASES: Array<[ReceivedSignal, Buffer]> = [
  ['traces', encodeTraceRequest()],
  ['metrics', encodeMetricsRequest()],
  ['logs', encodeLogsRequest()],
];

describe('decoding hostile input', () => {
  it.each(JSON_CASES)('OTLP/JSON %s: every mutation decodes or is a DecodeError', (signal, tree) => {
    const random = seededRandom(42);
    const outcomes = { ok: 0, 'decode-error': 0 };
    for (let round = 0; round < 600; round += 1) {
      const body = Buffer.from(JSON.stringify(mutate(tree, random)));
      outcomes[outcomeOf(() => decodeExportRequest(signal, body, 'json', 'http/json'))] += 1;
      outcomeOf(() => countJsonItems(signal, parseExportRequest(signal, body, 'json')));
    }
    // Both kinds of outcome really occur: the mutations reach deep enough to matter.
    expect(outcomes.ok).toBeGreaterThan(0);
    expect(outcomes['decode-error']).toBeGreaterThan(0);
  });

  it.each(PROTOBUF_CASES)('protobuf %s: flipped, dropped and inserted bytes decode or are a DecodeError', (signal, valid) => {
    const random = seededRandom(7);
    const outcomes = { ok: 0, 'decode-error': 0 };
    for (let round = 0; round < 1500; round += 1) {
      const bytes = Buffer.from(valid);
      let body: Buffer = bytes;
      const kind = round % 3;
      if (kind === 0)
        for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips -= 1)
          bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      else if (kind === 1) body = bytes.subarray(0, Math.floor(random() * bytes.length));
      else {
        const at = Math.floor(random() * bytes.length);
        body = Buffer.concat([bytes.subarray(0, at), Buffer.from([Math.floor(random() * 256)]), bytes.subarray(at)]);
      }
      outcomes[outcomeOf(() => decodeExportRequest(signal, body, 'protobuf', 'grpc'))] += 1;
      outcomeOf(() => countProtobufItems(signal, body));
    }
    expect(outcomes.ok).toBeGreaterThan(0);
    expect(outcomes['decode-error']).toBeGreaterThan(0);
  });
});
