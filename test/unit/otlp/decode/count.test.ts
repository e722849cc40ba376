import { describe, expect, it } from 'vitest';
import { countProtobufItems, decodeExportRequest, DecodeError } from '../../../../src/otlp/decode/index.js';
import { encodeLogsRequest, encodeMetricsRequest, encodeTraceRequest, withUnknownField } from './requests.js';

const services = (count: { byService: Map<string, number> }) => Object.fromEntries(count.byService);

describe('count-only protobuf walking', () => {
  it('counts spans per service.name, across resources and scopes', () => {
    const count = countProtobufItems('traces', encodeTraceRequest());
    expect(count.total).toBe(8);
    expect(services(count)).toEqual({ api: 5, worker: 1, '': 2 });
  });

  it('counts the data points of every metric type', () => {
    const count = countProtobufItems('metrics', encodeMetricsRequest());
    expect(count.total).toBe(7);
    expect(count.total).toBe(decodeExportRequest('metrics', encodeMetricsRequest(), 'protobuf', 'grpc').items.length);
  });

  it('counts log records', () => {
    expect(services(countProtobufItems('logs', encodeLogsRequest()))).toEqual({ api: 2, db: 1 });
  });

  it('skips unknown fields like the full decoder does', () => {
    const buffer = withUnknownField(encodeTraceRequest());
    expect(countProtobufItems('traces', buffer).total).toBe(8);
    expect(decodeExportRequest('traces', buffer, 'protobuf', 'grpc').items).toHaveLength(8);
  });

  it('counts an empty request as zero items', () => {
    expect(countProtobufItems('traces', Buffer.alloc(0))).toEqual({ total: 0, byService: new Map() });
  });

  it('agrees with the full decoder on every truncation of a request', () => {
    // Protobuf has no end marker: a cut between two top-level fields is a valid, shorter request.
    const buffer = encodeTraceRequest();
    let rejected = 0;
    for (let length = 1; length < buffer.length; length += 1) {
      const truncated = buffer.subarray(0, length);
      let full: number | 'error';
      try {
        full = decodeExportRequest('traces', truncated, 'protobuf', 'grpc').items.length;
      } catch (error) {
        expect(error).toBeInstanceOf(DecodeError);
        full = 'error';
      }
      if (full === 'error') {
        rejected += 1;
        expect(() => countProtobufItems('traces', truncated), `length ${length}`).toThrow(DecodeError);
      } else expect(countProtobufItems('traces', truncated).total, `length ${length}`).toBe(full);
    }
    expect(rejected).toBeGreaterThan(buffer.length - 5);
  });

  it('rejects garbage', () => {
    expect(() => countProtobufItems('traces', Buffer.from('this is not protobuf at all'))).toThrow(DecodeError);
  });
});
