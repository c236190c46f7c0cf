// The archive's home page: filter the list of plans by year and department.
// Without this script the list is whole and the (hidden) filter is not shown.
(function () {
  "use strict";
  function start() {
    var form = document.getElementById("loc-ke-hoach");
    var list = document.getElementById("danh-sach-ke-hoach");
    var count = document.getElementById("so-ke-hoach");
    if (!form || !list || !count) return;
    var selects = form.querySelectorAll("select[data-filter]");
    function apply() {
      var shown = 0;
      var items = list.querySelectorAll("li[data-year]");
      for (var i = 0; i < items.length; i++) {
        var keep = true;
        for (var j = 0; j < selects.length; j++) {
          var want = selects[j].value;
          if (want && items[i].getAttribute("data-" + selects[j].getAttribute("data-filter")) !== want) keep = false;
        }
        items[i].hidden = !keep;
        if (keep) shown++;
      }
      count.textContent = shown === items.length ? items.length + " kế hoạch."
        : "Đang hiện " + shown + " trên " + items.length + " kế hoạch.";
    }
    for (var k = 0; k < selects.length; k++) selects[k].addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.hidden = false;
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
