"""Abbreviations in HTML: mark every occurrence on every page, count those in the
plan's own words, and render the glossary page ("Từ viết tắt").

The list lives in data/abbreviations.yml. Python-Markdown's `abbr` extension is
not used for this: its `\\b` boundaries match inside document numbers
("UBND" in "16/2021/QĐ-UBND"). Instead `mark` walks the text of each rendered
page's tree (kehoach/core/htmltree.py; at on_page_content, and once more for
the pages filled in later, the register's and the print page, when they are
complete) and wraps a match in <abbr> only when it stands alone: not touching a letter, digit, "-", "/" or "&", which is how
the symbols of legal documents are written ("5797/UBND-TH", "18-NQ/TW"). Text
inside links (<a>, e.g. citation links and the contents of a part) is marked
too: <abbr> is phrasing content, valid inside <a>. Existing <abbr>, code and
scripts are left alone, and so is everything inside an <svg> (or <math>):
SVG does not render an HTML element, so an <abbr> in a chart's <text> would
hide its label. Visible text never changes.

Counting (the glossary's "Số lần xuất hiện"): only the plan's own words, that
is the plan's pages (`count=True`) outside the site's notes (`data-kh-chrome`),
links included.

Accessibility: the first occurrence of each abbreviation on a page outside a
link gets tabindex="0" (one keyboard stop per abbreviation and page, so
keyboard users reach the expansion without tabbing through a hundred "UBND");
the others get tabindex="-1", so a tap or click focuses them and Material's
tooltip (`content.tooltips`) shows on touch screens too. Inside a link or a
button an <abbr> has no tabindex at all: HTML allows no focusable element
there (the link is the keyboard stop), and its title still shows on hover.
"""
from __future__ import annotations

import bisect
import html
import re
from collections import Counter
from itertools import accumulate, repeat
from operator import add

from kehoach.abbreviations.model import SOURCE_LABELS, Entry
from kehoach.core.errors import SiteError
from kehoach.core.htmltree import Element, classes, finder, is_element
from kehoach.core.htmltree import new as new_element
from kehoach.core.vietnamese import fold, vietnamese_key

# A character that glues a match to a document symbol or a longer word.
_GLUE = r"[\w&/-]"
# Joins the runs of text of a tree to look for an abbreviation in all at once: no
# spelling holds it (Marker) and it glues nothing, so a match lies within one run.
_APART = "\x00"
# Every run of text below an element (its text, its descendants' texts and tails), in document order.
_TEXT_RUNS = finder("descendant::text()")
# Whether two runs of text stand side by side (lxml's .text and .tail read them as one).
_SIDE_BY_SIDE = finder("boolean(descendant::text()[preceding-sibling::node()[1][self::text()]])")
# Never marked, nor counted: text that is not prose, and foreign content (SVG,
# MathML), where an HTML element is not rendered.
_SKIP = {"abbr", "code", "pre", "script", "style", "kbd", "samp", "textarea", "svg", "math"}
# Interactive elements: an <abbr> inside one may not be focusable (HTML's
# content model of <a> and <button>: no descendant with a tabindex).
_INTERACTIVE = {"a", "button"}
# What happens to text inside an element: flags, combined over the open elements.
NO_MARK, NO_COUNT, NO_FOCUS = 1, 2, 4


