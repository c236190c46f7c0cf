"""What the search plugin indexes: footnotes as their own results, table cells apart.

Material's search plugin splits a page at its headings, so the footnotes at the
bottom of a page would be searched as part of the page's last section and a
result would lead there, not to the footnote. And it keeps only the text of
tables, so cells written without whitespace between them run together. So,
just before the plugin reads a page (kehoach/hooks.py, on_page_context):

- `exclude_footnotes(root)` marks the page's footnote list `data-search-exclude`
  (the search plugin skips it, then removes the attribute from the page);
- `separate_cells(root)` puts a line break between adjacent table cells and
  after <br>: the search plugin keeps only their text, so
  "<td>SIPAS</td><td>Chỉ số…" would be indexed as one word "SIPASChỉ" (such
  whitespace is not displayed);
- `footnote_entries(root, url)` makes one index entry per footnote, titled
  "Chú thích N", with the location "page/#fn:N";

and every entry's `title` and `text` is made text (`as_text`): the results
list inserts both as HTML (Material's `innerHTML`), so a title taken from raw
markup (a footnote list written by hand, a page title from front matter)
would be a live link there. The index holds escaped text and only the bare
tags the search plugin itself writes (`<p>`, `<code>`, lists…);

each on the page's tree (kehoach/core/htmltree.py), parsed once there;

and after the plugin has written search/search_index.json (on_post_build),
`rewrite(path, entries)` / `add_entries(index, entries)` put those entries
into it, right after the entries of their page.

Vietnamese word forms (without diacritics, other tone placement, parts of
citations) are not stored here: the browser adds them while it builds the
index, see overrides/assets/javascripts/lunr/min/lunr.vi.min.js.

What this relies on upstream is listed in kehoach/patches/__init__.py.
"""
from __future__ import annotations

import json
from html import escape
from pathlib import Path

from kehoach.core import htmltree

_CELL_ENDS = {"td", "th", "tr", "thead", "tbody", "caption", "br"}
# The tags Material's search plugin keeps in an entry's text, bare (its Parser.keep).
_PLUGIN_TAGS = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}


def separate_cells(root: htmltree.Element) -> bool:
    """A line break after each table cell, row, section and caption and after
    <br>, where a tag follows at once (not where text does), so words stay apart.
    True if any was added."""
    changed = False
    for el in root.iter(*_CELL_ENDS):
        if el is not root and not el.tail and (el.getnext() is not None or el.getparent() is not root):
            el.tail = "\n"
            changed = True
    return changed


def prepare_page(root: htmltree.Element) -> bool:
    """The page's tree as the search plugin should read it (see above). True if it changed."""
    changed = separate_cells(root)
    return exclude_footnotes(root) or changed


def _is_footnote_list(el: htmltree.Element) -> bool:
    return el.tag == "div" and el.get("class") == "footnote" and len(el.attrib) == 1  # that one attribute only


def exclude_footnotes(root: htmltree.Element) -> bool:
    """Keep the footnote list out of the page's own sections in the index. True if it changed."""
    changed = False
    for el in root.iter("div"):
        if _is_footnote_list(el):
            el.set("data-search-exclude", "chu-thich")
            changed = True
    return changed


def _note_text(el, parts: list[str]) -> None:
    """The text of a footnote's <li>, in order, without its back-link "↩"."""
    if htmltree.is_element(el):
        if el.tag == "a" and "footnote-backref" in htmltree.classes(el):
            return
        parts.append(el.text or "")
        for child in el:
            _note_text(child, parts)
            parts.append(child.tail or "")


def footnote_entries(root: htmltree.Element, url: str) -> list[dict]:
    """One search entry per footnote of a page whose address is `url`."""
    if not any(_is_footnote_list(el) for el in root.iter("div")):
        return []
    box = next((el for el in root.iter("div") if "footnote" in htmltree.classes(el)), None)
    if box is None:
        return []
    entries = []
    for li in htmltree.elements(box):
        note_id = li.get("id") or ""
        if li.tag != "li" or not note_id.startswith("fn:"):
            continue
        parts: list[str] = []
        _note_text(li, parts)
        entries.append({
            "location": f"{url}#{note_id}",
            "title": escape(f"Chú thích {note_id.split(':', 1)[1]}", quote=False),  # an id is any text
            "text": escape(" ".join("".join(parts).split()), quote=False),
        })
    return entries


def add_entries(index: dict, entries: dict[str, list[dict]]) -> dict:
    """Insert each page's entries after the last entry of that page.

    `entries` maps a page address ("phan-1/ket-qua/ton-giao/") to its entries.
    Material reads the first entry of an address as the page itself, so the
    new ones go after it and are shown as sections of that page. Pages the
    search plugin left out (front matter `search: exclude`) get none.
    """
    docs: list[dict] = []
    pending = {url: list(items) for url, items in entries.items() if items}
    for i, doc in enumerate(index["docs"]):
        docs.append(doc)
        page = doc["location"].split("#", 1)[0]
        following = index["docs"][i + 1]["location"].split("#", 1)[0] if i + 1 < len(index["docs"]) else None
        if page in pending and following != page:
            docs.extend(pending.pop(page))
    return {**index, "docs": docs}


def as_text(value: str) -> str:
    """An index field as the results list may insert it as HTML: its text escaped,
    and of its tags only those the search plugin writes itself, bare (no
    attribute); any other tag is reduced to its text, a comment dropped."""
    if "<" not in value:  # no tag: already text (an entity such as &lt; stays one)
        return value
    root = htmltree.parse(value)
    for node in list(root.iter())[1:]:
        if not htmltree.is_element(node):
            htmltree.remove(node)
        elif node.tag not in _PLUGIN_TAGS or node.attrib:
            node.drop_tag()  # its text and children stay, as text
    return htmltree.serialize(root)


def as_text_index(index: dict) -> dict:
    """`index` with every entry's title, text and tags made text (`as_text`); the
    results list inserts each as HTML (a tag's name too)."""
    docs = []
    for doc in index["docs"]:
        doc = {**doc, **{k: as_text(doc[k]) for k in ("title", "text") if isinstance(doc.get(k), str)}}
        if isinstance(doc.get("tags"), list):
            doc["tags"] = [as_text(t) if isinstance(t, str) else t for t in doc["tags"]]
        docs.append(doc)
    return {**index, "docs": docs}


def rewrite(path: Path, entries: dict[str, list[dict]]) -> None:
    """Add `entries` to the search index file written by the search plugin,
    every entry's title and text made text."""
    index = json.loads(path.read_text(encoding="utf-8"))
    data = json.dumps(as_text_index(add_entries(index, entries)), ensure_ascii=False, separators=(",", ":"))
    path.write_text(data, encoding="utf-8")
