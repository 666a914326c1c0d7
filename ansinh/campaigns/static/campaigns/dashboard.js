// Campaign dashboard: daily curve against the target line (Chart.js), units coloured by % achieved
// on a blank Leaflet map (circle markers at unit centroids; no tiles, nothing loaded from outside).
(function () {
  "use strict";
  var nf = new Intl.NumberFormat("vi-VN");
  var pf = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  function pct(v) { return v === null || v === undefined ? "—" : pf.format(v) + "%"; }
  function colour(p) {
    if (p === null || p === undefined) return "#9ca3af";
    if (p >= 100) return "#15803d";
    if (p >= 80) return "#65a30d";
    if (p >= 50) return "#d97706";
    return "#b91c1c";
  }

  var chartEl = document.getElementById("chart-data");
  if (chartEl && window.Chart) {
    var data = JSON.parse(chartEl.textContent);
    Object.keys(data.series).forEach(function (scheme) {
      var canvas = document.getElementById("chart-" + scheme);
      if (!canvas) return;
      var s = data.series[scheme];
      var datasets = [
        { type: "bar", label: "Trong ngày", data: s.daily, backgroundColor: "rgba(37,99,235,.25)", order: 2 },
        { type: "line", label: "Luỹ kế", data: s.achieved, borderColor: "#1d4ed8", backgroundColor: "#1d4ed8",
          tension: 0.2, pointRadius: 3, order: 1 }
      ];
      if (s.target !== null) {
        datasets.push({ type: "line", label: "Chỉ tiêu " + nf.format(s.target), order: 0,
          data: s.achieved.map(function () { return s.target; }), borderColor: "#dc2626", borderDash: [6, 4],
          pointRadius: 0, fill: false });
      }
      new window.Chart(canvas, {
        data: { labels: data.labels, datasets: datasets },
        options: {
          responsive: true, maintainAspectRatio: false, animation: false,
          plugins: { title: { display: true, text: s.label + " — luỹ kế so với chỉ tiêu" },
                     tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + nf.format(c.parsed.y); } } } },
          scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return nf.format(v); } } } }
        }
      });
    });
  }

  var mapEl = document.getElementById("campaign-map");
  var mapData = document.getElementById("map-data");
  if (mapEl && mapData && window.L) {
    var points = JSON.parse(mapData.textContent);
    if (!points.length) { mapEl.style.display = "none"; return; }
    var map = window.L.map(mapEl, { attributionControl: false, zoomControl: false, zoomSnap: 0.25,
                                     scrollWheelZoom: false });
    var layer = window.L.layerGroup().addTo(map);
    var select = document.getElementById("map-scheme");
    function draw() {
      var scheme = select ? select.value : "all";
      layer.clearLayers();
      var maxAchieved = Math.max.apply(null, points.map(function (p) { return p[scheme].achieved; }).concat([1]));
      points.forEach(function (p) {
        var f = p[scheme];
        var radius = 7 + 14 * Math.sqrt(f.achieved / maxAchieved);
        var marker = window.L.circleMarker([p.lat, p.lon], {
          radius: radius, color: "#1f2937", weight: 1, fillColor: colour(f.percent), fillOpacity: 0.85
        });
        marker.bindTooltip(p.name + ": " + pct(f.percent) + " (" + nf.format(f.achieved) + " / " +
          (f.target === null ? "—" : nf.format(f.target)) + ")");
        marker.bindPopup("<strong>" + p.name + "</strong><br>Đạt " + nf.format(f.achieved) + " / chỉ tiêu " +
          (f.target === null ? "—" : nf.format(f.target)) + "<br>" + pct(f.percent));
        marker.addTo(layer);
        window.L.tooltip({ permanent: true, direction: "bottom", offset: [0, radius - 4], className: "map-label" })
          .setLatLng([p.lat, p.lon]).setContent((points.length <= 40 ? p.short + "<br>" : "") + pct(f.percent))
          .addTo(layer);
      });
    }
    draw();
    map.fitBounds(window.L.latLngBounds(points.map(function (p) { return [p.lat, p.lon]; })).pad(0.15));
    if (select) select.addEventListener("change", draw);
  }
})();
