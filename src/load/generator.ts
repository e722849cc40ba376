/**
 * One generator of the fast engine: its slice of the rates, its own id space, its own connections.
 * The spec is plain data so a worker thread can receive it as it is (see workers.ts).
 */
import { IdSource, type IdSpace } from '../otlp/encode/id-source.js';
import { createSender } from '../otlp/transport/create-sender.js';
import type { OtlpSignal, Sender, SenderOptions } from '../otlp/transport/types.js';
import type { Scenario } from '../synth/types.js';
import { RequestSource } from './request-source.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import { signalReport } from './report.js';
import { runLanes, type LaneSetup } from './run-lanes.js';
import { createTemplateFactory } from './templates.js';
import type { ProgressSnapshot, SignalPlan, SignalReport } from './types.js';

export interface GeneratorSpec {
  plans: SignalPlan[];
  durationSeconds?: number;
  rampUpSeconds: number;
  concurrency: number;
  drainTimeoutMs: number;
  idSpace: IdSpace;
  scenario: Scenario;
  services?: number;
  seed: string;
  serviceName: string;
  resource: Record<string, string>;
  senders: Partial<Record<OtlpSignal, SenderOptions>>;
  scope: { name: string; version: string };
  retry?: RetryPolicy;
}

export interface GeneratorResult {
  startedAt: string;
  generationSeconds: number;
  drainSeconds: number;
  interrupted: boolean;
  signals: SignalReport[];
}

export async function runGenerator(
  spec: GeneratorSpec,
  signal?: AbortSignal,
  onProgress?: (snapshot: ProgressSnapshot) => void,
): Promise<GeneratorResult> {
  const ids = new IdSource(spec.idSpace);
  const senders: Sender[] = [];
  try {
    const lanes: LaneSetup[] = spec.plans.map((plan) => {
      const senderOptions = spec.senders[plan.signal];
      if (!senderOptions) throw new Error(`no sender configured for ${plan.signal}`);
      const sender = createSender(senderOptions);
      senders.push(sender);
      const factory = createTemplateFactory({
        signal: plan.signal,
        scenario: spec.scenario,
        format: senderOptions.format,
        resource: spec.resource,
        serviceName: spec.serviceName,
        services: spec.services,
        seed: `${spec.seed}/${spec.idSpace.index}`,
        scope: spec.scope,
      });
      return { plan, source: new RequestSource(factory, plan.batchSize, ids), sender };
    });
    const result = await runLanes({
      lanes,
      durationSeconds: spec.durationSeconds,
      rampUpSeconds: spec.rampUpSeconds,
      concurrency: spec.concurrency,
      retry: spec.retry ?? DEFAULT_RETRY_POLICY,
      drainTimeoutMs: spec.drainTimeoutMs,
      signal,
      onProgress,
    });
    return {
      startedAt: result.startedAt.toISOString(),
      generationSeconds: result.generationSeconds,
      drainSeconds: result.drainSeconds,
      interrupted: result.interrupted,
      signals: result.lanes.map((lane) => signalReport(lane.plan, lane.stats, lane.expected, result.generationSeconds)),
    };
  } finally {
    await Promise.all(senders.map((sender) => sender.close()));
  }
}
