/**
 * The script the HTML report runs when opened: it reads the embedded per-second data and draws one
 * uPlot chart per `[data-chart]` element. Plain ES2017 in a string, as it runs in the reader's
 * browser, not in Node. When every chart has drawn once it sets the performance mark
 * `otel-proc:charts-drawn` and `data-charts-drawn` on <html> (what the benchmark and the browser
 * test wait for).
 */
export const CLIENT_SCRIPT = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('otel-proc-chart-data').textContent);
  var COLORS = { target: '#6b7280', achieved: '#2563eb', accepted: '#16a34a', rejected: '#f59e0b', failed: '#dc2626', p50: '#0891b2', p90: '#7c3aed', p99: '#db2777', inFlight: '#2563eb' };
  var HEIGHT = 220;
  // Whole seconds, minutes and hours on the time axis: the data is per second.
  var SECOND_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 21600, 43200, 86400];
  var plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
  var compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
  function pad(n) { return n < 10 ? '0' + n : String(n); }
  function clock(seconds) {
    var s = Math.round(seconds), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    return (h > 0 ? h + ':' + pad(m) : String(m)) + ':' + pad(s % 60);
  }
  function show(v) { return v == null ? '\u2013' : plain.format(v); }
  function add(a, b) { return a.map(function (v, i) { return v + b[i]; }); }
  function line(label, color, extra) {
    var series = { label: label, stroke: color, width: 2, value: function (u, v) { return show(v); } };
    for (var key in extra || {}) series[key] = extra[key];
    return series;
  }
  // Stacked areas: each series is drawn as the running total, opaque, largest first, so the
  // smaller ones paint over it; the legend shows the series' own value, not the running total.
  function area(label, color, own) {
    return { label: label, stroke: color, fill: color, width: 1, value: function (u, v, si, i) { return i == null ? '\u2013' : show(own[i]); } };
  }
  var kinds = {
    rate: function (s) {
      return { y: s.unit + '/s', series: [line('target', COLORS.target, { dash: [6, 4] }), line('achieved', COLORS.achieved)], data: [s.target, s.sent] };
    },
    outcomes: function (s) {
      var acceptedRejected = add(s.accepted, s.rejected);
      return {
        y: s.unit + '/s',
        series: [area('failed', COLORS.failed, s.failed), area('rejected', COLORS.rejected, s.rejected), area('accepted', COLORS.accepted, s.accepted)],
        data: [add(acceptedRejected, s.failed), acceptedRejected, s.accepted],
      };
    },
    latency: function (s) {
      return { y: 'ms', series: [line('p99', COLORS.p99), line('p90', COLORS.p90), line('p50', COLORS.p50)], data: [s.p99, s.p90, s.p50] };
    },
    inFlight: function (s) {
      return { y: 'requests', series: [line('in flight (peak)', COLORS.inFlight, { fill: 'rgba(37,99,235,0.12)' })], data: [s.inFlight] };
    }
  };
  var elements = Array.prototype.slice.call(document.querySelectorAll('[data-chart]'));
  var charts = [];
  var drawn = 0;
  function finished() {
    performance.mark('otel-proc:charts-drawn');
    document.documentElement.setAttribute('data-charts-drawn', String(drawn));
  }
  function onFirstDraw(u) {
    if (u.otelProcDrawn) return;
    u.otelProcDrawn = true;
    drawn += 1;
    if (drawn === elements.length) finished();
  }
  var sync = uPlot.sync('otel-proc');
  elements.forEach(function (el) {
    var signal = data.signals.filter(function (s) { return s.signal === el.getAttribute('data-signal'); })[0];
    var chart = kinds[el.getAttribute('data-chart')](signal);
    var opts = {
      width: Math.max(280, el.clientWidth),
      height: HEIGHT,
      scales: { x: { time: false }, y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.08 : 1]; } } },
      axes: [
        { incrs: SECOND_STEPS, values: function (u, splits) { return splits.map(clock); } },
        { label: chart.y, size: 64, values: function (u, splits) { return splits.map(function (v) { return compact.format(v); }); } }
      ],
      series: [{ label: 'time', value: function (u, v) { return v == null ? '\u2013' : clock(v); } }].concat(chart.series),
      cursor: { sync: { key: sync.key } },
      hooks: { draw: [onFirstDraw] }
    };
    charts.push({ el: el, plot: new uPlot(opts, [data.x].concat(chart.data), el) });
  });
  if (elements.length === 0) finished();
  window.addEventListener('resize', function () {
    charts.forEach(function (c) { c.plot.setSize({ width: Math.max(280, c.el.clientWidth), height: HEIGHT }); });
  });
})();`;
