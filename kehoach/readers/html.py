"""What a page says about itself, and what helps readers find their way in it.

Run on each page's tree after rendering (on_page_content; kehoach/core/htmltree.py),
in place:

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


def first_paragraph(root: htmltree.Element) -> str:
    """The text of the first paragraph with words in it that is not in a skipped element."""
    for p in root.iter("p"):
        if _skipped(p) or any(_skipped(a) for a in p.iterancestors()):
            continue
        parts: list[str] = []
        _own_text(p, parts)
        text = " ".join("".join(parts).split())
        if text:
            return text
    return ""


def describe(title: str, root: htmltree.Element, site_name: str) -> str:
    """A one-line description of a page, from its first paragraph (else its title and the site's name)."""
    title = " ".join(title.split())
    text = first_paragraph(root)
    if not text:
        return shorten(f"{title} — {site_name}.")
    if len(text) < MIN_PARAGRAPH and title and title not in text:
        text = f"{title}: {text}"
    return shorten(text)


def _text(el: htmltree.Element) -> str:
    """The words of `el`, a space where each tag was, without a heading's permalink (¶)."""
    return htmltree.spaced_text(el, lambda child: child.tag == "a" and child.get("class") == "headerlink")


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def add_captions(root: htmltree.Element) -> bool:
    """Give each table without a <caption> one, named after the heading before
    it (the last one closed before the table starts). True if any was added."""
    headings, added = [], False
    if next(root.iter("table"), None) is None:
        return False
    for el in list(root.iter("table", *_HEADINGS)):  # document order; a heading is seen before what it holds
        if el.tag in _HEADINGS:
            headings.append(el)
        elif el.tag == "table":
            if len(el) and el[0].tag == "caption" and not (el.text or "").strip():
                continue
            closed = [h for h in headings[-2:] if not any(a is h for a in el.iterancestors())]
            name = _text(closed[-1]) if closed else "Bảng"
            caption = htmltree.bare("caption", {"class": "kh-visually-hidden", "data-kh-chrome": None})
            caption.text = name
            caption.tail, el.text = el.text, None
            el.insert(0, caption)
            added = True
    return added


def _is_scroll_box(el: htmltree.Element) -> bool:
    names = (el.get("class") or "").split()
    return el.tag == "div" and bool(names) and names[0] == "kh-table-scroll" and "tabindex" not in el.attrib


def scroll_boxes(root: htmltree.Element) -> bool:
    """Let keyboard users reach and scroll boxes that hold wide tables: each is
    named after the first caption from its start on. True if any changed."""
    changed = False
    for box in [el for el in root.iter("div") if _is_scroll_box(el)]:
        caption = next(iter(box.xpath("(descendant::caption | following::caption)[1]")), None)
        name = _text(caption) if caption is not None else "Bảng"
        box.set("tabindex", "0")
        box.set("role", "region")
        box.set("aria-label", f"{name} (cuộn ngang để xem hết bảng)")
        changed = True
    return changed


def first_element(root: htmltree.Element) -> htmltree.Element | None:
    """The page's first element, if nothing but white space comes before it."""
    if (root.text or "").strip() or not len(root) or not htmltree.is_element(root[0]):
        return None
    return root[0]


def focusable(root: htmltree.Element, element_id: str) -> bool:
    """Add tabindex="-1" to the first element with this id, if it has none. True if added."""
    for el in _WITH_ID(root, id=element_id):  # the first only
        if "tabindex" in el.attrib:
            return False
        el.set("tabindex", "-1")
        return True
    return False


_WITH_ID = htmltree.finder("descendant::*[@id = $id][1]")
