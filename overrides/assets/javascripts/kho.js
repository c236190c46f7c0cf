// The archive's home page: filter the list of plans by year and department.
// Without this script the list is whole and the (hidden) filter is not shown.
// Works from file:// too (a copy of the site opened from disk): no request, no storage.
(function () {
  "use strict";
  function start() {
    var form = document.getElementById("loc-ke-hoach");
    var list = document.getElementById("danh-sach-ke-hoach");
    var count = document.getElementById("so-ke-hoach");
    if (!form || !list || !count) return;
    var reset = document.getElementById("bo-loc");
    var selects = form.querySelectorAll("select[data-filter]");
    function apply() {
      var shown = 0, filtered = false;
      var items = list.querySelectorAll("li[data-year]");
      for (var j = 0; j < selects.length; j++) if (selects[j].value) filtered = true;
      for (var i = 0; i < items.length; i++) {
        var keep = true;
        for (var k = 0; k < selects.length; k++) {
          var want = selects[k].value;
          if (want && items[i].getAttribute("data-" + selects[k].getAttribute("data-filter")) !== want) keep = false;
        }
        items[i].hidden = !keep;
        if (keep) shown++;
      }
      if (reset) reset.hidden = !filtered;
      count.textContent = shown === items.length ? items.length + " kế hoạch."
        : shown === 0 ? "Không có kế hoạch nào khớp với lựa chọn."
        : "Đang hiện " + shown + " trên " + items.length + " kế hoạch.";
    }
    for (var n = 0; n < selects.length; n++) selects[n].addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    // "Bỏ lọc": the form's own reset puts every select back; the list follows it.
    form.addEventListener("reset", function () {
      setTimeout(function () { apply(); if (selects.length) selects[0].focus(); }, 0);
    });
    form.hidden = false;
    apply();  // a select the browser kept from the last visit (back button)
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
