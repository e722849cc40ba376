/**
 * Fault injection observed from the client side: the official exporters' retries and final
 * results, and the exact throttling answers (Retry-After, RetryInfo) a client would act on.
 */
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { otlpTypes, RETRY_INFO_TYPE_URL } from '../../../src/otlp/proto/root.js';
import { startReceiver } from '../../../src/receiver/index.js';
import type { ReceiverHandle, ReceiverOptions } from '../../../src/receiver/types.js';
import { ExportResultCode, exportWith, makeSpans, traceExporter, type SenderOptions } from './sdk-senders.js';
import { grpcCall, httpRequest } from './wire-clients.js';
import type { OtlpProtocol } from '../../../src/config/types.js';

let receiver: ReceiverHandle | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
  diag.disable();
});

async function start(options: ReceiverOptions): Promise<ReceiverHandle> {
  receiver = await startReceiver({ grpcPort: 0, httpPort: 0, ...options });
  return receiver;
}

async function sendSpans(target: ReceiverHandle, protocol: OtlpProtocol, options: SenderOptions = {}) {
  const spans = await makeSpans();
  const exporter = await traceExporter(target, protocol, options);
  try {
    return { result: await exportWith(exporter, spans), sent: spans.length };
  } finally {
    await exporter.shutdown();
  }
}

function emptyTraceRequest(): Buffer {
  const type = otlpTypes().ExportTraceServiceRequest;
  return Buffer.from(type.encode(type.fromObject({})).finish());
}

