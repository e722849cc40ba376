/**
 * Trace and span ids that are unique by construction, also across shards and worker threads.
 *
 * Trace id (16 bytes): [id space: 2][counter: 6][random: 8]. W3C Trace Context level 2 asks for the
 * rightmost 7 bytes to be random (the "random" trace flag), which samplers rely on; the left half
 * makes ids from different shards and workers disjoint without coordination.
 * Span id (8 bytes): [id space: 2][counter XOR key: 6]. XOR with a fixed per-run key is a bijection,
 * so ids never repeat within a run yet do not look sequential; the all-zero id (invalid) is skipped.
 */
import { randomFillSync } from 'node:crypto';

const COUNTER_LIMIT = 2 ** 48;
const RANDOM_POOL_BYTES = 64 * 1024;

export interface IdSpace {
  /** 0-based index of this generator among `count` (shard × workers). */
  index: number;
  count: number;
}

export class IdSource {
  private readonly spaceHigh: number;
  private readonly spaceLow: number;
  private traceCounter = 0;
  private spanCounter = 0;
  private readonly keyHigh: number;
  private readonly keyLow: number;
  private readonly pool = Buffer.allocUnsafe(RANDOM_POOL_BYTES);
  private poolAt = RANDOM_POOL_BYTES;

  constructor(space: IdSpace = { index: 0, count: 1 }) {
    if (!Number.isInteger(space.index) || space.index < 0 || space.index >= space.count || space.count > 0xffff) {
      throw new RangeError(`id space ${space.index}/${space.count} is out of range (at most 65535 generators)`);
    }
    this.spaceHigh = space.index >>> 8;
    this.spaceLow = space.index & 0xff;
    const key = randomFillSync(Buffer.alloc(6));
    this.keyHigh = key.readUInt16BE(0);
    this.keyLow = key.readUInt32BE(2);
  }

  /** Writes `count` trace ids of 16 bytes into `out` from offset 0. */
  fillTraceIds(out: Uint8Array, count: number): void {
    for (let i = 0; i < count; i++) {
      const at = i * 16;
      const n = this.traceCounter++;
      if (n >= COUNTER_LIMIT) throw new RangeError('trace id space exhausted');
      out[at] = this.spaceHigh;
      out[at + 1] = this.spaceLow;
      writeUint48(out, at + 2, n);
      if (this.poolAt + 8 > RANDOM_POOL_BYTES) {
        randomFillSync(this.pool);
        this.poolAt = 0;
      }
      for (let b = 0; b < 8; b++) out[at + 8 + b] = this.pool[this.poolAt + b]!;
      this.poolAt += 8;
    }
  }

  /** Writes `count` span ids of 8 bytes into `out` from offset 0. */
  fillSpanIds(out: Uint8Array, count: number): void {
    for (let i = 0; i < count; i++) {
      const at = i * 8;
      let high: number;
      let low: number;
      do {
        const n = this.spanCounter++;
        if (n >= COUNTER_LIMIT) throw new RangeError('span id space exhausted');
        high = (Math.floor(n / 2 ** 32) ^ this.keyHigh) & 0xffff;
        low = ((n >>> 0) ^ this.keyLow) >>> 0;
      } while (this.spaceHigh === 0 && this.spaceLow === 0 && high === 0 && low === 0);
      out[at] = this.spaceHigh;
      out[at + 1] = this.spaceLow;
      out[at + 2] = high >>> 8;
      out[at + 3] = high & 0xff;
      out[at + 4] = low >>> 24;
      out[at + 5] = (low >>> 16) & 0xff;
      out[at + 6] = (low >>> 8) & 0xff;
      out[at + 7] = low & 0xff;
    }
  }
}

function writeUint48(out: Uint8Array, at: number, value: number): void {
  const high = Math.floor(value / 2 ** 32);
  const low = value >>> 0;
  out[at] = (high >>> 8) & 0xff;
  out[at + 1] = high & 0xff;
  out[at + 2] = low >>> 24;
  out[at + 3] = (low >>> 16) & 0xff;
  out[at + 4] = (low >>> 8) & 0xff;
  out[at + 5] = low & 0xff;
}
