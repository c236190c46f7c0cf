"""Link the citations in a rendered plan page to the register, in place.

`link_page(html, register, href_for)` takes the HTML MkDocs made from a plan
page and returns the same HTML with:

- a stable id on every paragraph and list item that has none, built from the
  heading above it and its position under that heading
  ("cai-cach-hanh-chinh-doan-3"), so a citation can be pointed to;
- each citation wrapped in `<a class="kh-cite" data-doc="<entry id>">`.

Not a visible character changes: a citation's own text becomes the link text.
Text inside links, code, scripts and `data-kh-chrome` elements is left alone.
Footnotes are handled like the body; their citations point at the footnote
(`#fn:4`). The result lists every place cited (`Place`) and every citation the
register does not know (`Problem`), for the caller to report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from bs4 import BeautifulSoup, NavigableString, Tag

from . import citations
from .register import Entry, Register

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
    html: str
    places: list[Place]
    problems: list[Problem]


def _footnote_item(node) -> Tag | None:
    for parent in node.parents:
        if parent.name == "li" and str(parent.get("id", "")).startswith("fn:"):
            return parent
    return None


def _walk(tag: Tag, block: Tag, skipped: bool, in_footnote: bool, visit) -> None:
    """Visit every element and text below `tag` in document order, once, with
    its block, whether it is skipped (inside a link, code, site chrome) and
    whether it is inside a footnote: one pass instead of walking up the
    parents of every node."""
    for child in tag.contents:
        if isinstance(child, Tag):
            visit(child, block, skipped, in_footnote)
            _walk(child, child if child.name in BLOCKS else block,
                  skipped or child.name in SKIP or child.has_attr("data-kh-chrome"),
                  in_footnote or (child.name == "li" and str(child.get("id", "")).startswith("fn:")),
                  visit)
        else:
            visit(child, block, skipped, in_footnote)


def add_paragraph_ids(soup: BeautifulSoup) -> None:
    """Give every paragraph and list item without an id a stable one."""
    taken = {str(t["id"]) for t in soup.find_all(id=True)}
    state = {"heading": None, "count": 0}

    def visit(node, block, skipped, in_footnote):
        if not isinstance(node, Tag):
            return
        if node.name in HEADINGS:
            if node.get("id"):
                state["heading"], state["count"] = str(node["id"]), 0
            return
        if node.name not in ("p", "li") or node.get("id") or in_footnote or skipped or node.has_attr("data-kh-chrome"):
            return
        state["count"] += 1
        heading = state["heading"]
        new = f"{heading}-doan-{state['count']}" if heading else f"doan-{state['count']}"
        if new in taken:
            raise ValueError(f"paragraph id {new!r} already used on the page")
        node["id"] = new
        taken.add(new)

    _walk(soup, soup, False, False, visit)


def _text_blocks(soup: BeautifulSoup) -> list[tuple[Tag, list[NavigableString]]]:
    """The text of the page, block by block: each block with its text nodes in order."""
    groups: dict[int, tuple[Tag, list]] = {}

    def visit(node, block, skipped, in_footnote):
        if type(node) is NavigableString and not skipped:
            groups.setdefault(id(block), (block, []))[1].append(node)

    _walk(soup, soup, False, False, visit)
    return list(groups.values())


def _anchor_of(node) -> str:
    foot = _footnote_item(node)
    if foot is not None:
        return str(foot["id"])
    for parent in node.parents:
        if isinstance(parent, Tag) and parent.name in {"p", "li", "td", "th"} and parent.get("id"):
            return str(parent["id"])
    for parent in node.parents:
        if isinstance(parent, Tag) and parent.get("id"):
            return str(parent["id"])
    return ""


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def context(text: str, start: int, end: int) -> tuple[str, str]:
    """The citing sentence around text[start:end], as (before, after).

    A sentence ends at ".", "!" or "?" followed by a space. A long sentence is
    narrowed to the clause between semicolons, then cut at a word; "…" marks
    every cut.
    """
    s = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        s = m.end()
    m = _SENTENCE_END.search(text, end)
    e = m.end() if m else len(text)
    cut_start = cut_end = False
    if e - s > CONTEXT_MAX:
        semi = text.rfind(";", s, start)
        if semi != -1:
            s, cut_start = semi + 1, True
        semi = text.find(";", end, e)
        if semi != -1:
            e, cut_end = semi + 1, True
    before, after = citations.squash(text[s:start]), citations.squash(text[end:e])
    half = CONTEXT_MAX // 2
    if len(before) > half:
        before, cut_start = before[-half:].split(" ", 1)[-1], True
    if len(after) > half:
        after, cut_end = after[:half].rsplit(" ", 1)[0], True
    if text[s:start][-1:].isspace():
        before += " "
    if text[end:e][:1].isspace():
        after = " " + after
    return ("… " if cut_start else "") + before, after + (" …" if cut_end else "")


def _locate(bounds: list[tuple[int, int]], pos: int, at_end: bool) -> int:
    for i, (a, b) in enumerate(bounds):
        if (a <= pos < b) if not at_end else (a < pos <= b):
            return i
    raise AssertionError("position outside the block")


def _wrap(soup, nodes: list, bounds: list[tuple[int, int]], start: int, end: int, attrs: dict) -> Tag | None:
    """Wrap text[start:end] of a block (spread over `nodes`) in an <a>; None if the markup forbids it."""
    i, j = _locate(bounds, start, False), _locate(bounds, end, True)
    first, last = nodes[i], nodes[j]
    a = soup.new_tag("a", attrs=attrs)
    if i == j:
        text = str(first)
        lo, hi = start - bounds[i][0], end - bounds[i][0]
        before, middle, after = text[:lo], text[lo:hi], text[hi:]
        a.string = middle
        pieces = [NavigableString(before)] if before else []
        pieces += [a] + ([NavigableString(after)] if after else [])
        first.replace_with(*pieces)
        if before:
            nodes[i] = pieces[0]
        return a
    chain_first = [first, *first.parents]
    chain_last = [last, *last.parents]
    k = next(k for k, p in enumerate(chain_first) if any(p is q for q in chain_last))
    common = chain_first[k]
    cs = chain_first[k - 1]
    ce = next(chain_last[m - 1] for m, q in enumerate(chain_last) if q is common)

    def inside(node, element) -> bool:
        return node is element or any(p is element for p in node.parents)

    # An element at either edge must lie wholly inside the citation.
    if cs is not first and bounds[min(k for k, n in enumerate(nodes) if inside(n, cs))][0] != start:
        return None
    if ce is not last and bounds[max(k for k, n in enumerate(nodes) if inside(n, ce))][1] != end:
        return None
    # Nor may a link (a footnote reference) sit inside it: links do not nest.
    node = cs
    while node is not None:
        if isinstance(node, Tag) and (node.name == "a" or node.find("a") is not None):
            return None
        if node is ce:
            break
        node = node.next_sibling
    if cs is first and start > bounds[i][0]:
        text, lo = str(first), start - bounds[i][0]
        rest = NavigableString(text[lo:])
        first.replace_with(NavigableString(text[:lo]), rest)
        nodes[i] = rest.previous_sibling
        cs = rest
    if ce is last and end < bounds[j][1]:
        text, hi = str(last), end - bounds[j][0]
        head = NavigableString(text[:hi])
        last.replace_with(head, NavigableString(text[hi:]))
        ce = head
    cs.insert_before(a)
    node = cs
    while node is not None:
        following = node.next_sibling
        a.append(node.extract())
        if node is ce:
            break
        node = following
    return a


def link_page(html: str, register: Register, href_for: Callable[[Entry], str]) -> Result:
    soup = BeautifulSoup(html, "html.parser")
    add_paragraph_ids(soup)
    groups = _text_blocks(soup)

    places: list[Place] = []
    problems: list[Problem] = []
    for block, nodes in groups:
        block_places: list[Place] = []
        text = "".join(str(n) for n in nodes)
        found, unknown = citations.find(text, register.names, register.exclusions)
        for u in unknown:
            cited = citations.squash(u.text)
            problems.append(Problem(
                cited,
                f"\"{cited}\" trông như trích dẫn một văn bản nhưng danh mục văn bản không có văn bản này.",
                f"\"{cited}\" looks like a citation of a document that the register does not list.",
                f"thêm văn bản vào data/register.yml với name: \"{cited}\" (sửa cho đúng tên đầy đủ như Kế hoạch viết), "
                "hoặc, nếu đây không phải một văn bản đã ban hành, thêm cụm từ vào not_citations kèm lý do.",
                f"add the document to data/register.yml with name: \"{cited}\" (corrected to its full name as the plan writes it), "
                "or, if it is not an issued document, add the phrase to not_citations with a reason.",
            ))
        bounds, pos = [], 0
        for n in nodes:
            bounds.append((pos, pos + len(str(n))))
            pos += len(str(n))
        for cit in reversed(found):
            cited = citations.squash(cit.text)
            entry = register.lookup(cit)
            if entry is None:
                problems.append(Problem(
                    cited,
                    f"Văn bản \"{cited}\" được trích dẫn nhưng chưa có trong danh mục văn bản.",
                    f"The page cites \"{cited}\", which is not in the register of cited documents.",
                    f"thêm một mục cho {cit.kind} số {cit.number} vào data/register.yml "
                    "(id, kind, number; ngày, cơ quan ban hành, trích yếu chỉ khi Kế hoạch ghi), "
                    "hoặc sửa số, ký hiệu nếu gõ nhầm.",
                    f"add an entry for {cit.kind} {cit.number} to data/register.yml "
                    "(id, kind, number; date, issuer, subject only where the plan gives them), "
                    "or correct the number if it is a typo.",
                ))
                continue
            if cit.date and entry.date != cit.date:
                problems.append(Problem(
                    cited,
                    f"Trích dẫn \"{cited}\" ghi ngày {cit.date}, nhưng mục '{entry.id}' trong danh mục "
                    f"ghi ngày {entry.date or '(không có)'}.",
                    f"The citation \"{cited}\" gives the date {cit.date}, but entry '{entry.id}' has "
                    f"{entry.date or 'no date'}.",
                    f"sửa date của mục '{entry.id}' trong data/register.yml cho khớp với Kế hoạch.",
                    f"make the date of entry '{entry.id}' in data/register.yml match the plan.",
                ))
                continue
            before, after = context(text, cit.start, cit.end)
            a = _wrap(soup, nodes, bounds, cit.start, cit.end, {
                "href": href_for(entry), "class": "kh-cite", "data-doc": entry.id,
                "title": f"{entry.label}: xem trong danh mục văn bản được trích dẫn",
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
                                str(foot["id"]).split(":", 1)[1] if foot is not None else None))
        places.extend(reversed(block_places))
    return Result(str(soup), places, problems)
