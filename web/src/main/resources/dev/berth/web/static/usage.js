// Draws the usage page's charts with uPlot from the series the server put in
// #usage-charts[data-series]. Without JavaScript the tables below them carry the same figures.
(function () {
  "use strict";
  var PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

  function width(el) {
    return Math.max(280, Math.min(el.clientWidth || 800, 1100));
  }

  function days(data) {
    return data.days.map(function (d) { return Date.parse(d + "T00:00:00Z") / 1000; });
  }

  // Stacked bars: each series is drawn as the running total of itself and those below it, the
  // tallest first, so every user's share shows as its own band.
  function gpuHours(el, data) {
    var xs = days(data);
    var totals = xs.map(function () { return 0; });
    var stacked = data.users.map(function (u, i) {
      return data.gpuHours[i].map(function (v, d) { totals[d] += v; return totals[d]; });
    });
    var bars = uPlot.paths.bars({ size: [0.7, 60] });
    var series = [{}];
    var values = [xs];
    for (var i = data.users.length - 1; i >= 0; i--) {
      series.push({ label: data.users[i], fill: PALETTE[i % PALETTE.length], stroke: PALETTE[i % PALETTE.length],
        paths: bars, points: { show: false } });
      values.push(stacked[i]);
    }
    return new uPlot({ width: width(el), height: 260, series: series,
      axes: [{}, { label: "GPU-hours" }], scales: { x: { time: true }, y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } } },
      values, el);
  }

  function waits(el, data) {
    var xs = data.waitBuckets.map(function (_, i) { return i; });
    return new uPlot({ width: width(el), height: 220,
      series: [{ value: function (u, v) { return v == null ? "" : data.waitBuckets[v]; } },
        { label: "jobs", fill: "#1f77b4", stroke: "#1f77b4", paths: uPlot.paths.bars({ size: [0.6, 80] }), points: { show: false } }],
      scales: { x: { time: false, range: [-0.5, xs.length - 0.5] }, y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } },
      axes: [{ splits: function () { return xs; }, values: function (u, vals) { return vals.map(function (v) { return data.waitBuckets[v] || ""; }); } },
        { label: "jobs" }] },
      [xs, data.waitCounts], el);
  }

  function inUse(el, data) {
    return new uPlot({ width: width(el), height: 220,
      series: [{}, { label: "GPUs held", stroke: "#2ca02c", fill: "rgba(44,160,44,0.15)", points: { show: false } }],
      axes: [{}, { label: "GPUs" }], scales: { y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } } },
      [data.hours, data.gpusInUse], el);
  }

  function draw() {
    var root = document.getElementById("usage-charts");
    if (!root || typeof uPlot === "undefined") {
      return;
    }
    var data = JSON.parse(root.dataset.series);
    gpuHours(document.getElementById("chart-gpu-hours"), data);
    waits(document.getElementById("chart-waits"), data);
    inUse(document.getElementById("chart-in-use"), data);
    root.classList.add("drawn");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
