"""HTML fragments in and out of a tree (lxml), for the hooks that rework a rendered page.

A page's HTML, as MkDocs hands it to on_page_content, is a fragment (no <html>
or <body>). `parse` wraps it in one <div> so it has a single root; `serialize`
writes the root's content back without that <div>. lxml parses in C: on the
plan's 30 pages about 25 times faster than BeautifulSoup, which also took
longer to import than the rest of our package (bench/notes.md).

In lxml, text is not a node: an element's `text` comes before its first
child, each child's `tail` after that child. Comments are elements whose
`tag` is not a string.

Where a whole tree is more than needed (the ids of a page, the one element
with a given id), `tags_with_ids` reads the start tags of the HTML string: as
MkDocs, Python-Markdown and lxml write it, attribute values are in double
quotes with `<` and `>` escaped.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape, unescape

from lxml import etree
from lxml import html as lxml_html

Element = lxml_html.HtmlElement


def parse(fragment: str) -> Element:
    return lxml_html.fragment_fromstring(fragment, create_parent="div")


def serialize(root: Element) -> str:
    out = [escape(root.text, quote=False)] if root.text else []
    out += [etree.tostring(child, encoding="unicode", method="html", with_tail=True) for child in root]
    return "".join(out)


def new(tag: str, attrs: dict[str, str]) -> Element:
    """A new element, not yet in a tree; attributes keep the given order."""
    return lxml_html.Element(tag, attrs)


def is_element(node) -> bool:
    """An element, not a comment or processing instruction."""
    return isinstance(node.tag, str)


def elements(root: Element):
    """Every element below and including `root`, in document order (no comments)."""
    return (el for el in root.iter() if is_element(el))


def classes(el: Element) -> set[str]:
    return set((el.get("class") or "").split())


def remove(el: Element) -> None:
    """Take `el` out of the tree, keeping the text that follows it."""
    el.drop_tree()


START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>")  # groups: name, attributes
_ID_ATTR = re.compile(r'(?<=\s)id="([^"]*)"')  # the id attribute, not data-id=


def id_of(attributes: str) -> str | None:
    """The id in a start tag's attributes (group 2 of START_TAG), or None."""
    found = _ID_ATTR.search(attributes)
    return unescape(found.group(1)) if found else None


def tags_with_ids(html: str) -> Iterator[tuple[re.Match, str]]:
    """Each start tag that has an id, in order: (its match of START_TAG, the id)."""
    for tag in START_TAG.finditer(html):
        element_id = id_of(tag.group(2))
        if element_id is not None:
            yield tag, element_id
