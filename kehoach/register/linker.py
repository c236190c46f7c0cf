"""Link the citations in a rendered plan page to the register, in place.

`link_page(root, register, href_for)` takes the tree of the HTML MkDocs made
from a plan page (kehoach/core/htmltree.py, parsed once per page by
kehoach/hooks.py), whose blocks already have their addresses
(kehoach/anchors/), and changes it in place, adding:

- each citation wrapped in `<a class="kh-cite" data-doc="<entry id>">`.

Not a visible character changes: a citation's own text becomes the link text.
Text inside links, code, scripts and `data-kh-chrome` elements is left alone.
Footnotes are handled like the body; their citations point at the footnote
(`#fn:4`). The result lists every place cited (`Place`) and every citation the
register does not know (`Problem`), for the caller to report.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Callable

from kehoach.anchors import html as anchors
from kehoach.register import citations
from kehoach.checks.attributes import safe_title
from kehoach.core.errors import excerpt
from kehoach.core.htmltree import Element, elements, is_element, new
from kehoach.register.model import Entry, Register

BLOCKS = {"p", "li", "td", "th", "dd", "dt", "caption", "figcaption", "blockquote", "div",
          "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "nav", "table", "ul", "ol"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIP = {"a", "code", "pre", "script", "style", "kbd", "samp"}
CONTEXT_MAX = 320


@dataclass(frozen=True)
class Place:
    """One citation of an entry: where it is and the sentence around it."""

    entry_id: str
    anchor: str
    text: str  # the cited words, whitespace collapsed
    date: str | None  # the date the citation gives, ISO
    before: str  # the citing sentence, split around the cited words
    after: str
    footnote: str | None  # original footnote number when cited in a footnote


@dataclass(frozen=True)
class Problem:
    text: str
    problem_vi: str
    problem_en: str
    fix_vi: str
    fix_en: str


@dataclass
class Result:
    places: list[Place]
    problems: list[Problem]


def _is_footnote(el: Element) -> bool:
    return el.tag == "li" and (el.get("id") or "").startswith("fn:")


def _footnote_item(el: Element) -> Element | None:
    """The footnote (<li id="fn:n">) that `el` sits in, itself excluded."""
    return next((parent for parent in el.iterancestors() if _is_footnote(parent)), None)


class _Text:
    """A run of text in the tree: `el.text` (before el's first child) or `el.tail` (after el).

    Its value is read once and kept: wrapping the many citations of one run
    shortens it each time, and copying a long run in and out of the tree for
    each of them would make linking a paragraph quadratic in its length.
    `flush` writes a changed value back; `forget` re-reads after the tree changed.
    """

    __slots__ = ("el", "attr", "_value", "_dirty")

    def __init__(self, el: Element, attr: str):
        self.el, self.attr = el, attr
        self._value: str | None = None
        self._dirty = False

    def get(self) -> str:
        if self._value is None:
            self._value = getattr(self.el, self.attr) or ""
        return self._value

    def set(self, value: str) -> None:
        self._value, self._dirty = value, True

    def flush(self) -> None:
        if self._dirty:
            setattr(self.el, self.attr, self._value or None)
            self._dirty = False

    def forget(self) -> None:
        self.flush()
        self._value = None

    @property
    def parent(self) -> Element:
        """The element whose content this text is part of."""
        return self.el if self.attr == "text" else self.el.getparent()


def _walk(el: Element, block: Element, skipped: bool, in_footnote: bool, on_element, on_text) -> None:
    """Visit the content of `el` in document order, once: each element and each
    run of text, with its block, whether it is skipped (inside a link, code,
    site chrome) and whether it is inside a footnote."""
    if el.text and on_text:
        on_text(_Text(el, "text"), block, skipped)
    for child in el:
        if is_element(child):
            if on_element:
                on_element(child, skipped, in_footnote)
            _walk(child, child if child.tag in BLOCKS else block,
                  skipped or child.tag in SKIP or "data-kh-chrome" in child.attrib,
                  in_footnote or _is_footnote(child),
                  on_element, on_text)
        if child.tail and on_text:
            on_text(_Text(child, "tail"), block, skipped)


def _text_blocks(root: Element) -> list[tuple[Element, list[_Text]]]:
    """The text of the page, block by block: each block with its runs of text in order."""
    groups: dict[int, tuple[Element, list[_Text]]] = {}

    def visit(text, block, skipped):
        if not skipped:
            groups.setdefault(id(block), (block, []))[1].append(text)

    _walk(root, root, False, False, None, visit)
    return list(groups.values())


def _anchor_of(el: Element) -> str:
    """The address of the block a citation is in (kehoach/anchors/), else the nearest id."""
    foot = _footnote_item(el)
    if foot is not None:
        return foot.get("id")
    block = anchors.block_of(el)
    if block is not None and block.get("id"):
        return block.get("id")
    for parent in el.iterancestors():
        if parent.get("id"):
            return parent.get("id")
    return ""


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


class _Marks:
    """Where the sentence ends and semicolons of a block's text are, found once
    and searched by bisection, so that finding the sentence of each of many
    citations costs no pass over the text."""

    def __init__(self, text: str):
        ends = list(_SENTENCE_END.finditer(text))
        self.starts = [m.start() for m in ends]
        self.ends = [m.end() for m in ends]
        self.newline = [m.group() == "\n" for m in ends]
        self.semis = [m.start() for m in re.finditer(";", text)]

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """Start of the sentence holding text[start:...] and end of the one holding text[...:end]."""
        k = bisect.bisect_right(self.ends, start) - 1
        if k >= 0 and not self.newline[k] and self.ends[k] == start:
            k -= 1  # ".", "!" or "?" counts only if the space after it comes before `start`
        s = self.ends[k] if k >= 0 else 0
        k = bisect.bisect_left(self.starts, end)
        return s, (self.ends[k] if k < len(self.starts) else None)

    def last_semicolon(self, lo: int, hi: int) -> int:
        k = bisect.bisect_left(self.semis, hi) - 1
        return self.semis[k] if k >= 0 and self.semis[k] >= lo else -1

    def first_semicolon(self, lo: int, hi: int) -> int:
        k = bisect.bisect_left(self.semis, lo)
        return self.semis[k] if k < len(self.semis) and self.semis[k] < hi else -1


def _squashed(text: str, lo: int, hi: int, keep: int, tail: bool) -> str:
    """`citations.squash(text[lo:hi])`, or, when that is longer than `keep`
    characters, its last (`tail`) or first characters, more than `keep` of
    them: reading a whole long sentence for each of its citations would make
    linking quadratic."""
    width = 4 * CONTEXT_MAX
    while hi - lo > width:
        part = citations.squash(text[hi - width:hi] if tail else text[lo:lo + width])
        if len(part) > keep + 1:
            return part
        width *= 2
    return citations.squash(text[lo:hi])


def context(text: str, start: int, end: int, marks: _Marks | None = None) -> tuple[str, str]:
    """The citing sentence around text[start:end], as (before, after).

    A sentence ends at ".", "!" or "?" followed by a space. A long sentence is
    narrowed to the clause between semicolons, then cut at a word; "…" marks
    every cut. `marks`: the text's `_Marks`, when many citations of one text
    are placed.
    """
    marks = marks or _Marks(text)
    s, e = marks.sentence(start, end)
    e = len(text) if e is None else e
    cut_start = cut_end = False
    if e - s > CONTEXT_MAX:
        semi = marks.last_semicolon(s, start)
        if semi != -1:
            s, cut_start = semi + 1, True
        semi = marks.first_semicolon(end, e)
        if semi != -1:
            e, cut_end = semi + 1, True
    half = CONTEXT_MAX // 2
    before, after = _squashed(text, s, start, half, True), _squashed(text, end, e, half, False)
    if len(before) > half:
        before, cut_start = before[-half:].split(" ", 1)[-1], True
    if len(after) > half:
        after, cut_end = after[:half].rsplit(" ", 1)[0], True
    if start > s and text[start - 1].isspace():
        before += " "
    if e > end and text[end].isspace():
        after = " " + after
    return ("… " if cut_start else "") + before, after + (" …" if cut_end else "")


def _locate(bounds: list[tuple[int, int]], pos: int, at_end: bool) -> int:
    """The run of text (by its index in `bounds`, the runs' contiguous spans)
    holding the character at `pos`, or (`at_end`) the one just before it."""
    k = (bisect.bisect_left(bounds, (pos,)) if at_end else bisect.bisect_right(bounds, (pos, float("inf")))) - 1
    if k >= 0 and ((bounds[k][0] <= pos < bounds[k][1]) if not at_end else (bounds[k][0] < pos <= bounds[k][1])):
        return k
    raise AssertionError("position outside the block")


def _content(el: Element) -> list:
    """`el`'s content, text and elements alternating: [text, child, tail, child, tail, ...]."""
    items: list = [el.text or ""]
    for child in el:
        items += [child, child.tail or ""]
    return items


def _set_content(el: Element, items: list) -> None:
    for child in list(el):
        el.remove(child)
    el.text = items[0] or None
    for child, tail in zip(items[1::2], items[2::2]):
        child.tail = tail or None
        el.append(child)


def _position(items: list, node) -> int:
    """Where `node` (a run of text, or a child element) is in its parent's content."""
    if isinstance(node, _Text):
        if node.attr == "text":
            return 0
        return next(k for k in range(1, len(items), 2) if items[k] is node.el) + 1
    return next(k for k in range(1, len(items), 2) if items[k] is node)


def _inside(text: _Text, el: Element) -> bool:
    return text.parent is el or any(p is el for p in text.parent.iterancestors())


def _wrap(nodes: list[_Text], bounds: list[tuple[int, int]], start: int, end: int, attrs: dict) -> Element | None:
    """Wrap text[start:end] of a block (spread over `nodes`) in an <a>; None if the markup forbids it."""
    i, j = _locate(bounds, start, False), _locate(bounds, end, True)
    first, last = nodes[i], nodes[j]
    a = new("a", attrs)
    if i == j:
        value, lo, hi = first.get(), start - bounds[i][0], end - bounds[i][0]
        a.text, a.tail = value[lo:hi], value[hi:] or None
        first.set(value[:lo])
        if first.attr == "text":
            first.el.insert(0, a)
        else:
            first.el.addnext(a)
        return a
    last_chain = [last.parent, *last.parent.iterancestors()]
    common = next(p for p in [first.parent, *first.parent.iterancestors()] if any(p is q for q in last_chain))

    def edge(text: _Text):  # the piece of common's content that holds `text`
        if text.parent is common:
            return text
        return next(p for p in [text.parent, *text.parent.iterancestors()] if p.getparent() is common)

    for n in nodes:  # the tree is read and rewritten below: write back, and re-read after
        n.forget()
    cs, ce = edge(first), edge(last)
    # An element at either edge must lie wholly inside the citation.
    if not isinstance(cs, _Text) and bounds[min(k for k, n in enumerate(nodes) if _inside(n, cs))][0] != start:
        return None
    if not isinstance(ce, _Text) and bounds[max(k for k, n in enumerate(nodes) if _inside(n, ce))][1] != end:
        return None
    items = _content(common)
    s, e = _position(items, cs), _position(items, ce)
    # Nor may a link (a footnote reference) sit inside it: links do not nest.
    if any(not isinstance(x, str) and next(x.iter("a"), None) is not None for x in items[s:e + 1]):
        return None
    if isinstance(cs, _Text):  # split the first run of text at the citation's start
        lo = start - bounds[i][0]
        before, inner = items[:s] + [items[s][:lo]], [items[s][lo:]] + items[s + 1:e]
    else:
        before, inner = items[:s], [""] + items[s:e]
    if isinstance(ce, _Text):  # and the last at its end
        hi = end - bounds[j][0]
        inner, after = inner + [items[e][:hi]], [items[e][hi:]] + items[e + 1:]
    else:
        inner, after = inner + [items[e], ""], items[e + 1:]
    _set_content(a, inner)
    _set_content(common, before + [a] + after)
    return a


def link_page(root: Element, register: Register, href_for: Callable[[Entry], str]) -> Result:
    """Link the citations in the tree below `root`, in place."""
    groups = _text_blocks(root)

    places: list[Place] = []
    problems: list[Problem] = []
    names, exclusions = register.names, register.exclusions
    leads = citations.leads(tuple(names))
    for block, nodes in groups:
        block_places: list[Place] = []
        text = "".join(n.get() for n in nodes)
        if leads is not None and leads.search(text) is None:
            continue  # no kind word, no name: no citation (most blocks of a page)
        found, unknown = citations.find(text, names, exclusions)
        for u in unknown:
            cited = citations.squash(u.text)
            shown = excerpt(cited, quote=False)  # quoted as any value; the whole text finds the line
            problems.append(Problem(
                cited,
                f"\"{shown}\" trông như trích dẫn một văn bản nhưng danh mục văn bản không có văn bản này.",
                f"\"{shown}\" looks like a citation of a document that the register does not list.",
                f"thêm văn bản vào data/register.yml với name: \"{shown}\" (sửa cho đúng tên đầy đủ như Kế hoạch viết), "
                "hoặc, nếu đây không phải một văn bản đã ban hành, thêm cụm từ vào not_citations kèm lý do.",
                f"add the document to data/register.yml with name: \"{shown}\" (corrected to its full name as the plan writes it), "
                "or, if it is not an issued document, add the phrase to not_citations with a reason.",
            ))
        if not found:
            continue  # nothing to link in this block: its text is left as it was read
        bounds, pos = [], 0
        for n in nodes:
            bounds.append((pos, pos + len(n.get())))
            pos += len(n.get())
        marks = _Marks(text)
        for cit in reversed(found):
            cited = citations.squash(cit.text)
            shown = excerpt(cited, quote=False)
            entry = register.lookup(cit)
            if entry is None:
                problems.append(Problem(
                    cited,
                    f"Văn bản \"{shown}\" được trích dẫn nhưng chưa có trong danh mục văn bản.",
                    f"The page cites \"{shown}\", which is not in the register of cited documents.",
                    f"thêm một mục cho {cit.kind} số {excerpt(cit.number, quote=False)} vào data/register.yml "
                    "(id, kind, number; ngày, cơ quan ban hành, trích yếu chỉ khi Kế hoạch ghi), "
                    "hoặc sửa số, ký hiệu nếu gõ nhầm.",
                    f"add an entry for {cit.kind} {excerpt(cit.number, quote=False)} to data/register.yml "
                    "(id, kind, number; date, issuer, subject only where the plan gives them), "
                    "or correct the number if it is a typo.",
                ))
                continue
            if cit.date and entry.date != cit.date:
                problems.append(Problem(
                    cited,
                    f"Trích dẫn \"{shown}\" ghi ngày {cit.date}, nhưng mục '{entry.id}' trong danh mục "
                    f"ghi ngày {entry.date or '(không có)'}.",
                    f"The citation \"{shown}\" gives the date {cit.date}, but entry '{entry.id}' has "
                    f"{entry.date or 'no date'}.",
                    f"sửa date của mục '{entry.id}' trong data/register.yml cho khớp với Kế hoạch.",
                    f"make the date of entry '{entry.id}' in data/register.yml match the plan.",
                ))
                continue
            before, after = context(text, cit.start, cit.end, marks)
            a = _wrap(nodes, bounds, cit.start, cit.end, {
                "href": href_for(entry), "class": "kh-cite", "data-doc": entry.id,
                # The theme shows a title as HTML: it names the label only when that is plain text.
                "title": f"{entry.label}: xem trong danh mục văn bản được trích dẫn" if safe_title(entry.label)
                else "Xem trong danh mục văn bản được trích dẫn",
            })
            if a is None:
                problems.append(Problem(
                    cited,
                    f"Không thể tạo liên kết cho \"{cited}\": định dạng chữ (đậm, nghiêng...) hoặc một chỗ "
                    "dẫn chú thích nằm cắt ngang trích dẫn.",
                    f"Cannot link \"{cited}\": formatting (bold, italics...) or a footnote reference "
                    "cuts across the citation.",
                    "đặt chỗ dẫn chú thích [^n] sau trích dẫn; để định dạng bao trọn cả trích dẫn "
                    "hoặc nằm hẳn ngoài trích dẫn.",
                    "put the footnote reference [^n] after the citation; make formatting cover "
                    "the whole citation or none of it.",
                ))
                continue
            foot = _footnote_item(a)
            block_places.append(Place(entry.id, _anchor_of(a), cited, cit.date, before, after,
                                foot.get("id").split(":", 1)[1] if foot is not None else None))
        for n in nodes:
            n.flush()
        places.extend(reversed(block_places))
    return Result(places, problems)
