/* Coverage dashboard: Chart.js charts and a Leaflet map (no tile layer, nothing external): the provinces' boundaries
   from the shipped GeoJSON when the units are provinces, circle markers at the units' centres below them. */
(function () {
  "use strict";
  var node = document.getElementById("dashboard-data");
  if (!node) { return; }
  var data = JSON.parse(node.textContent);
  var COLORS = { "st-ok": "#15803d", "st-close": "#65a30d", "st-behind": "#d97706", "st-far": "#b91c1c",
                 "st-none": "#2563eb", "st-nodata": "#94a3b8" };
  function pctColor(p) {
    if (p === null || p === undefined) { return "#2563eb"; }
    if (p >= 100) { return COLORS["st-ok"]; }
    if (p >= 95) { return COLORS["st-close"]; }
    if (p >= 85) { return COLORS["st-behind"]; }
    return COLORS["st-far"];
  }
  function vn(n, places) {
    if (n === null || n === undefined) { return "—"; }
    return n.toLocaleString("vi-VN", { minimumFractionDigits: places, maximumFractionDigits: places });
  }
  window.ansinhCharts = {};

  var planCanvas = document.getElementById("chart-plan");
  if (planCanvas && data.bars.length) {
    var maxPct = Math.max.apply(null, data.bars.map(function (b) { return b.pct; }).concat([110]));
    window.ansinhCharts.plan = new Chart(planCanvas, {
      type: "bar",
      data: { labels: data.bars.map(function (b) { return b.label; }),
              datasets: [{ label: "% kế hoạch", data: data.bars.map(function (b) { return b.pct; }),
                           backgroundColor: data.bars.map(function (b) { return pctColor(b.pct); }) }] },
      options: { indexAxis: "y", maintainAspectRatio: false, animation: false,
                 scales: { x: { min: 0, max: Math.ceil(maxPct / 10) * 10,
                                ticks: { callback: function (v) { return v + "%"; } } } },
                 plugins: { legend: { display: false },
                            tooltip: { callbacks: { label: function (c) { return vn(c.parsed.x, 2) + "% kế hoạch"; } } } } }
    });
  }

  var trendCanvas = document.getElementById("chart-trend");
  var choice = document.getElementById("trend-choice");
  function drawTrend(key) {
    var series = data.trend.series[key];
    if (!series) { return; }
    var datasets = [{ label: series.label, data: series.values, borderColor: "#2563eb", backgroundColor: "#2563eb",
                      spanGaps: true, tension: 0.2, pointRadius: 4 }];
    var dash = ["#b91c1c", "#d97706", "#15803d", "#7c3aed"];
    series.targets.forEach(function (t, i) {
      datasets.push({ label: "Chỉ tiêu " + t.label + ": " + vn(t.value, series.rate ? 2 : 0) + (series.rate ? "%" : ""),
                      data: series.values.map(function () { return t.value; }), borderColor: dash[i % dash.length],
                      borderDash: [6, 4], pointRadius: 0, fill: false });
    });
    if (window.ansinhCharts.trend) { window.ansinhCharts.trend.destroy(); }
    window.ansinhCharts.trend = new Chart(trendCanvas, {
      type: "line", data: { labels: data.trend.labels, datasets: datasets },
      options: { maintainAspectRatio: false, animation: false,
                 scales: { y: { ticks: { callback: function (v) { return vn(v, series.rate ? 1 : 0) + (series.rate ? "%" : ""); } } } },
                 plugins: { tooltip: { callbacks: { label: function (c) {
                   return c.dataset.label + ": " + vn(c.parsed.y, series.rate ? 2 : 0) + (series.rate ? "%" : ""); } } } } }
    });
  }
  if (trendCanvas) {
    var start = data.trend.series.hi_coverage.values.some(function (v) { return v !== null; }) ? "hi_coverage" :
      (data.trend.series.voluntary_si.values.some(function (v) { return v !== null; }) ? "voluntary_si" : "hi_coverage");
    if (choice) {
      choice.value = start;
      choice.addEventListener("change", function () { drawTrend(choice.value); });
    }
    drawTrend(start);
  }

  var unitsCanvas = document.getElementById("chart-units");
  if (unitsCanvas && data.units.length) {
    var withData = data.units.filter(function (u) { return u.value !== null; });
    window.ansinhCharts.units = new Chart(unitsCanvas, {
      type: "bar",
      data: { labels: withData.map(function (u) { return u.name; }),
              datasets: [{ label: data.focus_label, data: withData.map(function (u) { return u.value; }),
                           backgroundColor: withData.map(function (u) { return COLORS[u.status]; }) }] },
      options: { indexAxis: "y", maintainAspectRatio: false, animation: false,
                 plugins: { legend: { display: false }, title: { display: !withData.length,
                            text: "Chưa có số liệu của đơn vị cấp dưới" },
                            tooltip: { callbacks: { label: function (c) {
                              var u = withData[c.dataIndex];
                              return u.display + (u.pct_display ? " · " + u.pct_display : ""); } } } },
                 onClick: function (evt, items) { if (items.length) { window.location = withData[items[0].index].url; } } }
    });
  }

  var mapNode = document.getElementById("unit-map");
  if (mapNode && window.L) {
    var byCode = {};
    data.units.forEach(function (u) { byCode[u.code] = u; });
    var fill = function (u) {
      if (!u) { return "#e2e8f0"; }
      return u.status === "st-none" ? "#2563eb" : COLORS[u.status];
    };
    var tip = function (u, name) {
      if (!u) { return "<strong>" + name + "</strong>"; }
      return "<strong>" + u.name + "</strong><br>" + data.focus_label + ": " + u.display +
             (u.pct_display ? "<br>" + u.pct_display : "");
    };
    var map = L.map(mapNode, { attributionControl: !!data.boundaries, zoomSnap: 0.25, scrollWheelZoom: false });
    window.ansinhMap = map;
    var circles = function () {
      var placed = data.units.filter(function (u) { return u.lat !== null && u.lon !== null; });
      if (!placed.length) { mapNode.style.display = "none"; return; }
      var bounds = [];
      placed.forEach(function (u) {
        var marker = L.circleMarker([u.lat, u.lon], {
          radius: u.value === null ? 5 : 9, color: "#fff", weight: 1, fillOpacity: 0.9, fillColor: fill(u)
        }).addTo(map);
        marker.bindTooltip(tip(u, u.name));
        marker.on("click", function () { window.location = u.url; });
        bounds.push([u.lat, u.lon]);
      });
      map.fitBounds(bounds, { padding: [20, 20] });
      mapNode.setAttribute("data-drawn", String(placed.length));
    };
    if (!data.boundaries) { circles(); return; }
    // Provinces: their boundaries (static GeoJSON), coloured by % of plan; the archipelagos as labelled points.
    // If the file cannot be had, the provinces' centres as circles instead.
    map.attributionControl.setPrefix(false).addAttribution(data.boundaries.licence);
    fetch(data.boundaries.url).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (geo) {
      var layer = L.geoJSON(geo, {
        style: function (f) {
          return { color: "#ffffff", weight: 1, fillOpacity: 0.85, fillColor: fill(byCode[f.properties.code]) };
        },
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 4, color: "#ffffff", weight: 1, fillOpacity: 0.9,
                                          fillColor: fill(byCode[f.properties.code]) });
        },
        onEachFeature: function (f, shape) {
          var u = byCode[f.properties.code];
          if (f.properties.island) {
            shape.bindTooltip(f.properties.name, { permanent: true, direction: "right", className: "map-label" });
          } else {
            shape.bindTooltip(tip(u, f.properties.name));
          }
          if (u) { shape.on("click", function () { window.location = u.url; }); }
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [10, 10] });
      mapNode.setAttribute("data-drawn", String(geo.features.length));
    }).catch(function () { circles(); });
  }
})();
