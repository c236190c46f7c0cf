"""The Content-Security-Policy of every page, as a <meta> (the site is static on
Pages and is also opened from file://, so there is no header to set).

overrides/main.html writes `<meta http-equiv="Content-Security-Policy"
content="kh-csp">` first in <head>; `apply` (on_post_page, on_post_template)
replaces the marker with the policy, which allows only the site's own files
and, by their sha256, the inline scripts that our own templates write: each
inline script of the theme's script partials (templates/partials/javascripts/,
Material's scope, palette, tab and announce scripts, or one of ours of the
same name under overrides/). Their bodies are known before any page is
written: `known_scripts` renders each partial once per build (on_env), with a
stand-in for the one value that changes from page to page (base_url, the
page's depth); `apply` puts the page's own base_url in (read from the theme's
`__config` of that page) and hashes those of the known bodies the page holds.
Nothing found in a written page is hashed because it is there: a script the
page holds that is not one of these (a template escape gone wrong, an id that
closed its attribute: kehoach/checks/attributes.py now refuses those) gets no
hash, so no browser runs it, and it stops the build. Whether a page holds
another inline script is first counted (every `<script` of the page against
the known kinds: with a `src`, the theme's JSON config, the JSON-LD, the known
bodies) and only when the counts differ is the page parsed to name it
(`foreign_scripts`): no page is parsed when all is well. The JSON-LD of the
register's pages is data, not executed: it needs no hash.

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
import json
import re
from pathlib import Path

import jinja2

from kehoach.core import htmltree
from kehoach.core.errors import SiteError, excerpt

MARKER = 'content="kh-csp"'
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}

SCRIPTS_DIR = "partials/javascripts/"  # the theme's inline scripts, one partial each (ours override by name)
# Stands for the page's base_url while the partials are rendered once per build (a private-use
# character: no template writes it).
BASE_STAND_IN = "\ue000kh-base-url\ue000"
_BASE_URL = re.compile(r'"base":\s*"((?:[^"\\]|\\.)*)"')  # in the theme's __config JSON
# The start tags of the scripts that are not inline code: loaded by address (CSP 'self'), or data.
_NOT_INLINE_CODE = (b'<script src="', b'<script id="__config" type="application/json">',
                    b'<script type="application/ld+json">')

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


def _executed(el) -> bool:
    """An inline script a browser would execute."""
    return el.get("src") is None and (el.get("type") or "").strip().lower() in _JS_TYPES


def inline_scripts(root: htmltree.Element) -> list[str]:
    """The text of each inline script that a browser would execute, in the tree
    `root` (a script's text is kept as written: no entity is decoded in it, as a
    browser decodes none before hashing it)."""
    return [el.text or "" for el in root.iter("script") if _executed(el)]


def _script_partials(env) -> list[str]:
    """The names of the templates under SCRIPTS_DIR. With the theme's file loader,
    read from that one folder of each of its directories: `list_templates` walks
    every template of the theme (about 0.03 s a build, issue 26 point 5)."""
    searchpath = getattr(env.loader, "searchpath", None)
    if not isinstance(env.loader, jinja2.FileSystemLoader) or not searchpath:
        return sorted(env.list_templates(filter_func=lambda n: n.startswith(SCRIPTS_DIR) and n.endswith(".html")))
    names = set()
    for folder in searchpath:
        here = Path(folder, SCRIPTS_DIR)
        if here.is_dir():
            names.update(SCRIPTS_DIR + p.name for p in here.iterdir() if p.name.endswith(".html") and p.is_file())
    return sorted(names)


def known_scripts(env, config) -> tuple[str, ...]:
    """The body of each inline script of the theme's script partials (and ours of
    the same folder), rendered with the theme's Jinja `env` as base.html includes
    them, base_url as BASE_STAND_IN. Once per build (on_env)."""
    names = _script_partials(env)
    context = {"config": config, "base_url": BASE_STAND_IN,
               "features": config.theme.get("features") or []}  # as base.html sets `features`
    bodies: list[str] = []
    for name in names:
        rendered = env.get_template(name).render(context)
        if "<script" in rendered:
            bodies += [b for b in inline_scripts(htmltree.parse(rendered)) if b.strip()]
    return tuple(dict.fromkeys(bodies))


def base_url(output: str, where: str) -> str:
    """The page's base_url, as the theme wrote it into the page's __config."""
    found = _BASE_URL.search(output, max(output.rfind('id="__config"'), 0))  # near the page's end
    if found is None:
        raise SiteError(
            where, None,
            "Trang thiếu cấu hình của giao diện (__config): không tính được Content-Security-Policy.",
            "The page lacks the theme's __config: its Content-Security-Policy cannot be computed.",
            "báo nhóm kỹ thuật: giao diện Material đã đổi (xem kehoach/patches/__init__.py).",
            "tell the maintainers: the Material theme changed (see kehoach/patches/__init__.py).",
        )
    return json.loads(f'"{found.group(1)}"')


def foreign_scripts(output: str, raw: bytes, ours: list[str]) -> list[str]:
    """The inline scripts of the written page `output` (`raw`: its UTF-8 bytes)
    that a browser would run and that are not one of `ours`. Counted first (no
    parse when every `<script`, in any case, is accounted for), then read from
    the page's tree."""
    low = raw.lower()  # ASCII only: as fast on Vietnamese text as on English
    starts, at = [], low.find(b"<script")  # every `<script`, in any case
    while at >= 0:
        starts.append(at)
        at = low.find(b"<script", at + len(b"<script"))
    found = len(starts)
    # Each tag of _NOT_INLINE_CODE starts with `<script` (and overlaps no other
    # of its kind): it is counted where one of those starts.
    accounted = sum(low.startswith(tag, at) for at in starts for tag in _NOT_INLINE_CODE)
    accounted += sum(raw.count(b">" + body.encode("utf-8") + b"</script>") for body in ours)
    if found == accounted:
        return []
    known = set(ours)
    return [s for s in inline_scripts(htmltree.parse_document(output)) if s not in known]


