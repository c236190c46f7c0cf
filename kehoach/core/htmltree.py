"""HTML fragments in and out of a tree (lxml), for the hooks that rework a rendered page.

A page's HTML, as MkDocs hands it to on_page_content, is a fragment (no <html>
or <body>). `parse` wraps it in one <div> so it has a single root; `serialize`
writes the root's content back without that <div>. lxml parses in C: on the
plan's 30 pages about 25 times faster than BeautifulSoup, which also took
longer to import than the rest of our package (bench/notes.md).

In lxml, text is not a node: an element's `text` comes before its first
child, each child's `tail` after that child. Comments are elements whose
`tag` is not a string.

HTML is read one way, as this tree: on_page_content parses each page once
(kehoach/hooks.py) and every pass (the register's links, abbreviations, the
readers' captions, cell labels and skip target) works on that same tree before
it is written back once; passes that run later (on_env, on_page_context) call
the same tree functions on the tree kept for the page (`Trees`) while its HTML
is unchanged, or on one new parse; the Content-Security-Policy
reads the scripts of a written page from its tree (`parse_document`) when the
page holds one our templates did not write. No
module of kehoach/ reads HTML with a regular expression or another parser
(tests/repo/test_html_is_a_tree.py).

What a pass costs is mostly what it does in Python per element: a pass that
wants a few elements of a page finds them with an XPath (`finder`, run in C)
rather than visiting every element, and the parser gives elements their
Python class from C (`_PARSER`), not through lxml.html's Python lookup.
"""
from __future__ import annotations

from html import escape

from lxml import etree
from lxml import html as lxml_html

Element = lxml_html.HtmlElement


# libxml2 lower-cases every tag and attribute name; in an <svg> a browser's
# HTML parser gives these their case back (the HTML standard, "adjust SVG
# attributes" and the tag names of "in foreign content"), so `parse` does too
# and `serialize` writes `viewBox` as the page had it, not `viewbox`.
_SVG_NAMES = [
    "attributeName", "attributeType", "baseFrequency", "baseProfile", "calcMode", "clipPathUnits",
    "diffuseConstant", "edgeMode", "filterUnits", "glyphRef", "gradientTransform", "gradientUnits",
    "kernelMatrix", "kernelUnitLength", "keyPoints", "keySplines", "keyTimes", "lengthAdjust",
    "limitingConeAngle", "markerHeight", "markerUnits", "markerWidth", "maskContentUnits", "maskUnits",
    "numOctaves", "pathLength", "patternContentUnits", "patternTransform", "patternUnits", "pointsAtX",
    "pointsAtY", "pointsAtZ", "preserveAlpha", "preserveAspectRatio", "primitiveUnits", "refX", "refY",
    "repeatCount", "repeatDur", "requiredExtensions", "requiredFeatures", "specularConstant",
    "specularExponent", "spreadMethod", "startOffset", "stdDeviation", "stitchTiles", "surfaceScale",
    "systemLanguage", "tableValues", "targetX", "targetY", "textLength", "viewBox", "viewTarget",
    "xChannelSelector", "yChannelSelector", "zoomAndPan",
]
_SVG_ATTRIBUTES = {name.lower(): name for name in _SVG_NAMES}
_SVG_TAGS = {name.lower(): name for name in [
    "altGlyph", "altGlyphDef", "altGlyphItem", "animateColor", "animateMotion", "animateTransform",
    "clipPath", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix",
    "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA",
    "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feImage", "feMerge", "feMergeNode",
    "feMorphology", "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile",
    "feTurbulence", "foreignObject", "glyphRef", "linearGradient", "radialGradient", "textPath",
]}


def _svg_case(root: Element) -> None:
    for svg in list(root.iter("svg")):
        for el in svg.iter():
            if not is_element(el):
                continue
            el.tag = _SVG_TAGS.get(el.tag, el.tag)
            if any(name in _SVG_ATTRIBUTES for name in el.attrib):
                items = list(el.attrib.items())  # renamed in place: the order of attributes kept
                el.attrib.clear()
                for name, value in items:
                    el.set(_SVG_ATTRIBUTES.get(name, name), value)


# lxml.html's own parser asks a Python method (HtmlElementClassLookup.lookup) for
# the class of each element as Python first reaches it, thousands of times a
# build. This one gives the same classes from C: HtmlElement (lxml.html's
# classes of form controls, which no page may hold and nothing reads as such,
# are HtmlElement too), its comment, processing instruction and entity.
_PARSER = etree.HTMLParser()
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
    pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity))


def parse(fragment: str) -> Element:
    # lxml.html's fragment_fromstring(fragment, create_parent="div"), the <div> made by _PARSER
    # too (a tree's elements get their classes from its root's parser).
    children = lxml_html.fragments_fromstring(fragment, parser=_PARSER)
    root = _PARSER.makeelement("div")
    if children and isinstance(children[0], str):
        root.text = children.pop(0)
    root.extend(children)
    lead = fragment[:len(fragment) - len(fragment.lstrip())]
    if lead and not (root.text or "").startswith(lead):  # libxml2 drops white space before a first tag
        root.text = lead + (root.text or "")
    if "<svg" in fragment:
        _svg_case(root)
    return root


