/**
 * Splitting one load test across shards (machines, pods) and worker threads: each part takes an
 * equal slice of the rate and of the count (the remainder goes to the first parts, so the slices
 * add up exactly) and its own id space, so ids never collide without any coordination.
 */
import { UsageError } from '../errors.js';

export interface Shard {
  index: number;
  count: number;
}

/** Parses `i/n` (0-based i) as given to --shard. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw new UsageError(`--shard must look like i/n (e.g. 0/4), got "${text}"`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) throw new UsageError(`--shard ${text}: n (the number of shards) must be at least 1`);
  if (index >= count) throw new UsageError(`--shard ${text}: the index must be between 0 and ${count - 1}`);
  return { index, count };
}

/** This part's share of a total, with the remainder spread over the first parts. */
export function sliceOf(total: number, index: number, parts: number): number {
  if (Number.isInteger(total)) return Math.floor(total / parts) + (index < total % parts ? 1 : 0);
  return total / parts;
}
