"""Abbreviations in HTML: mark every occurrence on every page, count those in the
plan's own words, and render the glossary page ("Từ viết tắt").

The list lives in data/abbreviations.yml. Python-Markdown's `abbr` extension is
not used for this: its `\\b` boundaries match inside document numbers
("UBND" in "16/2021/QĐ-UBND"). Instead `mark` runs over each page's rendered
HTML (on_page_content; pages filled in later, the register's and the print
page, once more when they are complete) and wraps a match in <abbr> only when
it stands alone: not touching a letter, digit, "-", "/" or "&", which is how
the symbols of legal documents are written ("5797/UBND-TH", "18-NQ/TW"). Text
inside links (<a>, e.g. citation links) is not marked; existing <abbr>, code
and scripts are left alone. Visible text never changes.

Counting (the glossary's "Số lần xuất hiện"): only the plan's own words, that
is the plan's pages (`count=True`) outside the site's notes (`data-kh-chrome`),
links included.

Accessibility: the first occurrence of each abbreviation on a page gets
tabindex="0" (one keyboard stop per abbreviation and page, so keyboard users
reach the expansion without tabbing through a hundred "UBND"); the others get
tabindex="-1", so a tap or click focuses them and Material's tooltip
(`content.tooltips`) shows on touch screens too.
"""
from __future__ import annotations

import html
import re
from collections import Counter

from kehoach.abbreviations.model import SOURCE_LABELS, Entry
from kehoach.core.errors import SiteError
from kehoach.core.vietnamese import fold, vietnamese_key

# A character that glues a match to a document symbol or a longer word.
_GLUE = r"[\w&/-]"
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SKIP = {"abbr", "code", "pre", "script", "style", "kbd", "samp", "textarea"}
# What happens to text inside an element: flags, combined over the open elements.
NO_MARK, NO_COUNT = 1, 2
_ABBR = re.compile(r'<abbr class="kh-abbr[^"]*"[^>]*>([^<]+)</abbr>')



class Marker:
    """Marks abbreviations in HTML and counts them, per abbreviation.

    `counts`: occurrences in the plan's text (outside document numbers);
    `marked`: occurrences wrapped in <abbr>, on any page (all but those inside links).
    """

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self.by_spelling = {s: e for e in entries for s in e.spellings}
        # Longest first, so "QLDA ĐTXD" wins over a shorter entry at the same place.
        alternatives = "|".join(re.escape(s) for s in sorted(self.by_spelling, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<!{_GLUE})(?:{alternatives})(?!{_GLUE})")
        self.counts: Counter[str] = Counter()
        self.marked: Counter[str] = Counter()

    def mark(self, page_html: str, count: bool = True) -> str:
        """`page_html` with every free-standing abbreviation wrapped in <abbr>;
        `count`: the page holds the plan's words. Marking again marks only
        what is new, keeping one keyboard stop per abbreviation."""
        seen_on_page = {self.by_spelling[s].abbr for s in _ABBR.findall(page_html) if s in self.by_spelling}
        out, pos = [], 0
        stack: list[tuple[str, int]] = [] if count else [("", NO_COUNT)]
        for tag in _TAG.finditer(page_html):
            out.append(self._mark_text(page_html[pos:tag.start()], stack, seen_on_page))
            out.append(tag.group())
            _track(tag.group(), stack)
            pos = tag.end()
        out.append(self._mark_text(page_html[pos:], stack, seen_on_page))
        return "".join(out)

    def _mark_text(self, text: str, stack: list[tuple[str, int]], seen: set[str]) -> str:
        mode = 0
        for _, flags in stack:
            mode |= flags
        if not text or mode == NO_MARK | NO_COUNT:
            return text
        plain = html.unescape(text)
        if mode & NO_MARK:
            for match in self.pattern.finditer(plain):
                self.counts[self.by_spelling[match.group()].abbr] += 1
            return text
        if not self.pattern.search(plain):
            return text
        pieces, pos = [], 0
        for match in self.pattern.finditer(plain):
            entry = self.by_spelling[match.group()]
            pieces.append(html.escape(plain[pos:match.start()], quote=False))
            tabindex = "-1" if entry.abbr in seen else "0"
            seen.add(entry.abbr)
            classes = "kh-abbr kh-abbr--uncertain" if entry.source == "uncertain" else "kh-abbr"
            pieces.append(
                f'<abbr class="{classes}" title="{html.escape(entry.title)}" tabindex="{tabindex}">'
                f"{html.escape(match.group(), quote=False)}</abbr>"
            )
            if not mode & NO_COUNT:
                self.counts[entry.abbr] += 1
            self.marked[entry.abbr] += 1
            pos = match.end()
        pieces.append(html.escape(plain[pos:], quote=False))
        return "".join(pieces)

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


def _track(tag: str, stack: list[tuple[str, int]]) -> None:
    """Keep the stack of open elements, flagging those whose text is not marked."""
    m = _TAG_NAME.match(tag)
    if not m or tag.startswith("<!"):
        return
    closing, name = m.group(1) == "/", m.group(2).lower()
    if closing:
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == name:
                del stack[i:]
                break
        return
    if name in _VOID or tag.rstrip().endswith("/>"):
        return
    if name in _SKIP:
        stack.append((name, NO_MARK | NO_COUNT))
    else:
        flags = (NO_MARK if name == "a" else 0) | (NO_COUNT if "data-kh-chrome" in tag else 0)
        stack.append((name, flags))


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
