import { Server as GrpcServer, ServerCredentials, status } from '@grpc/grpc-js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type ReceiverHandle, type ReceiverOptions } from '../../../src/receiver/index.js';
import { resolveConfig } from '../../../src/config/resolve.js';
import { runDoctor } from '../../../src/doctor/run.js';
import { TRACE_SERVICE } from '../net/peers.js';
import { byCode, codes, doctor } from './helpers.js';

const SERVICE = { OTEL_SERVICE_NAME: 'doctor-test' };
let receiver: ReceiverHandle | undefined;
afterEach(async () => {
  await receiver?.stop();
  receiver = undefined;
});
async function start(options: ReceiverOptions = {}): Promise<ReceiverHandle> {
  receiver = await startReceiver({ grpcPort: 0, httpPort: 0, ...options });
  return receiver;
}

describe('doctor against the embedded receiver', () => {
  for (const protocol of ['http/protobuf', 'http/json', 'grpc'] as const) {
    it(`passes against a healthy receiver over ${protocol}, and the canary arrives`, async () => {
      const { ports } = await start();
      const port = protocol === 'grpc' ? ports.grpc : ports.http;
      // The app-sdk check sends a canary of its own (its tests are in test/cli/doctor-app-sdk.test.ts):
      // here the receiver must hold exactly doctor's canary.
      const report = await doctor(
        { ...SERVICE, OTEL_EXPORTER_OTLP_PROTOCOL: protocol, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` },
        { skip: ['app-sdk'] },
      );
      expect(codes(report, 'fail')).toEqual([]);
      expect(report.exitCode).toBe(0);
      expect(byCode(report, 'CANARY_ACCEPTED').map((f) => f.target)).toEqual(['traces', 'metrics', 'logs']);
      expect(byCode(report, 'PROTOCOL_MATCH')).toHaveLength(1);
      const traceId = byCode(report, 'CANARY_ACCEPTED')[0]!.details!.traceId;
      expect(receiver!.received.spans.map((span) => span.traceId)).toEqual([traceId]);
      expect(receiver!.received.spans[0]!.resource['service.name']).toBe('doctor-test');
      expect(receiver!.received.dataPoints.map((point) => point.metricName)).toEqual(['otel_proc.doctor.canary']);
      expect(receiver!.received.logRecords).toHaveLength(1);
    });
  }

  it('reports an auth refusal with the header to set, and never prints the token', async () => {
    const { ports } = await start({ requireHeader: { name: 'authorization', value: 'Bearer right-token' } });
    const endpoint = `http://127.0.0.1:${ports.http}`;
    const missing = await doctor({ ...SERVICE, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }, { only: ['canary'] });
    expect(codes(missing, 'fail')).toEqual(['CANARY_UNAUTHENTICATED', 'CANARY_UNAUTHENTICATED', 'CANARY_UNAUTHENTICATED']);
    expect(byCode(missing, 'CANARY_UNAUTHENTICATED')[0]!.hint).toContain('OTEL_EXPORTER_OTLP_HEADERS="authorization=Bearer <token>"');
    expect(missing.exitCode).toBe(1);

    const wrong = await doctor(
      { ...SERVICE, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20wrong-token' },
      { only: ['canary'] },
    );
    expect(byCode(wrong, 'CANARY_UNAUTHENTICATED')[0]!.hint).toContain(
      'refused the credentials sent in authorization (from OTEL_EXPORTER_OTLP_HEADERS)',
    );
    expect(JSON.stringify(wrong)).not.toContain('wrong-token');

    const right = await doctor(
      { ...SERVICE, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20right-token' },
      { only: ['canary'] },
    );
    expect(codes(right)).toEqual(['CANARY_ACCEPTED', 'CANARY_ACCEPTED', 'CANARY_ACCEPTED']);
    expect(JSON.stringify(right)).not.toContain('right-token');
  });

  it('reports gRPC UNAUTHENTICATED the same way', async () => {
    const { ports } = await start({ requireHeader: { name: 'authorization', value: 'Bearer t0ken' } });
    const report = await doctor(
      { ...SERVICE, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${ports.grpc}` },
      { only: ['canary'] },
    );
    expect(codes(report)).toEqual(['CANARY_UNAUTHENTICATED', 'CANARY_UNAUTHENTICATED', 'CANARY_UNAUTHENTICATED']);
  });

  it('reports throttling with Retry-After over HTTP and gRPC', async () => {
    const { ports } = await start({ faults: { rejectRatio: 1, failWith: '429', retryAfterSeconds: 7 } });
    const http = await doctor({ ...SERVICE, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${ports.http}` }, { only: ['canary'] });
    const [throttled] = byCode(http, 'CANARY_THROTTLED');
    expect(throttled?.title).toContain('Retry-After 7 s');
    expect(throttled?.details?.retryAfterMs).toBe(7000);
    expect(throttled?.hint).toContain('The collector is shedding load: check its memory_limiter and exporter queues');
    expect(http.exitCode).toBe(1);
    await receiver!.stop();
    const again = await start({ faults: { rejectRatio: 1, failWith: 'resource-exhausted', retryAfterSeconds: 3 } });
    const grpc = await doctor(
      { ...SERVICE, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${again.ports.grpc}` },
      { only: ['canary'] },
    );
    expect(byCode(grpc, 'CANARY_THROTTLED')[0]?.title).toContain('Retry-After 3 s');
  });

  it('reports UNAVAILABLE / 503 without Retry-After as unavailable', async () => {
    const { ports } = await start({ faults: { rejectRatio: 1, failWith: '503' } });
    const report = await doctor({ ...SERVICE, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${ports.http}` }, { only: ['canary'] });
    expect(codes(report)).toEqual(['CANARY_UNAVAILABLE', 'CANARY_UNAVAILABLE', 'CANARY_UNAVAILABLE']);
    expect(byCode(report, 'CANARY_UNAVAILABLE')[0]!.hint).toContain('health_check on 13133');
    expect(report.exitCode).toBe(1);
  });

  it('reports partial success as a warning with the rejected count', async () => {
    const { ports } = await start({ faults: { partialSuccess: 1 } });
    const report = await doctor({ ...SERVICE, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${ports.http}` }, { only: ['canary'] });
    expect(codes(report, 'warn')).toEqual(['CANARY_PARTIAL_SUCCESS', 'CANARY_PARTIAL_SUCCESS', 'CANARY_PARTIAL_SUCCESS']);
    expect(report.exitCode).toBe(0);
  });

  it('tells HTTP sent to the gRPC port apart, with the fix', async () => {
    const { ports } = await start();
    const report = await doctor({
      ...SERVICE,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${ports.grpc}`,
    });
    const [mismatch] = byCode(report, 'PROTOCOL_MISMATCH');
    expect(mismatch?.hint).toBe(
      `${ports.grpc} speaks gRPC: set OTEL_EXPORTER_OTLP_PROTOCOL=grpc or use the collector's OTLP/HTTP port (4318)`,
    );
    expect(codes(report, 'skip')).toContain('CANARY_SKIPPED');
    expect(report.exitCode).toBe(1);
  });

  it('tells gRPC sent to the HTTP port apart, naming the variable that chose the protocol', async () => {
    const { ports } = await start();
    const report = await doctor(
      { ...SERVICE, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${ports.http}` },
      { only: ['protocol'] },
    );
    const mismatch = byCode(report, 'PROTOCOL_MISMATCH');
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0]!.hint).toBe(
      `${ports.http} speaks OTLP/HTTP: set OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/protobuf or use the collector's gRPC port (4317)`,
    );
    expect(byCode(report, 'PROTOCOL_MATCH')).toHaveLength(1);
  });

  it('finds a doubled /v1/traces path and says which endpoint to set', async () => {
    const { ports } = await start();
    const report = await doctor(
      {
        ...SERVICE,
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${ports.http}/v1/traces`,
        OTEL_METRICS_EXPORTER: 'none',
        OTEL_LOGS_EXPORTER: 'none',
      },
      { only: ['canary'] },
    );
    const [notFound] = byCode(report, 'CANARY_NOT_FOUND');
    expect(notFound?.hint).toContain(`set OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:${ports.http} `);
    expect(report.exitCode).toBe(1);
  });

  it('gives metrics and logs the same base-endpoint fix when the base ends in /v1/traces', async () => {
    const { ports } = await start();
    const report = await doctor(
      { ...SERVICE, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${ports.http}/v1/traces` },
      { only: ['canary'] },
    );
    const fixes = byCode(report, 'CANARY_NOT_FOUND').map((f) => f.hint);
    expect(fixes).toHaveLength(3);
    for (const fix of fixes) expect(fix).toContain(`set OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:${ports.http} `);
    expect(fixes[1]).toContain('already ends in /v1/traces and the SDK appends /v1/metrics:');
  });

  it('writes an IPv6 endpoint as [::1]:port in titles and in the https→http fix', async (context) => {
    try {
      await start({ host: '::1' });
    } catch {
      context.skip(); // no IPv6 loopback on this machine
    }
    const port = receiver!.ports.http;
    const report = await doctor(
      { ...SERVICE, OTEL_EXPORTER_OTLP_ENDPOINT: `https://[::1]:${port}` },
      { only: ['reachability', 'protocol'] },
    );
    expect(byCode(report, 'PROTOCOL_SCHEME_MISMATCH')[0]?.hint).toBe(`Use http://[::1]:${port}`);
    expect(byCode(report, 'REACHABILITY_TCP_CONNECTED')[0]?.title).toBe(`TCP connect to [::1]:${port}`);
  });

  it('sends the canary over plaintext as the SDK does, ignoring TLS files it would not open', async () => {
    const { ports } = await start();
    const report = await doctor(
      { ...SERVICE, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${ports.http}`, OTEL_EXPORTER_OTLP_CERTIFICATE: '/nonexistent/ca.pem' },
      { only: ['canary'] },
    );
    expect(codes(report)).toEqual(['CANARY_ACCEPTED', 'CANARY_ACCEPTED', 'CANARY_ACCEPTED']);
  });

  it("writes fixes for a setting from the config file in that file's terms", async () => {
    const { ports } = await start();
    const dir = mkdtempSync(join(tmpdir(), 'otel-proc-doctor-'));
    try {
      const path = join(dir, 'otel-proc.config.yaml');
      writeFileSync(
        path,
        `tracing:\n  serviceName: from-file\n  otlpEndpoint: http://127.0.0.1:${ports.grpc}\n  otlpProtocol: http/protobuf\nmetrics:\n  enabled: false\n`,
      );
      const resolution = await resolveConfig({ env: { OTEL_LOGS_EXPORTER: 'none' }, cwd: dir, configPath: path });
      const report = await runDoctor(resolution, {}, { timeoutMs: 2000, only: ['protocol'] });
      expect(byCode(report, 'PROTOCOL_MISMATCH')[0]?.hint).toBe(
        `${ports.grpc} speaks gRPC: set tracing.otlpProtocol: grpc in otel-proc.config.yaml:4 or use the collector's OTLP/HTTP port (4318)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds a signal-specific endpoint without its /v1/<signal> path', async () => {
    const { ports } = await start();
    const report = await doctor(
      {
        ...SERVICE,
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://127.0.0.1:${ports.http}`,
        OTEL_METRICS_EXPORTER: 'none',
        OTEL_LOGS_EXPORTER: 'none',
      },
      { only: ['canary'] },
    );
    expect(byCode(report, 'CANARY_NOT_FOUND')[0]?.hint).toBe(
      `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is used exactly as given and lacks the path: set it to http://127.0.0.1:${ports.http}/v1/traces.`,
    );
  });
});

describe('doctor keeps secrets out of its report', () => {
  it('redacts credentials in the endpoint URL', async () => {
    const handle = await startReceiver({ grpcPort: false, httpPort: 0 });
    try {
      const report = await doctor({
        OTEL_SERVICE_NAME: 'x',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://user:hunter2-pass@127.0.0.1:${handle.ports.http}`,
      });
      expect(byCode(report, 'CANARY_ACCEPTED')).toHaveLength(3);
      expect(JSON.stringify(report)).not.toContain('hunter2-pass');
    } finally {
      await handle.stop();
    }
  });
});

describe('doctor classifies HTTP failures the receiver cannot inject', () => {
  for (const [status, code, words] of [
    [413, 'CANARY_TOO_LARGE', 'limits request bodies'],
    [500, 'CANARY_SERVER_ERROR', 'read its logs'],
  ] as const) {
    it(`reports HTTP ${status} as ${code} with its own fix`, async () => {
      const server = createServer((request, response) => {
        request.resume();
        request.on('end', () => response.writeHead(status, { 'content-type': 'text/plain' }).end(`status ${status}`));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const port = (server.address() as AddressInfo).port;
        const report = await doctor(
          {
            ...SERVICE,
            OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
            OTEL_METRICS_EXPORTER: 'none',
            OTEL_LOGS_EXPORTER: 'none',
          },
          { only: ['canary'] },
        );
        const [found] = byCode(report, code);
        expect(found?.status).toBe('fail');
        expect(found?.hint).toContain(words);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });
  }
});

describe('doctor classifies gRPC failures the receiver cannot inject', () => {
  it('reports INTERNAL as CANARY_SERVER_ERROR, not as a request the server refused', async () => {
    const server = new GrpcServer();
    server.addService(TRACE_SERVICE, {
      Export: (_call: unknown, callback: (error: { code: number; details: string }) => void) =>
        callback({ code: status.INTERNAL, details: 'exporter exploded' }),
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    try {
      const report = await doctor(
        {
          ...SERVICE,
          OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
          OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
          OTEL_METRICS_EXPORTER: 'none',
          OTEL_LOGS_EXPORTER: 'none',
        },
        { only: ['canary'] },
      );
      expect(codes(report)).toEqual(['CANARY_SERVER_ERROR']);
    } finally {
      server.forceShutdown();
    }
  });
});

describe("doctor and the application's own export timeout", () => {
  it("sends the canary with the application's shorter timeout, so a timeout meant as seconds shows up", async () => {
    const handle = await startReceiver({ grpcPort: false, httpPort: 0, faults: { delayMs: 200 } });
    try {
      const env = {
        OTEL_SERVICE_NAME: 'x',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${handle.ports.http}`,
        OTEL_EXPORTER_OTLP_TIMEOUT: '10',
      };
      const report = await doctor(env, { only: ['configuration', 'canary'] });
      expect(codes(report)).toEqual(expect.arrayContaining(['DURATION_LOOKS_LIKE_SECONDS', 'CANARY_TIMEOUT']));
      expect(byCode(report, 'CANARY_TIMEOUT')[0]!.message).toContain('10 ms');
      // Raising --timeout would change nothing: the fix names the application's timeout.
      expect(byCode(report, 'CANARY_TIMEOUT')[0]!.hint).toContain(
        "The application's own export timeout ran out: 10 ms (from OTEL_EXPORTER_OTLP_TIMEOUT)",
      );
    } finally {
      await handle.stop();
    }
  });
});
