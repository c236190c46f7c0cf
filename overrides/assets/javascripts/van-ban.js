// Filter the register of cited documents (/van-ban/) in the page.
// Without JavaScript the form stays hidden and every document is listed.
(function () {
  "use strict";
  var form = document.querySelector(".kh-register-filter");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll(".kh-register-table tbody tr"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".kh-register-group"));
  var status = form.querySelector(".kh-register-filter__status");

  // Same folding as kehoach.vietnamese.fold: no diacritics, đ -> d, lower case.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function apply() {
    var words = fold(form.elements.q.value).split(/\s+/).filter(Boolean);
    var kind = form.elements.kind.value;
    var issuer = form.elements.issuer.value;
    var year = form.elements.year.value;
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!kind || row.dataset.kind === kind) &&
        (!issuer || row.dataset.issuer === issuer) &&
        (!year || row.dataset.year === year) &&
        words.every(function (w) { return row.dataset.text.indexOf(w) !== -1; });
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("tbody tr:not([hidden])");
    });
    status.textContent = "Đang hiện " + shown + "/" + rows.length + " văn bản.";
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.hidden = false;
})();
