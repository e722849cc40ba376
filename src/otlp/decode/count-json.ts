/**
 * Count-only decoding of OTLP/JSON requests (already parsed and camelCased by index.ts): items per
 * service.name, without flattening. JSON must be parsed anyway, so this only saves the flattening.
 */
import type { ReceivedSignal } from '../types.js';
import type { ItemCount } from './count.js';
import { asList, asNode, isSet, type Node } from './values.js';

const LAYOUT = {
  traces: { resources: 'resourceSpans', scopes: 'scopeSpans', items: 'spans' },
  metrics: { resources: 'resourceMetrics', scopes: 'scopeMetrics', items: 'metrics' },
  logs: { resources: 'resourceLogs', scopes: 'scopeLogs', items: 'logRecords' },
} as const;

const METRIC_DATA_KEYS = ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'] as const;

function serviceNameOf(resourceHolder: Node): string {
  const resource = asNode(resourceHolder.resource, 'resource');
  for (const attribute of asList(resource?.attributes, 'attributes')) {
    if (attribute.key !== 'service.name') continue;
    const value = asNode(attribute.value, 'value');
    return typeof value?.stringValue === 'string' ? value.stringValue : '';
  }
  return '';
}

function countMetricPoints(metric: Node): number {
  for (const key of METRIC_DATA_KEYS) {
    if (isSet(metric, key)) return asList(asNode(metric[key], key)?.dataPoints, 'dataPoints').length;
  }
  return 0;
}

export function countJsonItems(signal: ReceivedSignal, request: Node): ItemCount {
  const layout = LAYOUT[signal];
  const result: ItemCount = { total: 0, byService: new Map() };
  for (const resourceHolder of asList(request[layout.resources], layout.resources)) {
    let count = 0;
    for (const scopeHolder of asList(resourceHolder[layout.scopes], layout.scopes)) {
      const items = asList(scopeHolder[layout.items], layout.items);
      if (signal === 'metrics') for (const metric of items) count += countMetricPoints(metric);
      else count += items.length;
    }
    const service = serviceNameOf(resourceHolder);
    result.total += count;
    result.byService.set(service, (result.byService.get(service) ?? 0) + count);
  }
  return result;
}
