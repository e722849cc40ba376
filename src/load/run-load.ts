/**
 * `otel-proc load` as a function: from the resolved configuration and the load options to a
 * report. It splits the work across the shard (--shard i/n) and worker threads (--workers), runs
 * the chosen engine, and assembles the report. Rendering and exit codes are the command's business.
 */
import { availableParallelism } from 'node:os';
import { ConfigurationError, UsageError } from '../errors.js';
import type { EffectiveConfig } from '../config/types.js';
import { redactUrl } from '../boundary/secrets.js';
import { senderOptionsFrom } from '../otlp/transport/create-sender.js';
import type { OtlpSignal, SenderOptions } from '../otlp/transport/types.js';
import { formatProblem, loadScenarioFile } from '../synth/scenario-file.js';
import { streamProcessorScenario } from '../synth/stream-processor.js';
import type { Scenario } from '../synth/types.js';
import { runGenerator, type GeneratorResult, type GeneratorSpec } from './generator.js';
import { finishReport } from './report.js';
import { sliceOf, type Shard } from './shard.js';
import { runOnWorkers } from './workers.js';
import type { Engine, LoadReport, ProgressSnapshot, SignalPlan } from './types.js';

export interface LoadOptions {
  /** Spans per second; 0 turns traces off. */
  rate: number;
  metricsRate: number;
  logsRate: number;
  durationSeconds?: number;
  /** Total spans (across shards); the run ends when they are sent. */
  count?: number;
  rampUpSeconds: number;
  batchSize: number;
  concurrency: number;
  /** Worker threads; 0 = one per core. */
  workers: number;
  engine: Engine;
  scenarioFile?: string;
  services?: number;
  seed: string;
  maxLoss?: number;
  shard?: Shard;
  drainTimeoutMs: number;
  version: string;
}

export async function loadScenario(file: string | undefined): Promise<Scenario> {
  if (!file) return streamProcessorScenario;
  const loaded = await loadScenarioFile(file);
  if (!loaded.ok) throw new ConfigurationError(`invalid scenario:\n  ${loaded.problems.map(formatProblem).join('\n  ')}`);
  return loaded.scenario;
}

function plansFor(options: LoadOptions, part: number, parts: number): SignalPlan[] {
  const plans: SignalPlan[] = [];
  const add = (signal: OtlpSignal, rate: number, count?: number): void => {
    if (rate <= 0) return;
    const sliceCount = count === undefined ? undefined : sliceOf(count, part, parts);
    if (sliceCount === 0) return;
    plans.push({ signal, rate: rate / parts, batchSize: options.batchSize, ...(sliceCount !== undefined ? { count: sliceCount } : {}) });
  };
  add('traces', options.rate, options.count);
  add('metrics', options.metricsRate);
  add('logs', options.logsRate);
  return plans;
}

export async function runLoad(
  options: LoadOptions,
  config: EffectiveConfig,
  signal?: AbortSignal,
  onProgress?: (snapshot: ProgressSnapshot) => void,
): Promise<LoadReport> {
  if (options.rate <= 0 && options.metricsRate <= 0 && options.logsRate <= 0)
    throw new UsageError('nothing to send: --rate, --metrics-rate and --logs-rate are all 0');
  if (options.count !== undefined && options.rate <= 0) throw new UsageError('--count counts spans and needs --rate above 0');
  const scenario = await loadScenario(options.scenarioFile);
  const shard = options.shard ?? { index: 0, count: 1 };
  const workers = options.workers > 0 ? options.workers : availableParallelism();
  const parts = shard.count * workers;
  // Ids carry the generator's index in two bytes (otlp/encode/id-source.ts).
  if (parts > 0xffff)
    throw new UsageError(
      `--shard ${shard.index}/${shard.count} with ${workers} worker(s) makes ${parts} generators; at most 65535 are supported`,
    );
  const concurrencyPerWorker = Math.max(1, Math.ceil(options.concurrency / workers));
  const senders: Partial<Record<OtlpSignal, SenderOptions>> = {};
  for (const name of ['traces', 'metrics', 'logs'] as const) senders[name] = await senderOptionsFrom(config[name], concurrencyPerWorker);
  const resource = Object.fromEntries(Object.entries(config.resourceAttributes.value).filter(([key]) => key !== 'service.name'));

  const specs: GeneratorSpec[] = [];
  for (let worker = 0; worker < workers; worker++) {
    const part = shard.index * workers + worker;
    const plans = plansFor(options, part, parts);
    if (plans.length === 0) continue;
    specs.push({
      plans,
      durationSeconds: options.durationSeconds,
      rampUpSeconds: options.rampUpSeconds,
      concurrency: concurrencyPerWorker,
      drainTimeoutMs: options.drainTimeoutMs,
      idSpace: { index: part, count: parts },
      scenario,
      services: options.services,
      seed: options.seed,
      serviceName: config.serviceName.value,
      resource,
      senders,
      scope: { name: 'otel-proc', version: options.version },
    });
  }
  if (specs.length === 0) throw new UsageError(`--count ${options.count} leaves nothing for shard ${shard.index}/${shard.count}`);

  let result: GeneratorResult;
  if (options.engine === 'sdk') {
    const { runSdkEngine } = await import('./sdk-engine.js');
    result = await runSdkEngine({ ...specs[0]!, plans: plansFor(options, shard.index, shard.count) }, config, signal, onProgress);
  } else if (specs.length === 1) result = await runGenerator(specs[0]!, signal, onProgress);
  else result = await runOnWorkers(specs, signal, onProgress);

  return finishReport({
    tool: 'otel-proc load',
    version: options.version,
    engine: options.engine,
    protocol: config.traces.protocol.value,
    endpoint: redactUrl(config.traces.url),
    compression: config.traces.compression.value,
    scenario: scenario.name,
    seed: options.seed,
    ...(options.shard ? { shard: options.shard } : {}),
    shards: 1,
    workers: options.engine === 'sdk' ? 1 : specs.length,
    concurrency: options.concurrency,
    startedAt: result.startedAt,
    generationSeconds: result.generationSeconds,
    drainSeconds: result.drainSeconds,
    interrupted: result.interrupted,
    signals: result.signals,
    ...(options.maxLoss !== undefined ? { maxLoss: options.maxLoss } : {}),
  });
}
