"""The HTML allow-list: what a page's content may hold once rendered.

Contributors write Markdown (docs/) and data (data/); Markdown lets raw HTML
through, and attribute lists (`{: onfocus=… }`) make attributes without a `<`.
So the check runs on the rendered HTML of every page (`page.content`, the part
that comes from Markdown and data): nh3 (Ammonia) cleans a copy with the
allow-list below, both are parsed (lxml) and compared element by element. Any
difference stops the build naming the source file and line; nothing is
silently cleaned.

Allowed: the tags, attributes and URL schemes our own pages use (text,
tables, lists, links, footnotes, abbreviations, the chart's SVG). Never: script
(but the JSON-LD the register's generated pages carry, checked to be JSON),
style, iframe, object, embed, base, meta, form, `on*` and `style` attributes,
`javascript:`, `data:`, `vbscript:` or any other scheme than http(s), mailto, tel.
"""
from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterable

import nh3

from kehoach.core import htmltree
from kehoach.core.errors import SiteError

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "section", "aside", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    # The chart of kehoach/figures/chart.py.
    "svg", "g", "path", "circle", "line", "rect", "text", "title", "desc",
}
_SVG_ATTRS = {"xmlns", "viewBox", "viewbox", "width", "height", "fill", "font-size", "font-weight", "transform",
              "d", "cx", "cy", "r", "x", "y", "x1", "y1", "x2", "y2", "stroke", "stroke-width",
              "stroke-opacity", "stroke-dasharray", "text-anchor"}
ATTRIBUTES = {
    "*": {"class", "id", "title", "role", "tabindex", "hidden", "lang", "dir"},
    "a": {"href", "download", "type", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "reversed"}, "li": {"value"},
    "time": {"datetime"}, "details": {"open"},
    **{tag: _SVG_ATTRS for tag in ("svg", "g", "path", "circle", "line", "rect", "text")},
}
PREFIXES = {"data-", "aria-"}
SCHEMES = {"http", "https", "mailto", "tel"}
_URL_ATTRS = ("href", "src")

_FIX_VI = ("chỉ viết chữ, bảng, danh sách và liên kết bằng Markdown; xóa thẻ hoặc thuộc tính này "
           "(script, style, iframe, object, embed, base, meta, form, thuộc tính on... hay style, "
           "địa chỉ javascript:/data:/vbscript: không được phép trong trang).")
_FIX_EN = ("write text, tables, lists and links in Markdown; remove this tag or attribute "
           "(script, style, iframe, object, embed, base, meta, form, on… or style attributes, "
           "javascript:/data:/vbscript: addresses are not allowed on a page).")


def _clean(fragment: str) -> str:
    return nh3.clean(fragment, tags=TAGS, attributes=ATTRIBUTES, generic_attribute_prefixes=PREFIXES,
                     url_schemes=SCHEMES, link_rel=None, strip_comments=False,
                     clean_content_tags={"script", "style"})


# Kept by the identity pass below even if lxml does not see them (browsers parse HTML as html5ever
# does, not always as lxml does), so that the comparison sees them too.
_WATCHED_TAGS = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta",
                 "link", "form", "input", "button", "select", "textarea", "noscript", "template", "math", "svg",
                 "img", "video", "audio", "source", "xmp", "noembed", "noframes", "portal"}
_WATCHED_SCHEMES = {"javascript", "vbscript", "data", "file", "blob", "filesystem", "ftp", "about"}
_SCHEME = re.compile(r"^([^:/?#]+):")


def _identity(fragment: str, root) -> str:
    """The fragment as Ammonia (html5ever) parses and writes it, dropping nothing it holds:
    both sides of the comparison then come from the same parser and serializer."""
    tags, names, schemes = set(_WATCHED_TAGS), set(), set(SCHEMES | _WATCHED_SCHEMES)
    for el in htmltree.elements(root):
        tags.add(el.tag.lower())
        for name, value in el.attrib.items():
            names.add(name.lower())
            found = _SCHEME.match("".join(value.split()).lower())
            if found:
                schemes.add(found.group(1))
    return nh3.clean(fragment, tags=tags, attributes={"*": names | {"viewBox"}}, url_schemes=schemes,
                     link_rel=None, strip_comments=False, clean_content_tags=set())


