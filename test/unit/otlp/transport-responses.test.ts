import { describe, expect, it } from 'vitest';
import { classifyGrpcStatus, classifyHttpStatus, classifyNetworkError } from '../../../src/otlp/transport/classify.js';
import {
  parsePartialSuccessJson,
  parsePartialSuccessProto,
  parseRetryAfter,
  parseRpcStatus,
} from '../../../src/otlp/transport/responses.js';
import { ProtoWriter } from '../../../src/otlp/encode/proto-writer.js';

describe('response decoding', () => {
  it('reads partial success in protobuf and JSON', () => {
    const body = new ProtoWriter().message(1, new ProtoWriter().varint(1, 42).string(2, 'too old')).finish();
    expect(parsePartialSuccessProto(body)).toEqual({ rejected: 42, message: 'too old' });
    expect(parsePartialSuccessProto(new Uint8Array())).toEqual({ rejected: 0 });
    expect(parsePartialSuccessJson('{"partialSuccess":{"rejectedSpans":"3","errorMessage":"x"}}')).toEqual({ rejected: 3, message: 'x' });
    expect(parsePartialSuccessJson('{}')).toEqual({ rejected: 0 });
  });

  it('finds RetryInfo among google.rpc.Status details', () => {
    const retryInfo = new ProtoWriter().message(1, new ProtoWriter().varint(1, 2).varint(2, 500_000_000));
    const any = new ProtoWriter().string(1, 'type.googleapis.com/google.rpc.RetryInfo').message(2, retryInfo);
    const status = new ProtoWriter().varint(1, 8).string(2, 'slow down').message(3, any).finish();
    expect(parseRpcStatus(status)).toEqual({ code: 8, message: 'slow down', retryDelayMs: 2500 });
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});

describe('classification (OTLP spec, Failures)', () => {
  it('retries only the retryable gRPC codes, RESOURCE_EXHAUSTED only with RetryInfo', () => {
    expect(classifyGrpcStatus(14, 'down')).toMatchObject({ kind: 'retryable', reason: 'grpc-unavailable' });
    expect(classifyGrpcStatus(8, 'full')).toMatchObject({ kind: 'permanent', reason: 'grpc-resource-exhausted' });
    expect(classifyGrpcStatus(8, 'full', 1000)).toMatchObject({ kind: 'retryable', retryAfterMs: 1000 });
    expect(classifyGrpcStatus(3, 'bad')).toMatchObject({ kind: 'permanent', reason: 'grpc-invalid-argument' });
    expect(classifyGrpcStatus(16, '')).toMatchObject({ kind: 'permanent', reason: 'grpc-unauthenticated' });
  });

  it('retries HTTP 429, 502, 503, 504 only', () => {
    for (const status of [429, 502, 503, 504]) expect(classifyHttpStatus(status, undefined).kind).toBe('retryable');
    for (const status of [400, 401, 403, 404, 413, 500]) expect(classifyHttpStatus(status, undefined).kind).toBe('permanent');
    expect(classifyHttpStatus(429, 'x', 2000)).toMatchObject({ retryAfterMs: 2000 });
  });

  it('treats a missing server as retryable and TLS trouble as permanent', () => {
    expect(classifyNetworkError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatchObject({
      kind: 'retryable',
      reason: 'connection-refused',
    });
    expect(
      classifyNetworkError(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })),
    ).toMatchObject({ kind: 'permanent', reason: 'tls' });
  });
});
