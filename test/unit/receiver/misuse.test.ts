/**
 * The receiver hit the wrong way answers exactly as the OTLP specification (and the Collector)
 * does, and keeps serving afterwards.
 */
import tls from 'node:tls';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { otlpTypes } from '../../../src/otlp/proto/root.js';
import { startReceiver } from '../../../src/receiver/index.js';
import type { ReceiverHandle, RefusedRequest } from '../../../src/receiver/types.js';
import { ExportResultCode, exportWith, makeSpans, traceExporter } from './sdk-senders.js';
import { grpcCall, httpRequest, rawExchange } from './wire-clients.js';

const PROTOBUF = { 'Content-Type': 'application/x-protobuf' };
const JSON_TYPE = { 'Content-Type': 'application/json' };
const MAX_BODY = 64 * 1024;

function validTraceRequest(): Buffer {
  const type = otlpTypes().ExportTraceServiceRequest;
  const message = type.fromObject({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'misuse' } }] },
        scopeSpans: [
          { scope: { name: 't' }, spans: [{ traceId: Buffer.alloc(16, 0xab), spanId: Buffer.alloc(8, 0xcd), name: 'ok', kind: 1 }] },
        ],
      },
    ],
  });
  return Buffer.from(type.encode(message).finish());
}

function decodeStatus(body: Buffer) {
  return otlpTypes().Status.decode(body) as unknown as { code: number; message: string };
}

