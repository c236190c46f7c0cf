"""What a page says about itself, and what helps readers find their way in it.

Run on each page's HTML after rendering (on_page_content):

- description: the page's front matter `description:` or, failing that, its
  first paragraph of text (skipping the site's own notes and the document
  header), shortened to about 160 characters. Material writes it into
  <meta name="description">; overrides/main.html writes it into Open Graph.
- captions: a Markdown table cannot carry a <caption>; a table without one gets
  a caption, visually hidden, naming the section it sits in, so that a screen
  reader announces what the table is.
- scroll boxes: a box that scrolls a wide table sideways (class
  kh-table-scroll) is a named region that the keyboard can reach and scroll.
- cell labels: each data cell of a table names its column, for phones
  (cell_labels.py).
- skip link: Material's "skip to content" link points at the first entry of
  the page's table of contents; that entry is made the first element of the
  content, and the element can take focus (tabindex="-1"), so activating the
  link moves keyboard focus to the text, not only the scroll position.
"""
from __future__ import annotations

import re
from html import escape, unescape

from kehoach.core import htmltree
from kehoach.core.vietnamese import shorten

MIN_PARAGRAPH = 60

# Elements whose text is not the page's own text: the site's notes
# (data-kh-chrome), the document header, footnotes, superscript references.
_SKIP_CLASSES = {"kh-header", "footnote", "headerlink"}
_SKIP_TAGS = {"sup", "nav", "table", "script", "style"}


def _skipped(el) -> bool:
    return "data-kh-chrome" in el.attrib or el.tag in _SKIP_TAGS or bool(htmltree.classes(el) & _SKIP_CLASSES)


def _own_text(el, parts: list[str]) -> None:
    """The text of `el`, leaving out skipped elements inside it (but not the text after them)."""
    if el.text:
        parts.append(el.text)
    for child in el:
        if htmltree.is_element(child) and not _skipped(child):
            _own_text(child, parts)
        if child.tail:
            parts.append(child.tail)


def first_paragraph(html: str) -> str:
    """The text of the first paragraph with words in it that is not in a skipped element."""
    for p in htmltree.parse(html).iter("p"):
        if _skipped(p) or any(_skipped(a) for a in p.iterancestors()):
            continue
        parts: list[str] = []
        _own_text(p, parts)
        text = " ".join("".join(parts).split())
        if text:
            return text
    return ""


def describe(title: str, html: str, site_name: str) -> str:
    """A one-line description of a page, from its first paragraph (else its title and the site's name)."""
    title = " ".join(title.split())
    text = first_paragraph(html)
    if not text:
        return shorten(f"{title} — {site_name}.")
    if len(text) < MIN_PARAGRAPH and title and title not in text:
        text = f"{title}: {text}"
    return shorten(text)


def _strip_tags(html: str) -> str:
    html = re.sub(r'<a class="headerlink".*?</a>', "", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


_TABLE = re.compile(r"<table\b[^>]*>")
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)


def add_captions(html: str) -> str:
    """Give each table without a <caption> one, named after its section."""
    out, last = [], 0
    for m in _TABLE.finditer(html):
        following = html[m.end():m.end() + 200].lstrip()
        if following.startswith("<caption"):
            continue
        headings = list(_HEADING.finditer(html, 0, m.start()))
        name = _strip_tags(headings[-1].group(2)) if headings else "Bảng"
        out.append(html[last:m.end()])
        out.append(f'<caption class="kh-visually-hidden" data-kh-chrome>{escape(name)}</caption>')
        last = m.end()
    out.append(html[last:])
    return "".join(out)


_SCROLL_BOX = re.compile(r'<div class="(kh-table-scroll(?: [^"]*)?)"(?![^>]*tabindex=)([^>]*)>')


def scroll_boxes(html: str) -> str:
    """Let keyboard users reach and scroll boxes that hold wide tables."""
    def named(m: re.Match) -> str:
        caption = re.search(r"<caption[^>]*>(.*?)</caption>", html[m.end():], re.S)
        name = _strip_tags(caption.group(1)) if caption else "Bảng"
        return (f'<div class="{m.group(1)}"{m.group(2)} tabindex="0" role="region" '
                f'aria-label="{escape(name)} (cuộn ngang để xem hết bảng)">')
    return _SCROLL_BOX.sub(named, html)


FIRST_TAG = re.compile(r"\s*" + htmltree.START_TAG.pattern)


def focusable(html: str, element_id: str) -> str:
    """Add tabindex="-1" to the element with this id, if it has none."""
    for tag, found in htmltree.tags_with_ids(html):
        if found == element_id:
            name, attrs = tag.groups()
            if "tabindex=" in attrs:
                return html
            return html[:tag.start()] + f'<{name}{attrs} tabindex="-1">' + html[tag.end():]
    return html
