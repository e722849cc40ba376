/**
 * The local telemetry stack run natively on 127.0.0.1 (no Docker): the collector built from
 * scripts/stack/builder-manifest.yaml, Jaeger v2 and Prometheus, each on free ports, with configs
 * rendered from the same templates as docker-compose.telemetry.yml. Used by the e2e tests
 * (test/e2e/helpers/stack.ts) and by scripts/stack/start.sh.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PresetName } from './presets.js';
import { findStackBinaries, type StackBinaries } from './stack-binaries.js';
import { renderStackFiles, type StackPorts } from './stack-files.js';
import { pickFreePorts, StackStartError, startProcess, waitForHealthy, type ManagedProcess } from './stack-processes.js';

export type CollectorPorts = Pick<StackPorts, 'otlpGrpc' | 'otlpHttp' | 'health' | 'zpages' | 'telemetry' | 'prometheusExporter'>;

export interface RunningCollector {
  /** gRPC endpoint, e.g. `http://127.0.0.1:43121` (plaintext). */
  otlpGrpc: string;
  /** HTTP base endpoint; signals are under /v1/traces, /v1/metrics, /v1/logs. */
  otlpHttp: string;
  /** health_check: GET answers 200 when the collector is up. */
  health: string;
  /** The collector's own metrics, Prometheus text (otelcol_receiver_accepted_spans...). */
  metrics: string;
  /** The prometheus exporter's page (the applications' metrics, translated names). */
  prometheusExporter: string;
  /** zpages base URL; pipelines at /debug/pipelinez. */
  zpages: string;
  ports: CollectorPorts;
  configFile: string;
  /** The file exporter's output (OTLP JSON lines of every trace received). */
  traceFile: string;
  logFile: string;
  stop(): Promise<void>;
}

export interface CollectorOptions {
  preset?: PresetName;
  /** Require `authorization: Bearer <token>` on both OTLP protocols. */
  bearerToken?: string;
  /** Choose some ports yourself (e.g. gRPC where a client expects HTTP); the rest are free ones. */
  ports?: Partial<CollectorPorts>;
  /** Where traces are exported (Jaeger's OTLP gRPC port); default: the stack's Jaeger, or a closed port. */
  jaegerOtlpGrpcPort?: number;
  /** Last-minute edit of the rendered YAML, for variants the options above do not cover. */
  transformConfig?: (yaml: string) => string;
  binaries?: StackBinaries;
  /** Folder for configs and logs; default a new temporary folder, removed on stop. */
  workDir?: string;
}

export interface NativeStack {
  collector: RunningCollector;
  jaeger: { query: string; otlpGrpc: string; otlpHttp: string; health: string };
  prometheus: { url: string };
  binaries: StackBinaries;
  workDir: string;
  /** Another collector beside the stack's, exporting traces to the stack's Jaeger. */
  startCollector(options?: CollectorOptions): Promise<RunningCollector>;
  stop(): Promise<void>;
}

const url = (port: number, path = ''): string => `http://127.0.0.1:${port}${path}`;

async function fullPorts(partial: Partial<StackPorts>): Promise<StackPorts> {
  const names: Array<keyof StackPorts> = [
    'otlpGrpc',
    'otlpHttp',
    'health',
    'zpages',
    'telemetry',
    'prometheusExporter',
    'jaegerOtlpGrpc',
    'jaegerOtlpHttp',
    'jaegerQuery',
    'jaegerQueryGrpc',
    'jaegerHealth',
    'jaegerTelemetry',
    'prometheus',
  ];
  const free = await pickFreePorts(names.length);
  return Object.fromEntries(names.map((name, index) => [name, partial[name] ?? free[index]])) as unknown as StackPorts;
}

/**
 * Free ports are found by binding port 0 and letting go, so another process on a busy machine can
 * take one before our program binds it. That failure is retried with fresh ports; anything else is not.
 */
async function retryingPortClashes<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      const clash = error instanceof StackStartError && /address already in use/i.test(error.message);
      if (!clash || attempt >= attempts) throw error;
    }
  }
}

/** Starts one collector and waits for its health_check. */
export function startNativeCollector(options: CollectorOptions = {}): Promise<RunningCollector> {
  return retryingPortClashes(() => startCollectorOnce(options));
}