describe('fault injection', () => {
  it('fails the first requests with 503 + Retry-After, and the HTTP exporter retries until it succeeds', async () => {
    const target = await start({ faults: { failFirst: 2, failWith: '503', retryAfterSeconds: 0 } });
    const { result, sent } = await sendSpans(target, 'http/protobuf');
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(target.received.counts).toMatchObject({ requests: 3, failedRequests: 2, spans: sent, rejectedSpans: 2 * sent });
  });

  it('keeps answering 429 and the HTTP exporter gives up after its retries', async () => {
    const target = await start({ faults: { failWith: '429', retryAfterSeconds: 0 } });
    const { result } = await sendSpans(target, 'http/json');
    expect(result.code).toBe(ExportResultCode.FAILED);
    // One attempt and the JS exporter's 5 retries (otlp-exporter-base retrying-transport MAX_ATTEMPTS).
    expect(target.received.counts.requests).toBe(6);
    expect(target.received.counts.spans).toBe(0);
  });

  it('puts Retry-After and a RetryInfo detail on throttling answers over HTTP', async () => {
    const target = await start({ faults: { failWith: 'resource-exhausted', retryAfterSeconds: 3 } });
    const answer = await httpRequest(target.ports.http!, '/v1/traces', { headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(answer.status).toBe(429);
    expect(answer.headers['retry-after']).toBe('3');
    expect(JSON.parse(answer.body.toString())).toEqual({
      code: 8,
      message: expect.any(String),
      details: [{ '@type': RETRY_INFO_TYPE_URL, retryDelay: '3s' }],
    });
  });

  it('answers UNAVAILABLE with RetryInfo in grpc-status-details-bin, and the gRPC exporter reports the failure', async () => {
    const target = await start({ faults: { failWith: 'unavailable', retryAfterSeconds: 7 } });
    const answer = await grpcCall(target.ports.grpc!, emptyTraceRequest());
    expect(answer.code).toBe(14);
    const details = answer.trailers?.get('grpc-status-details-bin')[0];
    expect(details).toBeInstanceOf(Buffer);
    const types = otlpTypes();
    const status = types.Status.toObject(types.Status.decode(details as Buffer), { longs: Number }) as {
      code: number;
      details: Array<{ typeUrl: string; value: Uint8Array }>;
    };
    expect(status.code).toBe(14);
    expect(status.details[0]!.typeUrl).toBe(RETRY_INFO_TYPE_URL);
    expect(types.RetryInfo.toObject(types.RetryInfo.decode(status.details[0]!.value), { longs: Number })).toEqual({
      retryDelay: { seconds: 7 },
    });

    const { result } = await sendSpans(target, 'grpc');
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect((result.error as { code?: number }).code).toBe(14);
  });

  it('rejects a request without the required header: 401 over HTTP (not retried), UNAUTHENTICATED over gRPC', async () => {
    const target = await start({ requireHeader: { name: 'Authorization', value: 'Bearer s3cret' } });
    const http = await sendSpans(target, 'http/protobuf', { headers: { Authorization: 'Bearer wrong' } });
    expect(http.result.code).toBe(ExportResultCode.FAILED);
    expect(target.received.counts.requests).toBe(1);
    const grpc = await sendSpans(target, 'grpc');
    expect((grpc.result.error as { code?: number }).code).toBe(16);
    const allowed = await sendSpans(target, 'grpc', { headers: { authorization: 'Bearer s3cret' } });
    expect(allowed.result.code).toBe(ExportResultCode.SUCCESS);
    const allowedHttp = await sendSpans(target, 'http/json', { headers: { Authorization: 'Bearer s3cret' } });
    expect(allowedHttp.result.code).toBe(ExportResultCode.SUCCESS);
    expect(target.received.spans).toHaveLength(allowed.sent + allowedHttp.sent);
    // Authentication comes first: an anonymous client learns nothing about content types or sizes.
    const anonymous = await httpRequest(target.ports.http!, '/v1/traces', { headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body.toString())).toMatchObject({ code: 16 });
    expect(anonymous.body.toString()).not.toContain('s3cret');
  });

  it('reports partial success: the exporter succeeds and warns, the rejected items are not stored', async () => {
    const warnings: string[] = [];
    diag.setLogger(
      {
        error: () => undefined,
        warn: (...args: unknown[]) => warnings.push(args.join(' ')),
        info: () => undefined,
        debug: () => undefined,
        verbose: () => undefined,
      },
      DiagLogLevel.WARN,
    );
    const target = await start({ faults: { partialSuccess: 1 } });
    for (const protocol of ['grpc', 'http/protobuf', 'http/json'] as const) {
      const { result } = await sendSpans(target, protocol);
      expect(result.code).toBe(ExportResultCode.SUCCESS);
    }
    expect(warnings.filter((warning) => warning.includes('Partial Success'))).toHaveLength(3);
    expect(warnings.join('\n')).toMatch(/"rejectedSpans":"?1"?/);
    expect(target.received.counts).toMatchObject({ spans: 3, rejectedSpans: 3, failedRequests: 0 });
  });

  it('rejects every request at reject ratio 1 and none at 0', async () => {
    const always = await start({ faults: { rejectRatio: 1 } });
    expect((await grpcCall(always.ports.grpc!, emptyTraceRequest())).code).toBe(14);
    await always.stop();
    const never = await start({ faults: { rejectRatio: 0 } });
    expect((await grpcCall(never.ports.grpc!, emptyTraceRequest())).code).toBe(0);
  });

  it('delays answers: an exporter with a shorter timeout gives up, and stop() ends the pending delay', async () => {
    const target = await start({ faults: { delayMs: 120_000 } });
    const answer = grpcCall(target.ports.grpc!, emptyTraceRequest(), { deadlineMs: 300 });
    expect((await answer).code).toBe(4); // DEADLINE_EXCEEDED on the client
    const pending = httpRequest(target.ports.http!, '/v1/traces', { headers: { 'Content-Type': 'application/json' }, body: '{}' }).catch(
      (error: Error) => error,
    );
    await target.received.waitFor((store) => store.counts.requests === 2, 10_000);
    await target.stop();
    // The delayed request ends (answered or cut) instead of holding stop() for two minutes.
    await pending;
  });
});