class Offence:
    """What the allow-list refused: described for the reader, and a needle to find its source line."""

    def __init__(self, vi: str, en: str, needles: list[str]):
        self.vi, self.en, self.needles = vi, en, needles


def _attrs(el) -> dict[str, str]:
    return {k.lower(): v for k, v in el.attrib.items()}


def _offence_in(el, kept) -> Offence:
    tag = el.tag.lower()
    if kept is None:
        return Offence(f"thẻ HTML <{tag}> không được phép trong nội dung trang.",
                       f"the HTML tag <{tag}> is not allowed in a page's content.", [f"<{tag}"])
    theirs = _attrs(kept)
    refused = [(n, v) for n, v in _attrs(el).items() if theirs.get(n) != v]
    refused.sort(key=lambda nv: (not nv[0].startswith("on"), nv[0] not in _URL_ATTRS))  # the worst first
    if not refused:
        return Offence(f"thẻ <{tag}> bị thay đổi khi kiểm tra.", f"the tag <{tag}> changed when checked.", [f"<{tag}"])
    name, value = refused[0]
    if name in _URL_ATTRS:
        scheme = value.strip().split(":", 1)[0] + ":" if ":" in value else value
        return Offence(f"địa chỉ \"{value[:60]}\" (thuộc tính {name} của thẻ <{tag}>) không được phép: "
                       "chỉ dùng địa chỉ http(s), mailto, tel hoặc đường dẫn tới trang khác của trang web.",
                       f"the address \"{value[:60]}\" ({name} of <{tag}>) is not allowed: use only "
                       "http(s), mailto, tel or a path to another page of the site.",
                       [value.strip()[:40], scheme.strip()])
    names = ", ".join(n for n, _ in refused)
    return Offence(f"thuộc tính {names} của thẻ <{tag}> không được phép trong nội dung trang.",
                   f"the attribute(s) {names} of <{tag}> are not allowed in a page's content.", [name])


def first_offence(fragment: str, json_ld: bool = False, root: htmltree.Element | None = None) -> Offence | None:
    """What in `fragment` the allow-list refuses, or None. `json_ld`: the page may carry
    `<script type="application/ld+json">` (the register's generated pages), which must be JSON.
    `root`: the tree `fragment` was written from, if there is one (it is not changed)."""
    if root is None:
        root = htmltree.parse(fragment)
    elif json_ld:
        root = copy.deepcopy(root)  # its JSON-LD is taken out below
    if json_ld:
        for script in root.iter("script"):
            if (script.get("type") or "") == "application/ld+json" and len(script.attrib) == 1:
                try:
                    json.loads(script.text or "")
                except ValueError:
                    return Offence("dữ liệu JSON-LD không phải JSON hợp lệ.", "the JSON-LD is not valid JSON.", [])
                htmltree.remove(script)
        fragment = htmltree.serialize(root)
    identity, cleaned = _identity(fragment, root), _clean(fragment)
    if identity == cleaned:  # one serializer wrote both: nothing was dropped (most pages; two parses saved)
        return None
    mine = list(htmltree.elements(htmltree.parse(identity)))[1:]
    clean = list(htmltree.elements(htmltree.parse(cleaned)))[1:]
    j = 0
    for el in mine:
        kept = clean[j] if j < len(clean) and clean[j].tag == el.tag else None
        if kept is None or _attrs(kept) != _attrs(el):
            return _offence_in(el, kept)
        j += 1
    return None


def check(fragment: str, sources: Iterable[tuple[str, Callable[[], str]]], page_rel: str,
          json_ld: bool = False, root: htmltree.Element | None = None) -> None:
    """Stop the build if `fragment` holds what the allow-list refuses.

    `sources`: (path, read) pairs searched in order for the line of the offending
    construct; `page_rel` is named when none holds it; `root`: the tree
    `fragment` was written from, if the caller has it (one parse saved).
    """
    offence = first_offence(fragment, json_ld, root)
    if offence is None:
        return
    where, line = page_rel, None
    for path, read in sources:
        text = read().lower()
        for needle in filter(None, offence.needles):
            pos = text.find(needle.lower())
            if pos >= 0:
                where, line = path, text.count("\n", 0, pos) + 1
                break
        if line:
            break
    raise SiteError(where, line, "Trang có mã HTML không an toàn: " + offence.vi,
                    "The page holds unsafe HTML: " + offence.en, _FIX_VI, _FIX_EN)
