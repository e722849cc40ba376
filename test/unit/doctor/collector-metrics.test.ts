import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeCollector, matchesBase, parsePrometheusText, snapshotFrom } from '../../../src/doctor/collector-metrics.js';

const PAGE = readFileSync(new URL('../../../fixtures/doctor/collector-metrics/otelcol-0.159.txt', import.meta.url), 'utf8');

describe('collector metrics', () => {
  it('parses labels and values of the exposition format', () => {
    const samples = parsePrometheusText('a_total{x="1",y="q\\"uote"} 3\n# comment\nb 4.5 1700000000000\n');
    expect(samples).toEqual([
      { name: 'a_total', labels: { x: '1', y: 'q"uote' }, value: 3 },
      { name: 'b', labels: {}, value: 4.5 },
    ]);
  });

  it('matches every name form of a counter, and no histogram series', () => {
    for (const name of [
      'otelcol_receiver_accepted_spans',
      'otelcol_receiver_accepted_spans_total',
      'otelcol_receiver_accepted_spans__spans__total',
    ]) {
      expect(matchesBase(name, 'otelcol_receiver_accepted_spans')).toBe(true);
    }
    expect(matchesBase('otelcol_processor_batch_batch_send_size_bucket', 'otelcol_processor_batch_batch_send_size')).toBe(false);
  });

  it('sums a collector page into per-signal counters and queues', () => {
    const snapshot = snapshotFrom(PAGE);
    expect(snapshot.counters.traces).toEqual({ accepted: 52, refused: 0, failed: undefined, exporterSent: 40, exporterSendFailed: 12 });
    expect(snapshot.counters.metrics.accepted).toBe(7);
    expect(snapshot.queues).toEqual([{ exporter: 'otlp/jaeger (traces)', size: 950, capacity: 1000 }]);
    expect(looksLikeCollector(snapshot)).toBe(true);
    expect(looksLikeCollector(snapshotFrom('process_cpu_seconds_total 3\n'))).toBe(false);
    // A collector that has accepted nothing yet still has its process metrics.
    expect(looksLikeCollector(snapshotFrom('otelcol_process_uptime_seconds_total 1.5\n'))).toBe(true);
  });
});
