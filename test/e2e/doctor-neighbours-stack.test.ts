/**
 * doctor's probe matrix and listener list against the real OpenTelemetry Collector
 * (test/e2e/helpers/stack.ts): the Collector on the other OTLP port, on the other protocol, and
 * bound to 127.0.0.1 while the app says [::1]; each time doctor names the working endpoint, the
 * exact settings, and the Collector process that listens.
 */
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport, Finding } from '../../src/doctor/types.js';
import { runCli } from '../helpers/cli.js';
import { startCollector, type RunningCollector } from './helpers/stack.js';

// A loopback address of its own, so the Collector can take 4317 whatever else runs on this machine.
const HOST = `127.0.${Math.floor(Math.random() * 200) + 20}.${Math.floor(Math.random() * 200) + 20}`;
let onOtlpPort: RunningCollector;
let ordinary: RunningCollector;
beforeAll(async () => {
  onOtlpPort = await startCollector({
    ports: { otlpGrpc: 4317 },
    transformConfig: (yaml) => yaml.replace('endpoint: 127.0.0.1:4317', `endpoint: ${HOST}:4317`),
  });
  ordinary = await startCollector();
});
afterAll(async () => {
  await Promise.all([onOtlpPort?.stop(), ordinary?.stop()]);
});

async function doctor(env: Record<string, string>): Promise<Finding[]> {
  const result = await runCli(['doctor', '--json', '--timeout', '3s', '--only', 'reachability,protocol,canary,neighbours,listeners'], {
    cwd: tmpdir(),
    env: { OTEL_SERVICE_NAME: 'e2e-neighbours', ...env },
    timeoutMs: 60_000,
  });
  return (JSON.parse(result.stdout) as DoctorReport).checks.flatMap((check) => check.findings);
}

const one = (all: Finding[], code: string): Finding => {
  const found = all.filter((f) => f.code === code);
  expect(
    found,
    JSON.stringify(
      all.map((f) => `${f.code}: ${f.title}`),
      null,
      1,
    ),
  ).toHaveLength(1);
  return found[0]!;
};

describe('doctor finds the Collector one step away', () => {
  it('on 4317 over gRPC while the app sends http/protobuf to 4318', async () => {
    const all = await doctor({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://${HOST}:4318` });
    expect(one(all, 'NEIGHBOURS_ENDPOINT_WORKS').message).toBe(
      `Nothing answers on ${HOST}:4318, but an OTLP/gRPC receiver accepts the canary on ${HOST}:4317: set OTEL_EXPORTER_OTLP_PROTOCOL=grpc and OTEL_EXPORTER_OTLP_ENDPOINT=http://${HOST}:4317`,
    );
    expect(one(all, 'LISTENERS_PORT_FREE').title).toBe('nothing listens on port 4318 on this machine');
    expect(all.filter((f) => f.code === 'LISTENERS_ELSEWHERE').map((f) => f.title)).toContain(
      `otelcol-otel-proc listens on ${HOST}:4317 only, so it cannot be reached from a container`,
    );
  });

  it('on the same port over the other protocol', async () => {
    const port = Number(new URL(ordinary.otlpHttp).port);
    const all = await doctor({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: ordinary.otlpHttp });
    expect(one(all, 'NEIGHBOURS_ENDPOINT_WORKS').details).toMatchObject({
      working: { protocol: 'http/protobuf', port },
      settings: ['OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf'],
    });
  });

  it('on 127.0.0.1 while the app says [::1]', async () => {
    const port = Number(new URL(ordinary.otlpGrpc).port);
    const all = await doctor({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_ENDPOINT: `http://[::1]:${port}` });
    expect(one(all, 'NEIGHBOURS_ENDPOINT_WORKS').details).toMatchObject({
      settings: [`OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:${port}`],
    });
    expect(one(all, 'LISTENERS_WRONG_ADDRESS').title).toBe(
      `otelcol-otel-proc listens on 127.0.0.1:${port} only, but the endpoint says ::1`,
    );
  });

  it('probes nothing when the Collector is where the app says', async () => {
    const all = await doctor({ OTEL_EXPORTER_OTLP_ENDPOINT: ordinary.otlpHttp });
    expect(one(all, 'NEIGHBOURS_NOT_NEEDED').status).toBe('skip');
    expect(one(all, 'LISTENERS_ON_PORT').title).toMatch(
      /^otelcol-otel-proc listens on 127\.0\.0\.1:\d+ only, so it cannot be reached from a container$/,
    );
  });
});
