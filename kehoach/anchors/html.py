"""Every block of a plan page's text gets its address (kehoach/anchors/scheme.py), in place.

A block is a paragraph (<p>, but not one inside a list item: the item is the
block), a list item (<li>; one inside another is a block of its own), a table
or a footnote (<li id="fn:n">), outside the site's chrome (`data-kh-chrome`),
links and code. `address(root, titles)` lists them with their ids, changing
nothing: the one place the scheme is applied, for any feature that needs the
ids (the register's back-links, the open data of the plan's text).
`assign(root, titles)` gives each block its id, and keeps every id the page
had before working:

- an id the block had of its own (`{: #so-lieu-bau-cu }`) and the id the
  register's linker gave it before this scheme (`<heading id>-doan-<n>`,
  `legacy_ids`) become alias anchors: an empty
  `<span class="kh-alias" id="…">` as the block's first child (before a
  table: its previous sibling), so a link to the old id still opens on the
  block, and site.css highlights the block (`:has(> .kh-alias:target)`);
- a paragraph inside a list item, not a block itself, keeps its own id and
  gets back the old one it had;
- a numbered heading gets its unit's id (`phan-2-muc-i-diem-1`) as an alias,
  so a unit can be linked to by its number too.

`add_links(root, blocks)` puts in each block the control a reader copies its
link with (`a.kh-block-link`, chrome, no text: its name is its aria-label;
overrides/assets/javascripts/lien-ket.js copies the address).
"""
from __future__ import annotations

from dataclasses import dataclass

from kehoach.anchors import scheme
from kehoach.checks.attributes import ID_MAX, safe_id
from kehoach.core import htmltree
from kehoach.core.chrome import ATTR
from kehoach.core.htmltree import Element

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
SKIP = frozenset({"a", "code", "pre", "script", "style", "kbd", "samp", "svg"})
ALIAS = "kh-alias"
LINK = "kh-block-link"
LABELS = {
    "doan": "Sao chép liên kết tới đoạn này",
    "bang": "Sao chép liên kết tới bảng này",
    scheme.FOOTNOTE: "Sao chép liên kết tới chú thích này",
}
_LEGACY_SKIP = frozenset({"a", "code", "pre", "script", "style", "kbd", "samp"})  # the linker's SKIP then
_NESTED = frozenset({"ul", "ol", "dl", "table", "div", "blockquote", "pre", "figure"})


class AnchorError(ValueError):
    """A block's address cannot be given: `value` is the id concerned."""

    def __init__(self, value: str, vi: str, en: str, fix_vi: str, fix_en: str):
        super().__init__(en)
        self.value, self.vi, self.en, self.fix_vi, self.fix_en = value, vi, en, fix_vi, fix_en


@dataclass(frozen=True)
class Block:
    """One block of the plan's text and its address."""

    element: Element
    id: str
    kind: str  # "doan" (paragraph or list item), "bang" (table), "chu-thich" (footnote)
    unit: str  # the id of the unit it is directly in ("phan-2-muc-ii-diem-2"); for a footnote, its id
    number: str  # its place among the blocks of its kind in its unit ("3"); for a footnote, its printed number


def _is_footnote(el: Element) -> bool:
    return el.tag == "li" and (el.get("id") or "").startswith("fn:")


def _heading_text(el: Element) -> str:
    return htmltree.spaced_text(el, lambda child: child.tag == "a")


def _walk(root: Element):
    """(element, what) in document order: "heading", "doan", "bang", "chu-thich";
    chrome, links and code are skipped whole, and a paragraph inside a list item."""
    def visit(el: Element, in_item: bool):
        for child in el:
            if not htmltree.is_element(child) or ATTR in child.attrib or child.tag in SKIP:
                continue
            tag = child.tag
            if tag in HEADINGS:
                yield child, "heading"
            elif _is_footnote(child):
                yield child, scheme.FOOTNOTE
            elif tag == "table":
                yield child, "bang"
            elif tag == "li":
                yield child, "doan"
                yield from visit(child, True)
            elif tag == "p":
                if not in_item:
                    yield child, "doan"
            else:
                yield from visit(child, in_item)
    yield from visit(root, False)


def address(root: Element, titles: list[str]) -> tuple[list[Block], list[tuple[Element, str]]]:
    """The blocks of a plan page's tree with their addresses, in document order,
    and the id each numbered heading's unit gets (heading, unit id). `titles`:
    the titles of the nav sections holding the page, outermost first. Nothing
    is changed."""
    path = scheme.trail(titles)
    counts: dict[tuple[str, str], int] = {}
    blocks: list[Block] = []
    units: list[tuple[Element, str]] = []
    for el, what in _walk(root):
        if what == "heading":
            part = scheme.unit_part(_heading_text(el))
            if part is None:
                own = el.get("id")
                if not own or not safe_id(own):
                    continue  # an id the attribute check refuses names nothing
                part = (scheme.NAMED, own)
            path = scheme.enter(path, part)
            if part[0] != scheme.NAMED:
                units.append((el, scheme.unit_id(path)))
            continue
        if what == scheme.FOOTNOTE:
            label = el.get("id").split(":", 1)[1]
            blocks.append(Block(el, el.get("id"), what, el.get("id"), label))
            continue
        unit = scheme.unit_id(path)
        key = (unit, what)
        counts[key] = counts.get(key, 0) + 1
        new = scheme.block_id(unit, what, counts[key])
        if len(new) > ID_MAX:
            raise AnchorError(
                new,
                f"Địa chỉ của một đoạn dưới mục \"{unit[:60]}…\" dài quá {ID_MAX} ký tự.",
                f"The address of a block under \"{unit[:60]}…\" is longer than {ID_MAX} characters.",
                "đặt cho tiêu đề không đánh số phía trên một id ngắn hơn ({: #id-ngan }).",
                "give the unnumbered heading above it a shorter id ({: #short-id }).")
        blocks.append(Block(el, new, what, unit, str(counts[key])))
    return blocks, units


