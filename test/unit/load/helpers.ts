import type { GeneratorSpec } from '../../../src/load/generator.js';
import type { SignalPlan } from '../../../src/load/types.js';
import type { ReceiverHandle } from '../../../src/receiver/types.js';
import type { SenderOptions } from '../../../src/otlp/transport/types.js';
import { streamProcessorScenario } from '../../../src/synth/stream-processor.js';

export type Wire = 'grpc' | 'http/protobuf' | 'http/json';

export function senderFor(
  receiver: ReceiverHandle,
  wire: Wire,
  signal: 'traces' | 'metrics' | 'logs' = 'traces',
  extra: Partial<SenderOptions> = {},
): SenderOptions {
  const grpc = wire === 'grpc';
  return {
    signal,
    url: grpc ? `http://127.0.0.1:${receiver.ports.grpc}` : `http://127.0.0.1:${receiver.ports.http}/v1/${signal}`,
    transport: grpc ? 'grpc' : 'http',
    format: wire === 'http/json' ? 'json' : 'protobuf',
    headers: {},
    timeoutMs: 5000,
    compression: 'none',
    maxConcurrency: 8,
    ...extra,
  };
}

/** Fast retries so fault tests finish quickly; same shape as the real policy. */
export const QUICK_RETRY = { maxAttempts: 4, initialBackoffMs: 20, maxBackoffMs: 100, multiplier: 2, jitter: 0.2, maxServerDelayMs: 2000 };

export function spec(receiver: ReceiverHandle, wire: Wire, plans: SignalPlan[], extra: Partial<GeneratorSpec> = {}): GeneratorSpec {
  const senders = Object.fromEntries(plans.map((p) => [p.signal, senderFor(receiver, wire, p.signal)]));
  return {
    plans,
    rampUpSeconds: 0,
    concurrency: 8,
    drainTimeoutMs: 5000,
    idSpace: { index: 0, count: 1 },
    scenario: streamProcessorScenario,
    services: 3,
    seed: 'test',
    serviceName: 'load-test',
    resource: { 'deployment.environment.name': 'test' },
    senders,
    scope: { name: 'otel-proc', version: 'test' },
    retry: QUICK_RETRY,
    ...extra,
  };
}

/** The accounting identity every report must satisfy. */
export function balanced(s: { sent: number; accepted: number; rejected: number; failed: number; dropped: number }): boolean {
  return s.sent === s.accepted + s.rejected + s.failed + s.dropped;
}
