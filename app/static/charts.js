// Draws every <div class="chart" data-chart="ID"> from the page's <script type="application/json"
// class="chart-data"> blocks with the vendored ECharts. No inline script: the page's CSP is script-src 'self'.
(function () {
  "use strict";

  function option(spec) {
    var multi = spec.series.length > 1;
    return {
      animation: false,
      tooltip: { trigger: "axis" },
      legend: multi ? { top: 0 } : undefined,
      grid: { left: 56, right: 16, top: multi ? 32 : 16, bottom: 48, containLabel: true },
      xAxis: {
        type: "category",
        data: spec.categories,
        axisLabel: { rotate: spec.categories.length > 8 ? 45 : 0, hideOverlap: true }
      },
      yAxis: { type: "value", minInterval: spec.money ? 0 : 1 },
      series: spec.series.map(function (s) {
        return { name: s.name, type: spec.kind, data: s.data, smooth: false };
      })
    };
  }

  function draw() {
    if (typeof echarts === "undefined") {
      return;
    }
    var specs = {};
    document.querySelectorAll("script.chart-data").forEach(function (block) {
      Object.assign(specs, JSON.parse(block.textContent));
    });
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var spec = specs[el.getAttribute("data-chart")];
      if (!spec) {
        return;
      }
      var chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(option(spec));
      el.setAttribute("data-drawn", "1");
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
