/**
 * ExportMetricsServiceRequest (decoded protobuf or OTLP/JSON, camelCase) → one flat
 * ReceivedDataPoint per data point. metrics.proto: ResourceMetrics → ScopeMetrics → Metric →
 * (gauge | sum | histogram | exponentialHistogram | summary) → dataPoints.
 */
import type { OtlpProtocol } from '../../config/types.js';
import type { ReceivedDataPoint } from '../types.js';
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
    for (const point of dataPointsOf(metric.gauge, 'gauge')) points.push(withValue(newPoint(common, 'gauge', point), point));
  } else if (isSet(metric, 'sum')) {
    const sum = asNode(metric.sum, 'sum')!;
    const temporality = temporalityOf(sum);
    const monotonic = sum.isMonotonic === true;
    for (const point of dataPointsOf(sum, 'sum')) {
      const flat = newPoint(common, 'sum', point);
      flat.temporality = temporality;
      flat.monotonic = monotonic;
      points.push(withValue(flat, point));
    }
  } else if (isSet(metric, 'histogram')) {
    const temporality = temporalityOf(asNode(metric.histogram, 'histogram')!);
    for (const point of dataPointsOf(metric.histogram, 'histogram')) {
      const flat = withCountSumMinMax(newPoint(common, 'histogram', point), point);
      flat.temporality = temporality;
      flat.bucketCounts = numberList(point.bucketCounts, 'bucketCounts').map((count) => int64ToNumber(count, 'bucket count'));
      flat.explicitBounds = numberList(point.explicitBounds, 'explicitBounds').map((bound) => toDouble(bound, 'explicit bound'));
      points.push(flat);
    }
  } else if (isSet(metric, 'exponentialHistogram')) {
    const temporality = temporalityOf(asNode(metric.exponentialHistogram, 'exponentialHistogram')!);
    for (const point of dataPointsOf(metric.exponentialHistogram, 'exponentialHistogram')) {
      const flat = withCountSumMinMax(newPoint(common, 'exponential_histogram', point), point);
      flat.temporality = temporality;
      flat.scale = Number(point.scale ?? 0);
      flat.zeroCount = int64ToNumber(point.zeroCount ?? 0, 'zeroCount');
      flat.positive = bucketsOf(point.positive);
      flat.negative = bucketsOf(point.negative);
      points.push(flat);
    }
  } else if (isSet(metric, 'summary')) {
    for (const point of dataPointsOf(metric.summary, 'summary')) {
      const flat = newPoint(common, 'summary', point);
      flat.count = int64ToNumber(point.count ?? 0, 'count');
      flat.sum = toDouble(point.sum, 'sum');
      flat.quantileValues = asList(point.quantileValues, 'quantileValues').map((entry) => ({
        quantile: toDouble(entry.quantile, 'quantile'),
        value: toDouble(entry.value, 'quantile value'),
      }));
      points.push(flat);
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

/** The fields every data point has. Explicit properties, not object spread: spread is ~15x slower in V8 here. */
function newPoint(common: Common, type: ReceivedDataPoint['type'], point: Node): ReceivedDataPoint {
  const flat: ReceivedDataPoint = {
    protocol: common.protocol,
    resource: common.resource,
    scope: common.scope,
    metricName: common.metricName,
    description: common.description,
    unit: common.unit,
    type,
    attributes: keyValuesToAttributes(point.attributes),
    startTimeUnixNano: int64ToString(point.startTimeUnixNano, 'startTimeUnixNano'),
    timeUnixNano: int64ToString(point.timeUnixNano, 'timeUnixNano'),
  };
  const exemplars = asList(point.exemplars, 'exemplars');
  if (exemplars.length > 0) flat.exemplarTraceIds = exemplars.map((exemplar) => idToHex(exemplar.traceId, 16, 'exemplar traceId'));
  return flat;
}

function withValue(flat: ReceivedDataPoint, point: Node): ReceivedDataPoint {
  // NumberDataPoint.value is a oneof { as_double, as_int }; neither set means "no recorded value".
  let value = 0;
  if (isSet(point, 'asDouble')) value = toDouble(point.asDouble, 'asDouble');
  else if (isSet(point, 'asInt')) value = int64ToNumber(point.asInt, 'asInt');
  flat.value = value;
  return flat;
}

function withCountSumMinMax(flat: ReceivedDataPoint, point: Node): ReceivedDataPoint {
  flat.count = int64ToNumber(point.count ?? 0, 'count');
  // sum, min and max are proto3 `optional`: absent is not the same as 0.
  if (isSet(point, 'sum')) flat.sum = toDouble(point.sum, 'sum');
  if (isSet(point, 'min')) flat.min = toDouble(point.min, 'min');
  if (isSet(point, 'max')) flat.max = toDouble(point.max, 'max');
  return flat;
}

function bucketsOf(value: unknown): { offset: number; bucketCounts: number[] } {
  const buckets = asNode(value, 'buckets');
  return {
    offset: Number(buckets?.offset ?? 0),
    bucketCounts: numberList(buckets?.bucketCounts, 'bucketCounts').map((count) => int64ToNumber(count, 'bucket count')),
  };
}
