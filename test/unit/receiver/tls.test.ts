/**
 * TLS and mutual TLS on both listeners, with the official exporters for the happy path and bare
 * clients for the refusals.
 */
import * as grpc from '@grpc/grpc-js';
import { OTLPTraceExporter as GrpcTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { otlpTypes } from '../../../src/otlp/proto/root.js';
import { startReceiver } from '../../../src/receiver/index.js';
import type { ReceiverHandle } from '../../../src/receiver/types.js';
import { ExportResultCode, exportWith, makeSpans } from './sdk-senders.js';
import { grpcCall, httpRequest } from './wire-clients.js';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/receiver/tls/${name}`, import.meta.url), 'utf8');
const CA = fixture('ca.crt');
const SERVER = { cert: fixture('server.crt'), key: fixture('server.key') };
const CLIENT = { cert: fixture('client.crt'), key: fixture('client.key') };

function httpsStatus(port: number, withClientCertificate: boolean): Promise<number | string> {
  return new Promise((resolve) => {
    const request = https.request(
      {
        host: '127.0.0.1',
        port,
        path: '/v1/traces',
        method: 'POST',
        ca: CA,
        headers: { 'Content-Type': 'application/json' },
        ...(withClientCertificate ? CLIENT : {}),
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    request.end('{}');
  });
}

const emptyRequest = () => Buffer.from(otlpTypes().ExportTraceServiceRequest.encode({}).finish());

let receiver: ReceiverHandle | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});

describe('receiver over TLS', () => {
  it('takes spans from the gRPC and HTTP exporters over TLS', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0, tls: SERVER });
    const spans = await makeSpans();
    const grpcExporter = new GrpcTraceExporter({
      url: `https://127.0.0.1:${receiver.ports.grpc}`,
      credentials: grpc.credentials.createSsl(Buffer.from(CA)),
    });
    const httpExporter = new ProtoTraceExporter({
      url: `https://127.0.0.1:${receiver.ports.http}/v1/traces`,
      httpAgentOptions: { ca: CA },
    });
    try {
      expect((await exportWith(grpcExporter, spans)).code).toBe(ExportResultCode.SUCCESS);
      expect((await exportWith(httpExporter, spans)).code).toBe(ExportResultCode.SUCCESS);
    } finally {
      await Promise.all([grpcExporter.shutdown(), httpExporter.shutdown()]);
    }
    expect(receiver.received.spans).toHaveLength(2 * spans.length);
  });

  it('refuses plaintext on a TLS port, says so, and keeps serving', async () => {
    const refusals: string[] = [];
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0, tls: SERVER, onRefused: (refusal) => refusals.push(refusal.message) });
    await httpRequest(receiver.ports.http!, '/v1/traces', { body: '{}' }).catch(() => undefined);
    await vi.waitFor(
      () => expect(refusals).toContainEqual(expect.stringMatching(/plaintext HTTP request arrived on the TLS OTLP\/HTTP port/)),
      { timeout: 10_000 },
    );
    expect((await grpcCall(receiver.ports.grpc!, emptyRequest(), { deadlineMs: 3_000 })).code).not.toBe(0);
    const secure = grpc.credentials.createSsl(Buffer.from(CA));
    expect((await grpcCall(receiver.ports.grpc!, emptyRequest(), { credentials: secure })).code).toBe(0);
  });

  it('requires a client certificate signed by the CA with mTLS', async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0, tls: { ...SERVER, ca: CA, requireClientCertificate: true } });
    expect(await httpsStatus(receiver.ports.http!, false)).not.toBe(200);
    expect(await httpsStatus(receiver.ports.http!, true)).toBe(200);
    const anonymous = grpc.credentials.createSsl(Buffer.from(CA));
    expect((await grpcCall(receiver.ports.grpc!, emptyRequest(), { credentials: anonymous, deadlineMs: 3_000 })).code).not.toBe(0);
    const identified = grpc.credentials.createSsl(Buffer.from(CA), Buffer.from(CLIENT.key), Buffer.from(CLIENT.cert));
    expect((await grpcCall(receiver.ports.grpc!, emptyRequest(), { credentials: identified })).code).toBe(0);
  });
});
