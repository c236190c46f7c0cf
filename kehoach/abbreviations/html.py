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

import html
import re
from collections import Counter

from kehoach.abbreviations.model import SOURCE_LABELS, Entry
from kehoach.core.errors import SiteError
from kehoach.core.htmltree import Element, classes, is_element
from kehoach.core.htmltree import new as new_element
from kehoach.core.vietnamese import fold, vietnamese_key

# A character that glues a match to a document symbol or a longer word.
_GLUE = r"[\w&/-]"
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
        # Longest first, so "QLDA ĐTXD" wins over a shorter entry at the same place.
        alternatives = "|".join(re.escape(s) for s in sorted(self.by_spelling, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<!{_GLUE})(?:{alternatives})(?!{_GLUE})")
        self.counts: Counter[str] = Counter()
        self.marked: Counter[str] = Counter()

    def mark(self, root: Element, count: bool = True) -> bool:
        """Wrap every free-standing abbreviation in the tree below `root` in
        <abbr>, in place; `count`: the page holds the plan's words. Marking
        again marks only what is new, keeping one keyboard stop per
        abbreviation. True if anything was wrapped."""
        seen = {self.by_spelling[el.text].abbr for el in root.iter("abbr")
                if "kh-abbr" in classes(el) and len(el) == 0 and el.text in self.by_spelling
                and el.get("tabindex") == "0"}
        before = sum(self.marked.values())
        self._walk(root, 0 if count else NO_COUNT, seen)
        return sum(self.marked.values()) != before

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
