/* Keyboard access (1): a table too wide for the screen scrolls inside the
   box Material wraps it in (.md-typeset__scrollwrap, added by Material's
   script). Such a box is made a named region the keyboard can reach, so arrow
   keys scroll it; boxes that do not scroll stay out of the Tab order. */
(function () {
  "use strict";
  function label(box) {
    var caption = box.querySelector("caption");
    return (caption ? caption.textContent.trim() + " " : "") + "(bảng, cuộn ngang để xem hết)";
  }
  function update() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", label(box));
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }
  var timer;
  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 100);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    // At once (Material has just wrapped the tables), and again once fonts
    // and layout settle.
    window.document$.subscribe(function () { update(); later(); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { update(); later(); });
  }
  window.addEventListener("resize", later);
})();

/* Keyboard access (2): the navigation drawer on narrow screens (phones, and
   desktops zoomed to 200-400 %, which get the same layout).

   Material opens the drawer with a <label for="__drawer">, which a mouse or a
   finger can press but the keyboard cannot reach. It is replaced by a real
   <button> with the same look: Tab reaches it, Enter or Space opens and closes
   the drawer, Escape closes it and gives focus back. site.css hides the closed
   drawer, so Tab no longer walks through links nobody can see. Without
   JavaScript the label stays and works for mouse and touch as before. */
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var label = document.querySelector('.md-header label[for="__drawer"]');
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !label || !drawer) {
    return;
  }
  drawer.id = drawer.id || "kh-drawer";
  var button = document.createElement("button");
  button.type = "button";
  button.className = label.className + " kh-menu-button";
  button.innerHTML = label.innerHTML;
  button.setAttribute("aria-controls", drawer.id);
  label.parentNode.replaceChild(button, label);

  function sync() {
    button.setAttribute("aria-expanded", String(toggle.checked));
    button.setAttribute("aria-label", toggle.checked ? "Đóng thanh điều hướng" : "Mở thanh điều hướng");
  }

  function set(open) {
    if (toggle.checked !== open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
    }
    sync();
  }

  sync();
  toggle.addEventListener("change", sync);
  button.addEventListener("click", function (event) {
    set(!toggle.checked);
    // Opened from the keyboard (a click with no pointer): go on into the drawer.
    if (toggle.checked && event.detail === 0) {
      var first = drawer.querySelector("a[href]");
      if (first) {
        window.setTimeout(function () { first.focus(); }, 50);
      }
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      set(false);
      button.focus();
    }
  });
})();