class Marker:
    """Marks abbreviations in a page's tree and counts them, per abbreviation.

    `counts`: occurrences in the plan's text (outside document numbers);
    `marked`: occurrences wrapped in <abbr>, on any page.
    """

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.by_spelling = {s: e for e in entries for s in e.spellings}
        self.apart = not any(_APART in s for s in self.by_spelling)  # never false: data/ holds no NUL
        self.pattern = _pattern(self.by_spelling)
        self.counts: Counter[str] = Counter()
        self.marked: Counter[str] = Counter()

    def mark(self, root: Element, count: bool = True) -> bool:
        """Wrap every free-standing abbreviation in the tree below `root` in
        <abbr>, in place; `count`: the page holds the plan's words. Marking
        again marks only what is new, keeping one keyboard stop per
        abbreviation. True if anything was wrapped."""
        # The runs of text as libxml2 lists them are the texts and tails lxml reads
        # unless two text nodes stand side by side (lxml reads them as one): then walked.
        runs = _TEXT_RUNS(root) if self.apart and not _SIDE_BY_SIDE(root) else None
        if runs is not None:
            joined = _APART.join(runs)
            hits = [m.start() for m in self.pattern.finditer(joined)]
            if not hits:
                return False  # no run of text holds one (a match never spans _APART): nothing to mark
            if joined.count(_APART) != len(runs) - 1:
                runs = None  # a run holds _APART itself: walked
        seen = {self.by_spelling[el.text].abbr for el in root.iter("abbr")
                if "kh-abbr" in classes(el) and len(el) == 0 and el.text in self.by_spelling
                and el.get("tabindex") == "0"}
        before = sum(self.marked.values())
        mode = 0 if count else NO_COUNT
        if runs is not None:
            self._mark_runs(root, runs, hits, mode, seen)
        else:
            self._walk(root, mode, seen)
        return sum(self.marked.values()) != before

    def _mark_runs(self, root: Element, runs: list, hits: list[int], mode: int, seen: set[str]) -> None:
        """What `_walk` does, on only the runs of text that hold an abbreviation:
        `runs`, every run of the tree in document order (each an element's whole
        text or tail, found by libxml2), `hits`, where matches start in the runs
        joined with _APART. Runs are marked in order, as `_walk` visits them."""
        starts = list(accumulate(map(add, map(len, runs), repeat(len(_APART))), initial=0))  # where each run starts
        flags_of = {root: 0}  # per element, the flags `_walk` has combined on reaching it
        for k in sorted({bisect.bisect_right(starts, hit) - 1 for hit in hits}):
            run = runs[k]
            owner = run.getparent()  # the element whose text it is, or whose tail
            flags = _flags(owner.getparent() if run.is_tail else owner, flags_of)
            new = self._mark_text(str(run), mode | flags, seen)
            if new is None:
                continue
            if run.is_tail:
                owner.tail = new[0]
                for abbr in reversed(new[1]):
                    owner.addnext(abbr)
            else:
                owner.text = new[0]
                for i, abbr in enumerate(new[1]):
                    owner.insert(i, abbr)

    def _walk(self, el: Element, mode: int, seen: set[str]) -> None:
        """Visit the text of `el` in document order: its own text, then each
        child's content and the text after that child."""
        children = list(el)  # before any <abbr> is added
        if el.text:
            new = self._mark_text(el.text, mode, seen)
            if new is not None:
                el.text = new[0]
                for i, abbr in enumerate(new[1]):
                    el.insert(i, abbr)
        for child in children:
            if is_element(child):
                if child.tag in _SKIP:
                    flags = NO_MARK | NO_COUNT
                else:
                    flags = ((NO_FOCUS if child.tag in _INTERACTIVE else 0)
                             | (NO_COUNT if "data-kh-chrome" in child.attrib else 0))
                if not (mode | flags) & NO_MARK:
                    self._walk(child, mode | flags, seen)
            if child.tail:
                new = self._mark_text(child.tail, mode, seen)
                if new is not None:
                    child.tail = new[0]
                    for abbr in reversed(new[1]):
                        child.addnext(abbr)

    def _mark_text(self, text: str, mode: int, seen: set[str]) -> tuple[str, list[Element]] | None:
        """The text before the first abbreviation and the <abbr> elements (each with
        the text after it as its tail) that replace `text`; None if nothing changes."""
        if mode & NO_MARK:
            return None
        matches = list(self.pattern.finditer(text))
        if not matches:
            return None
        abbrs: list[Element] = []
        for match in matches:
            entry = self.by_spelling[match.group()]
            cls = "kh-abbr kh-abbr--uncertain" if entry.source == "uncertain" else "kh-abbr"
            attrs = {"class": cls, "title": entry.title}
            if not mode & NO_FOCUS:
                attrs["tabindex"] = "-1" if entry.abbr in seen else "0"
                seen.add(entry.abbr)
            abbr = new_element("abbr", attrs)
            abbr.text = match.group()
            if abbrs:
                abbrs[-1].tail = text[matches[len(abbrs) - 1].end():match.start()]
            abbrs.append(abbr)
            if not mode & NO_COUNT:
                self.counts[entry.abbr] += 1
            self.marked[entry.abbr] += 1
        abbrs[-1].tail = text[matches[-1].end():]
        return text[:matches[0].start()], abbrs

    def check_used(self) -> None:
        """Stop the build on the first entry that no plan page uses."""
        for e in self.entries:
            if not self.counts[e.abbr]:
                raise SiteError(
                    e.rel, e.line,
                    f"Từ viết tắt '{e.abbr}' không xuất hiện lần nào trong các trang của Kế hoạch "
                    "(không tính chỗ nằm trong số, ký hiệu văn bản).",
                    f"The abbreviation '{e.abbr}' never occurs in the plan's pages "
                    "(occurrences inside document numbers do not count).",
                    "xóa mục này, hoặc sửa cho đúng cách viết trong văn bản (kể cả chữ hoa, chữ thường, dấu).",
                    "remove the entry, or spell it exactly as the plan does (case and diacritics included).",
                )


