/**
 * Nanosecond timestamps for planned telemetry. Plans hold offsets in nanoseconds; the SDK takes
 * HrTime [seconds, nanoseconds], and a Unix time in nanoseconds (~1.7e18) does not fit a double,
 * so arithmetic is done in BigInt and converted at the edge.
 */
import type { HrTime } from '@opentelemetry/api';

export function nowNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

export function toHrTime(ns: bigint): HrTime {
  return [Number(ns / 1_000_000_000n), Number(ns % 1_000_000_000n)];
}

export function hrTimeToNs(time: HrTime): bigint {
  return BigInt(time[0]) * 1_000_000_000n + BigInt(time[1]);
}
