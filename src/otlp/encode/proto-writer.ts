/**
 * A small protobuf wire-format writer (https://protobuf.dev/programming-guides/encoding/), written
 * for the load generator's templates: besides plain fields it records *patch sites*, the byte
 * offsets of ids and timestamps, so a template can be encoded once and rewritten in place per request.
 * Ids are `bytes` of fixed length and OTLP timestamps are `fixed64`, so rewriting never moves a byte.
 */
import type { PatchSite } from './template.js';

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

export class ProtoWriter {
  private buffer = Buffer.allocUnsafe(256);
  private length = 0;
  /** Patch sites with offsets relative to the start of this writer's bytes. */
  readonly patches: PatchSite[] = [];

  get size(): number {
    return this.length;
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + extra));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  private tag(field: number, wireType: number): void {
    this.rawVarint((field << 3) | wireType);
  }

  /** Unsigned varint for values up to 2^53. */
  private rawVarint(value: number): void {
    this.ensure(10);
    while (value >= 0x80) {
      this.buffer[this.length++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.buffer[this.length++] = value;
  }

  /** An int64/uint64/enum/bool field. Negative int64 values take ten bytes (two's complement). */
  varint(field: number, value: number | bigint): this {
    this.tag(field, WIRE_VARINT);
    if (typeof value === 'bigint' || value < 0) {
      let big = BigInt.asUintN(64, BigInt(value));
      this.ensure(10);
      while (big >= 0x80n) {
        this.buffer[this.length++] = Number(big & 0x7fn) | 0x80;
        big >>= 7n;
      }
      this.buffer[this.length++] = Number(big);
      return this;
    }
    this.rawVarint(value);
    return this;
  }

  double(field: number, value: number): this {
    this.tag(field, WIRE_FIXED64);
    this.ensure(8);
    this.buffer.writeDoubleLE(value, this.length);
    this.length += 8;
    return this;
  }

  fixed32(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    this.ensure(4);
    this.buffer.writeUInt32LE(value >>> 0, this.length);
    this.length += 4;
    return this;
  }

  /** A fixed64 field from a bigint (exact nanosecond timestamps). */
  fixed64(field: number, value: bigint): this {
    this.tag(field, WIRE_FIXED64);
    this.ensure(8);
    this.buffer.writeBigUInt64LE(BigInt.asUintN(64, value), this.length);
    this.length += 8;
    return this;
  }

  /** A fixed64 timestamp written later, per request: base time + offsetNs. */
  patchedTime(field: number, offsetNs: number): this {
    this.tag(field, WIRE_FIXED64);
    this.ensure(8);
    this.patches.push({ kind: 'time', at: this.length, slot: 0, offsetNs });
    this.buffer.fill(0, this.length, this.length + 8);
    this.length += 8;
    return this;
  }

  /** A fixed-size id (`bytes` field) written later, per request, from id slot `slot`. */
  patchedId(field: number, kind: 'trace' | 'span' | 'parent', slot: number): this {
    const size = kind === 'trace' ? 16 : 8;
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.rawVarint(size);
    this.ensure(size);
    this.patches.push({ kind, at: this.length, slot, offsetNs: 0 });
    this.buffer.fill(0, this.length, this.length + size);
    this.length += size;
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.rawVarint(value.length);
    this.ensure(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, Buffer.from(value, 'utf8'));
  }

  /** An embedded message; its patch sites move with it. Empty messages are still written (presence matters for oneofs). */
  message(field: number, child: ProtoWriter): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.rawVarint(child.length);
    this.ensure(child.length);
    const base = this.length;
    child.buffer.copy(this.buffer, base, 0, child.length);
    this.length += child.length;
    for (const patch of child.patches) this.patches.push({ ...patch, at: patch.at + base });
    return this;
  }

  finish(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.length));
  }
}
