import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type ReceiverHandle } from '../../../../src/receiver/index.js';
import { resolveConfig } from '../../../../src/config/resolve.js';
import { runDoctor } from '../../../../src/doctor/run.js';
import { byCode, codes, doctor, findings } from '../helpers.js';
import { closedPort } from '../../net/peers.js';

/**
 * Stand-ins for Jaeger's and Prometheus' query APIs that answer from what the embedded receiver
 * really received, or, with `lose`, as a backend the data never reached.
 */
async function backends(receiver: ReceiverHandle, lose: boolean): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const traceMatch = /^\/api\/traces\/([0-9a-f]{32})$/.exec(url.pathname);
    if (traceMatch) {
      const spans = lose ? [] : receiver.received.spans.filter((span) => span.traceId === traceMatch[1]);
      response.writeHead(spans.length > 0 ? 200 : 404, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(
          spans.length > 0
            ? { data: [{ traceID: traceMatch[1], spans }] }
            : { data: null, errors: [{ code: 404, msg: 'trace not found' }] },
        ),
      );
      return;
    }
    if (url.pathname === '/api/v1/query') {
      const query = url.searchParams.get('query') ?? '';
      const runId = /otel_proc_doctor_run_id="([0-9a-f]+)"/.exec(query)?.[1];
      const points = lose ? [] : receiver.received.dataPoints.filter((point) => point.attributes['otel_proc.doctor.run_id'] === runId);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          status: 'success',
          data: {
            resultType: 'vector',
            result: points.map(() => ({ metric: { __name__: 'otel_proc_doctor_canary_total' }, value: [0, '1'] })),
          },
        }),
      );
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

describe('backend check', () => {
  let receiver: ReceiverHandle | undefined;
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await receiver?.stop();
  });

  for (const lose of [false, true]) {
    it(
      lose ? 'fails with the fix when the backends never get the canary' : 'finds the canary trace and metric in the backends',
      async () => {
        receiver = await startReceiver({ grpcPort: false, httpPort: 0 });
        const peers = await backends(receiver, lose);
        server = peers.server;
        const report = await doctor(
          { OTEL_SERVICE_NAME: 'doctor-test', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.ports.http}` },
          { only: ['canary', 'backend'], jaegerUrl: peers.url, prometheusUrl: `${peers.url}/`, backendWaitMs: 600 },
        );
        if (!lose) {
          expect(codes(report)).toEqual([
            'CANARY_ACCEPTED',
            'CANARY_ACCEPTED',
            'CANARY_ACCEPTED',
            'BACKEND_JAEGER_FOUND',
            'BACKEND_PROMETHEUS_FOUND',
          ]);
          expect(report.exitCode).toBe(0);
          return;
        }
        expect(codes(report, 'fail')).toEqual(['BACKEND_JAEGER_MISSING', 'BACKEND_PROMETHEUS_MISSING']);
        expect(byCode(report, 'BACKEND_JAEGER_MISSING')[0]!.hint).toContain("check the collector's traces pipeline exports to Jaeger");
        expect(byCode(report, 'BACKEND_PROMETHEUS_MISSING')[0]!.hint).toContain('that Prometheus scrapes it');
        expect(report.exitCode).toBe(1);
      },
    );
  }

  it('tells a backend URL that is not the query API (down, or the wrong port) apart from a lost canary', async () => {
    receiver = await startReceiver({ grpcPort: false, httpPort: 0 });
    const port = await closedPort();
    const report = await doctor(
      { OTEL_SERVICE_NAME: 'doctor-test', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.ports.http}` },
      // Jaeger: nothing listens; Prometheus: an OTLP receiver answers, but not as Prometheus does.
      {
        only: ['canary', 'backend'],
        jaegerUrl: `http://127.0.0.1:${port}`,
        prometheusUrl: `http://127.0.0.1:${receiver.ports.http}`,
        backendWaitMs: 400,
      },
    );
    expect(codes(report, 'fail')).toEqual(['BACKEND_JAEGER_UNREACHABLE', 'BACKEND_PROMETHEUS_UNREACHABLE']);
    expect(byCode(report, 'BACKEND_JAEGER_UNREACHABLE')[0]!.message).toBe(`connection refused: nothing is listening on 127.0.0.1:${port}`);
    expect(byCode(report, 'BACKEND_JAEGER_UNREACHABLE')[0]!.hint).toContain('--jaeger');
    expect(byCode(report, 'BACKEND_PROMETHEUS_UNREACHABLE')[0]!.message).toContain(
      "does not answer like Prometheus' HTTP API (HTTP 404, JSON without a status)",
    );
  });

  it('stops asking at once when the URL is another kind of server, instead of waiting all of --backend-wait', async () => {
    receiver = await startReceiver({ grpcPort: false, httpPort: 0 });
    const otlpPort = `http://127.0.0.1:${receiver.ports.http}`;
    const report = await doctor(
      { OTEL_SERVICE_NAME: 'doctor-test', OTEL_EXPORTER_OTLP_ENDPOINT: otlpPort },
      { only: ['canary', 'backend'], jaegerUrl: otlpPort, prometheusUrl: otlpPort, backendWaitMs: 12_000 },
    );
    expect(codes(report, 'fail')).toEqual(['BACKEND_JAEGER_UNREACHABLE', 'BACKEND_PROMETHEUS_UNREACHABLE']);
    expect(byCode(report, 'BACKEND_JAEGER_UNREACHABLE')[0]!.message).toContain("does not answer like Jaeger's query API");
    const backend = report.checks.find((check) => check.id === 'backend')!;
    expect(backend.durationMs).toBeLessThan(6_000);
  }, 30_000);

  it('skips without --jaeger and --prometheus', async () => {
    expect(codes(await doctor({ OTEL_SERVICE_NAME: 'x' }, { only: ['backend'] }))).toEqual(['BACKEND_SKIPPED']);
  });

  it('keeps the backend found before Ctrl-C beside "interrupted", instead of dropping it', async () => {
    receiver = await startReceiver({ grpcPort: false, httpPort: 0 });
    const jaeger = await backends(receiver, false);
    server = jaeger.server;
    // A Prometheus that never has the series: the check waits on it until the interrupt.
    const controller = new AbortController();
    let queries = 0;
    const prometheus = createServer((_request, response) => {
      queries += 1;
      // Asked again after the first answer: Jaeger's single look has long been answered.
      if (queries === 3) controller.abort();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data: { result: [] } }));
    });
    await new Promise<void>((resolve) => prometheus.listen(0, '127.0.0.1', resolve));
    try {
      const env = { OTEL_SERVICE_NAME: 'doctor-test', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.ports.http}` };
      const resolution = await resolveConfig({ env, cwd: process.cwd(), noConfigSearch: true });
      const report = await runDoctor(
        resolution,
        env,
        {
          timeoutMs: 2000,
          only: ['canary', 'backend'],
          jaegerUrl: jaeger.url,
          prometheusUrl: `http://127.0.0.1:${(prometheus.address() as { port: number }).port}`,
          backendWaitMs: 20_000,
        },
        controller.signal,
      );
      expect(report.exitCode).toBe(130);
      const backend = report.checks.find((check) => check.id === 'backend')!;
      expect(backend.findings.map((f) => f.code)).toEqual(['BACKEND_JAEGER_FOUND', 'BACKEND_INTERRUPTED']);
      expect(findings(report).some((f) => f.code === 'BACKEND_PROMETHEUS_MISSING')).toBe(false);
    } finally {
      prometheus.close();
    }
  }, 30_000);
});
