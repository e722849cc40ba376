/**
 * The errors below are the ones the NodeSDK's exporters reported against the real Collector
 * (test/e2e/doctor-app-sdk-stack.test.ts checks the same causes end to end).
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config/resolve.js';
import { failureHint } from '../../../src/app-sdk/failure-hint.js';

async function appConfig(env: Record<string, string>) {
  return (await resolveConfig({ env, cwd: process.cwd(), noConfigSearch: true })).config;
}

describe('failureHint', () => {
  it('names the headers variable when the collector wants a token (gRPC and HTTP)', async () => {
    const config = await appConfig({});
    expect(
      failureHint('traces', 'grpc', '16 UNAUTHENTICATED: missing or empty authorization header: Authorization', config.traces),
    ).toMatchObject({
      cause: 'unauthenticated',
      fix: expect.stringContaining('OTEL_EXPORTER_OTLP_HEADERS="authorization=Bearer <token>"'),
    });
    expect(failureHint('logs', 'http/protobuf', 'Unauthorized', config.logs)?.fix).toContain('OTEL_EXPORTER_OTLP_LOGS_HEADERS');
  });

  it('says nothing listens on a refused connection, naming the endpoint variable the app set', async () => {
    const config = await appConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:1/v1/traces' });
    const hint = failureHint('traces', 'http/protobuf', 'connect ECONNREFUSED 127.0.0.1:1', config.traces);
    expect(hint).toMatchObject({ cause: 'refused', fix: expect.stringContaining('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') });
  });

  it('tells gRPC sent to an HTTP port from HTTP sent to a gRPC port, naming the protocol variable the app set', async () => {
    const grpc = await appConfig({ OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc' });
    const toHttpPort = failureHint(
      'traces',
      'grpc',
      '14 UNAVAILABLE: No connection established. Last error: Protocol error (2026-01-01T00:00:00.000Z). Resolution note: ',
      grpc.traces,
    );
    expect(toHttpPort).toMatchObject({
      cause: 'protocol-mismatch',
      fix: expect.stringContaining('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf'),
    });
    const http = await appConfig({});
    const toGrpcPort = failureHint('metrics', 'http/protobuf', 'Parse Error: Expected HTTP/, RTSP/ or ICE/', http.metrics);
    expect(toGrpcPort).toMatchObject({ cause: 'protocol-mismatch', fix: expect.stringContaining('OTEL_EXPORTER_OTLP_PROTOCOL=grpc') });
    // The same HTTP/2 session error over HTTP is no protocol mismatch of this kind.
    expect(failureHint('traces', 'http/protobuf', 'Protocol error', http.traces)).toBeUndefined();
  });

  it('gives no hint for an error it does not know', async () => {
    const config = await appConfig({});
    expect(failureHint('traces', 'grpc', '13 INTERNAL: something broke', config.traces)).toBeUndefined();
  });
});
