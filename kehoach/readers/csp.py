"""The Content-Security-Policy of every page, as a <meta> (the site is static on
Pages and is also opened from file://, so there is no header to set).

overrides/main.html writes `<meta http-equiv="Content-Security-Policy"
content="kh-csp">` first in <head>; `apply` (on_post_page, on_post_template)
replaces the marker with the policy, which allows only the site's own files
and, by their sha256, the inline scripts of the theme's template found in that
very page (Material's scope, palette and tab scripts; they depend on the page's
depth, so they are hashed per page, at build time). Scripts inside the page's
content are never hashed: the allow-list (kehoach/checks/html_allowlist.py) admits none
there but the JSON-LD, which is data and is not executed.

Styles: only the site's own style sheets ('self'); no page sets a `style`
attribute in its HTML (Material sets styles from its script, which CSP allows).
The offline copy's search runs in an about:blank iframe (kehoach/exports/vendor/
iframe-worker-shim.js) that inherits this policy; its inline bootstrap script is
allowed by hash too, computed from the vendored file (`shim_hashes`).

What this relies on upstream is listed in kehoach/patches/__init__.py.
"""
from __future__ import annotations

import base64
import hashlib
import re

from kehoach.core import htmltree
from kehoach.core.errors import SiteError

MARKER = 'content="kh-csp"'
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}

FIXED = [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",  # Material's style sheets draw icons from data: SVG
    "font-src 'self'",
    "connect-src 'self'",  # the search index
    "worker-src 'self'",  # the search worker
    "manifest-src 'self'",
    "frame-src 'none'",
    "child-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
]


def sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script that a browser would execute, in the tree
    of the document `html` (a script's text is kept as written: no entity is
    decoded in it, as a browser decodes none before hashing it)."""
    if "<script" not in html:
        return []
    return [el.text or "" for el in htmltree.parse_document(html).iter("script")
            if el.get("src") is None and (el.get("type") or "").strip().lower() in _JS_TYPES]


def policy(hashes: list[str]) -> str:
    script = " ".join(["script-src 'self'", *dict.fromkeys(hashes)])
    return "; ".join([FIXED[0], script, *FIXED[1:]])


def apply(output: str, where: str, content: str | None, shim_js: str | None = None) -> str:
    """`output` with the marker replaced by the policy; `content` (the page's own
    content, checked by the allow-list) is left out of what is hashed. `shim_js`:
    the offline copy's iframe-worker shim, whose bootstrap script is allowed too."""
    if MARKER not in output:
        raise SiteError(
            where, None,
            "Trang thiếu thẻ Content-Security-Policy (overrides/main.html).",
            "The page lacks its Content-Security-Policy tag (overrides/main.html).",
            f"giữ thẻ <meta http-equiv=\"Content-Security-Policy\" {MARKER}> trong overrides/main.html.",
            f"keep <meta http-equiv=\"Content-Security-Policy\" {MARKER}> in overrides/main.html.",
        )
    template = output.replace(content, "") if content else output
    hashes = [sha256(s) for s in inline_scripts(template)]
    if shim_js:
        hashes += shim_hashes(output, shim_js)
    return output.replace(MARKER, f'content="{policy(hashes)}"', 1)


# ------------------------------------------------------- the offline copy's search shim

_SHIM_TEMPLATE = re.compile(r"<script>(postMessage=\$\{c\}.*?)<\\/script>", re.S)
_SEARCH_WORKER = re.compile(r'"search":\s*"([^"]*)"')


def _function_source(js: str, name: str) -> str:
    """The text of `function name(...){...}` in `js`, as Function.prototype.toString gives it."""
    start = js.index(f"function {name}(")
    depth, i = 0, js.index("{", start)
    while True:
        depth += {"{": 1, "}": -1}.get(js[i], 0)
        if depth == 0:
            return js[start:i + 1]
        i += 1


def shim_script(shim_js: str, worker_url: str) -> str:
    """The inline script that the iframe-worker shim writes into its iframe to run `worker_url`."""
    template = _SHIM_TEMPLATE.search(shim_js).group(1)
    return (template.replace("${c}", _function_source(shim_js, "c"))
            .replace("${d}", _function_source(shim_js, "d"))
            .replace("${e}", worker_url))


def shim_hashes(output: str, shim_js: str) -> list[str]:
    """The offline copy: the hash of the shim's script for this page's search worker."""
    found = _SEARCH_WORKER.search(output)
    return [sha256(shim_script(shim_js, found.group(1)))] if found else []
