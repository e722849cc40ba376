import type { PlannedTrace } from '../../../src/synth/types.js';

/** A small processor-shaped tree: root, two children, one grandchild; two services. */
export function sampleTrace(error = false): PlannedTrace {
  return {
    index: 0,
    baggage: { 'user-id': 'u1' },
    spans: [
      {
        parent: -1,
        name: 'process_event',
        kind: 'consumer',
        service: 'processor',
        startOffsetNs: 0,
        durationNs: 5_000_000,
        attributes: { 'event.type': 'click', 'partition.id': 3, ratio: 0.5, ok: true, tags: ['a', 'b'], nested: { k: 'v' } },
        events: [{ name: 'Validation started', offsetNs: 1000, attributes: { step: 1 } }],
        status: error ? { code: 'error', message: 'boom' } : { code: 'ok' },
        links: error ? [{ tracesBack: 1, spanIndex: 0, attributes: { 'link.reason': 'previous-batch' } }] : [],
        ...(error ? { exception: { type: 'Error', message: 'boom' } } : {}),
      },
      {
        parent: 0,
        name: 'deserialize',
        kind: 'internal',
        service: 'processor',
        startOffsetNs: 100_000,
        durationNs: 1_000_000,
        attributes: { 'event.size': 512 },
        events: [],
        status: { code: 'unset' },
        links: [],
      },
      {
        parent: 0,
        name: 'state.get',
        kind: 'client',
        service: 'state-store',
        startOffsetNs: 2_000_000,
        durationNs: 2_000_000,
        attributes: {},
        events: [],
        status: { code: 'unset' },
        links: [],
      },
      {
        parent: 2,
        name: 'kv.read',
        kind: 'server',
        service: 'state-store',
        startOffsetNs: 2_500_000,
        durationNs: 1_000_000,
        attributes: {},
        events: [],
        status: { code: 'unset' },
        links: [],
      },
    ],
  };
}
