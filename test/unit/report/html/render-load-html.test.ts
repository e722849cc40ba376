/**
 * The HTML load report as a string: strings from the report (a server's error text, a scenario
 * name, an endpoint) never become markup or end the embedded data early, and the page needs
 * nothing from the network.
 */
import { describe, expect, it } from 'vitest';
import { chartDataOf } from '../../../../src/report/html/chart-data.js';
import { loadChartAssets } from '../../../../src/report/html/chart-assets.js';
import { jsonForScript } from '../../../../src/report/html/escape.js';
import { renderLoadHtml } from '../../../../src/report/html/render-load-html.js';
import { finishReport } from '../../../../src/load/report.js';
import type { LoadReport, SignalReport, TimelineEntry } from '../../../../src/load/types.js';

const HOSTILE = '</script><script>alert(1)</script><!-- \u2028\u2029 "quoted" & \'single\'';

function entry(t: number, extra: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    t,
    target: 100,
    sent: 100,
    accepted: 90,
    rejected: 5,
    failed: 5,
    retries: 0,
    inFlight: 2,
    p50Ms: 1,
    p90Ms: 2,
    p99Ms: 3,
    ...extra,
  };
}

function signal(timeline: TimelineEntry[]): SignalReport {
  return {
    signal: 'traces',
    unit: 'spans',
    targetRate: 100,
    expected: 300,
    achievedRate: 100,
    deliveredRate: 90,
    pacingError: 0,
    batchSize: 10,
    requests: 30,
    sent: 300,
    accepted: 270,
    rejected: 15,
    failed: 15,
    dropped: 0,
    failedByReason: { [HOSTILE]: 15 },
    messages: [HOSTILE],
    retries: 0,
    shortfall: { items: 0, byReason: {} },
    latency: { count: 30, meanMs: 1, p50Ms: 1, p90Ms: 2, p99Ms: 3, p999Ms: 3, maxMs: 3 },
    latencyHistogram: '',
    timeline,
  };
}

function report(timeline: TimelineEntry[], extra: Partial<LoadReport> = {}): LoadReport {
  return finishReport({
    tool: 'otel-proc load',
    version: '1.2.3',
    engine: 'fast',
    protocol: 'grpc',
    endpoint: `http://collector:4317/${HOSTILE}`,
    compression: 'none',
    scenario: HOSTILE,
    seed: 's',
    shards: 1,
    workers: 1,
    concurrency: 4,
    startedAt: '2025-01-01T00:00:00.000Z',
    generationSeconds: 3,
    drainSeconds: 0,
    interrupted: false,
    signals: [signal(timeline)],
    ...extra,
  });
}

describe('renderLoadHtml', () => {
  it('escapes every report string in the page and in the embedded data', async () => {
    const html = renderLoadHtml(report([entry(100), entry(101)]), await loadChartAssets());
    // The only script elements are the data, uPlot and the page's own script.
    expect(html.match(/<script\b/g)).toHaveLength(3);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<!-- ');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- ');
    expect(html).toContain('&quot;quoted&quot; &amp; &#39;single&#39;');
    const data = html.match(/<script type="application\/json" id="otel-proc-chart-data">([^<]*)<\/script>/);
    expect(data).not.toBeNull();
    expect(JSON.parse(data![1]!)).toEqual(chartDataOf(report([entry(100), entry(101)])));
  });

  it('keeps </script>, <!-- and U+2028/U+2029 out of embedded JSON, and JSON.parse reads the value back', () => {
    const text = jsonForScript({ reason: HOSTILE });
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual({ reason: HOSTILE });
  });

  it('fetches nothing: a CSP forbids it, and no element points anywhere', async () => {
    const html = renderLoadHtml(report([entry(100)]), await loadChartAssets());
    expect(html).toContain(`content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<(link|img|iframe)\b|\s(src|href)=/i);
    expect(html).not.toMatch(/@import|@font-face|url\(\s*['"]?https?:/i);
  });

  it('shows each shard of a merged report, and no shard table for a single run', async () => {
    const assets = await loadChartAssets();
    expect(renderLoadHtml(report([entry(100)]), assets)).not.toContain('id="shards"');
    const part = (name: string, sent: number) => ({
      name,
      startedAt: '2025-01-01T00:00:00.000Z',
      generationSeconds: 3,
      endpoint: 'x',
      interrupted: false,
      signals: [{ signal: 'traces' as const, targetRate: 50, achievedRate: 50, sent, accepted: sent, rejected: 0, failed: 0, dropped: 0 }],
    });
    const merged = renderLoadHtml(report([entry(100)], { shards: 2, parts: [part('shard-0.json', 200), part(HOSTILE, 100)] }), assets);
    expect(merged).toContain('data-part="shard-0.json"');
    expect(merged).toContain('66.67%');
    expect(merged).not.toContain(`data-part="${HOSTILE}"`);
  });
});

describe('chartDataOf', () => {
  it('lays the seconds on one axis: a quiet second counts 0 and has no latency; old reports leave gaps', () => {
    const old = { t: 12, sent: 7, accepted: 7, rejected: 0, failed: 0, retries: 0, p99Ms: 4 } as TimelineEntry;
    const data = chartDataOf(report([entry(10), old]));
    expect(data.start).toBe(10);
    expect(data.x).toEqual([0, 1, 2]);
    const s = data.signals[0]!;
    expect(s.sent).toEqual([100, 0, 7]);
    expect(s.p99).toEqual([3, null, 4]);
    expect(s.p50).toEqual([1, null, null]);
    expect(s.target).toEqual([100, 0, null]);
  });
});