def _pattern(spellings) -> re.Pattern:
    """Any of `spellings` standing alone: not after nor before a _GLUE character.

    Longest first, so "QLDA ĐTXD" wins over a shorter entry at the same place.
    Grouped by first character, and each group's "not after _GLUE" tested once
    its first character is read (`(?<![glue]U)` after "U" is `(?<![glue])`
    before it): the pattern then starts with a choice of literal characters, so
    that re skips ahead to the next of them in C instead of trying every
    spelling at every character of the page (about four times faster)."""
    ordered = sorted(spellings, key=len, reverse=True)
    if not all(ordered):  # an empty spelling (the schema allows none): one plain choice
        return re.compile(rf"(?<!{_GLUE})(?:{'|'.join(map(re.escape, ordered))})(?!{_GLUE})")
    groups: dict[str, list[str]] = {}
    for spelling in ordered:
        groups.setdefault(spelling[0], []).append(spelling)
    alternatives = "|".join(
        f"{re.escape(first)}(?<!{_GLUE}{re.escape(first)})(?:{'|'.join(re.escape(s[1:]) for s in group)})"
        for first, group in groups.items())
    return re.compile(rf"(?:{alternatives})(?!{_GLUE})")


def _flags(el: Element, flags_of: dict) -> int:
    """The flags `Marker._walk` has combined when it reaches `el`, an element
    below the root (or the root): `flags_of` holds those of the root and of
    every element asked about before, and gets those of `el` and its ancestors."""
    chain = []
    while el not in flags_of:
        chain.append(el)
        el = el.getparent()
    flags = flags_of[el]
    for el in reversed(chain):  # from the known ancestor down
        if flags & NO_MARK:
            pass  # `_walk` does not go below a skipped element
        elif el.tag in _SKIP:
            flags = NO_MARK | NO_COUNT
        else:
            flags |= (NO_FOCUS if el.tag in _INTERACTIVE else 0) | (NO_COUNT if "data-kh-chrome" in el.attrib else 0)
        flags_of[el] = flags
    return flags


def glossary_table(entries: list[Entry], counts: Counter[str]) -> str:
    rows = []
    for e in sorted(entries, key=lambda e: vietnamese_key(e.abbr)):
        cell = f"<strong>{html.escape(e.abbr, quote=False)}</strong>"
        if len(e.spellings) > 1:
            others = ", ".join(html.escape(s, quote=False) for s in e.spellings[1:])
            cell += f'<br><span class="kh-glossary__variants">cũng viết: {others}</span>'
        expansion = (html.escape(e.expansion, quote=False) if e.expansion
                     else '<em class="kh-glossary__unknown">(chưa ghi nghĩa)</em>')
        rows.append(
            f'<tr id="{_row_id(e.abbr)}" data-abbr="{html.escape(e.abbr)}"><td>{cell}</td><td>{expansion}</td>'
            f"<td>{SOURCE_LABELS[e.source]}</td><td>{counts[e.abbr]}</td></tr>"
        )
    # No class on the table itself: Material styles and scrolls plain tables.
    return (
        '<div class="kh-glossary">\n<table>\n'
        "<caption>Các từ viết tắt trong Kế hoạch, xếp theo thứ tự chữ cái</caption>\n"
        '<thead><tr><th scope="col">Từ viết tắt</th><th scope="col">Nghĩa đầy đủ</th>'
        '<th scope="col">Nguồn</th><th scope="col">Số lần xuất hiện</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n"
    )


def _row_id(abbr: str) -> str:
    return "viet-tat-" + re.sub(r"[^a-z0-9]+", "-", fold(abbr).lower()).strip("-")
