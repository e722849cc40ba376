/**
 * doctor's app-sdk check through the built CLI: a real NodeSDK in a child process, configured by
 * the environment alone, against otel-proc's own receiver on free ports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type ReceiverHandle } from '../../src/receiver/index.js';
import type { DoctorReport, Finding } from '../../src/doctor/types.js';
import { runCli } from '../helpers/cli.js';
import { closedPort } from '../unit/net/peers.js';

function appSdkFindings(stdout: string): Finding[] {
  const report = JSON.parse(stdout) as DoctorReport;
  return report.checks.find((check) => check.id === 'app-sdk')?.findings ?? [];
}

function bySignal(findings: Finding[], signal: string): string[] {
  return findings.filter((finding) => finding.target === signal).map((finding) => finding.code);
}

describe('otel-proc doctor: the app-sdk check', () => {
  let receiver: ReceiverHandle;
  let secured: ReceiverHandle;
  beforeAll(async () => {
    receiver = await startReceiver({ grpcPort: 0, httpPort: 0 });
    secured = await startReceiver({ grpcPort: 0, httpPort: 0, requireHeader: { name: 'authorization', value: 'Bearer app-s3cret' } });
  });
  afterAll(async () => {
    await Promise.all([receiver.stop(), secured.stop()]);
  });

  it('reports per signal the exporter, URL and success of a NodeSDK started from the environment, and the items arrive', async () => {
    const before = receiver.received.spans.length;
    const env = {
      OTEL_SERVICE_NAME: 'app-sdk-cli',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.ports.grpc}`,
    };
    const result = await runCli(['doctor', '--only', 'app-sdk', '--json'], { env });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const findings = appSdkFindings(result.stdout);
    for (const signal of ['traces', 'metrics', 'logs']) expect(bySignal(findings, signal)).toEqual(['APP_SDK_EXPORTED']);
    const traces = findings.find((finding) => finding.target === 'traces')!;
    expect((traces.details!.exporters as Array<{ protocol: string; url: string }>)[0]).toMatchObject({
      protocol: 'grpc',
      url: `http://127.0.0.1:${receiver.ports.grpc}`,
    });
    const canary = receiver.received.spans.slice(before).find((span) => span.name === 'otel-proc app-sdk canary');
    expect(canary?.resource['service.name']).toBe('app-sdk-cli');
    // The SDK's resource detectors ran, as in the application.
    expect(canary?.resource['process.pid']).toBeTypeOf('number');
  });

  it("fails each signal with the SDK's own error when the header is missing, and never prints the token", async () => {
    const env = { OTEL_SERVICE_NAME: 'app-sdk-cli', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${secured.ports.http}` };
    const result = await runCli(['doctor', '--only', 'app-sdk', '--json'], { env });
    expect(result.code).toBe(1);
    const findings = appSdkFindings(result.stdout);
    for (const signal of ['traces', 'metrics', 'logs']) expect(bySignal(findings, signal)).toEqual(['APP_SDK_EXPORT_FAILED']);
    expect(findings[0]!.message).toMatch(/401|Unauthorized/i);
  });

  it('says the SDK got no answer from a closed port, within the timeout', async () => {
    const port = await closedPort();
    const env = { OTEL_SERVICE_NAME: 'app-sdk-cli', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` };
    const result = await runCli(['doctor', '--only', 'app-sdk', '--json', '--timeout', '1s'], { env });
    expect(result.code).toBe(1);
    const findings = appSdkFindings(result.stdout);
    expect(bySignal(findings, 'traces')).toEqual(['APP_SDK_NO_ANSWER']);
    expect(findings[0]!.message).toContain('ECONNREFUSED');
  });

  it('skips, pointing at reachability, where reachability already failed the endpoint: one failure per cause', async () => {
    const port = await closedPort();
    const env = { OTEL_SERVICE_NAME: 'app-sdk-cli', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` };
    const result = await runCli(['doctor', '--only', 'reachability,app-sdk', '--json', '--timeout', '2s'], { env });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as DoctorReport;
    const failed = report.checks.flatMap((check) => check.findings).filter((finding) => finding.status === 'fail');
    expect(failed.map((finding) => finding.code)).toEqual(['REACHABILITY_TCP_REFUSED']);
    const findings = appSdkFindings(result.stdout);
    for (const signal of ['traces', 'metrics', 'logs']) expect(bySignal(findings, signal)).toEqual(['APP_SDK_SKIPPED']);
    expect(findings[0]!.title).toContain('(see reachability)');
  });

  it('says plainly when flags made otel-proc test other settings than the app uses', async () => {
    const env = { OTEL_SERVICE_NAME: 'app-sdk-cli', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.ports.http}` };
    const result = await runCli(['doctor', '--only', 'app-sdk', '--json', '-e', `http://127.0.0.1:${receiver.ports.grpc}`, '-p', 'grpc'], {
      env,
    });
    const findings = appSdkFindings(result.stdout);
    expect(bySignal(findings, 'traces')).toEqual(['APP_SDK_EXPORTED', 'APP_SDK_CANARY_DIFFERS']);
    expect(findings.find((finding) => finding.code === 'APP_SDK_CANARY_DIFFERS')!.message).toContain(
      `your app, from its environment alone, sends to http://127.0.0.1:${receiver.ports.http}/v1/traces`,
    );
  });

  it('is left out with --skip app-sdk', async () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.ports.http}` };
    const result = await runCli(['doctor', '--skip', 'app-sdk', '--only', 'configuration,app-sdk', '--json'], { env });
    expect((JSON.parse(result.stdout) as DoctorReport).checks.map((check) => check.id)).toEqual(['configuration']);
  });
});

describe('otel-proc emit --engine app-sdk', () => {
  it('sends the stream-processor telemetry through a NodeSDK and every item arrives in the embedded receiver', async () => {
    const result = await runCli(['emit', '--engine', 'app-sdk', '--local', '--count', '3', '--json'], {
      env: { OTEL_SERVICE_NAME: 'app-sdk-emit' },
    });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      local: { ok: boolean; spans: { found: number; expected: number } };
      signals: Array<{ signal: string; status: string }>;
    };
    expect(report.local.ok).toBe(true);
    expect(report.local.spans.found).toBe(33);
    expect(report.signals.map((signal) => signal.status)).toEqual(['success', 'success', 'success']);
  });

  it('refuses flags the application would never see', async () => {
    const result = await runCli(['emit', '--engine', 'app-sdk', '-H', 'x=1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--header would not reach it');
  });
});
