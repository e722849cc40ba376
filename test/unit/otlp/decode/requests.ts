/**
 * Test helper: OTLP export requests built with our protobuf schema, covering what exporters send
 * (several resources and scopes, every metric type, unknown fields).
 */
import { otlpTypes } from '../../../../src/otlp/proto/root.js';

const attribute = (key: string, value: string) => ({ key, value: { stringValue: value } });
const resource = (service: string | undefined) => ({
  attributes: service === undefined ? [attribute('host.name', 'h')] : [attribute('host.name', 'h'), attribute('service.name', service)],
});

export function span(index: number) {
  return {
    traceId: Buffer.alloc(16, index + 1),
    spanId: Buffer.alloc(8, index + 1),
    name: `span-${index}`,
    kind: 2,
    startTimeUnixNano: '1',
    endTimeUnixNano: '2',
    attributes: [
      { key: 'n', value: { intValue: String(index) } },
      { key: 'raw', value: { bytesValue: Buffer.from([1, 2, index]) } },
      { key: 'list', value: { arrayValue: { values: [{ doubleValue: 0.5 }, { boolValue: true }] } } },
      { key: 'map', value: { kvlistValue: { values: [{ key: 'k', value: { stringValue: 'v' } }] } } },
    ],
    events: [{ name: 'e', timeUnixNano: '3', attributes: [attribute('ek', 'ev')] }],
    links: [{ traceId: Buffer.alloc(16, 0xaa), spanId: Buffer.alloc(8, 0xbb), traceState: 'a=b' }],
    status: { code: 2, message: 'bad' },
  };
}

/** Spans: api 3 + 2 in two scopes, worker 1, and 2 without a service.name. */
export function traceRequestObject() {
  return {
    resourceSpans: [
      {
        resource: resource('api'),
        scopeSpans: [
          { scope: { name: 'a' }, spans: [span(0), span(1), span(2)] },
          { scope: { name: 'b' }, spans: [span(3), span(4)] },
        ],
      },
      { resource: resource('worker'), scopeSpans: [{ spans: [span(5)] }] },
      { resource: resource(undefined), scopeSpans: [{ spans: [span(6), span(7)] }] },
    ],
  };
}

export function encodeTraceRequest(object: object = traceRequestObject()): Buffer {
  const type = otlpTypes().ExportTraceServiceRequest;
  return Buffer.from(type.encode(type.fromObject(object)).finish());
}

const numberPoint = (value: number) => ({ asDouble: value, timeUnixNano: '5', attributes: [attribute('k', String(value))] });

/** 2 gauge + 1 sum + 2 histogram + 1 exponential histogram + 1 summary = 7 points. */
export function metricsRequestObject() {
  return {
    resourceMetrics: [
      {
        resource: resource('api'),
        scopeMetrics: [
          {
            scope: { name: 'm', version: '1' },
            metrics: [
              { name: 'g', gauge: { dataPoints: [numberPoint(1), numberPoint(2)] } },
              { name: 's', sum: { dataPoints: [{ asInt: '-9', timeUnixNano: '5' }], aggregationTemporality: 1, isMonotonic: false } },
              {
                name: 'h',
                unit: 'ms',
                histogram: {
                  aggregationTemporality: 2,
                  dataPoints: [
                    {
                      count: '3',
                      sum: 6,
                      bucketCounts: ['1', '2'],
                      explicitBounds: [5],
                      min: 1,
                      max: 4,
                      exemplars: [{ traceId: Buffer.alloc(16, 9), spanId: Buffer.alloc(8, 9), asDouble: 1 }],
                    },
                    { count: '0', bucketCounts: ['0', '0'], explicitBounds: [5] },
                  ],
                },
              },
              {
                name: 'e',
                exponentialHistogram: {
                  aggregationTemporality: 1,
                  dataPoints: [
                    {
                      count: '4',
                      sum: 10,
                      scale: -2,
                      zeroCount: '1',
                      positive: { offset: -1, bucketCounts: ['1', '2'] },
                      negative: { offset: 0, bucketCounts: [] },
                    },
                  ],
                },
              },
              {
                name: 'q',
                summary: {
                  dataPoints: [
                    {
                      count: '2',
                      sum: 3.5,
                      quantileValues: [
                        { quantile: 0.5, value: 1.5 },
                        { quantile: 1, value: 2 },
                      ],
                    },
                  ],
                },
              },
              { name: 'empty' },
            ],
          },
        ],
      },
    ],
  };
}

export function encodeMetricsRequest(): Buffer {
  const type = otlpTypes().ExportMetricsServiceRequest;
  return Buffer.from(type.encode(type.fromObject(metricsRequestObject())).finish());
}

export function encodeLogsRequest(): Buffer {
  const type = otlpTypes().ExportLogsServiceRequest;
  const record = (body: string) => ({
    timeUnixNano: '7',
    severityNumber: 13,
    severityText: 'WARN',
    body: { stringValue: body },
    traceId: Buffer.alloc(16, 3),
    spanId: Buffer.alloc(8, 4),
    eventName: 'e',
  });
  const object = {
    resourceLogs: [
      { resource: resource('api'), scopeLogs: [{ logRecords: [record('a'), record('b')] }] },
      { resource: resource('db'), scopeLogs: [{ logRecords: [record('c')] }] },
    ],
  };
  return Buffer.from(type.encode(type.fromObject(object)).finish());
}

/** Appends an unknown field (number 99, length-delimited) the way a newer sender might. */
export function withUnknownField(buffer: Buffer): Buffer {
  // tag (99 << 3) | 2 = 794 as a varint is 0x9a 0x06; then length 3 and "ABC".
  return Buffer.concat([buffer, Buffer.from([0x9a, 0x06, 0x03, 0x41, 0x42, 0x43])]);
}
