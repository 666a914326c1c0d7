// Search pickers (ansinh.core.pickers): as one types, ask the picker's URL for matching rows and list them
// under the input; a tap on a row puts its label in the input. Without this script the typed text is
// resolved by the server when the form is sent.
(function () {
  "use strict";
  function setup(list) {
    var input = document.getElementById(list.dataset.pickerFor);
    if (!input || input.dataset.pickerReady) return;
    input.dataset.pickerReady = "1";
    var timer = null, asked = 0;
    function hide() { list.hidden = true; input.setAttribute("aria-expanded", "false"); }
    function ask() {
      var ticket = ++asked;
      fetch(list.dataset.url + "&q=" + encodeURIComponent(input.value), {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) {
          if (ticket !== asked) return;
          list.innerHTML = html;
          list.hidden = !html.trim();
          input.setAttribute("aria-expanded", list.hidden ? "false" : "true");
        });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 200); });
    input.addEventListener("focus", function () { if (!input.value) ask(); });
    input.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
    input.addEventListener("blur", function () { setTimeout(hide, 200); });
    list.addEventListener("click", function (e) {
      var button = e.target.closest("[data-pick]");
      if (!button) return;
      input.value = button.dataset.pick;
      input.dispatchEvent(new Event("change", {bubbles: true}));
      hide();
    });
  }
  function setupAll() { document.querySelectorAll("[data-picker-for]").forEach(setup); }
  document.addEventListener("DOMContentLoaded", setupAll);
  document.addEventListener("htmx:afterSettle", setupAll);
})();
