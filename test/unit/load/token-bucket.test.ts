import { describe, expect, it } from 'vitest';
import { bucketCapacity } from '../../../src/load/lane.js';
import { TokenBucket } from '../../../src/load/token-bucket.js';

describe('TokenBucket', () => {
  it('accrues the schedule exactly and never holds more than its capacity', () => {
    const bucket = new TokenBucket(1000, 100);
    bucket.refill(0.05);
    expect(bucket.available).toBeCloseTo(50, 6);
    const spilled = bucket.refill(0.5);
    expect(bucket.available).toBe(100);
    expect(spilled).toBeCloseTo(400, 6);
    expect(bucket.overflow).toBeCloseTo(400, 6);
  });

  it('follows a linear ramp-up: the schedule is the integral of the rate', () => {
    const bucket = new TokenBucket(1000, 1e9, 10);
    expect(bucket.expectedBy(5)).toBeCloseTo(1250, 6); // 1000·25/20
    expect(bucket.expectedBy(10)).toBeCloseTo(5000, 6);
    expect(bucket.expectedBy(12)).toBeCloseTo(7000, 6);
    expect(bucket.rateAt(2.5)).toBe(250);
    expect(bucket.rateAt(20)).toBe(1000);
  });

  it('predicts when a batch will be available, during and after the ramp', () => {
    const flat = new TokenBucket(1000, 1e9);
    expect(flat.secondsUntil(512, 0)).toBeCloseTo(0.512, 9);
    flat.refill(0.2);
    flat.take(150);
    expect(flat.secondsUntil(100, 0.2)).toBeCloseTo(0.05, 9);
    const ramp = new TokenBucket(1000, 1e9, 10);
    const t = ramp.secondsUntil(1250, 0);
    expect(t).toBeCloseTo(5, 9);
    ramp.refill(t);
    expect(ramp.available).toBeCloseTo(1250, 6);
  });

  it('sizes the bucket to two batches or 50 ms of traffic', () => {
    expect(bucketCapacity(1000, 512)).toBe(1024);
    expect(bucketCapacity(1_000_000, 512)).toBe(50_000);
  });
});
