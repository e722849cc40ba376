import { describe, expect, it } from 'vitest';
import { describeExportFailure } from '../../../src/sdk/export-failure.js';

const http = { protocol: 'http/protobuf' as const, url: 'http://collector:4318/v1/traces', timeoutMs: 10000 };
const grpc = { protocol: 'grpc' as const, url: 'http://collector:4317', timeoutMs: 10000 };
const statusError = (code: number, message: string, data = ''): Error => Object.assign(new Error(message), { code, data });

describe('describeExportFailure', () => {
  it.each([
    [statusError(404, 'Not Found'), 'EXPORT_NOT_FOUND'],
    [statusError(403, 'Forbidden'), 'EXPORT_PERMISSION_DENIED'],
    [statusError(415, 'Unsupported Media Type'), 'EXPORT_REJECTED'],
    [statusError(503, 'Service Unavailable'), 'EXPORT_UNAVAILABLE'],
    [new Error('Request timed out'), 'EXPORT_TIMEOUT'],
    [Object.assign(new Error('getaddrinfo ENOTFOUND collector'), { code: 'ENOTFOUND' }), 'EXPORT_DNS'],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'EXPORT_WRONG_PROTOCOL'],
    [Object.assign(new Error('write EPROTO ... wrong version number'), { code: 'EPROTO' }), 'EXPORT_TLS'],
    [new Error('Export failed with retryable status'), 'EXPORT_UNAVAILABLE'],
    [new Error('Concurrent export limit reached'), 'EXPORT_CONCURRENCY_LIMIT'],
  ])('classifies an HTTP failure %#', (error, code) => {
    expect(describeExportFailure(error, http).code).toBe(code);
  });

  it.each([
    [statusError(4, '4 DEADLINE_EXCEEDED: Deadline exceeded'), 'EXPORT_TIMEOUT'],
    [statusError(12, '12 UNIMPLEMENTED: unknown service'), 'EXPORT_NOT_FOUND'],
    [statusError(7, '7 PERMISSION_DENIED: no'), 'EXPORT_PERMISSION_DENIED'],
    [statusError(14, '14 UNAVAILABLE: No connection established. Last error: Error: getaddrinfo ENOTFOUND collector'), 'EXPORT_DNS'],
    [statusError(8, '8 RESOURCE_EXHAUSTED: slow down'), 'EXPORT_UNAVAILABLE'],
    // The receiver went away under a call (seen when it is killed mid-export), not a wrong port.
    [statusError(14, '14 UNAVAILABLE: Connection dropped'), 'EXPORT_CONNECTION_LOST'],
    // What the Collector's OTLP/HTTP port answers a gRPC client.
    [
      statusError(
        14,
        '14 UNAVAILABLE: No connection established. Last error: Protocol error (2026-01-01T00:00:00.000Z). Resolution note: ',
      ),
      'EXPORT_WRONG_PROTOCOL',
    ],
  ])('classifies a gRPC failure %#', (error, code) => {
    expect(describeExportFailure(error, grpc).code).toBe(code);
  });

  it('names an endpoint without scheme', () => {
    const failure = describeExportFailure(new TypeError('Protocol "localhost:" not supported. Expected "http:"'), {
      ...http,
      url: 'localhost:4318/v1/traces',
    });
    expect(failure).toMatchObject({
      code: 'EXPORT_BAD_ENDPOINT',
      message: 'the endpoint localhost:4318/v1/traces is not an http:// or https:// URL',
    });
  });

  it('says which TLS problem a plaintext peer causes', () => {
    const failure = describeExportFailure(
      Object.assign(new Error('ssl3_get_record:wrong version number'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }),
      http,
    );
    expect(failure).toMatchObject({ code: 'EXPORT_TLS', message: 'TLS handshake failed: collector:4318 answered in plaintext' });
  });
});
