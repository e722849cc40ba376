import { describe, expect, it } from 'vitest';
import { expectedSeries, PROCESSOR_INSTRUMENTS, planMeasurements } from '../../../src/synth/metric-plan.js';
import { planLogRecords } from '../../../src/synth/log-plan.js';
import { planRun } from '../../../src/synth/plan-run.js';
import { createRandom } from '../../../src/synth/random.js';
import { streamProcessorScenario } from '../../../src/synth/stream-processor.js';

describe('metric plan', () => {
  it('lists the stream-processor guide metrics with units and types', () => {
    expect(PROCESSOR_INSTRUMENTS.map((i) => `${i.type} ${i.name} ${i.unit}`)).toEqual([
      'counter processor.events.processed {event}',
      'counter processor.events.dropped {event}',
      'counter processor.window.triggers {trigger}',
      'counter processor.deduplication.count {event}',
      'histogram processor.processing.duration ms',
      'histogram processor.aggregation.duration ms',
      'histogram processor.state.operation.duration ms',
      'gauge processor.watermark.lag ms',
    ]);
  });

  it('derives measurements from a trace: one processed event, durations in ms from the spans', () => {
    const run = planRun(streamProcessorScenario, { seed: 'm', count: 1, defaultService: 's', errorRatio: 0 });
    const trace = run.traces[0]!;
    const m = planMeasurements(trace, createRandom(1));
    const names = m.map((x) => x.instrument);
    expect(names.filter((n) => n === 'processor.events.processed')).toHaveLength(1);
    // Nothing failed or repeated: those counters are recorded with 0, so their series exist.
    expect(m.filter((x) => x.instrument === 'processor.events.dropped').map((x) => x.value)).toEqual([0]);
    expect(m.filter((x) => x.instrument === 'processor.deduplication.count').map((x) => x.value)).toEqual([
      trace.spans.some((s) => s.attributes['dedup.duplicate'] === true) ? 1 : 0,
    ]);
    expect(names.filter((n) => n === 'processor.state.operation.duration')).toHaveLength(3);
    const processing = m.find((x) => x.instrument === 'processor.processing.duration')!;
    expect(processing.value).toBeCloseTo(trace.spans[0]!.durationNs / 1e6, 3);
    expect(processing.attributes['event.type']).toBe(trace.spans[0]!.attributes['event.type']);
  });

  it('counts a dropped event when the trace failed', () => {
    const run = planRun(streamProcessorScenario, { seed: 'd', count: 3, defaultService: 's', errorRatio: 1 });
    for (const list of run.measurements)
      expect(list.filter((x) => x.instrument === 'processor.events.dropped').map((x) => x.value)).toEqual([1]);
  });

  it('aggregates measurements into expected series', () => {
    const series = expectedSeries([
      { instrument: 'processor.events.processed', value: 1, attributes: { 'event.type': 'a', 'partition.id': '0' } },
      { instrument: 'processor.events.processed', value: 1, attributes: { 'partition.id': '0', 'event.type': 'a' } },
      { instrument: 'processor.processing.duration', value: 2.5, attributes: { 'event.type': 'a' } },
      { instrument: 'processor.processing.duration', value: 1.5, attributes: { 'event.type': 'a' } },
      { instrument: 'processor.watermark.lag', value: 10, attributes: {} },
      { instrument: 'processor.watermark.lag', value: 7, attributes: {} },
    ]);
    expect(series).toEqual([
      { instrument: 'processor.events.processed', type: 'counter', attributes: { 'event.type': 'a', 'partition.id': '0' }, value: 2 },
      { instrument: 'processor.processing.duration', type: 'histogram', attributes: { 'event.type': 'a' }, value: 2, sum: 4 },
      { instrument: 'processor.watermark.lag', type: 'gauge', attributes: {}, value: 7 },
    ]);
  });
});

describe('log plan', () => {
  it('logs arrival and completion in the root span and each failure in its span', () => {
    const run = planRun(streamProcessorScenario, { seed: 'l', count: 4, defaultService: 's', errorRatio: 1 });
    for (const trace of run.traces) {
      const logs = planLogRecords(trace);
      expect(logs[0]).toMatchObject({ spanIndex: 0, severityText: 'INFO' });
      expect(logs.at(-1)).toMatchObject({ spanIndex: 0, severityText: 'WARN' });
      const failing = trace.spans.findIndex((s) => s.exception);
      expect(logs.find((l) => l.severityText === 'ERROR')).toMatchObject({
        spanIndex: failing,
        attributes: { 'exception.type': trace.spans[failing]!.exception!.type },
      });
    }
  });
});

describe('planRun', () => {
  it('keeps trace shapes identical whatever the other signals draw, and lists services used', () => {
    const a = planRun(streamProcessorScenario, { seed: 's', count: 6, defaultService: 'p', services: 3 });
    const b = planRun(streamProcessorScenario, { seed: 's', count: 6, defaultService: 'p', services: 3 });
    expect(a).toEqual(b);
    expect(a.services).toEqual(['p', 'window-aggregator', 'state-store']);
  });
});
