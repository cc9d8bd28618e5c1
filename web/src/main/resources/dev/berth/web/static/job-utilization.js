// Draws the job page's GPU utilisation chart with uPlot from #chart-utilization[data-series]. Without
// JavaScript the table under it carries the same figures.
(function () {
  "use strict";

  function draw() {
    var el = document.getElementById("chart-utilization");
    if (!el || typeof uPlot === "undefined") {
      return;
    }
    var data = JSON.parse(el.dataset.series);
    var threshold = data.t.map(function () { return data.threshold; });
    new uPlot({
      width: Math.max(280, Math.min(el.clientWidth || 800, 1100)), height: 240,
      series: [{},
        { label: "utilisation %", scale: "%", stroke: "#1f77b4", fill: "rgba(31,119,180,0.12)", points: { show: false } },
        { label: "idle below %", scale: "%", stroke: "#d62728", dash: [6, 4], points: { show: false } },
        { label: "memory MiB", scale: "MiB", stroke: "#2ca02c", points: { show: false } }],
      scales: { x: { time: true }, "%": { range: [0, 100] } },
      axes: [{}, { scale: "%", label: "%" }, { scale: "MiB", side: 1, label: "MiB", grid: { show: false } }]
    }, [data.t, data.utilization, threshold, data.memoryMiB], el);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
