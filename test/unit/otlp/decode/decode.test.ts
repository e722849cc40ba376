import { describe, expect, it } from 'vitest';
import { decodeExportRequest, DecodeError } from '../../../../src/otlp/decode/index.js';
import type { ReceivedDataPoint, ReceivedSpan } from '../../../../src/otlp/types.js';
import { encodeLogsRequest, encodeMetricsRequest } from './requests.js';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('protobuf decoding', () => {
  it('flattens every metric type into data points with exact values', () => {
    const points = decodeExportRequest('metrics', encodeMetricsRequest(), 'protobuf', 'http/protobuf').items as ReceivedDataPoint[];
    const common = {
      protocol: 'http/protobuf',
      resource: { 'host.name': 'h', 'service.name': 'api' },
      scope: { name: 'm', version: '1' },
      description: '',
      startTimeUnixNano: '0',
      timeUnixNano: '5',
    };
    expect(points.map((point) => point.metricName)).toEqual(['g', 'g', 's', 'h', 'h', 'e', 'q']);
    expect(points[0]).toEqual({ ...common, metricName: 'g', unit: '', type: 'gauge', attributes: { k: '1' }, value: 1 });
    expect(points[2]).toMatchObject({ type: 'sum', temporality: 'delta', monotonic: false, value: -9 });
    expect(points[3]).toMatchObject({
      type: 'histogram',
      temporality: 'cumulative',
      unit: 'ms',
      count: 3,
      sum: 6,
      min: 1,
      max: 4,
      bucketCounts: [1, 2],
      explicitBounds: [5],
      exemplarTraceIds: ['09'.repeat(16)],
    });
    // sum/min/max are proto3 optional: absent stays absent instead of becoming 0.
    expect(points[4]).not.toHaveProperty('sum');
    expect(points[4]).not.toHaveProperty('min');
    expect(points[5]).toMatchObject({
      type: 'exponential_histogram',
      temporality: 'delta',
      count: 4,
      sum: 10,
      scale: -2,
      zeroCount: 1,
      positive: { offset: -1, bucketCounts: [1, 2] },
      negative: { offset: 0, bucketCounts: [] },
    });
    expect(points[6]).toMatchObject({
      type: 'summary',
      count: 2,
      sum: 3.5,
      quantileValues: [
        { quantile: 0.5, value: 1.5 },
        { quantile: 1, value: 2 },
      ],
    });
  });

  it('decodes log records with their correlation ids', () => {
    const records = decodeExportRequest('logs', encodeLogsRequest(), 'protobuf', 'grpc').items;
    expect(records).toHaveLength(3);
    expect(records[0]).toEqual({
      protocol: 'grpc',
      resource: { 'host.name': 'h', 'service.name': 'api' },
      scope: { name: '' },
      timeUnixNano: '7',
      observedTimeUnixNano: '0',
      severityNumber: 13,
      severityText: 'WARN',
      body: 'a',
      attributes: {},
      traceId: '03'.repeat(16),
      spanId: '04'.repeat(8),
      eventName: 'e',
    });
  });

  it('keeps 64-bit timestamps exact as decimal strings', () => {
    const request = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: 'AB'.repeat(16),
                  spanId: '01'.repeat(8),
                  startTimeUnixNano: '18446744073709551615',
                  endTimeUnixNano: 1700000000000000000,
                },
              ],
            },
          ],
        },
      ],
    };
    const [span] = decodeExportRequest('traces', json(request), 'json', 'http/json').items as ReceivedSpan[];
    expect(span!.startTimeUnixNano).toBe('18446744073709551615');
    expect(span!.endTimeUnixNano).toBe('1700000000000000000');
    expect(span!.traceId).toBe('ab'.repeat(16));
  });
});

