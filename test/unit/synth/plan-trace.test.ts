import { describe, expect, it } from 'vitest';
import { planTrace } from '../../../src/synth/plan-trace.js';
import { createRandom } from '../../../src/synth/random.js';
import { streamProcessorScenario } from '../../../src/synth/stream-processor.js';
import type { PlannedTrace, Scenario } from '../../../src/synth/types.js';

const plan = (seed: string, index = 0, extra: { services?: number; errorRatio?: number } = {}): PlannedTrace =>
  planTrace(streamProcessorScenario, createRandom(seed), { index, defaultService: 'stream-processor', ...extra });

describe('planTrace with the built-in stream-processor scenario', () => {
  it('plans a process_event root of kind SERVER or CONSUMER with the stream-processor guide attributes and events', () => {
    const kinds = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const root = plan(`seed-${i}`).spans[0]!;
      expect(root.parent).toBe(-1);
      expect(root.name).toBe('process_event');
      kinds.add(root.kind);
      expect(Object.keys(root.attributes)).toEqual(
        expect.arrayContaining(['event.type', 'event.source', 'partition.id', 'event.size', 'event.id']),
      );
      expect(root.events.map((e) => e.name)).toEqual(['Validation started', 'Validation complete']);
      expect(root.events[1]!.attributes).toEqual({ result: 'success' });
    }
    expect([...kinds].sort()).toEqual(['consumer', 'server']);
  });

  it('has children for deserialization, deduplication, window trigger, aggregation and state get/put', () => {
    const names = plan('x').spans.map((s) => s.name);
    expect(names).toEqual([
      'process_event',
      'deserialize_event',
      'deduplicate_event',
      'window_trigger',
      'aggregate_window',
      'state.get',
      'state.get',
      'state.get',
      'state.get',
      'state.put',
      'state.put',
    ]);
  });

  it('nests every child strictly inside its parent, and parents precede children', () => {
    for (let i = 0; i < 25; i++) {
      const { spans } = plan(`nest-${i}`);
      spans.forEach((span, index) => {
        if (span.parent < 0) return;
        expect(span.parent).toBeLessThan(index);
        const parent = spans[span.parent]!;
        expect(span.startOffsetNs).toBeGreaterThan(parent.startOffsetNs);
        expect(span.startOffsetNs + span.durationNs).toBeLessThan(parent.startOffsetNs + parent.durationNs);
        for (const event of span.events) expect(event.offsetNs).toBeLessThanOrEqual(span.durationNs);
      });
    }
  });

  it('reproduces the same trace for the same seed and differs for another seed', () => {
    expect(plan('same')).toEqual(plan('same'));
    expect(plan('same')).not.toEqual(plan('other'));
  });

  it('draws baggage user-id and tenant-id', () => {
    const { baggage } = plan('bag');
    expect(Object.keys(baggage).sort()).toEqual(['tenant-id', 'user-id']);
    expect(baggage['user-id']).toMatch(/^\d{5}$/);
  });

  it('with --error-ratio 1 fails every trace: one span records the exception, ancestors end in ERROR', () => {
    for (let i = 0; i < 20; i++) {
      const { spans } = plan(`err-${i}`, 0, { errorRatio: 1 });
      const failing = spans.filter((s) => s.exception);
      expect(failing).toHaveLength(1);
      const failed = failing[0]!;
      expect(failed.status.code).toBe('error');
      expect(failed.status.message).toBe(failed.exception!.message);
      for (let up = failed.parent; up >= 0; up = spans[up]!.parent) expect(spans[up]!.status.code).toBe('error');
      expect(spans[0]!.status.code).toBe('error');
    }
  });

  it('with --error-ratio 0 fails nothing', () => {
    for (let i = 0; i < 20; i++)
      expect(plan(`ok-${i}`, 0, { errorRatio: 0 }).spans.every((s) => s.status.code === 'unset' && !s.exception)).toBe(true);
  });

  it('uses one service by default and the window-aggregator and state-store with --services 3', () => {
    expect(new Set(plan('svc').spans.map((s) => s.service))).toEqual(new Set(['stream-processor']));
    const spans = plan('svc', 0, { services: 3 }).spans;
    expect(spans.find((s) => s.name === 'aggregate_window')!.service).toBe('window-aggregator');
    expect(spans.filter((s) => s.kind === 'server' && s.name.startsWith('state.')).every((s) => s.service === 'state-store')).toBe(true);
    expect(spans.filter((s) => s.kind === 'client').every((s) => s.service === 'stream-processor')).toBe(true);
    const two = plan('svc', 0, { services: 2 }).spans;
    expect(new Set(two.map((s) => s.service))).toEqual(new Set(['stream-processor', 'window-aggregator']));
  });

  it('links the first root of each batch to the roots of the previous batch', () => {
    expect(plan('l', 0).spans[0]!.links).toEqual([]);
    expect(plan('l', 3).spans[0]!.links).toEqual([]);
    const links = plan('l', 5).spans[0]!.links;
    expect(links.map((l) => l.tracesBack)).toEqual([1, 2, 3, 4, 5]);
    expect(links.every((l) => l.spanIndex === 0)).toBe(true);
    expect(plan('l', 7).spans[0]!.attributes['batch.index']).toBe(1);
  });

  it('honours fixed durations, repeat and per-span error ratios of a custom scenario', () => {
    const scenario: Scenario = {
      name: 'custom',
      root: {
        name: 'root',
        durationMs: 10,
        children: [{ name: 'leaf', durationMs: 2, repeat: 3, errorRatio: 1, exception: { type: 'E', message: 'boom' } }],
      },
    };
    const { spans } = planTrace(scenario, createRandom(1), { index: 0, defaultService: 'svc' });
    expect(spans.map((s) => s.name)).toEqual(['root', 'leaf', 'leaf', 'leaf']);
    expect(spans.slice(1).every((s) => s.durationNs === 2_000_000 && s.exception?.message === 'boom')).toBe(true);
    expect(spans[0]!.durationNs).toBeGreaterThanOrEqual(10_000_000);
    expect(spans[0]!.status).toEqual({ code: 'error', message: 'leaf failed: boom' });
  });
});