def parse_document(html: str) -> Element:
    """A whole written page (<html> and all), to read: the scripts our templates
    did not write (kehoach/readers/csp.py). Never written back: the page stays as the theme wrote it."""
    return lxml_html.document_fromstring(html, parser=_PARSER)


def serialize(root: Element) -> str:
    """The content of `root` (the <div> `parse` wrapped the page in), without
    that <div>: its text escaped, then each child as lxml writes it, with its
    tail. Written in one call of lxml's serializer (one call per child cost
    more than the writing itself), the text put back as it was."""
    text = root.text
    if root.tag != "div" or root.attrib:  # not the wrapper `parse` made: each child on its own
        out = [escape(text, quote=False)] if text else []
        out += [etree.tostring(child, encoding="unicode", method="html", with_tail=True) for child in root]
        return "".join(out)
    root.text = None
    try:
        written = etree.tostring(root, encoding="unicode", method="html", with_tail=False)
    finally:
        root.text = text
    return (escape(text, quote=False) if text else "") + written[len("<div>"):-len("</div>")]


def new(tag: str, attrs: dict[str, str]) -> Element:
    """A new element, not yet in a tree; attributes keep the given order."""
    return _PARSER.makeelement(tag, attrs)


def is_element(node) -> bool:
    """An element, not a comment or processing instruction."""
    return isinstance(node.tag, str)


def is_comment(node) -> bool:
    """An HTML comment (`<!-- … -->`); a node that is neither this nor an element is a
    processing instruction or an entity."""
    return node.tag is etree.Comment


def elements(root: Element):
    """Every element below and including `root`, in document order (no comments)."""
    return (el for el in root.iter() if is_element(el))


def classes(el: Element) -> set[str]:
    return set((el.get("class") or "").split())


def remove(el: Element) -> None:
    """Take `el` out of the tree, keeping the text that follows it."""
    el.drop_tree()


def finder(path: str, **options):
    """`path` (XPath) compiled once: called on an element, the nodes it selects,
    found by libxml2 in C, in document order, without a Python object made for
    each element it passes by. For the passes that want a few elements of a page."""
    return etree.XPath(path, **options)


_IDS = finder("descendant::*/@id", smart_strings=False)
_WITH_ID = finder("descendant::*[@id]")


def ids(root: Element) -> set[str]:
    """Every id in the tree below `root`."""
    return set(_IDS(root))


def with_id(root: Element) -> list[Element]:
    """Every element below `root` that has an id (an empty one too), in document order."""
    return _WITH_ID(root)




def spaced_text(el: Element, skip=None) -> str:
    """The text of `el` with a space where each tag was, whitespace collapsed
    ("A<em>b</em>" is "A b"); `skip(child)`: leave that element's text out
    (not the text that follows it)."""
    parts: list[str] = []

    def walk(node: Element) -> None:
        parts.append(node.text or "")
        for child in node:
            parts.append(" ")
            if is_element(child) and not (skip and skip(child)):
                walk(child)
            parts.append(" ")
            parts.append(child.tail or "")

    walk(el)
    return " ".join("".join(parts).split())


def bare(tag: str, attrs: dict[str, str | None]) -> Element:
    """A new element as `new` makes it, but an attribute whose value is None is
    written bare (`data-kh-chrome`, not `data-kh-chrome=""`)."""
    if all(v is not None for v in attrs.values()):
        return new(tag, attrs)
    start = "".join(f' {k}' if v is None else f' {k}="{escape(v)}"' for k, v in attrs.items())
    return lxml_html.fragment_fromstring(f"<{tag}{start}></{tag}>", parser=_PARSER)


class Trees:
    """Each page's last tree, kept while the page's HTML is still the very string
    written from it, so a later event reads that tree instead of parsing again.

    `keep(key, html, root)` after writing `root` as `html`; `of(key, html)` gives
    the kept tree if `html` is that string (the same object: any change to a
    page's HTML is a new string), else a new parse. A caller that changes the
    tree it got must write the page again and keep the new pair, or change a
    copy (`copy.deepcopy`)."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[str, Element]] = {}

    def keep(self, key: str, html: str, root: Element) -> None:
        self._kept[key] = (html, root)

    def holds(self, key: str, html: str) -> bool:
        """Whether `of(key, html)` gives the kept tree (`html` is the string written from it)."""
        kept = self._kept.get(key)
        return kept is not None and kept[0] is html

    def of(self, key: str, html: str) -> Element:
        kept = self._kept.get(key)
        return kept[1] if kept is not None and kept[0] is html else parse(html)
