/**
 * The e2e harness: the real OpenTelemetry Collector, Jaeger v2 and Prometheus, natively on
 * 127.0.0.1 with free ports and the configs docker-compose.telemetry.yml ships (rendered from
 * templates/stack/ with loopback addresses). Build the binaries once with
 * `bash scripts/stack/install.sh` (scripts/test.sh does it before the tests).
 *
 *   const stack = await startStack();            // in beforeAll (hookTimeout is 120 s)
 *   stack.collector.otlpGrpc / .otlpHttp          // where to send
 *   stack.collector.health / .metrics / .zpages / .prometheusExporter
 *   stack.jaeger.query / stack.prometheus.url     // where to look
 *   const secured = await stack.startCollector({ bearerToken: 's3cret' });   // a variant
 *   await stack.stop();                           // in afterAll: stops every process it started
 *
 * A missing stack is an error with the command that fixes it, never a skipped test.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findStackBinaries } from '../../../src/init/stack-binaries.js';
import {
  startNativeCollector,
  startNativeStack,
  type CollectorOptions,
  type NativeStack,
  type RunningCollector,
} from '../../../src/init/native-stack.js';

export type TelemetryStack = NativeStack;
export type { CollectorOptions, RunningCollector };

/** The whole stack; defaults to the `ci` preset (200 ms batches, 2 s scrapes). */
export function startStack(options: { preset?: 'local' | 'ci' | 'production' } = {}): Promise<TelemetryStack> {
  return startNativeStack(options);
}

/** A lone collector (traces go to a closed port unless `jaegerOtlpGrpcPort` says otherwise). */
export function startCollector(options: CollectorOptions = {}): Promise<RunningCollector> {
  return startNativeCollector(options);
}

/** `otelcol validate --config=<file>` with the pinned collector build: accepts a path or YAML text. */
export async function validateCollectorConfig(config: { path: string } | { yaml: string }): Promise<{ ok: boolean; output: string }> {
  const { otelcol } = await findStackBinaries();
  let dir: string | undefined;
  let path: string;
  if ('path' in config) path = config.path;
  else {
    dir = mkdtempSync(join(tmpdir(), 'otel-proc-validate-'));
    path = join(dir, 'config.yaml');
    writeFileSync(path, config.yaml);
  }
  try {
    return await new Promise((resolve) => {
      execFile(otelcol, ['validate', `--config=${path}`], { timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ ok: error === null, output: `${stdout}${stderr}` });
      });
    });
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `jaeger <args>` or Prometheus' `promtool <args>` from the installed stack (e.g. config checks). */
export async function runStackTool(tool: 'jaeger' | 'promtool', args: string[]): Promise<{ ok: boolean; output: string }> {
  const binaries = await findStackBinaries();
  const command = tool === 'jaeger' ? binaries.jaeger : join(dirname(binaries.prometheus), 'promtool');
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 60_000 }, (error, stdout, stderr) => resolve({ ok: error === null, output: `${stdout}${stderr}` }));
  });
}

/** The component types the pinned collector build contains, from `otelcol components`. */
export async function collectorComponents(): Promise<string> {
  const { otelcol } = await findStackBinaries();
  return new Promise((resolve, reject) => {
    execFile(otelcol, ['components'], { timeout: 60_000 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });
}

/**
 * Sums the samples of a counter in Prometheus text, matching every name form the collector has
 * used for it (https://opentelemetry.io/docs/collector/internal-telemetry/): `name`, `name_total`, and
 * unit-suffixed `name__spans__total`-like forms.
 * `labels` filters on exact label values, e.g. { transport: 'grpc' }.
 */
export function sumCounter(prometheusText: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of prometheusText.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const sample = match[1];
    if (!(sample === name || sample === `${name}_total` || (sample.startsWith(`${name}__`) && sample.endsWith('total')))) continue;
    const labelText = match[2] ?? '';
    if (Object.entries(labels).some(([key, value]) => !labelText.includes(`${key}="${value}"`))) continue;
    sum += Number(match[3]);
  }
  return sum;
}

export async function fetchText(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return response.text();
}

/** Prometheus' instant query API: the result vector (empty when nothing matches yet). */
export async function queryPrometheus(
  prometheusUrl: string,
  query: string,
): Promise<Array<{ metric: Record<string, string>; value: number }>> {
  const body = JSON.parse(await fetchText(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}`)) as {
    data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> };
  };
  return body.data.result.map((entry) => ({ metric: entry.metric, value: Number(entry.value[1]) }));
}

export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references: Array<{ refType: string; traceID: string; spanID: string }>;
  processID: string;
  tags: Array<{ key: string; type: string; value: unknown }>;
}
export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string; tags: Array<{ key: string; value: unknown }> }>;
}

/** Jaeger's query API (/api/traces/{id}): the trace, or undefined while it has not arrived. */
export async function fetchJaegerTrace(queryUrl: string, traceId: string): Promise<JaegerTrace | undefined> {
  const response = await fetch(`${queryUrl}/api/traces/${traceId}`, { signal: AbortSignal.timeout(10_000) });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET ${queryUrl}/api/traces/${traceId}: HTTP ${response.status}`);
  const body = (await response.json()) as { data?: JaegerTrace[] };
  return body.data?.[0];
}

/** Polls `probe` until it returns something other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} not met within ${timeoutMs} ms${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}
