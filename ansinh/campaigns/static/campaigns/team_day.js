/* The team's day: the totals row follows what is typed (the recruits enrolled in ansinh included). */
(function () {
  function refresh() {
    document.querySelectorAll("[data-testid^=total-]").forEach(function (cell) {
      var scheme = cell.getAttribute("data-testid").slice("total-".length);
      var sum = parseInt(cell.getAttribute("data-recruited"), 10) || 0;
      document.querySelectorAll('.day-cell[data-scheme="' + scheme + '"]').forEach(function (input) {
        var n = parseInt(input.value, 10);
        if (n > 0) { sum += n; }
      });
      cell.textContent = sum.toLocaleString("vi-VN");
    });
  }
  document.addEventListener("input", function (event) {
    if (event.target.classList && event.target.classList.contains("day-cell")) { refresh(); }
  });
  document.addEventListener("DOMContentLoaded", refresh);
})();
