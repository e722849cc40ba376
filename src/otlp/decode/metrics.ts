/**
 * ExportMetricsServiceRequest (decoded protobuf or OTLP/JSON, camelCase) → one flat
 * ReceivedDataPoint per data point. metrics.proto: ResourceMetrics → ScopeMetrics → Metric →
 * (gauge | sum | histogram | exponentialHistogram | summary) → dataPoints.
 */
import type { OtlpProtocol } from '../../config/types.js';
import type { ReceivedDataPoint } from '../../receiver/types.js';
import {
  asList,
  DecodeError,
  asNode,
  enumToNumber,
  idToHex,
  int64ToNumber,
  int64ToString,
  isSet,
  keyValuesToAttributes,
  resourceAttributes,
  scopeOf,
  toDouble,
  toText,
  type Node,
} from './values.js';

const TEMPORALITY_NAMES = [
  'AGGREGATION_TEMPORALITY_UNSPECIFIED',
  'AGGREGATION_TEMPORALITY_DELTA',
  'AGGREGATION_TEMPORALITY_CUMULATIVE',
] as const;
const TEMPORALITIES = ['unspecified', 'delta', 'cumulative'] as const;

type Common = Pick<ReceivedDataPoint, 'protocol' | 'resource' | 'scope' | 'metricName' | 'description' | 'unit'>;

export function flattenMetrics(request: Node, protocol: OtlpProtocol): ReceivedDataPoint[] {
  const points: ReceivedDataPoint[] = [];
  for (const resourceMetrics of asList(request.resourceMetrics, 'resourceMetrics')) {
    const resource = resourceAttributes(resourceMetrics);
    for (const scopeMetrics of asList(resourceMetrics.scopeMetrics, 'scopeMetrics')) {
      const scope = scopeOf(scopeMetrics);
      for (const metric of asList(scopeMetrics.metrics, 'metrics')) {
        const common: Common = {
          protocol,
          resource,
          scope,
          metricName: toText(metric.name, 'metric name'),
          description: toText(metric.description, 'metric description'),
          unit: toText(metric.unit, 'metric unit'),
        };
        flattenMetric(metric, common, points);
      }
    }
  }
  return points;
}

function temporalityOf(data: Node): ReceivedDataPoint['temporality'] {
  const value = enumToNumber(data.aggregationTemporality, TEMPORALITY_NAMES, 'aggregationTemporality');
  return TEMPORALITIES[value] ?? 'unspecified';
}

function flattenMetric(metric: Node, common: Common, points: ReceivedDataPoint[]): void {
  if (isSet(metric, 'gauge')) {
    for (const point of dataPointsOf(metric.gauge, 'gauge')) points.push({ ...common, type: 'gauge', ...numberPoint(point) });
  } else if (isSet(metric, 'sum')) {
    const sum = asNode(metric.sum, 'sum')!;
    const temporality = temporalityOf(sum);
    const monotonic = sum.isMonotonic === true;
    for (const point of dataPointsOf(sum, 'sum')) points.push({ ...common, type: 'sum', temporality, monotonic, ...numberPoint(point) });
  } else if (isSet(metric, 'histogram')) {
    const temporality = temporalityOf(asNode(metric.histogram, 'histogram')!);
    for (const point of dataPointsOf(metric.histogram, 'histogram')) {
      points.push({
        ...common,
        type: 'histogram',
        temporality,
        ...pointBase(point),
        ...countSumMinMax(point),
        bucketCounts: numberList(point.bucketCounts, 'bucketCounts').map((count) => int64ToNumber(count, 'bucket count')),
        explicitBounds: numberList(point.explicitBounds, 'explicitBounds').map((bound) => toDouble(bound, 'explicit bound')),
      });
    }
  } else if (isSet(metric, 'exponentialHistogram')) {
    const temporality = temporalityOf(asNode(metric.exponentialHistogram, 'exponentialHistogram')!);
    for (const point of dataPointsOf(metric.exponentialHistogram, 'exponentialHistogram')) {
      points.push({
        ...common,
        type: 'exponential_histogram',
        temporality,
        ...pointBase(point),
        ...countSumMinMax(point),
        scale: Number(point.scale ?? 0),
        zeroCount: int64ToNumber(point.zeroCount ?? 0, 'zeroCount'),
        positive: bucketsOf(point.positive),
        negative: bucketsOf(point.negative),
      });
    }
  } else if (isSet(metric, 'summary')) {
    for (const point of dataPointsOf(metric.summary, 'summary')) {
      points.push({
        ...common,
        type: 'summary',
        ...pointBase(point),
        count: int64ToNumber(point.count ?? 0, 'count'),
        sum: toDouble(point.sum, 'sum'),
        quantileValues: asList(point.quantileValues, 'quantileValues').map((entry) => ({
          quantile: toDouble(entry.quantile, 'quantile'),
          value: toDouble(entry.value, 'quantile value'),
        })),
      });
    }
  }
  // A metric without data (an empty oneof) carries no data points; nothing to record.
}

function dataPointsOf(data: unknown, what: string): Node[] {
  return asList(asNode(data, what)?.dataPoints, `${what}.dataPoints`);
}

function numberList(value: unknown, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new DecodeError(`${what} must be a list`);
  return value;
}

function pointBase(point: Node): Pick<ReceivedDataPoint, 'attributes' | 'startTimeUnixNano' | 'timeUnixNano' | 'exemplarTraceIds'> {
  const exemplars = asList(point.exemplars, 'exemplars');
  const base: Pick<ReceivedDataPoint, 'attributes' | 'startTimeUnixNano' | 'timeUnixNano' | 'exemplarTraceIds'> = {
    attributes: keyValuesToAttributes(point.attributes),
    startTimeUnixNano: int64ToString(point.startTimeUnixNano, 'startTimeUnixNano'),
    timeUnixNano: int64ToString(point.timeUnixNano, 'timeUnixNano'),
  };
  if (exemplars.length > 0) base.exemplarTraceIds = exemplars.map((exemplar) => idToHex(exemplar.traceId, 16, 'exemplar traceId'));
  return base;
}

function numberPoint(point: Node): Pick<ReceivedDataPoint, 'attributes' | 'startTimeUnixNano' | 'timeUnixNano' | 'value'> {
  // NumberDataPoint.value is a oneof { as_double, as_int }; neither set means "no recorded value".
  let value = 0;
  if (isSet(point, 'asDouble')) value = toDouble(point.asDouble, 'asDouble');
  else if (isSet(point, 'asInt')) value = int64ToNumber(point.asInt, 'asInt');
  return { ...pointBase(point), value };
}

function countSumMinMax(point: Node): Pick<ReceivedDataPoint, 'count' | 'sum' | 'min' | 'max'> {
  const result: Pick<ReceivedDataPoint, 'count' | 'sum' | 'min' | 'max'> = { count: int64ToNumber(point.count ?? 0, 'count') };
  // sum, min and max are proto3 `optional`: absent is not the same as 0.
  if (isSet(point, 'sum')) result.sum = toDouble(point.sum, 'sum');
  if (isSet(point, 'min')) result.min = toDouble(point.min, 'min');
  if (isSet(point, 'max')) result.max = toDouble(point.max, 'max');
  return result;
}

function bucketsOf(value: unknown): { offset: number; bucketCounts: number[] } {
  const buckets = asNode(value, 'buckets');
  return {
    offset: Number(buckets?.offset ?? 0),
    bucketCounts: numberList(buckets?.bucketCounts, 'bucketCounts').map((count) => int64ToNumber(count, 'bucket count')),
  };
}
