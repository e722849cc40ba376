/**
 * The built-in scenario: one event travelling through the stream processor of the stream-processor
 * telemetry guide ("OpenTelemetry Telemetry Guide", sections Distributed Tracing and Best Practices): a
 * `process_event` root (SERVER or CONSUMER) with that guide's searchable attributes ("Span Attributes"), the
 * "Validation started/complete" events, and children for deserialization, deduplication, the window
 * trigger with its aggregation, and state get/put. Services beyond the first are only used with
 * --services: window-aggregator owns the window work, state-store answers the state calls (its SERVER
 * halves carry no role, so a state call counts once in processor.state.operation.duration).
 */
import type { Scenario } from './types.js';

export const streamProcessorScenario: Scenario = {
  name: 'stream-processor',
  batchSize: 5,
  // Guide, "Using Baggage": user-id and tenant-id travel with the event.
  baggage: {
    'user-id': { $int: [10000, 99999] },
    'tenant-id': { $oneOf: ['acme-corp', 'globex', 'initech', 'umbrella'] },
  },
  root: {
    name: 'process_event',
    kind: ['server', 'consumer'],
    role: 'process',
    durationMs: [20, 60],
    errorRatio: 0.05,
    exception: { type: 'EventProcessingError', message: 'event rejected: schema validation failed' },
    attributes: {
      'event.type': { $oneOf: ['metric', 'feedback', 'log', 'trace'] },
      'event.id': { $id: 16 },
      'event.source': { $oneOf: ['kafka', 'kinesis', 'http'] },
      'partition.id': { $oneOf: ['0', '1', '2', '3', '4', '5', '6', '7'] },
      'event.size': { $int: [256, 16384] },
    },
    events: [{ name: 'Validation started' }, { name: 'Validation complete', attributes: { result: 'success' } }],
    children: [
      {
        name: 'deserialize_event',
        kind: 'internal',
        role: 'deserialize',
        durationMs: [1, 3],
        errorRatio: 0.01,
        exception: { type: 'DeserializationError', message: 'unexpected end of input at byte 512' },
        attributes: { 'serialization.format': { $oneOf: ['json', 'avro', 'protobuf'] } },
      },
      {
        name: 'deduplicate_event',
        kind: 'internal',
        role: 'deduplicate',
        durationMs: [1, 2],
        attributes: { 'dedup.strategy': 'event-id', 'dedup.duplicate': { $oneOf: [false, false, false, true] } },
      },
      {
        name: 'window_trigger',
        kind: 'internal',
        service: 'window-aggregator',
        role: 'window-trigger',
        durationMs: [8, 20],
        attributes: { 'window.type': { $oneOf: ['tumbling', 'sliding', 'session'] }, 'window.size_ms': { $oneOf: [1000, 5000, 60000] } },
        children: [
          {
            name: 'aggregate_window',
            kind: 'internal',
            role: 'aggregate',
            durationMs: [3, 10],
            errorRatio: 0.02,
            exception: { type: 'AggregationError', message: 'numeric overflow in sum aggregation' },
            attributes: { 'aggregation.type': { $oneOf: ['sum', 'avg', 'p99', 'count'] }, 'aggregation.input_count': { $int: [1, 500] } },
          },
        ],
      },
      {
        name: 'state.get',
        kind: 'client',
        role: 'state-get',
        durationMs: [1, 4],
        repeat: 2,
        attributes: { 'state.backend': 'rocksdb', 'operation.type': 'get' },
        children: [
          {
            name: 'state.get',
            kind: 'server',
            service: 'state-store',
            durationMs: [0.2, 0.8],
            attributes: { 'state.backend': 'rocksdb', 'operation.type': 'get' },
          },
        ],
      },
      {
        name: 'state.put',
        kind: 'client',
        role: 'state-put',
        durationMs: [1, 5],
        errorRatio: 0.01,
        exception: { type: 'StateStoreError', message: 'write stalled: too many pending compactions' },
        attributes: { 'state.backend': 'rocksdb', 'operation.type': 'put' },
        children: [
          {
            name: 'state.put',
            kind: 'server',
            service: 'state-store',
            durationMs: [0.3, 1],
            attributes: { 'state.backend': 'rocksdb', 'operation.type': 'put' },
          },
        ],
      },
    ],
  },
};
