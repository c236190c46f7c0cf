"""The live preview's own files (never part of the built site): the error page
a failed rebuild shows in place of every page, and the script that reloads a
page when the site has been built again. Pure: no MkDocs, no I/O.

Our pages' Content-Security-Policy allows no inline script, so the inline
script MkDocs injects under `mkdocs serve` to reload pages never runs; this
one is a file of the served site ('self'). It asks MkDocs' live-reload server
(GET /livereload/<epoch>/<id>, which answers when a build newer than <epoch>
is done, or after a minute) and reloads the page when one is. What this
relies on upstream is listed in kehoach/patches/__init__.py.
"""
from __future__ import annotations

from html import escape

SCRIPT = "_xem-thu/tai-lai.js"  # under the served site's root; only `mkdocs serve` writes it

RELOAD_JS = """\
// Xem thử (mkdocs serve): tải lại trang khi trang web được dựng lại.
// Live preview only: reload this page when the site has been built again.
(function () {
  var me = document.currentScript;
  var id = Date.now();
  function wait(epoch) {
    fetch("/livereload/" + epoch + "/" + id, {cache: "no-store"})
      .then(function (r) { return r.text(); })
      .then(function (t) {
        if (parseFloat(t) > epoch) { location.reload(); } else { wait(epoch); }
      })
      .catch(function () { setTimeout(function () { wait(epoch); }, 1000); });
  }
  var known = parseFloat(me.getAttribute("data-epoch"));
  if (known > 0) { wait(known); return; }
  fetch("/livereload/0/" + id, {cache: "no-store"})
    .then(function (r) { return r.text(); })
    .then(function (t) { wait(parseFloat(t)); });
})();
"""


def script_tag(mount_path: str, epoch: int | None) -> str:
    return (f'<script src="{escape(mount_path)}{SCRIPT}" data-epoch="{epoch or 0}"></script>')


def error_page(messages: list[str], mount_path: str, epoch: int | None) -> str:
    """The page every address shows while the site does not build."""
    body = "\n\n".join(escape(m) for m in messages) or "Xem thông báo trong cửa sổ dòng lệnh. (See the terminal.)"
    return f"""<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chưa dựng được trang web (build failed)</title>
</head>
<body>
<main>
<h1>Chưa dựng được trang web</h1>
<p>Lần lưu vừa rồi có lỗi, nên trang web xem thử chưa được dựng lại. Thông báo dưới đây nêu tệp,
dòng và cách sửa. Sửa tệp rồi lưu lại: trang này tự tải lại khi trang web dựng xong.</p>
<p lang="en">The last save broke the build. The message names the file, the line and what to do;
fix the file and save: this page reloads by itself once the site builds.</p>
<pre>{body}</pre>
</main>
{script_tag(mount_path, epoch)}
</body>
</html>
"""
