import { describe, expect, it } from 'vitest';
import { signalReport } from '../../../src/load/report.js';
import { SignalStats } from '../../../src/load/signal-stats.js';

function statsWith(sent: number, reason?: 'cpu-bound' | 'in-flight-limit'): SignalStats {
  const stats = new SignalStats('traces');
  stats.onSend(sent, Date.now());
  stats.onAccepted(sent, 0, undefined, Date.now());
  if (reason) stats.onShortfall(1, reason);
  stats.finish();
  return stats;
}

describe('signalReport shortfall', () => {
  it('does not call a timer tick of lateness a missed target', () => {
    // -n 100 --rate 1k: the one request left 2 ms after it was due, so the schedule says 102
    const report = signalReport({ signal: 'traces', rate: 1000, batchSize: 512, count: 100 }, statsWith(100), 102, 0.102);
    expect(report.shortfall.items).toBe(2);
    expect(report.shortfall.limitedBy).toBeUndefined();
  });

  it('still reports a real shortfall with its reason', () => {
    const report = signalReport({ signal: 'traces', rate: 100_000, batchSize: 512 }, statsWith(600_000, 'in-flight-limit'), 1_000_000, 10);
    expect(report.shortfall).toMatchObject({ items: 400_000, limitedBy: 'in-flight-limit' });
  });
});
