"""The HTML allow-list: what a page's content may hold once rendered.

Contributors write Markdown (docs/) and data (data/); Markdown lets raw HTML
through, and attribute lists (`{: onfocus=… }`) make attributes without a `<`.
So the check runs on the rendered HTML of every page (`page.content`, the part
that comes from Markdown and data), on the very tree that is published
(kehoach/core/htmltree.py: the page is written from it): every node is judged,
element by element and attribute by attribute, against the explicit lists
below. Anything not listed stops the build naming the source file and line;
nothing is silently cleaned, and nothing is left unjudged (a sanitiser's
output compared with the page would never see what the sanitiser drops on
both sides, such as HTML inside an SVG <desc>).

Allowed: the tags, attributes and URL schemes our own pages use (text,
tables, lists, links, footnotes, abbreviations, the chart's SVG). Elements are
allowed per context: HTML elements in HTML, the chart's few SVG elements only
inside <svg>, and inside the SVG's <title> and <desc> (where a browser parses
HTML again) text only. Never: script (but the JSON-LD the register's generated
pages carry, checked to be JSON), style, iframe, object, embed, base, meta,
form, foreignObject, SVG animation (animate, set…), `on*`, `style` and
`xlink:*` attributes, `javascript:`, `data:`, `vbscript:` or any other scheme
than http(s), mailto, tel. Comments hold plain words only (no `<`, `>` or
`--`: the ways a comment ends early in a browser), processing instructions
none.

The published HTML is the tree written by lxml's serializer, which escapes
every text and attribute value; what a browser could read differently from
lxml (raw-text elements such as <noscript>, <xmp>, <title>; HTML elements that
break out of an SVG; comments) is refused above, so the tree judged here is
the tree a reader's browser builds.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from kehoach.core import htmltree
from kehoach.core.errors import SiteError

# Elements allowed in HTML content.
HTML_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "section", "aside", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
    "svg",  # opens the SVG context below
})
# Elements allowed inside <svg>: the chart of kehoach/figures/chart.py. No <a>, <use>,
# <image>, <foreignObject>, animation or <style>; no HTML element (browsers leave the SVG at one).
SVG_TAGS = frozenset({"g", "path", "circle", "line", "rect", "text", "title", "desc"})
# Inside these a browser parses HTML again (HTML integration points): text only.
SVG_TEXT_ONLY = frozenset({"title", "desc"})

_COMMON = frozenset({"class", "id", "title", "role", "tabindex", "hidden", "lang", "dir"})
_SVG_ATTRS = frozenset({
    "xmlns", "viewBox", "width", "height", "fill", "font-size", "font-weight", "transform", "d", "cx", "cy", "r",
    "x", "y", "x1", "y1", "x2", "y2", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray",
    "text-anchor"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "download", "type", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan"}), "th": frozenset({"colspan", "rowspan", "scope"}),
    "col": frozenset({"span"}), "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed"}), "li": frozenset({"value"}),
    "time": frozenset({"datetime"}), "details": frozenset({"open"}),
    **{tag: _SVG_ATTRS for tag in ("svg", "g", "path", "circle", "line", "rect", "text")},
}
_PREFIXED = re.compile(r"^(?:data|aria)-[a-z0-9_.-]+$")
SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_URL_ATTRS = frozenset({"href", "src"})
# Paint may name a colour or a fragment of the page (`url(#id)`), never another document.
_PAINT_ATTRS = frozenset({"fill", "stroke"})
# Per tag, the attributes allowed whatever their value (`_attribute_offence` refuses no value
# of them, nor of a data-/aria- one): not judged one by one.
_VALUED = frozenset(name for name in _COMMON | _SVG_ATTRS.union(*ATTRIBUTES.values())
                    if name.lower() in _URL_ATTRS | _PAINT_ATTRS)
_PLAIN = {tag: (_COMMON | ATTRIBUTES.get(tag, frozenset())) - _VALUED for tag in HTML_TAGS | SVG_TAGS}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

_FIX_VI = ("chỉ viết chữ, bảng, danh sách và liên kết bằng Markdown; xóa thẻ hoặc thuộc tính này "
           "(script, style, iframe, object, embed, base, meta, form, thuộc tính on... hay style, "
           "địa chỉ javascript:/data:/vbscript: không được phép trong trang).")
_FIX_EN = ("write text, tables, lists and links in Markdown; remove this tag or attribute "
           "(script, style, iframe, object, embed, base, meta, form, on… or style attributes, "
           "javascript:/data:/vbscript: addresses are not allowed on a page).")


class Offence:
    """What the allow-list refused: described for the reader, and a needle to find its source line."""

    def __init__(self, vi: str, en: str, needles: list[str]):
        self.vi, self.en, self.needles = vi, en, needles


def _address(value: str) -> str:
    """A URL attribute's value as a browser's URL parser reads it: leading and trailing
    spaces and control characters stripped, tabs and newlines removed."""
    return re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21)))))


def _scheme(address: str) -> str | None:
    """The scheme of `address` (see `_address`), or None for a relative address;
    "?" if a control character is left in it (never in an address of ours)."""
    if _CONTROL.search(address):
        return "?"
    found = _SCHEME.match(address)
    return found.group(1).lower() if found else None


def _element_offence(tag: str, in_svg: bool) -> Offence:
    where_vi, where_en = (" trong hình SVG", " inside an SVG") if in_svg else ("", "")
    return Offence(f"thẻ <{tag}> không được phép{where_vi} trong nội dung trang.",
                   f"the tag <{tag}> is not allowed{where_en} in a page's content.", [f"<{tag}"])


def _attribute_offence(tag: str, name: str, value: str) -> Offence | None:
    """What is wrong with the attribute `name`=`value` of a <tag>, or None."""
    lname = name.lower()
    allowed = name in _COMMON or name in ATTRIBUTES.get(tag, ()) or _PREFIXED.match(name)
    if not allowed:
        return Offence(f"thuộc tính {name} của thẻ <{tag}> không được phép trong nội dung trang.",
                       f"the attribute {name} of <{tag}> is not allowed in a page's content.", [name])
    if lname in _URL_ATTRS:
        scheme = _scheme(_address(value))
        if scheme is not None and scheme not in SCHEMES:
            shown = value.strip()[:60]
            return Offence(f"địa chỉ \"{shown}\" (thuộc tính {name} của thẻ <{tag}>) không được phép: "
                           "chỉ dùng địa chỉ http(s), mailto, tel hoặc đường dẫn tới trang khác của trang web.",
                           f"the address \"{shown}\" ({name} of <{tag}>) is not allowed: use only "
                           "http(s), mailto, tel or a path to another page of the site.",
                           [value.strip()[:40], (scheme if scheme != "?" else "") + ":"])
    if lname in _PAINT_ATTRS and "url(" in "".join(value.split()).lower() \
            and not re.fullmatch(r"\s*url\(\s*#[\w.-]+\s*\)\s*", value, re.ASCII):
        return Offence(f"thuộc tính {name} của thẻ <{tag}> chỉ được ghi màu, không được trỏ tới tệp khác.",
                       f"the attribute {name} of <{tag}> may name a colour only, not another file.", [value[:40]])
    return None


def _comment_offence(text: str) -> Offence | None:
    if "<" in text or ">" in text or "--" in text or text.startswith("-") or text.endswith("-"):
        return Offence("chú thích HTML (<!-- … -->) chỉ được chứa chữ, không chứa <, > hay --.",
                       "an HTML comment (<!-- … -->) may hold words only, no <, > or --.", ["<!--"])
    return None


def _json_ld_offence(el) -> Offence | None:
    """None if `el` is the register's JSON-LD: one `type` attribute, valid JSON, no `<` (which
    could end the script early), no child element."""
    if dict(el.attrib) != {"type": "application/ld+json"} or len(el):
        return _element_offence("script", False)
    text = el.text or ""
    try:
        json.loads(text)
    except ValueError:
        return Offence("dữ liệu JSON-LD không phải JSON hợp lệ.", "the JSON-LD is not valid JSON.", [])
    if "<" in text:
        return Offence("dữ liệu JSON-LD không được chứa dấu <.", "the JSON-LD may not hold a <.", [])
    return None


def first_offence(fragment: str, json_ld: bool = False, root: htmltree.Element | None = None) -> Offence | None:
    """What in `fragment` the allow-list refuses, or None. `json_ld`: the page may carry
    `<script type="application/ld+json">` (the register's generated pages), which must be JSON.
    `root`: the tree `fragment` was written from, if there is one (it is not changed)."""
    if root is None:
        root = htmltree.parse(fragment)
    if next(root.iter("svg"), None) is None:
        return _judge_flat(root, json_ld)
    return _judge(root, in_svg=False, json_ld=json_ld)


def _judge_flat(root, json_ld: bool) -> Offence | None:
    """`_judge(root, False, json_ld)` for a tree without <svg>, in one loop over
    every node below `root` in the page's order: outside an SVG, `_judge` judges
    every node, each before its children (a JSON-LD script whose children it
    would pass over is refused for having them)."""
    nodes = root.iter()
    next(nodes)  # `root` itself: only what it holds is the page's
    for el in nodes:
        tag = el.tag
        if tag in HTML_TAGS:  # the common case first: an allowed tag (no ":", no space, not script)
            if el.attrib and not _PLAIN[tag].issuperset(el.keys()):
                offence = _attributes_offence(el, tag)
                if offence:
                    return offence
            continue
        if not isinstance(tag, str):
            offence = _other_node_offence(el)
            if offence:
                return offence
            continue
        if ":" in tag or tag != tag.strip():
            return _element_offence(tag, False)
        if json_ld and tag == "script":
            offence = _json_ld_offence(el)
            if offence:
                return offence
            continue
        if tag not in HTML_TAGS:
            return _element_offence(tag, False)
        offence = _attributes_offence(el, tag)
        if offence:
            return offence
    return None


def _other_node_offence(el) -> Offence | None:
    """A comment's offence, if any; any other node that is not an element is one."""
    if htmltree.is_comment(el):
        return _comment_offence(el.text or "")
    # a processing instruction or an entity: never written by us
    return Offence("trang chứa mã <? … ?> không được phép.", "the page holds a <? … ?> construct.", ["<?"])


def _attributes_offence(el, tag: str) -> Offence | None:
    """The offence of the first of `el`'s attributes that is refused, the worst first."""
    # Attributes allowed whatever their value pass at once; the others are judged.
    plain = _PLAIN.get(tag, frozenset())
    if plain.issuperset(el.keys()):
        return None
    judged = [(name, value) for name, value in el.items() if name not in plain and not _PREFIXED.match(name)]
    if len(judged) > 1:
        judged.sort(key=lambda nv: (not nv[0].lower().startswith("on"), nv[0].lower() not in _URL_ATTRS))
    for name, value in judged:
        offence = _attribute_offence(tag, name, value)
        if offence:
            return offence
    return None


def _judge(parent, in_svg: bool, json_ld: bool) -> Offence | None:
    """The first offence among `parent`'s children, depth first (the page's order)."""
    for el in parent:
        tag = el.tag
        if not isinstance(tag, str):
            offence = _other_node_offence(el)
            if offence:
                return offence
            continue
        if ":" in tag or tag != tag.strip():
            return _element_offence(tag, in_svg)
        if json_ld and not in_svg and tag == "script":
            offence = _json_ld_offence(el)
            if offence:
                return offence
            continue
        # Tag names compared as written (htmltree gives SVG tags their case back, so
        # <foreignObject> stays refused whatever its case).
        allowed = SVG_TAGS if in_svg else HTML_TAGS
        if tag not in allowed:
            return _element_offence(tag, in_svg)
        offence = _attributes_offence(el, tag)
        if offence:
            return offence
        if in_svg and tag in SVG_TEXT_ONLY:
            if len(el):
                child = el[0]
                if isinstance(child.tag, str):
                    return _element_offence(child.tag, True)
                return _comment_offence("<") if htmltree.is_comment(child) else \
                    Offence("trang chứa mã <? … ?> không được phép.", "the page holds a <? … ?> construct.", ["<?"])
            continue
        offence = _judge(el, in_svg or tag == "svg", json_ld)
        if offence:
            return offence
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
