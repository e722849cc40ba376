/**
 * The per-second series the charts draw, as columns over one shared x axis (seconds since the
 * first second of the run): compact for long runs, and what uPlot takes as it is.
 * A second in which nothing happened has no timeline entry: its counts are 0 and its latency a gap.
 */
import type { LoadReport, TimelineEntry } from '../../load/types.js';

export interface SignalSeries {
  signal: string;
  unit: string;
  /** Items the schedule called for, per second. */
  target: Array<number | null>;
  sent: number[];
  accepted: number[];
  rejected: number[];
  failed: number[];
  inFlight: Array<number | null>;
  p50: Array<number | null>;
  p90: Array<number | null>;
  p99: Array<number | null>;
}

export interface ChartData {
  /** Unix second of x = 0. */
  start: number;
  x: number[];
  signals: SignalSeries[];
}

/** Reports written before a field existed lack it: a gap in the chart, not a zero. */
const orNull = (value: number | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
/** A latency percentile is 0 in a second in which no export completed. */
const latency = (value: number | undefined): number | null => (typeof value === 'number' && value > 0 ? value : null);

function column<T>(length: number, fill: T): T[] {
  return new Array<T>(length).fill(fill);
}

function seriesOf(signal: string, unit: string, entries: TimelineEntry[], start: number, length: number): SignalSeries {
  const series: SignalSeries = {
    signal,
    unit,
    target: column<number | null>(length, 0),
    sent: column(length, 0),
    accepted: column(length, 0),
    rejected: column(length, 0),
    failed: column(length, 0),
    inFlight: column<number | null>(length, 0),
    p50: column<number | null>(length, null),
    p90: column<number | null>(length, null),
    p99: column<number | null>(length, null),
  };
  for (const entry of entries) {
    const i = entry.t - start;
    if (!(i >= 0 && i < length)) continue;
    series.target[i] = orNull(entry.target);
    series.sent[i] = entry.sent;
    series.accepted[i] = entry.accepted;
    series.rejected[i] = entry.rejected;
    series.failed[i] = entry.failed;
    series.inFlight[i] = orNull(entry.inFlight);
    series.p50[i] = latency(entry.p50Ms);
    series.p90[i] = latency(entry.p90Ms);
    series.p99[i] = latency(entry.p99Ms);
  }
  return series;
}

export function chartDataOf(report: LoadReport): ChartData {
  const seconds = report.signals.flatMap((s) => s.timeline.map((e) => e.t)).filter(Number.isInteger);
  if (seconds.length === 0)
    return {
      start: Math.floor(Date.parse(report.startedAt) / 1000) || 0,
      x: [],
      signals: report.signals.map((s) => seriesOf(s.signal, s.unit, [], 0, 0)),
    };
  const start = Math.min(...seconds);
  const length = Math.max(...seconds) - start + 1;
  return {
    start,
    x: Array.from({ length }, (_, i) => i),
    signals: report.signals.map((s) => seriesOf(s.signal, s.unit, s.timeline, start, length)),
  };
}
