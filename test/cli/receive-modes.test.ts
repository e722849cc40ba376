/**
 * `otel-proc receive` with TLS/mTLS from files and in count-only mode, driven by the official
 * exporters against the spawned CLI.
 */
import * as grpc from '@grpc/grpc-js';
import { OTLPTraceExporter as GrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExportResultCode, exportWith, makeSpans, traceExporter } from '../unit/receiver/sdk-senders.js';
import { startReceiveCli } from './receive-process.js';

const TLS = fileURLToPath(new URL('../../fixtures/receiver/tls/', import.meta.url));
const pem = (name: string) => readFileSync(`${TLS}${name}`);

describe('otel-proc receive modes', () => {
  it('serves mutual TLS from --tls-cert/--tls-key/--tls-ca to exporters with a client certificate', async () => {
    const running = await startReceiveCli([
      '--tls-cert',
      `${TLS}server.crt`,
      '--tls-key',
      `${TLS}server.key`,
      '--tls-ca',
      `${TLS}ca.crt`,
      '--max-items',
      '4',
    ]);
    expect(running.stderr()).toMatch(/OTLP\/gRPC on 127\.0\.0\.1:\d+ \(TLS\)/);
    expect(running.stderr()).toMatch(/OTLP\/HTTP on https:\/\/127\.0\.0\.1:\d+/);
    const spans = await makeSpans();
    const grpcExporter = new GrpcTraceExporter({
      url: `https://127.0.0.1:${running.target.ports.grpc}`,
      credentials: grpc.credentials.createSsl(pem('ca.crt'), pem('client.key'), pem('client.crt')),
    });
    const httpExporter = new ProtoTraceExporter({
      url: `https://127.0.0.1:${running.target.ports.http}/v1/traces`,
      httpAgentOptions: { ca: pem('ca.crt'), key: pem('client.key'), cert: pem('client.crt') },
    });
    try {
      expect((await exportWith(grpcExporter, spans)).code).toBe(ExportResultCode.SUCCESS);
      expect((await exportWith(httpExporter, spans)).code).toBe(ExportResultCode.SUCCESS);
    } finally {
      await Promise.all([grpcExporter.shutdown(), httpExporter.shutdown()]);
    }
    expect((await running.exited).code).toBe(0);
    expect(running.stdout()).toMatch(/received 4 spans/);
  });

  it('counts without decoding in --count-only mode, per service', async () => {
    const running = await startReceiveCli(['--count-only', '--max-items', '6']);
    const spans = await makeSpans();
    for (const protocol of ['grpc', 'http/protobuf', 'http/json'] as const) {
      const exporter = await traceExporter(running.target, protocol);
      try {
        expect((await exportWith(exporter, spans)).code).toBe(ExportResultCode.SUCCESS);
      } finally {
        await exporter.shutdown();
      }
    }
    expect((await running.exited).code).toBe(0);
    expect(running.stdout()).toMatch(/^received 6 spans, 0 data points, 0 log records in 3 requests/);
    expect(running.stdout()).toMatch(/checkout\s+6\s+0\s+0/);
  });
});
