import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startReceiver, type ReceiverHandle } from '../../../../src/receiver/index.js';
import { byCode, codes, doctor } from '../helpers.js';

/**
 * A stand-in for the Collector's own endpoints in front of the embedded receiver: health_check on
 * `/` and Prometheus text on `/metrics`, whose accepted counters are the receiver's real counts.
 * A fresh stand-in has no receiver counters at all, as a collector that has accepted nothing yet.
 */
interface StandIn {
  url: string;
  healthy: boolean;
  extra: string;
  close(): Promise<void>;
}

async function standIn(receiver: ReceiverHandle): Promise<StandIn> {
  const state = { healthy: true, extra: '' };
  const server: Server = createServer((request, response) => {
    if (request.url === '/') {
      response.writeHead(state.healthy ? 200 : 503, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ status: state.healthy ? 'Server available' : 'Server not available', upSince: '2026-01-01T00:00:00Z' }),
      );
      return;
    }
    if (request.url === '/metrics') {
      const counts = receiver.received.counts;
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      // Like a real collector, a counter series exists only once something was counted.
      const series = (name: string, value: number): string => (value > 0 ? `${name}{receiver="otlp",transport="http"} ${value}\n` : '');
      response.end(
        'otelcol_process_uptime_seconds_total 12.5\n' +
          series('otelcol_receiver_accepted_spans_total', counts.spans) +
          series('otelcol_receiver_accepted_metric_points_total', counts.dataPoints) +
          series('otelcol_receiver_accepted_log_records_total', counts.logRecords) +
          state.extra,
      );
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get healthy() {
      return state.healthy;
    },
    set healthy(value: boolean) {
      state.healthy = value;
    },
    get extra() {
      return state.extra;
    },
    set extra(value: string) {
      state.extra = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('collector check', () => {
  let receiver: ReceiverHandle | undefined;
  let collector: StandIn | undefined;
  afterEach(async () => {
    await collector?.close();
    await receiver?.stop();
  });
  const run = async (extra: Record<string, string> = {}) => {
    receiver = await startReceiver({ grpcPort: false, httpPort: 0 });
    collector = await standIn(receiver);
    return async () =>
      doctor(
        { OTEL_SERVICE_NAME: 'doctor-test', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver!.ports.http}`, ...extra },
        { only: ['canary', 'collector'], healthUrl: `${collector!.url}/`, metricsUrl: `${collector!.url}/metrics` },
      );
  };

  it('sees the canary counted by a fresh collector, before and after', async () => {
    const report = await (await run())();
    expect(codes(report, 'fail')).toEqual([]);
    expect(codes(report)).toEqual(expect.arrayContaining(['COLLECTOR_HEALTHY', 'COLLECTOR_CANARY_COUNTED']));
    expect(byCode(report, 'COLLECTOR_CANARY_COUNTED').map((f) => f.target)).toEqual(['traces', 'metrics', 'logs']);
  });

  it('fails when the collector reports itself unhealthy', async () => {
    const go = await run();
    collector!.healthy = false;
    const report = await go();
    expect(byCode(report, 'COLLECTOR_UNHEALTHY')[0]!.status).toBe('fail');
    expect(report.exitCode).toBe(1);
  });

  it('reports exporter send failures and a nearly full queue', async () => {
    const go = await run();
    collector!.extra =
      'otelcol_exporter_send_failed_spans_total{exporter="otlp/jaeger"} 12\notelcol_exporter_queue_size{exporter="otlp/jaeger"} 90\notelcol_exporter_queue_capacity{exporter="otlp/jaeger"} 100\n';
    const report = await go();
    expect(byCode(report, 'COLLECTOR_EXPORT_FAILURES')[0]!.title).toBe('traces: the collector failed to send 12 items to its backend');
    expect(byCode(report, 'COLLECTOR_QUEUE_FULL')[0]).toMatchObject({ status: 'warn', title: 'exporter otlp/jaeger: queue 90/100 (90%)' });
  });

  it('fails for a metrics URL the user gave that cannot be read', async () => {
    receiver = await startReceiver({ grpcPort: false, httpPort: 0 });
    const report = await doctor(
      { OTEL_SERVICE_NAME: 'x', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.ports.http}` },
      { only: ['collector'], metricsUrl: `http://127.0.0.1:${receiver.ports.http}/nothing-here` },
    );
    expect(codes(report)).toEqual(['COLLECTOR_HEALTH_NOT_FOUND', 'COLLECTOR_METRICS_UNREACHABLE']);
  });
});
