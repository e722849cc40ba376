/**
 * The shared OTLP messages, written from opentelemetry-proto (v1.x)
 * opentelemetry/proto/common/v1/common.proto and resource/v1/resource.proto, plus the few
 * well-known and google.rpc messages OTLP error answers need. Kept as proto source text (parsed
 * once by protobufjs, see root.ts) so the schema reads like the specification it comes from and
 * ships inside dist/ without a copy step. Field numbers must match the specification exactly:
 * they ARE the wire format.
 */
export const COMMON_PROTO = `
syntax = "proto3";
package opentelemetry.proto.common.v1;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue {
  string key = 1;
  AnyValue value = 2;
}
message InstrumentationScope {
  string name = 1;
  string version = 2;
  repeated KeyValue attributes = 3;
  uint32 dropped_attributes_count = 4;
}
message EntityRef {
  string schema_url = 1;
  string type = 2;
  repeated string id_keys = 3;
  repeated string description_keys = 4;
}
`;

export const RESOURCE_PROTO = `
syntax = "proto3";
package opentelemetry.proto.resource.v1;

message Resource {
  repeated opentelemetry.proto.common.v1.KeyValue attributes = 1;
  uint32 dropped_attributes_count = 2;
  repeated opentelemetry.proto.common.v1.EntityRef entity_refs = 3;
}
`;

/** google/protobuf/any.proto and duration.proto: what google.rpc.Status and RetryInfo carry. */
export const WELL_KNOWN_PROTO = `
syntax = "proto3";
package google.protobuf;

message Any {
  string type_url = 1;
  bytes value = 2;
}
message Duration {
  int64 seconds = 1;
  int32 nanos = 2;
}
`;

/**
 * google/rpc/status.proto and error_details.proto (RetryInfo). OTLP/HTTP error bodies are a
 * Status (OTLP spec "Failures"); gRPC servers put a Status with RetryInfo into the
 * grpc-status-details-bin trailer to say when a throttled client may retry ("Throttling").
 */
export const GOOGLE_RPC_PROTO = `
syntax = "proto3";
package google.rpc;

message Status {
  int32 code = 1;
  string message = 2;
  repeated google.protobuf.Any details = 3;
}
message RetryInfo {
  google.protobuf.Duration retry_delay = 1;
}
`;