describe('OTLP/JSON decoding', () => {
  it('reads hex ids, integer or named enums, snake_case field names and every AnyValue kind', () => {
    const request = {
      resource_spans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'json-svc' } }] },
          scope_spans: [
            {
              scope: { name: 'lib', version: '2' },
              spans: [
                {
                  trace_id: '5B8EFFF798038103D269B633813FC60C',
                  spanId: 'eee19b7ec3c1b174',
                  parentSpanId: 'eee19b7ec3c1b173',
                  name: 'json span',
                  kind: 'SPAN_KIND_PRODUCER',
                  startTimeUnixNano: '1544712660000000000',
                  endTimeUnixNano: '1544712661000000000',
                  attributes: [
                    { key: 'int', value: { intValue: '42' } },
                    { key: 'double', value: { doubleValue: 'NaN' } },
                    { key: 'bool', value: { boolValue: true } },
                    { key: 'bytes', value: { bytesValue: 'AQID' } },
                    { key: 'list', value: { arrayValue: { values: [{ stringValue: 'x' }, { intValue: 1 }] } } },
                    { key: 'map', value: { kvlistValue: { values: [{ key: 'inner', value: { boolValue: false } }] } } },
                    { key: 'empty', value: {} },
                  ],
                  status: { code: 2, message: 'boom' },
                },
              ],
            },
          ],
        },
      ],
    };
    const [span] = decodeExportRequest('traces', json(request), 'json', 'http/json').items as ReceivedSpan[];
    expect(span).toMatchObject({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: 'eee19b7ec3c1b173',
      kind: 'producer',
      scope: { name: 'lib', version: '2' },
      resource: { 'service.name': 'json-svc' },
      status: { code: 'error', message: 'boom' },
    });
    expect(span!.attributes).toEqual({
      int: 42,
      double: Number.NaN,
      bool: true,
      bytes: 'AQID',
      list: ['x', 1],
      map: { inner: false },
      empty: null,
    });
  });

  it('accepts an empty request', () => {
    expect(decodeExportRequest('logs', json({}), 'json', 'http/json').items).toEqual([]);
  });

  it.each([
    ['not JSON', Buffer.from('{"resourceSpans":')],
    ['a JSON array', json([])],
    ['resourceSpans not a list', json({ resourceSpans: {} })],
    [
      'a trace id of the wrong length',
      json({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'abcd', spanId: '01'.repeat(8) }] }] }] }),
    ],
    ['a base64 span id', json({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: '01'.repeat(16), spanId: 'AQIDBAUGBwg=' }] }] }] })],
    ['a fractional timestamp', json({ resourceSpans: [{ scopeSpans: [{ spans: [{ startTimeUnixNano: 1.5 }] }] }] })],
    ['an unknown enum name', json({ resourceSpans: [{ scopeSpans: [{ spans: [{ kind: 'SPAN_KIND_SIDEWAYS' }] }] }] })],
  ])('rejects %s with a DecodeError', (_case, body) => {
    expect(() => decodeExportRequest('traces', body, 'json', 'http/json')).toThrow(DecodeError);
  });
});

describe('64-bit integers in OTLP/JSON numbers', () => {
  it('keeps nanosecond timestamps written as JSON numbers exact', () => {
    // JSON.parse alone would round 1544712660300000001 to ...000000 (doubles step by 256 here).
    const text =
      '{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"n: 1544712660300000001","startTimeUnixNano":1544712660300000001,"endTimeUnixNano":-9007199254740993,"attributes":[{"key":"big","value":{"intValue":9007199254740993}},{"key":"d","value":{"doubleValue":1.2345678901234567e3}},{"key":"f","value":{"doubleValue":0.12345678901234567}}]}]}]}]}';
    const [span] = decodeExportRequest('traces', Buffer.from(text), 'json', 'http/json').items as ReceivedSpan[];
    expect(span!.startTimeUnixNano).toBe('1544712660300000001');
    expect(span!.endTimeUnixNano).toBe('-9007199254740993');
    // Strings are left alone, fractions and exponents too.
    expect(span!.name).toBe('n: 1544712660300000001');
    // biome-ignore lint/correctness/noPrecisionLoss: the literal repeats the JSON text; both read as the same double.
    expect(span!.attributes).toEqual({ big: 9007199254740992, d: 1234.5678901234567, f: 0.12345678901234567 });
  });

  it('leaves escaped quotes inside strings alone', async () => {
    const { quoteLongIntegers } = await import('../../../../src/otlp/decode/json-text.js');
    const text = '{"a":"x\\" 12345678901234567 \\"","b":12345678901234567,"c":[1,-12345678901234567]}';
    expect(quoteLongIntegers(text)).toBe('{"a":"x\\" 12345678901234567 \\"","b":"12345678901234567","c":[1,"-12345678901234567"]}');
  });
});