def policy(hashes: list[str]) -> str:
    script = " ".join(["script-src 'self'", *dict.fromkeys(hashes)])
    return "; ".join([FIXED[0], script, *FIXED[1:]])


def apply(output: str, where: str, known: tuple[str, ...], shim_js: str | None = None) -> str:
    """`output` with the marker replaced by the policy, which allows the bodies of
    `known` (known_scripts) that the page holds, its base_url put in; `where`
    names the page in a message. `shim_js`: the offline copy's iframe-worker
    shim, whose bootstrap script is allowed too."""
    if MARKER not in output:
        raise SiteError(
            where, None,
            "Trang thiếu thẻ Content-Security-Policy (overrides/main.html).",
            "The page lacks its Content-Security-Policy tag (overrides/main.html).",
            f"giữ thẻ <meta http-equiv=\"Content-Security-Policy\" {MARKER}> trong overrides/main.html.",
            f"keep <meta http-equiv=\"Content-Security-Policy\" {MARKER}> in overrides/main.html.",
        )
    if any(BASE_STAND_IN in body for body in known):
        base = base_url(output, where)
        known = tuple(body.replace(BASE_STAND_IN, base) for body in known)
    raw = output.encode("utf-8")  # searched as bytes: str searches are slow on Vietnamese text
    held = {body: raw.find(body.encode("utf-8")) for body in known}
    ours = sorted((body for body in known if held[body] >= 0), key=held.get)  # in the page's order
    foreign = foreign_scripts(output, raw, ours)
    if foreign:
        raise SiteError(
            where, None,
            "Trang có đoạn mã script không do mẫu giao diện của trang web viết ra: "
            f"{excerpt(foreign[0])}. Trình duyệt sẽ không chạy nó (Content-Security-Policy).",
            "The page holds an inline script that none of the site's templates writes: "
            f"{excerpt(foreign[0])}. Browsers would not run it (Content-Security-Policy).",
            "xóa đoạn mã đó; nếu đó là mã của giao diện, đặt nó trong overrides/partials/javascripts/.",
            "remove that script; if it is the theme's, put it in overrides/partials/javascripts/.",
        )
    hashes = [sha256(s) for s in ours]
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
