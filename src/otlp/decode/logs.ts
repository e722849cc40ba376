/**
 * ExportLogsServiceRequest (decoded protobuf or OTLP/JSON, camelCase) → flat ReceivedLogRecord
 * records. logs.proto: ResourceLogs → ScopeLogs → LogRecord.
 */
import type { OtlpProtocol } from '../../config/types.js';
import type { ReceivedLogRecord } from '../types.js';
import {
  anyValueToJs,
  asList,
  enumToNumber,
  idToHex,
  int64ToString,
  keyValuesToAttributes,
  resourceAttributes,
  scopeOf,
  toText,
  uint32,
  type Node,
} from './values.js';

const SEVERITY_NAMES = ['SEVERITY_NUMBER_UNSPECIFIED'].concat(
  ...['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'].map((level) =>
    ['', '2', '3', '4'].map((suffix) => `SEVERITY_NUMBER_${level}${suffix}`),
  ),
);

export function flattenLogs(request: Node, protocol: OtlpProtocol): ReceivedLogRecord[] {
  const records: ReceivedLogRecord[] = [];
  for (const resourceLogs of asList(request.resourceLogs, 'resourceLogs')) {
    const resource = resourceAttributes(resourceLogs);
    for (const scopeLogs of asList(resourceLogs.scopeLogs, 'scopeLogs')) {
      const scope = scopeOf(scopeLogs);
      for (const record of asList(scopeLogs.logRecords, 'logRecords')) {
        const flat: ReceivedLogRecord = {
          protocol,
          resource,
          scope,
          timeUnixNano: int64ToString(record.timeUnixNano, 'timeUnixNano'),
          observedTimeUnixNano: int64ToString(record.observedTimeUnixNano, 'observedTimeUnixNano'),
          severityNumber: enumToNumber(record.severityNumber, SEVERITY_NAMES, 'severityNumber'),
          severityText: toText(record.severityText, 'severityText'),
          body: anyValueToJs(record.body),
          attributes: keyValuesToAttributes(record.attributes),
          traceId: idToHex(record.traceId, 16, 'log traceId'),
          spanId: idToHex(record.spanId, 8, 'log spanId'),
          eventName: toText(record.eventName, 'eventName'),
        };
        const dropped = uint32(record.droppedAttributesCount, 'droppedAttributesCount');
        if (dropped > 0) flat.droppedAttributesCount = dropped;
        records.push(flat);
      }
    }
  }
  return records;
}
