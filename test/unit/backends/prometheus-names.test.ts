import { describe, expect, it } from 'vitest';
import { prometheusLabelName, prometheusName, serviceJobMatcher } from '../../../src/backends/prometheus-names.js';
import { PROCESSOR_INSTRUMENTS } from '../../../src/synth/metric-plan.js';

describe('prometheusName', () => {
  it('translates the stream-processor guide metrics the way the Collector prometheus exporter does', () => {
    expect(PROCESSOR_INSTRUMENTS.map(prometheusName)).toEqual([
      'processor_events_processed_total',
      'processor_events_dropped_total',
      'processor_window_triggers_total',
      'processor_deduplication_count_total',
      'processor_processing_duration_milliseconds_bucket',
      'processor_aggregation_duration_milliseconds_bucket',
      'processor_state_operation_duration_milliseconds_bucket',
      'processor_watermark_lag_milliseconds',
    ]);
  });
});

describe('labels', () => {
  it('writes an attribute key as a label name and matches the job the exporter derives from the service', () => {
    expect(prometheusLabelName('otel_proc.doctor.run_id')).toBe('otel_proc_doctor_run_id');
    expect(serviceJobMatcher('shop.checkout')).toBe('job=~"(.+/)?shop\\\\.checkout"');
    // Read back as PromQL would: the string literal's escapes (\\ and \" as in JSON), then a fully anchored regex.
    for (const service of ['a\\b', 'pay"ments', 'x.(y)+[z]{1}|^$?*']) {
      const literal = /^job=~("(?:[^"\\]|\\.)*")$/.exec(serviceJobMatcher(service))![1]!;
      const regex = new RegExp(`^(?:${JSON.parse(literal) as string})$`);
      expect(regex.test(`shop/${service}`), service).toBe(true);
      expect(regex.test(service), service).toBe(true);
      expect(regex.test(`${service}x`), service).toBe(false);
    }
  });
});
