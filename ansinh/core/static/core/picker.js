// Search pickers (ansinh.core.pickers): as one types, ask the picker's URL for matching rows and list them
// under the input; a tap on a row puts its label in the input. A picker of several rows (data-many) searches
// and completes the text after the last ";". A picker that follows a date (data-date-input) asks for the rows
// valid on the date typed in that input. Without this script the typed text is resolved by the server when the
// form is sent.
(function () {
  "use strict";
  function isoDate(text) {
    var m = /^\s*(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})\s*$/.exec(text || "");
    if (!m) return "";
    return m[3] + "-" + ("0" + m[2]).slice(-2) + "-" + ("0" + m[1]).slice(-2);
  }
  function setup(list) {
    var input = document.getElementById(list.dataset.pickerFor);
    if (!input || input.dataset.pickerReady) return;
    input.dataset.pickerReady = "1";
    var many = !!list.dataset.many, timer = null, asked = 0;
    function current() {
      if (!many) return input.value;
      var parts = input.value.split(";");
      return parts[parts.length - 1].trim();
    }
    function hide() { list.hidden = true; input.setAttribute("aria-expanded", "false"); }
    function ask() {
      var ticket = ++asked, url = list.dataset.url + "&q=" + encodeURIComponent(current());
      var dateInput = list.dataset.dateInput && document.getElementById(list.dataset.dateInput);
      var typed = dateInput ? dateInput.value.trim() : "", on = isoDate(typed);
      if (on) url += "&on=" + on;
      else if (/^\d{4}$/.test(typed)) url += "&year=" + typed;
      fetch(url, {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (html) {
          if (ticket !== asked) return;
          list.innerHTML = html;
          list.hidden = !html.trim();
          input.setAttribute("aria-expanded", list.hidden ? "false" : "true");
        });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 200); });
    input.addEventListener("focus", function () {
      if (many) {  // the next one is typed at the end, wherever the input was tapped
        setTimeout(function () { var end = input.value.length; input.setSelectionRange(end, end); }, 0);
      }
      if (!current()) ask();
    });
    input.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
    input.addEventListener("blur", function () { setTimeout(hide, 200); });
    list.addEventListener("click", function (e) {
      var button = e.target.closest("[data-pick]");
      if (!button) return;
      if (many) {
        var parts = input.value.split(";").map(function (p) { return p.trim(); });
        parts[parts.length - 1] = button.dataset.pick;
        input.value = parts.filter(Boolean).join("; ") + "; ";
      } else {
        input.value = button.dataset.pick;
      }
      input.dispatchEvent(new Event("change", {bubbles: true}));
      hide();
    });
  }
  function setupAll() { document.querySelectorAll("[data-picker-for]").forEach(setup); }
  document.addEventListener("DOMContentLoaded", setupAll);
  document.addEventListener("htmx:afterSettle", setupAll);
})();
