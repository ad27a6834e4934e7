// Draws the dashboard charts from the JSON the page embeds (no inline script).
(function () {
  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var kinds = { awards_by_type: "bar", awards_by_year: "bar", initiatives: "doughnut", coverage: "bar" };
  var number = new Intl.NumberFormat(document.documentElement.lang === "vi" ? "vi-VN" : "en-GB");
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var key = canvas.getAttribute("data-chart");
    var chart = data[key];
    var type = kinds[key] || "bar";
    new Chart(canvas, {
      type: type,
      data: { labels: chart.labels, datasets: [{ label: chart.title, data: chart.values,
        backgroundColor: type === "doughnut" ? ["#0d6efd", "#20c997", "#ffc107"] : "#0d6efd" }] },
      options: {
        indexAxis: key === "awards_by_type" ? "y" : "x",
        plugins: { legend: { display: type === "doughnut" },
          tooltip: { callbacks: { label: function (ctx) { return number.format(ctx.parsed.x !== undefined && key === "awards_by_type" ? ctx.parsed.x : (ctx.parsed.y !== undefined ? ctx.parsed.y : ctx.parsed)); } } } },
        scales: type === "doughnut" ? {} : { x: { ticks: { precision: 0 } }, y: { ticks: { precision: 0 } } },
        maintainAspectRatio: false
      }
    });
  });
})();