async function startCollectorOnce(options: CollectorOptions): Promise<RunningCollector> {
  const binaries = options.binaries ?? (await findStackBinaries());
  const ownsWorkDir = options.workDir === undefined;
  const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'otel-proc-collector-'));
  mkdirSync(workDir, { recursive: true });
  const ports = await fullPorts({
    ...options.ports,
    ...(options.jaegerOtlpGrpcPort ? { jaegerOtlpGrpc: options.jaegerOtlpGrpcPort } : {}),
  });
  const traceFile = join(workDir, 'traces.jsonl');
  const rendered = renderStackFiles({
    preset: options.preset ?? 'ci',
    deployment: 'native',
    ports,
    traceFile,
    bearerToken: options.bearerToken,
  });
  const configText = options.transformConfig ? options.transformConfig(rendered.collectorConfig) : rendered.collectorConfig;
  const configFile = join(workDir, 'otel-collector-config.yaml');
  writeFileSync(configFile, configText);
  const managed = startProcess('collector', binaries.otelcol, [`--config=${configFile}`], join(workDir, 'COLLECTOR_LOG'));
  const collector: RunningCollector = {
    otlpGrpc: url(ports.otlpGrpc),
    otlpHttp: url(ports.otlpHttp),
    health: url(ports.health, '/'),
    metrics: url(ports.telemetry, '/metrics'),
    prometheusExporter: url(ports.prometheusExporter, '/metrics'),
    zpages: url(ports.zpages),
    ports: {
      otlpGrpc: ports.otlpGrpc,
      otlpHttp: ports.otlpHttp,
      health: ports.health,
      zpages: ports.zpages,
      telemetry: ports.telemetry,
      prometheusExporter: ports.prometheusExporter,
    },
    configFile,
    traceFile,
    logFile: managed.logFile,
    async stop() {
      await managed.stop();
      if (ownsWorkDir) rmSync(workDir, { recursive: true, force: true });
    },
  };
  try {
    await waitForHealthy(managed, collector.health);
  } catch (error) {
    // The error already quotes the log's tail; nothing else in workDir is worth keeping.
    await managed.stop();
    if (ownsWorkDir) rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
  return collector;
}

/** Starts Jaeger, the collector and Prometheus (in that order: each one's target is up first). */
export function startNativeStack(options: { preset?: PresetName; binaries?: StackBinaries } = {}): Promise<NativeStack> {
  return retryingPortClashes(() => startStackOnce(options));
}

async function startStackOnce(options: { preset?: PresetName; binaries?: StackBinaries }): Promise<NativeStack> {
  const binaries = options.binaries ?? (await findStackBinaries());
  const preset = options.preset ?? 'ci';
  const workDir = mkdtempSync(join(tmpdir(), 'otel-proc-stack-'));
  const ports = await fullPorts({});
  const files = renderStackFiles({ preset, deployment: 'native', ports, traceFile: join(workDir, 'traces.jsonl') });
  const processes: ManagedProcess[] = [];
  const collectors: RunningCollector[] = [];
  const stopAll = async (): Promise<void> => {
    await Promise.all(collectors.splice(0).map((collector) => collector.stop()));
    await Promise.all(processes.splice(0).map((managed) => managed.stop()));
  };
  try {
    writeFileSync(join(workDir, 'jaeger-config.yaml'), files.jaegerConfig);
    const jaeger = startProcess(
      'jaeger',
      binaries.jaeger,
      [`--config=${join(workDir, 'jaeger-config.yaml')}`],
      join(workDir, 'jaeger.log'),
    );
    processes.push(jaeger);
    await waitForHealthy(jaeger, url(ports.jaegerQuery, '/api/services'));

    const collector = await startCollectorOnce({ preset, binaries, ports, workDir: join(workDir, 'collector') });
    collectors.push(collector);

    writeFileSync(join(workDir, 'prometheus.yml'), files.prometheusConfig);
    const prometheus = startProcess(
      'prometheus',
      binaries.prometheus,
      [
        `--config.file=${join(workDir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(workDir, 'prometheus-data')}`,
        `--web.listen-address=127.0.0.1:${ports.prometheus}`,
      ],
      join(workDir, 'prometheus.log'),
    );
    processes.push(prometheus);
    await waitForHealthy(prometheus, url(ports.prometheus, '/-/ready'));

    return {
      collector,
      jaeger: {
        query: url(ports.jaegerQuery),
        otlpGrpc: url(ports.jaegerOtlpGrpc),
        otlpHttp: url(ports.jaegerOtlpHttp),
        health: url(ports.jaegerHealth, '/status'),
      },
      prometheus: { url: url(ports.prometheus) },
      binaries,
      workDir,
      async startCollector(variant: CollectorOptions = {}) {
        const started = await startNativeCollector({ preset, binaries, jaegerOtlpGrpcPort: ports.jaegerOtlpGrpc, ...variant });
        collectors.push(started);
        return started;
      },
      async stop() {
        await stopAll();
        rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    // The error already quotes the failing process's log.
    await stopAll();
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}
