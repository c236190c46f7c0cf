"""The whole plan as open data: its blocks, read from the plan pages' final trees (no MkDocs).

`plan_blocks` walks the tree of each plan page (kehoach/core/htmltree.py, as
the build keeps it in `state.trees` once every page is rendered) in reading
order and returns one `Block` per heading, paragraph, list item, table and
footnote, each with:

- the id the page's element carries (never one made up here: the linker and
  the Markdown give them; a block with no id of its own has None, and its
  address is the nearest enclosing element that has one);
- its text as a reader sees it: the words and punctuation of the page, white
  space collapsed as a browser does, a line break (<br>) as "\\n"; site chrome
  (`data-kh-chrome`, kept only where our code wrote it: kehoach/core/chrome.py),
  heading permalinks and footnote back links left out, and a footnote
  reference's number left out of the text and listed with its offset
  (`FootnoteRef`) instead, as the signed text prints it raised;
- the citations in it (`Citation`): the register linker's own record of what
  it linked (`kehoach/register/linker.py` `Place`, kept by page in
  `state.register.places`), never the `data-doc` of a link, which a page could
  type; each placed at its offset in the text.

Offsets count Unicode code points (the text is NFC; every letter of the plan
is one code point, and one UTF-16 unit).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from kehoach.core import htmltree

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements that make a block of their own when they hold text (as kehoach/plan/record.py reads blocks).
CONTAINERS = {"div", "section", "article", "blockquote", "dd", "dt", "ul", "ol", "figure", "figcaption"}
_SKIPPED_TAGS = {"script", "style", "template"}
_SCREEN_ONLY = {"headerlink", "footnote-backref"}  # a permalink sign, a footnote's back arrow
_SPACE = " \t\n\r\f"  # HTML white space (a no-break space is a character of the text)

KINDS = ("heading", "paragraph", "list_item", "table", "footnote", "block")


@dataclass(frozen=True)
class Citation:
    document: str  # the register entry's id (data/register.yml)
    offset: int    # where the cited words start in the block's (or cell's) text
    length: int
    text: str      # text[offset:offset + length]


@dataclass(frozen=True)
class FootnoteRef:
    label: str     # the footnote's own number in the signed text
    offset: int    # where the raised number stands in the text (after the word it explains)
    footnote: str  # the footnote's id on the page (fn:<label>)


@dataclass
class Cell:
    text: str
    header: bool
    colspan: int = 1
    rowspan: int = 1
    citations: list[Citation] = field(default_factory=list)
    footnote_refs: list[FootnoteRef] = field(default_factory=list)


@dataclass
class Row:
    id: str | None
    cells: list[Cell]


@dataclass
class Block:
    kind: str
    id: str | None
    anchor: str | None        # the id its address points at: its own, or the nearest enclosing one
    page: str                 # the page's public path, e.g. "phan-1/ket-qua/" ("" for the plan's first page)
    source: str               # the page's Markdown file, relative to docs/
    text: str
    level: int | None = None  # a heading's level in the whole plan's outline (the print page's)
    parent: str | None = None  # the enclosing list item, table or footnote (its id)
    sections: list[str] = field(default_factory=list)  # ids of the headings it stands under, outermost first
    citations: list[Citation] = field(default_factory=list)
    footnote_refs: list[FootnoteRef] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)  # a table's rows


@dataclass(frozen=True)
class PlanPage:
    """One rendered plan page, as `plan_blocks` reads it."""
    source: str                # src_uri
    path: str                  # public path (directory address), e.g. "phan-1/ket-qua/"
    root: htmltree.Element     # its final tree: read, never changed
    shift: int                 # how far its headings move down in the whole plan (kehoach/exports/fullplan.py)
    places: tuple = ()         # the linker's Places of this page, in page order


class PlacementError(Exception):
    """The linker recorded a citation that the page's final tree does not hold
    where it said: a fault of the code, not of a page."""


# ---------------------------------------------------------------- text of one element

class _Ref:
    __slots__ = ("label", "footnote")

    def __init__(self, label: str, footnote: str):
        self.label, self.footnote = label, footnote


_BR = object()


def _is_chrome(el) -> bool:
    return el.tag in _SKIPPED_TAGS or el.get("data-kh-chrome") is not None


def _footnote_ref(el, footnotes: set[str]) -> _Ref | None:
    """A footnote reference (`<sup id="fnref:4"><a class="footnote-ref" href="#fn:4">4</a></sup>`)
    pointing at a footnote of this page; None for anything else."""
    link = el if el.tag == "a" else next((a for a in el if htmltree.is_element(a) and a.tag == "a"), None)
    if link is None or "footnote-ref" not in htmltree.classes(link):
        return None
    target = (link.get("href") or "").removeprefix("#")
    if target not in footnotes:
        return None
    return _Ref(target.split(":", 1)[1], target)


def _pieces(el, footnotes: set[str], stop=lambda child: False) -> list:
    """The content of `el` in order: strings, _BR and _Ref; `stop(child)`: a
    nested block, read as a block of its own (its text left out here)."""
    out: list = []

    def walk(node) -> None:
        if node.text:
            out.append(node.text)
        for child in node:
            if htmltree.is_element(child) and not stop(child) and not _is_chrome(child) \
                    and not htmltree.classes(child) & _SCREEN_ONLY:
                if child.tag == "br":
                    out.append(_BR)
                else:
                    ref = _footnote_ref(child, footnotes) if child.tag in ("sup", "a") else None
                    if ref is not None:
                        out.append(ref)
                    else:
                        walk(child)
            if child.tail:
                out.append(child.tail)

    walk(el)
    return out


def compose(pieces: Iterable) -> tuple[str, list[FootnoteRef]]:
    """The text a reader sees, and the footnote references in it: white space
    collapsed to one space, none at either end or beside a line break."""
    out: list[str] = []
    refs: list[FootnoteRef] = []
    space = False
    for piece in pieces:
        if piece is _BR:
            if out:
                while out and out[-1] == " ":
                    out.pop()
                out.append("\n")
            space = False
        elif isinstance(piece, _Ref):
            refs.append(FootnoteRef(piece.label, len(out), piece.footnote))
        else:
            for ch in piece:
                if ch in _SPACE:
                    space = bool(out) and out[-1] != "\n"
                    continue
                if space:
                    out.append(" ")
                    space = False
                out.append(ch)
    while out and out[-1] in " \n\u00a0":  # Python-Markdown puts a no-break space before a footnote's back link
        out.pop()
    text = "".join(out)
    return text, [FootnoteRef(r.label, min(r.offset, len(text)), r.footnote) for r in refs]


# ---------------------------------------------------------------- blocks of a page

def _kind(el, footnotes: set[str]) -> str | None:
    if el.tag in HEADINGS:
        return "heading"
    if el.tag == "p":
        return "paragraph"
    if el.tag == "li":
        return "footnote" if el.get("id") in footnotes else "list_item"
    if el.tag == "table":
        return "table"
    if el.tag in CONTAINERS:
        return "block"
    return None


def _footnote_ids(root) -> set[str]:
    return {li.get("id") for div in root.iter("div") if "footnote" in htmltree.classes(div)
            for li in div.iter("li") if (li.get("id") or "").startswith("fn:")}


def _anchor(el) -> str | None:
    if el.get("id"):
        return el.get("id")
    return next((p.get("id") for p in el.iterancestors() if p.get("id")), None)


def _is_block(child, footnotes) -> bool:
    return htmltree.is_element(child) and _kind(child, footnotes) is not None


def page_blocks(page: PlanPage) -> list[tuple[Block, object]]:
    """The blocks of one page in reading order, each with its element (for placing citations)."""
    footnotes = _footnote_ids(page.root)
    out: list[tuple[Block, object]] = []
    units: list = []

    def add(kind, el, text, refs, parent) -> Block:
        block = Block(kind, el.get("id"), _anchor(el), page.path, page.source, text,
                      footnote_refs=refs, parent=parent)
        if kind == "heading":
            block.level = min(6, int(el.tag[1]) + page.shift)
        out.append((block, el))
        return block

    def visit(el, parent: str | None) -> None:
        for child in el:
            if not htmltree.is_element(child) or _is_chrome(child):
                continue
            kind = _kind(child, footnotes)
            if kind is None:  # inline text outside any block: the page's own (kept with its container)
                visit(child, parent)
                continue
            if kind == "table":
                table = add("table", child, "", [], parent)
                _read_table(child, table, footnotes, units)
                table.text = "\n".join("\t".join(c.text for c in r.cells) for r in table.rows)
                continue
            leaf = kind in ("heading", "paragraph", "footnote")
            text, refs = compose(_pieces(child, footnotes, (lambda c: False) if leaf else (lambda c: _is_block(c, footnotes))))
            if kind == "block" and not text:  # a wrapper: only its blocks count
                visit(child, parent)
                continue
            block = add(kind, child, text, refs, parent)
            units.append((block, child))
            if not leaf:
                visit(child, child.get("id") or parent)

    visit(page.root, None)
    _place_citations(page, units)
    for block, _ in out:
        if block.kind == "table":
            _lift_cells(block)
    return out


def _lift_cells(table: Block) -> None:
    """A table's citations and footnote references also at their offsets in
    the table's own text (its cells joined by tab, its rows by line break)."""
    at = 0
    for row in table.rows:
        if not row.cells:
            at += 1  # its empty line
        for cell in row.cells:
            table.citations += [Citation(c.document, at + c.offset, c.length, c.text) for c in cell.citations]
            table.footnote_refs += [FootnoteRef(r.label, at + r.offset, r.footnote) for r in cell.footnote_refs]
            at += len(cell.text) + 1


