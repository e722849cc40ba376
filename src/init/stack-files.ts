/**
 * Renders the local telemetry stack (collector, Jaeger, Prometheus configs and the compose file)
 * from templates/stack/. Two deployments share the same templates:
 *   - compose: containers listening on 0.0.0.0 with the well-known ports, talking by service name;
 *   - native:  processes on 127.0.0.1 with whatever free ports the caller picked (our e2e tests).
 */
import { dirname, join } from 'node:path';
import { loadPreset, readTemplate, type PresetName } from './presets.js';
import { renderTemplate, type TemplateValues } from './template.js';
import { STACK_IMAGES } from './versions.js';

export interface StackPorts {
  otlpGrpc: number;
  otlpHttp: number;
  health: number;
  zpages: number;
  /** The collector's own metrics (service.telemetry). */
  telemetry: number;
  prometheusExporter: number;
  jaegerOtlpGrpc: number;
  jaegerOtlpHttp: number;
  jaegerQuery: number;
  jaegerQueryGrpc: number;
  jaegerHealth: number;
  jaegerTelemetry: number;
  prometheus: number;
}

/**
 * The ports every user knows, used inside and outside the compose containers: OTLP's
 * (https://opentelemetry.io/docs/specs/otlp/#otlpgrpc-default-port) and the Collector's
 * (https://opentelemetry.io/docs/collector/internal-telemetry/).
 */
export const WELL_KNOWN_PORTS: StackPorts = {
  otlpGrpc: 4317,
  otlpHttp: 4318,
  health: 13133,
  zpages: 55679,
  telemetry: 8888,
  prometheusExporter: 8889,
  jaegerOtlpGrpc: 4317,
  jaegerOtlpHttp: 4318,
  jaegerQuery: 16686,
  jaegerQueryGrpc: 16685,
  jaegerHealth: 13133,
  jaegerTelemetry: 8888,
  prometheus: 9090,
};

export interface StackRenderOptions {
  preset: PresetName;
  deployment: 'compose' | 'native';
  /** native only: the ports to listen on (all on 127.0.0.1). */
  ports?: StackPorts;
  /** native only: where the file exporter writes. */
  traceFile?: string;
  /** Require `authorization: Bearer <token>` on OTLP (doctor's tests). */
  bearerToken?: string;
  /** Folder of the configs relative to the compose file. */
  configDir?: string;
}

export interface StackFiles {
  collectorConfig: string;
  jaegerConfig: string;
  prometheusConfig: string;
  compose: string;
}

/** The file names init writes (compose at the top, configs in `configDir`). */
export const STACK_FILE_NAMES = {
  compose: 'docker-compose.telemetry.yml',
  configDir: 'telemetry',
  collectorConfig: 'otel-collector-config.yaml',
  jaegerConfig: 'jaeger-config.yaml',
  prometheusConfig: 'prometheus.yml',
} as const;

function addressValues(options: StackRenderOptions): TemplateValues {
  if (options.deployment === 'compose') {
    const p = WELL_KNOWN_PORTS;
    const any = (port: number): string => `0.0.0.0:${port}`;
    return {
      ports: { ...p },
      collector: {
        otlpGrpc: any(p.otlpGrpc),
        otlpHttp: any(p.otlpHttp),
        health: any(p.health),
        zpages: any(p.zpages),
        prometheusExporter: any(p.prometheusExporter),
        telemetryHost: '0.0.0.0',
        telemetryPort: p.telemetry,
        jaegerOtlpGrpc: `jaeger:${p.jaegerOtlpGrpc}`,
        traceFile: '/var/lib/otelcol/traces.jsonl',
        logFile: '/var/lib/otelcol/logs.jsonl',
      },
      jaeger: {
        otlpGrpc: any(p.jaegerOtlpGrpc),
        otlpHttp: any(p.jaegerOtlpHttp),
        queryHttp: any(p.jaegerQuery),
        queryGrpc: any(p.jaegerQueryGrpc),
        health: any(p.jaegerHealth),
        telemetryHost: '0.0.0.0',
        telemetryPort: p.jaegerTelemetry,
      },
      prometheus: {
        exporterTarget: `otel-collector:${p.prometheusExporter}`,
        collectorTelemetryTarget: `otel-collector:${p.telemetry}`,
      },
    };
  }
  const p = options.ports;
  if (!p || !options.traceFile) throw new Error('a native stack needs ports and a trace file path');
  const loopback = (port: number): string => `127.0.0.1:${port}`;
  return {
    ports: { ...p },
    collector: {
      otlpGrpc: loopback(p.otlpGrpc),
      otlpHttp: loopback(p.otlpHttp),
      health: loopback(p.health),
      zpages: loopback(p.zpages),
      prometheusExporter: loopback(p.prometheusExporter),
      telemetryHost: '127.0.0.1',
      telemetryPort: p.telemetry,
      jaegerOtlpGrpc: loopback(p.jaegerOtlpGrpc),
      traceFile: options.traceFile,
      // Beside the trace copy: logs need a real exporter too, a debug-only pipeline drops them.
      logFile: join(dirname(options.traceFile), 'logs.jsonl'),
    },
    jaeger: {
      otlpGrpc: loopback(p.jaegerOtlpGrpc),
      otlpHttp: loopback(p.jaegerOtlpHttp),
      queryHttp: loopback(p.jaegerQuery),
      queryGrpc: loopback(p.jaegerQueryGrpc),
      health: loopback(p.jaegerHealth),
      telemetryHost: '127.0.0.1',
      telemetryPort: p.jaegerTelemetry,
    },
    prometheus: {
      exporterTarget: loopback(p.prometheusExporter),
      collectorTelemetryTarget: loopback(p.telemetry),
    },
  };
}

export function renderStackFiles(options: StackRenderOptions): StackFiles {
  const preset = loadPreset(options.preset);
  const values: TemplateValues = {
    preset: preset.name,
    collectorTuning: { ...preset.collectorTuning },
    prometheusScrapeInterval: preset.prometheusScrapeInterval,
    auth: { bearerToken: options.bearerToken ?? '' },
    images: { ...STACK_IMAGES },
    configDir: options.configDir ?? STACK_FILE_NAMES.configDir,
    ...addressValues(options),
  };
  const render = (name: string): string => renderTemplate(readTemplate(`stack/${name}`), values, `templates/stack/${name}`);
  return {
    collectorConfig: render(STACK_FILE_NAMES.collectorConfig),
    jaegerConfig: render(STACK_FILE_NAMES.jaegerConfig),
    prometheusConfig: render(STACK_FILE_NAMES.prometheusConfig),
    compose: render(STACK_FILE_NAMES.compose),
  };
}
