/**
 * The Collector's own metrics (Prometheus text on :8888/metrics,
 * https://opentelemetry.io/docs/collector/internal-telemetry/): what it accepted
 * and refused, what its exporters failed to send, and how full their queues are. Counter names
 * vary by version (`otelcol_receiver_accepted_spans`, `..._total`, `..._spans__total`), so a
 * metric matches by its base name plus any suffix; histogram series are ignored.
 */
import type { Signal } from '../config/types.js';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus text exposition format 0.0.4: `name{label="v",...} value [timestamp]`. */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[3] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1]!] = pair[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    const value = Number(match[4]);
    if (!Number.isNaN(value)) samples.push({ name: match[1]!, labels, value });
  }
  return samples;
}

export function matchesBase(name: string, base: string): boolean {
  if (name === base) return true;
  if (!name.startsWith(`${base}_`)) return false;
  return !/_(bucket|sum|count)$/.test(name);
}

export function samplesOf(samples: Sample[], base: string): Sample[] {
  return samples.filter((sample) => matchesBase(sample.name, base));
}

export function sumOf(samples: Sample[], base: string): number | undefined {
  const matching = samplesOf(samples, base);
  return matching.length === 0 ? undefined : matching.reduce((total, sample) => total + sample.value, 0);
}

/** The item word the Collector uses for each signal in its metric names. */
export const ITEM_WORD: Record<Signal, string> = { traces: 'spans', metrics: 'metric_points', logs: 'log_records' };

export interface SignalCounters {
  accepted?: number;
  refused?: number;
  failed?: number;
  exporterSent?: number;
  exporterSendFailed?: number;
}

export interface QueueGauge {
  exporter: string;
  size: number;
  capacity: number;
}

export interface CollectorSnapshot {
  counters: Record<Signal, SignalCounters>;
  queues: QueueGauge[];
  /** How many samples the page held. */
  sampleCount: number;
  /** Samples named otelcol_*: a Collector's own metrics page (a fresh one has no receiver counters yet). */
  otelcolSampleCount: number;
}

export function snapshotFrom(text: string): CollectorSnapshot {
  const samples = parsePrometheusText(text);
  const counters = {} as Record<Signal, SignalCounters>;
  for (const signal of ['traces', 'metrics', 'logs'] as const) {
    const word = ITEM_WORD[signal];
    counters[signal] = {
      accepted: sumOf(samples, `otelcol_receiver_accepted_${word}`),
      refused: sumOf(samples, `otelcol_receiver_refused_${word}`),
      failed: sumOf(samples, `otelcol_receiver_failed_${word}`),
      exporterSent: sumOf(samples, `otelcol_exporter_sent_${word}`),
      exporterSendFailed: sumOf(samples, `otelcol_exporter_send_failed_${word}`),
    };
  }
  const capacities = samplesOf(samples, 'otelcol_exporter_queue_capacity');
  const queues = samplesOf(samples, 'otelcol_exporter_queue_size').map((sample) => {
    const exporter = sample.labels.exporter ?? '(unnamed)';
    const capacity = capacities.find(
      (c) => (c.labels.exporter ?? '(unnamed)') === exporter && (c.labels.data_type ?? '') === (sample.labels.data_type ?? ''),
    );
    return {
      exporter: sample.labels.data_type ? `${exporter} (${sample.labels.data_type})` : exporter,
      size: sample.value,
      capacity: capacity?.value ?? 0,
    };
  });
  return {
    counters,
    queues,
    sampleCount: samples.length,
    otelcolSampleCount: samples.filter((sample) => sample.name.startsWith('otelcol_')).length,
  };
}

export function looksLikeCollector(snapshot: CollectorSnapshot): boolean {
  return snapshot.otelcolSampleCount > 0;
}
