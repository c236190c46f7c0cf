/* Keyboard access to the navigation drawer on narrow screens (phones, and
   desktops zoomed to 200-400 %, which get the same layout).

   Material opens the drawer with a <label for="__drawer">, which a mouse or a
   finger can press but the keyboard cannot reach. This makes it a button:
   Tab reaches it, Enter (handled by Material) or Space opens and closes the drawer, Escape closes it
   and gives focus back. site.css hides the closed drawer, so Tab no longer
   walks through links nobody can see. */
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector('.md-header label[for="__drawer"]');
  if (!toggle || !button) {
    return;
  }
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-controls", "kh-drawer");
  var drawer = document.querySelector(".md-sidebar--primary");
  if (drawer) {
    drawer.id = drawer.id || "kh-drawer";
  }

  function sync() {
    button.setAttribute("aria-expanded", String(toggle.checked));
    button.setAttribute("aria-label", toggle.checked ? "Đóng thanh điều hướng" : "Mở thanh điều hướng");
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  sync();
  toggle.addEventListener("change", function () {
    sync();
    // Opened from the keyboard: go on into the drawer.
    if (toggle.checked && document.activeElement === button && drawer) {
      var first = drawer.querySelector("a[href]");
      if (first) {
        window.setTimeout(function () { first.focus(); }, 50);
      }
    }
  });
  // Material's own script presses a focused label[tabindex] on Enter; Space
  // is what a button also answers to.
  button.addEventListener("keydown", function (event) {
    if (event.key === " ") {
      event.preventDefault();
      button.click();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      close();
      button.focus();
    }
  });
})();
