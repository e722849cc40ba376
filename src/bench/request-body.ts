/**
 * The one request every ceiling of the benchmark replays: a full batch of the stream-processor
 * scenario, encoded as OTLP protobuf and stamped once. The replay phase sends it through our own
 * sender; h2load sends the very same bytes, gRPC-framed for gRPC and as they are for HTTP/1.1.
 */
import { IdSource } from '../otlp/encode/id-source.js';
import { Stamper } from '../otlp/encode/stamp.js';
import { createTemplateFactory } from '../load/templates.js';
import { streamProcessorScenario } from '../synth/stream-processor.js';

export const BENCH_SCOPE = { name: 'otel-proc-bench', version: '0' };

export interface BenchRequest {
  /** ExportTraceServiceRequest bytes (the OTLP/HTTP protobuf body). */
  body: Buffer;
  spans: number;
}

export function benchRequest(batchSize: number): BenchRequest {
  const template = createTemplateFactory({
    signal: 'traces',
    scenario: streamProcessorScenario,
    format: 'protobuf',
    resource: {},
    serviceName: 'bench',
    seed: 'bench',
    scope: BENCH_SCOPE,
  })(batchSize);
  const body = Buffer.from(template.bytes);
  new Stamper(new IdSource()).stamp(template, body, Date.now());
  return { body, spans: template.items };
}

/** A gRPC length-prefixed message (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md): uncompressed flag, big-endian length, bytes. */
export function grpcFramed(message: Buffer): Buffer {
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32BE(message.length, 1);
  return Buffer.concat([prefix, message]);
}
