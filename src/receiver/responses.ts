/**
 * The bodies the receiver answers with: Export<Signal>ServiceResponse on success (with
 * partial_success when items were rejected) and google.rpc.Status on failure, in protobuf or
 * OTLP/JSON. OTLP spec: "Full Success", "Partial Success", "Failures" (the Status message), and
 * "Throttling" (RetryInfo inside Status.details, for gRPC in the grpc-status-details-bin trailer).
 */
import type { BodyEncoding } from '../otlp/decode/index.js';
import { otlpTypes, RETRY_INFO_TYPE_URL } from '../otlp/proto/root.js';
import type { ReceivedSignal } from './types.js';

const REJECTED_FIELD = { traces: 'rejectedSpans', metrics: 'rejectedDataPoints', logs: 'rejectedLogRecords' } as const;

function responseType(signal: ReceivedSignal) {
  const types = otlpTypes();
  if (signal === 'traces') return types.ExportTraceServiceResponse;
  if (signal === 'metrics') return types.ExportMetricsServiceResponse;
  return types.ExportLogsServiceResponse;
}

/**
 * A success answer. partial_success is set only when something was rejected or there is a message:
 * the spec says an empty partial_success must not be sent as a warning.
 */
export function encodeExportResponse(signal: ReceivedSignal, encoding: BodyEncoding, rejected: number, errorMessage: string): Uint8Array {
  const partial = rejected > 0 || errorMessage !== '' ? { [REJECTED_FIELD[signal]]: rejected, errorMessage } : undefined;
  if (encoding === 'json') {
    // proto3 JSON mapping: int64 is written as a decimal string.
    const body = partial ? { partialSuccess: { [REJECTED_FIELD[signal]]: String(rejected), errorMessage } } : {};
    return Buffer.from(JSON.stringify(body));
  }
  const type = responseType(signal);
  return type.encode(type.fromObject(partial ? { partialSuccess: partial } : {})).finish();
}

function statusMessage(grpcCode: number, message: string, retryAfterSeconds: number | undefined) {
  const types = otlpTypes();
  const details =
    retryAfterSeconds === undefined
      ? []
      : [
          {
            typeUrl: RETRY_INFO_TYPE_URL,
            value: types.RetryInfo.encode(
              types.RetryInfo.fromObject({ retryDelay: { seconds: Math.floor(retryAfterSeconds), nanos: 0 } }),
            ).finish(),
          },
        ];
  return types.Status.fromObject({ code: grpcCode, message, details });
}

/** google.rpc.Status with the equivalent gRPC code, as HTTP error bodies carry it. */
export function encodeStatus(encoding: BodyEncoding, grpcCode: number, message: string, retryAfterSeconds?: number): Uint8Array {
  if (encoding === 'json') {
    const details =
      retryAfterSeconds === undefined ? [] : [{ '@type': RETRY_INFO_TYPE_URL, retryDelay: `${Math.floor(retryAfterSeconds)}s` }];
    return Buffer.from(JSON.stringify({ code: grpcCode, message, details }));
  }
  return otlpTypes()
    .Status.encode(statusMessage(grpcCode, message, retryAfterSeconds))
    .finish();
}

/** The grpc-status-details-bin trailer value: a serialized google.rpc.Status. */
export function encodeGrpcStatusDetails(grpcCode: number, message: string, retryAfterSeconds?: number): Buffer {
  return Buffer.from(
    otlpTypes()
      .Status.encode(statusMessage(grpcCode, message, retryAfterSeconds))
      .finish(),
  );
}
