import { describe, expect, it } from 'vitest';
import { DeadlineQueue } from '../../../src/otlp/transport/deadlines.js';

function waitFor(predicate: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const look = (): void => {
      if (predicate()) resolve();
      else if (Date.now() > until) reject(new Error('condition not met in time'));
      else setTimeout(look, 5);
    };
    look();
  });
}

describe('one timer for every request deadline', () => {
  it('expires only the requests still pending, in order, and not before their time', async () => {
    const queue = new DeadlineQueue(40);
    const expired: number[] = [];
    const started = performance.now();
    const deadlines = [0, 1, 2, 3].map((i) => queue.add(() => expired.push(i)));
    deadlines[1]!.cancel();
    deadlines[3]!.cancel();
    await waitFor(() => expired.length === 2);
    expect(expired).toEqual([0, 2]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(39);
  });

  it('keeps timing requests added after earlier ones finished', async () => {
    const queue = new DeadlineQueue(30);
    const expired: string[] = [];
    queue.add(() => expired.push('first')).cancel();
    queue.add(() => expired.push('second'));
    await waitFor(() => expired.length === 1);
    expect(expired).toEqual(['second']);
  });

  it('leaves no timer behind once nothing is pending, so it never holds the process open', () => {
    const queue = new DeadlineQueue(60_000);
    const deadline = queue.add(() => undefined);
    const handles = (): number =>
      (process as unknown as { getActiveResourcesInfo(): string[] }).getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const withTimer = handles();
    deadline.cancel();
    expect(handles()).toBe(withTimer - 1);
  });
});