describe('receiver misuse', () => {
  let receiver: ReceiverHandle;
  const refusals: RefusedRequest[] = [];

  beforeAll(async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0, maxBodyBytes: MAX_BODY, onRefused: (refusal) => refusals.push(refusal) });
  });
  afterAll(() => receiver.stop());

  /** After every misuse: both listeners still take a real exporter's spans. */
  async function expectStillServing(): Promise<void> {
    const spans = await makeSpans();
    for (const protocol of ['grpc', 'http/protobuf'] as const) {
      const exporter = await traceExporter(receiver, protocol);
      try {
        expect((await exportWith(exporter, spans)).code).toBe(ExportResultCode.SUCCESS);
      } finally {
        await exporter.shutdown();
      }
    }
  }

  it('closes an HTTP/1.1 request to the gRPC port at the HTTP/2 preface', async () => {
    const exchange = await rawExchange(
      receiver.ports.grpc!,
      'POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\nContent-Length: 0\r\n\r\n',
    );
    expect(exchange.closedByServer).toBe(true);
    // Whatever came back is HTTP/2 framing (SETTINGS, GOAWAY), never an HTTP/1.1 answer.
    expect(exchange.data.toString('latin1')).not.toMatch(/^HTTP\/1/);
    await expectStillServing();
  });

  it('refuses gRPC (HTTP/2 prior knowledge) on the HTTP port', async () => {
    const answer = await grpcCall(receiver.ports.http!, validTraceRequest(), { deadlineMs: 5_000 });
    expect(answer.code).not.toBe(0);
    const exchange = await rawExchange(receiver.ports.http!, 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
    expect(exchange.data.toString('latin1')).toMatch(/^HTTP\/1\.1 400/);
    await vi.waitFor(() =>
      expect(refusals.map((refusal) => refusal.message)).toContainEqual(
        expect.stringMatching(/HTTP\/2 client \(a gRPC exporter\?\) connected to the OTLP\/HTTP port/),
      ),
    );
    await expectStillServing();
  });

  it('explains a TLS handshake on the plaintext HTTP port', async () => {
    const failure = await new Promise<string>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port: receiver.ports.http!, rejectUnauthorized: false });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      socket.on('secureConnect', () => resolve('connected'));
    });
    expect(failure).not.toBe('connected');
    await vi.waitFor(() =>
      expect(refusals.map((refusal) => refusal.message)).toContainEqual(
        expect.stringMatching(/TLS handshake arrived on the plaintext OTLP\/HTTP port/),
      ),
    );
    await expectStillServing();
  });

  it('answers 415 with a google.rpc.Status to an unsupported content type', async () => {
    const answer = await httpRequest(receiver.ports.http!, '/v1/traces', { headers: { 'Content-Type': 'text/plain' }, body: 'hello' });
    expect(answer.status).toBe(415);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(JSON.parse(answer.body.toString())).toMatchObject({ code: 3 });
    await expectStillServing();
  });

  it('answers 415 to an unsupported content encoding', async () => {
    const answer = await httpRequest(receiver.ports.http!, '/v1/traces', {
      headers: { ...PROTOBUF, 'Content-Encoding': 'snappy' },
      body: validTraceRequest(),
    });
    expect(answer.status).toBe(415);
    expect(answer.headers['content-type']).toBe('application/x-protobuf');
  });

  it('answers 405 with Allow to a GET', async () => {
    const answer = await httpRequest(receiver.ports.http!, '/v1/metrics', { method: 'GET' });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('POST, OPTIONS');
  });

  it("answers a browser exporter's CORS preflight and allows its origin on the export", async () => {
    const origin = 'http://localhost:5173';
    const preflight = await httpRequest(receiver.ports.http!, '/v1/traces', {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(origin);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect(preflight.headers['access-control-allow-headers']).toBe('content-type');
    const exported = await httpRequest(receiver.ports.http!, '/v1/traces', { headers: { ...JSON_TYPE, Origin: origin }, body: '{}' });
    expect(exported.status).toBe(200);
    expect(exported.headers['access-control-allow-origin']).toBe(origin);
  });

  it('answers 404 to an unknown path', async () => {
    const answer = await httpRequest(receiver.ports.http!, '/v1/trace', { headers: PROTOBUF, body: validTraceRequest() });
    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('application/x-protobuf');
    expect(decodeStatus(answer.body).code).toBe(5);
  });

  it('answers 400 with a protobuf Status to a garbage protobuf body', async () => {
    const answer = await httpRequest(receiver.ports.http!, '/v1/traces', { headers: PROTOBUF, body: 'this is not protobuf at all' });
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/x-protobuf');
    const status = decodeStatus(answer.body);
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/invalid protobuf/);
    await expectStillServing();
  });

  it('answers 400 to a truncated protobuf body, over HTTP and gRPC', async () => {
    const truncated = validTraceRequest().subarray(0, 20);
    const answer = await httpRequest(receiver.ports.http!, '/v1/traces', { headers: PROTOBUF, body: truncated });
    expect(answer.status).toBe(400);
    const grpcAnswer = await grpcCall(receiver.ports.grpc!, truncated);
    expect(grpcAnswer.code).toBe(3); // INVALID_ARGUMENT
    await expectStillServing();
  });

  it('answers 400 with a JSON Status to invalid JSON and to JSON with a bad trace id', async () => {
    const broken = await httpRequest(receiver.ports.http!, '/v1/traces', { headers: JSON_TYPE, body: '{"resourceSpans": [' });
    expect(broken.status).toBe(400);
    expect(broken.headers['content-type']).toBe('application/json');
    expect(JSON.parse(broken.body.toString())).toMatchObject({ code: 3, message: expect.stringMatching(/invalid JSON/) });
    const badId = { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'not-hex', spanId: '0102030405060708', name: 'x' }] }] }] };
    const answer = await httpRequest(receiver.ports.http!, '/v1/traces', { headers: JSON_TYPE, body: JSON.stringify(badId) });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body.toString()).message).toMatch(/traceId/);
  });

  it('answers 400 to a body that is not valid gzip', async () => {
    const answer = await httpRequest(receiver.ports.http!, '/v1/traces', {
      headers: { ...PROTOBUF, 'Content-Encoding': 'gzip' },
      body: validTraceRequest(),
    });
    expect(answer.status).toBe(400);
  });

  it('answers 413 to a body over the limit, plain or as a gzip bomb, and RESOURCE_EXHAUSTED over gRPC', async () => {
    const big = Buffer.alloc(MAX_BODY + 1, 0);
    const plain = await httpRequest(receiver.ports.http!, '/v1/traces', { headers: PROTOBUF, body: big });
    expect(plain.status).toBe(413);
    // Small on the wire, over the limit once inflated.
    const bomb = await httpRequest(receiver.ports.http!, '/v1/traces', {
      headers: { ...PROTOBUF, 'Content-Encoding': 'gzip' },
      body: gzipSync(big),
    });
    expect(bomb.status).toBe(413);
    const grpcAnswer = await grpcCall(receiver.ports.grpc!, big);
    expect(grpcAnswer.code).toBe(8);
    const grpcBomb = await grpcCall(receiver.ports.grpc!, big, { gzip: true });
    expect(grpcBomb.code).toBe(8);
    await expectStillServing();
  });

  it('answers UNIMPLEMENTED to an unknown gRPC method', async () => {
    const answer = await grpcCall(receiver.ports.grpc!, validTraceRequest(), {
      path: '/opentelemetry.proto.collector.profiles.v1development.ProfilesService/Export',
    });
    expect(answer.code).toBe(12);
  });

  it('answers a valid request in the request content type, and counted the failures', async () => {
    const answer = await httpRequest(receiver.ports.http!, '/v1/traces', { headers: PROTOBUF, body: validTraceRequest() });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/x-protobuf');
    expect(answer.body).toHaveLength(0); // an empty ExportTraceServiceResponse: full success
    expect(receiver.received.spans.some((span) => span.name === 'ok' && span.traceId === 'ab'.repeat(16))).toBe(true);
    expect(receiver.received.counts.failedRequests).toBeGreaterThanOrEqual(9);
  });

  it('reported every refusal with its transport, status and reason', () => {
    const seen = new Set(refusals.map((refusal) => `${refusal.transport} ${refusal.status}`));
    for (const expected of ['http 400', 'http 404', 'http 405', 'http 413', 'http 415', 'grpc 3']) expect(seen).toContain(expected);
    expect(refusals.every((refusal) => refusal.message !== '' && !refusal.injected)).toBe(true);
    expect(refusals.find((refusal) => refusal.status === 415)).toMatchObject({
      signal: 'traces',
      message: expect.stringMatching(/Content-Type/),
    });
  });
});
