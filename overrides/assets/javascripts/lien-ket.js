/* Paragraph addresses: the control at the end of every block of the plan
   (a.kh-block-link, written by kehoach/anchors/html.py) copies the block's
   link: the page's public address (its canonical link, so a link copied from
   the offline copy or a preview is one anyone can open; else the address in
   the browser) with the block's id as fragment.

   navigator.clipboard where the browser offers it; else a hidden field and
   the copy command; if both fail, the address is shown selected in a small
   box for the reader to copy. A status line (role="status") says what
   happened, for screen readers too. Without JavaScript the control is a plain
   link to the block: following it shows the address in the address bar, and
   "Copy link" in the browser's menu copies it. */
(function () {
  "use strict";
  var status = null;
  var timer = 0;

  function statusLine() {
    if (!status) {
      status = document.createElement("div");
      status.className = "kh-copy-status";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      document.body.appendChild(status);
    }
    return status;
  }

  function say(text, keep) {
    var line = statusLine();
    window.clearTimeout(timer);
    line.textContent = text;
    line.classList.add("kh-copy-status--shown");
    if (!keep) {
      timer = window.setTimeout(function () {
        line.classList.remove("kh-copy-status--shown");
        line.textContent = "";
      }, 4000);
    }
  }

  function address(id) {
    var canonical = document.querySelector('link[rel="canonical"]');
    var base = window.location.href.split("#")[0];
    if (canonical && /^https?:\/\//.test(canonical.href)) {
      // The offline copy names its pages "x.html" (and "index.html"); the
      // public site, "x/" (mkdocs-plan.yml: use_directory_urls).
      base = canonical.href.split("#")[0].replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "/");
    }
    return base + "#" + id;
  }

  function byCommand(url) {
    var field = document.createElement("textarea");
    field.value = url;
    field.setAttribute("readonly", "");
    field.className = "kh-copy-field";
    document.body.appendChild(field);
    field.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (e) {
      done = false;
    }
    document.body.removeChild(field);
    return done;
  }

  function showToCopy(url, link) {
    var line = statusLine();
    window.clearTimeout(timer);
    line.textContent = "";
    var label = document.createElement("label");
    label.textContent = "Không sao chép tự động được. Liên kết tới đoạn này (đã chọn sẵn, hãy sao chép):";
    var input = document.createElement("input");
    input.type = "text";
    input.readOnly = true;
    input.value = url;
    label.appendChild(input);
    line.appendChild(label);
    line.classList.add("kh-copy-status--shown");
    input.focus();
    input.select();
    function close() {
      line.classList.remove("kh-copy-status--shown");
      line.textContent = "";
      link.focus();
    }
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.key === "Enter") {
        close();
      }
    });
    input.addEventListener("blur", function () {
      window.setTimeout(function () {
        if (line.contains(input)) {
          line.classList.remove("kh-copy-status--shown");
          line.textContent = "";
        }
      }, 200);
    });
  }

  function copied(link) {
    say(link.getAttribute("aria-label").replace("Sao chép liên kết", "Đã sao chép liên kết") + ".");
  }

  function copy(link) {
    var id = decodeURIComponent(link.getAttribute("href").slice(1));
    var url = address(id);
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "#" + id);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(function () {
        copied(link);
      }, function () {
        if (byCommand(url)) {
          copied(link);
        } else {
          showToCopy(url, link);
        }
      });
    } else if (byCommand(url)) {
      copied(link);
    } else {
      showToCopy(url, link);
    }
  }

  if (document.querySelector("a.kh-block-link")) {
    statusLine();  // in the page before anything is said in it, so screen readers announce it
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var link = target && target.closest ? target.closest("a.kh-block-link") : null;
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    copy(link);
    if (event.detail > 0) {
      link.blur();  // a tap or a click: no focus left behind (nor the theme's tooltip); the keyboard keeps it
    }
  });
})();
