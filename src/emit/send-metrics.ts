/**
 * Records the planned processor.* measurements through the SDK's metrics API, with the
 * instruments the stream-processor telemetry guide lists ("Available Metrics"): names, units and descriptions from the
 * metric plan, counters as monotonic sums, durations as histograms, the watermark lag as a
 * synchronous gauge. Temporality comes from the exporter (OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE).
 */
import type { Counter, Gauge, Histogram, Meter } from '@opentelemetry/api';
import { INSTRUMENTATION_SCOPE, type SdkPipeline } from '../sdk/pipeline.js';
import { PROCESSOR_INSTRUMENTS } from '../synth/metric-plan.js';
import type { PlannedMeasurement } from '../synth/types.js';

type Instrument =
  | { kind: 'counter'; instrument: Counter }
  | { kind: 'histogram'; instrument: Histogram }
  | { kind: 'gauge'; instrument: Gauge };

function createInstruments(meter: Meter): Map<string, Instrument> {
  const out = new Map<string, Instrument>();
  for (const plan of PROCESSOR_INSTRUMENTS) {
    const options = { unit: plan.unit, description: plan.description };
    if (plan.type === 'counter') out.set(plan.name, { kind: 'counter', instrument: meter.createCounter(plan.name, options) });
    else if (plan.type === 'histogram') out.set(plan.name, { kind: 'histogram', instrument: meter.createHistogram(plan.name, options) });
    else out.set(plan.name, { kind: 'gauge', instrument: meter.createGauge(plan.name, options) });
  }
  return out;
}

/** Returns how many measurements were recorded. */
export function sendMetrics(pipeline: SdkPipeline, measurements: readonly PlannedMeasurement[]): number {
  if (!pipeline.meterProvider) return 0;
  const instruments = createInstruments(pipeline.meterProvider.getMeter(INSTRUMENTATION_SCOPE.name, INSTRUMENTATION_SCOPE.version));
  for (const m of measurements) {
    const target = instruments.get(m.instrument);
    if (!target) throw new Error(`no instrument ${m.instrument}`);
    if (target.kind === 'counter') target.instrument.add(m.value, m.attributes);
    else if (target.kind === 'histogram') target.instrument.record(m.value, m.attributes);
    else target.instrument.record(m.value, m.attributes);
  }
  return measurements.length;
}
