/**
 * A minimal protobuf reader for the few small messages a client must understand in responses:
 * Export*ServiceResponse.partial_success, google.rpc.Status and google.rpc.RetryInfo.
 */
export interface ProtoField {
  field: number;
  wireType: number;
  /** Varint and fixed values as numbers (exact up to 2^53), length-delimited values as bytes. */
  value: number | Uint8Array;
}

export function readFields(bytes: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let at = 0;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (;;) {
      if (at >= bytes.length) throw new RangeError('truncated varint');
      const byte = bytes[at++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 128;
    }
  };
  while (at < bytes.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wireType = key & 7;
    if (wireType === 0) fields.push({ field, wireType, value: varint() });
    else if (wireType === 1) {
      const view = new DataView(bytes.buffer, bytes.byteOffset + at, 8);
      fields.push({ field, wireType, value: view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32 });
      at += 8;
    } else if (wireType === 2) {
      const length = varint();
      if (at + length > bytes.length) throw new RangeError('truncated field');
      fields.push({ field, wireType, value: bytes.subarray(at, at + length) });
      at += length;
    } else if (wireType === 5) {
      fields.push({ field, wireType, value: new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0, true) });
      at += 4;
    } else throw new RangeError(`unsupported wire type ${wireType}`);
  }
  return fields;
}

export function fieldBytes(fields: ProtoField[], field: number): Uint8Array | undefined {
  const found = fields.find((f) => f.field === field && f.value instanceof Uint8Array);
  return found?.value as Uint8Array | undefined;
}

export function fieldNumber(fields: ProtoField[], field: number): number | undefined {
  const found = fields.find((f) => f.field === field && typeof f.value === 'number');
  return found?.value as number | undefined;
}

export function fieldString(fields: ProtoField[], field: number): string | undefined {
  const bytes = fieldBytes(fields, field);
  return bytes ? Buffer.from(bytes).toString('utf8') : undefined;
}