def _read_table(table, block: Block, footnotes: set[str], units: list) -> None:
    for tr in table.iter("tr"):
        if any(_is_chrome(a) for a in tr.iterancestors()) or _is_chrome(tr):
            continue
        cells = []
        for cell in tr:
            if not htmltree.is_element(cell) or cell.tag not in ("td", "th") or _is_chrome(cell):
                continue
            text, refs = compose(_pieces(cell, footnotes))
            c = Cell(text, cell.tag == "th", _span(cell.get("colspan")), _span(cell.get("rowspan")),
                     footnote_refs=refs)
            cells.append(c)
            units.append((c, cell))
        block.rows.append(Row(tr.get("id"), cells))


def _span(value: str | None) -> int:
    try:
        return max(1, min(1000, int(value or 1)))
    except ValueError:
        return 1


def _place_citations(page: PlanPage, units: list) -> None:
    """Each citation the linker recorded on this page, placed in the text of
    the block (or cell) that holds it: in the units at or inside the element
    whose id the linker gave as the place's anchor, in order, compared without
    white space (the linker read the text before line breaks were spaced).
    Linear in the page's size: each unit's text is made compact once."""
    if not page.places:
        return
    within: dict[str, list[int]] = {}  # an id -> the units at or inside its element, in order
    for k, (_, el) in enumerate(units):
        for holder in (el, *el.iterancestors()):
            if holder.get("id"):
                within.setdefault(holder.get("id"), []).append(k)
    compact: dict[int, tuple[list[int], str]] = {}
    cursor: dict[str, tuple[int, int]] = {}  # anchor -> (position in within[anchor], compact offset) after its last
    for place in page.places:
        candidates = within.get(place.anchor)
        if not candidates:
            raise PlacementError(f"{page.source}: the linker placed a citation of {place.entry_id!r} "
                                 f"at #{place.anchor}, which holds no text of the page")
        wanted = "".join(place.text.split())
        n, at = cursor.get(place.anchor, (0, 0))
        while n < len(candidates):
            unit = units[candidates[n]][0]
            if candidates[n] not in compact:
                positions = [k for k, ch in enumerate(unit.text) if not ch.isspace()]
                compact[candidates[n]] = (positions, "".join(unit.text[k] for k in positions))
            positions, flat = compact[candidates[n]]
            found = flat.find(wanted, at) if wanted else -1
            if found >= 0:
                lo, hi = positions[found], positions[found + len(wanted) - 1] + 1
                unit.citations.append(Citation(place.entry_id, lo, hi - lo, unit.text[lo:hi]))
                cursor[place.anchor] = (n, found + len(wanted))
                break
            n, at = n + 1, 0
        else:
            raise PlacementError(f"{page.source}: the citation {place.text!r} of {place.entry_id!r} "
                                 f"is not in the text at #{place.anchor}")


# ---------------------------------------------------------------- the whole plan

def plan_blocks(pages: list[PlanPage]) -> list[Block]:
    """Every block of the plan's pages (in reading order), each with the
    headings it stands under (the whole plan's outline, across pages)."""
    blocks: list[Block] = []
    outline: list[tuple[int, str]] = []  # (level, id) of the open headings
    for page in pages:
        for block, _ in page_blocks(page):
            if block.kind == "heading":
                while outline and outline[-1][0] >= block.level:
                    outline.pop()
                block.sections = [i for _, i in outline]
                if block.id:
                    outline.append((block.level, block.id))
            else:
                block.sections = [i for _, i in outline]
            blocks.append(block)
    return blocks
