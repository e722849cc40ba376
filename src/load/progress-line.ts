/**
 * The live progress line on stderr (interactive terminals only): elapsed time, target and current
 * rate, requests in flight, accepted, rejected, failed and the recent p99 export latency.
 */
import type { Writable } from 'node:stream';
import { CLEAR_LINE } from '../boundary/sanitize.js';
import type { ProgressSnapshot } from './types.js';

const integer = (n: number): string => Math.round(n).toLocaleString('en-US');

export function formatProgress(snapshot: ProgressSnapshot): string {
  const parts = snapshot.signals.map(
    (s) =>
      `${s.signal} ${integer(s.currentRate)}/${integer(s.targetRate)}/s  in flight ${s.inFlight}  ok ${integer(s.accepted)}  rej ${integer(s.rejected)}  fail ${integer(s.failed)}${s.dropped > 0 ? `  drop ${integer(s.dropped)}` : ''}  p99 ${s.p99Ms} ms`,
  );
  return `${snapshot.elapsedSeconds.toFixed(0)}s  ${parts.join('  |  ')}`;
}

export class ProgressLine {
  private shown = false;

  constructor(private readonly stream: Writable) {}

  update(snapshot: ProgressSnapshot): void {
    this.stream.write(`${CLEAR_LINE}${formatProgress(snapshot)}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.stream.write(CLEAR_LINE);
    this.shown = false;
  }
}
