import { describe, expect, it } from 'vitest';
import { suggestedQueueSize } from '../../../../src/doctor/checks/tuning.js';
import { startReceiver } from '../../../../src/receiver/index.js';
import { byCode, codes, doctor } from '../helpers.js';

const SERVICE = { OTEL_SERVICE_NAME: 'doctor-test' };

describe('configuration check', () => {
  it("fails when OTEL_SDK_DISABLED=true, reusing validate's diagnostic, and probes nothing", async () => {
    const report = await doctor({ ...SERVICE, OTEL_SDK_DISABLED: 'true' }, { only: ['configuration', 'reachability', 'canary'] });
    expect(codes(report, 'fail')).toEqual(['CONFIGURATION_NOTHING_EXPORTED', 'SDK_DISABLED']);
    expect(byCode(report, 'SDK_DISABLED')[0]!.target).toBe('OTEL_SDK_DISABLED');
    expect(codes(report).filter((c) => c.startsWith('REACHABILITY') || c.startsWith('CANARY'))).toEqual([
      'REACHABILITY_NO_ENDPOINT',
      'CANARY_NO_SIGNAL',
    ]);
    expect(report.exitCode).toBe(1);
  });

  it('fails for a traces exporter of none but only warns for logs', async () => {
    const traces = await doctor({ ...SERVICE, OTEL_TRACES_EXPORTER: 'none' }, { only: ['configuration'] });
    expect(byCode(traces, 'EXPORTER_NONE')[0]!.status).toBe('fail');
    expect(byCode(traces, 'EXPORTER_NONE')[0]!.hint).toMatch(/OTEL_TRACES_EXPORTER=otlp/);
    const logs = await doctor({ ...SERVICE, OTEL_LOGS_EXPORTER: 'none' }, { only: ['configuration'] });
    expect(byCode(logs, 'EXPORTER_NONE')[0]!.status).toBe('warn');
    expect(logs.exitCode).toBe(0);
  });

  it('fails for always_off and ratio-0 sampling', async () => {
    const off = await doctor({ ...SERVICE, OTEL_TRACES_SAMPLER: 'always_off' }, { only: ['configuration', 'sampling'] });
    expect(codes(off, 'fail')).toEqual(['SAMPLING_DROPS_ALL', 'SAMPLING_KEEPS_NOTHING']);
    const zero = await doctor(
      { ...SERVICE, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' },
      { only: ['configuration'] },
    );
    expect(codes(zero, 'fail')).toEqual(['SAMPLING_DROPS_ALL']);
    expect(byCode(zero, 'SAMPLING_DROPS_ALL')[0]!.hint).toMatch(/OTEL_TRACES_SAMPLER_ARG to a ratio above 0/);
  });

  it('warns when a proxy variable captures the gRPC endpoint', async () => {
    const report = await doctor(
      { ...SERVICE, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', https_proxy: 'http://proxy.corp:3128' },
      { only: ['configuration'] },
    );
    expect(codes(report, 'warn')).toContain('PROXY_CAPTURES_ENDPOINT');
  });
});

describe('sampling check', () => {
  it('measures a 10% ratio and warns that a smoke test may see nothing', async () => {
    const report = await doctor(
      { ...SERVICE, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.1' },
      { only: ['sampling'] },
    );
    const fraction = byCode(report, 'SAMPLING_ROOT_FRACTION')[0]!.details!.rootFraction as number;
    expect(fraction).toBeGreaterThan(0.08);
    expect(fraction).toBeLessThan(0.12);
    expect(byCode(report, 'SAMPLING_SMOKE_TEST_MAY_SEE_NOTHING')[0]!.title).toMatch(/probability 3\d%/);
    expect(byCode(report, 'SAMPLING_PARENT_BASED')[0]!.details).toMatchObject({ keepsSampledParent: true, keepsUnsampledParent: false });
  });

  it('does not call a small ratio "keeps nothing" when the simulation happens to keep no root', async () => {
    // 1 in 10 million: the 10,000 simulated roots keep none (999 times in 1000), yet the sampler keeps traces.
    const report = await doctor(
      { ...SERVICE, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.0000001' },
      { only: ['sampling'] },
    );
    expect(codes(report, 'fail')).toEqual([]);
    expect(byCode(report, 'SAMPLING_ROOT_FRACTION')[0]!.title).toContain('keeps 0.00001% of root traces');
    expect(codes(report, 'warn')).toEqual(['SAMPLING_SMOKE_TEST_MAY_SEE_NOTHING']);
    expect(report.exitCode).toBe(0);
  });

  it('warns about an unsampled upstream traceparent under a parent-based sampler', async () => {
    const report = await doctor(
      { ...SERVICE, TRACEPARENT: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00' },
      { only: ['sampling'] },
    );
    expect(codes(report, 'warn')).toEqual(['SAMPLING_UPSTREAM_UNSAMPLED']);
  });

  it('warns that traceidratio ignores the parent', async () => {
    const report = await doctor(
      { ...SERVICE, OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.5' },
      { only: ['sampling'] },
    );
    expect(codes(report, 'warn')).toEqual(['SAMPLING_IGNORES_PARENT']);
  });
});

describe('tuning check', () => {
  it('says nothing is wrong for the defaults without an expected rate', async () => {
    expect(codes(await doctor(SERVICE, { only: ['tuning'] }))).toEqual(['TUNING_OK']);
  });

  it('does not claim the queue is sized for --expected-rate when traces are not exported', async () => {
    const report = await doctor({ ...SERVICE, OTEL_TRACES_EXPORTER: 'none' }, { only: ['tuning'], expectedRate: 1_000_000 });
    expect(codes(report)).toEqual(['TUNING_QUEUE_NOT_CHECKED', 'TUNING_OK']);
    expect(byCode(report, 'TUNING_OK')[0]!.message).not.toContain('sized for');
  });

  it('warns when the queue cannot hold one schedule delay of the expected rate', async () => {
    const report = await doctor(SERVICE, { only: ['tuning'], expectedRate: 20_000 });
    const [finding] = byCode(report, 'TUNING_QUEUE_TOO_SMALL');
    expect(finding?.hint).toBe('Set OTEL_BSP_MAX_QUEUE_SIZE=262144 (or lower OTEL_BSP_SCHEDULE_DELAY).');
    expect(suggestedQueueSize(100, 5000)).toBe(2048);
  });

  it('warns when one batch per measured round trip cannot carry the expected rate', async () => {
    const receiver = await startReceiver({ grpcPort: false, httpPort: 0, faults: { delayMs: 100 } });
    try {
      const env = {
        ...SERVICE,
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.ports.http}`,
        OTEL_BSP_MAX_QUEUE_SIZE: '1000000',
      };
      const slow = await doctor(env, { only: ['canary', 'tuning'], expectedRate: 20_000 });
      const [finding] = byCode(slow, 'TUNING_EXPORT_THROUGHPUT_TOO_LOW');
      expect(finding?.details?.exportLatencyMs).toBeGreaterThanOrEqual(100);
      expect(finding?.hint).toMatch(/^Raise OTEL_BSP_MAX_EXPORT_BATCH_SIZE \(e\.g\. \d+\)/);
      const modest = await doctor(env, { only: ['canary', 'tuning'], expectedRate: 100 });
      expect(codes(modest)).not.toContain('TUNING_EXPORT_THROUGHPUT_TOO_LOW');
    } finally {
      await receiver.stop();
    }
  });

  it('warns on a batch timeout below the exporter timeout and an export interval above the scrape interval', async () => {
    const report = await doctor(
      { ...SERVICE, OTEL_BSP_EXPORT_TIMEOUT: '5000', OTEL_EXPORTER_OTLP_TIMEOUT: '10000' },
      { only: ['tuning'], scrapeIntervalMs: 15_000 },
    );
    expect(codes(report)).toEqual(['TUNING_BATCH_TIMEOUT_BELOW_EXPORTER_TIMEOUT', 'TUNING_EXPORT_INTERVAL_EXCEEDS_SCRAPE']);
    expect(byCode(report, 'TUNING_EXPORT_INTERVAL_EXCEEDS_SCRAPE')[0]!.hint).toBe(
      'Set OTEL_METRIC_EXPORT_INTERVAL=15000 (at most the scrape interval).',
    );
  });
});