def legacy_ids(root: Element) -> list[tuple[Element, str]]:
    """The ids the register's linker gave before this scheme, which links made
    then still use: each paragraph and list item without an id, outside
    footnotes, links, code and chrome, got `<id of the heading above>-doan-<n>`
    (n counting such elements under that heading; `doan-<n>` before any)."""
    out: list[tuple[Element, str]] = []
    state = {"heading": None, "count": 0}

    def visit(el: Element, skipped: bool, in_footnote: bool):
        for child in el:
            if not htmltree.is_element(child):
                continue
            if child.tag in HEADINGS:  # as the linker did: a heading anywhere, chrome too
                if child.get("id"):
                    state["heading"], state["count"] = child.get("id"), 0
            elif child.tag in ("p", "li") and not (child.get("id") or in_footnote or skipped or ATTR in child.attrib):
                state["count"] += 1
                heading = state["heading"]
                out.append((child, f"{heading}-doan-{state['count']}" if heading else f"doan-{state['count']}"))
            visit(child, skipped or child.tag in _LEGACY_SKIP or ATTR in child.attrib,
                  in_footnote or _is_footnote(child))

    visit(root, False, False)
    return out


def _alias(value: str) -> Element:
    return htmltree.new("span", {"class": ALIAS, "id": value})


def _put_first(el: Element, alias: Element) -> None:
    alias.tail, el.text = el.text, None
    el.insert(0, alias)


def assign(root: Element, titles: list[str]) -> list[Block]:
    """Give every block of the tree its address, keeping the ids it had as
    aliases (see the module's doc); the blocks, in document order.
    Raises AnchorError if an address is another element's id on the page."""
    old = legacy_ids(root)
    blocks, units = address(root, titles)
    holder = {el.get("id"): el for el in htmltree.with_id(root) if el.get("id")}
    for block in blocks:
        other = holder.get(block.id)
        if other is not None and other is not block.element:
            raise AnchorError(
                block.id,
                f"id \"{block.id}\" đã được dùng trong trang, nhưng đó là địa chỉ của một đoạn của Kế hoạch.",
                f"The id \"{block.id}\" is used on the page, but it is the address of a block of the plan.",
                "đổi id này ({: #… }) thành một id khác: các id dạng phan-…-doan-… dành cho địa chỉ đoạn.",
                "rename that id ({: #… }): ids such as phan-…-doan-… are the addresses of blocks.")
    taken = set(holder) | {b.id for b in blocks}
    by_element = {id(b.element): b for b in blocks}
    aliases: dict[int, list[str]] = {id(b.element): [] for b in blocks}
    for b in blocks:
        own = b.element.get("id")
        if own and own != b.id:
            aliases[id(b.element)].append(own)
    for el, value in old:
        if id(el) in by_element:
            if value != by_element[id(el)].id and value not in taken:
                aliases[id(el)].append(value)
                taken.add(value)
        elif value not in taken:  # a paragraph inside a list item keeps its old id
            el.set("id", value)
            taken.add(value)
    for b in blocks:
        b.element.set("id", b.id)
        for value in reversed(aliases[id(b.element)]):
            if b.kind == "bang":
                b.element.addprevious(_alias(value))
            else:
                _put_first(b.element, _alias(value))
    for heading, value in units:
        if heading.get("id") != value and value not in taken:
            _put_first(heading, _alias(value))
            taken.add(value)
    return blocks


def _link(block: Block) -> Element:
    label = LABELS[block.kind]
    # No title: the theme would show it as a tooltip that stays after a tap on a phone.
    return htmltree.bare("a", {"class": LINK, "href": "#" + block.id, "aria-label": label, ATTR: None})


def add_links(blocks: list[Block]) -> None:
    """Put in each block the control that copies its link: at the end of its
    text (in a list item, before a list nested in it; in a table, its caption,
    or just before the table when it has none)."""
    for block in blocks:
        el, link = block.element, _link(block)
        if block.kind == "bang":
            caption = el.find("caption")
            if caption is not None and ATTR not in caption.attrib:
                caption.append(link)
            else:
                el.addprevious(link)
            continue
        kids = [k for k in el if htmltree.is_element(k)]
        nested = next((k for k in kids if k.tag in _NESTED), None)
        if nested is None:
            last = kids[-1] if kids else None
            if last is not None and last.tag == "p" and not (last.tail or "").strip():
                last.append(link)
            else:
                el.append(link)
            continue
        before = nested.getprevious()
        if before is not None and before.tag == "p" and not (before.tail or "").strip():
            before.append(link)
        else:
            nested.addprevious(link)


def is_block_link(el: Element) -> bool:
    """The copy control `add_links` wrote (chrome: a page cannot forge the attribute)."""
    return el.tag == "a" and ATTR in el.attrib and htmltree.classes(el) == {LINK}


def block_of(el: Element) -> Element | None:
    """The block `el` is part of (a footnote, a list item, a table, or a
    paragraph not in a list item), itself included; None outside any."""
    for node in [el, *el.iterancestors()]:
        if node.tag in ("li", "table"):
            return node
    return el if el.tag == "p" else next((p for p in el.iterancestors() if p.tag == "p"), None)
