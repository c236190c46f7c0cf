"""Recognize citations of legal and administrative documents in plain text.

Pure functions, no MkDocs: `find(text, names, exclusions)` returns every
citation in `text` with its position, so a caller can wrap exactly those
characters in a link without changing any of them.

Forms recognized (all occur in the plan):

- kind word + "số" + number/symbol:      "Nghị định số 107/2020/NĐ-CP"
- kind word + number/symbol, no "số":    "Thông tư 03/2018/TT-BNV"
- followed by a date, two ways:          "ngày 18/5/2021", "ngày 23 tháng 7 năm 2021"
- a list sharing one kind word:          "Nghị quyết số 18-NQ/TW, số 19-NQ/TW"
- a number without symbol:               "Quyết định 274" (a candidate: the register
                                         must know it by that exact name)
- a law by its name:                     "Luật Lưu trữ" (a candidate: "Luật" + a
                                         capital letter; names come from the register)
- any of these broken by a line or page break: "Nghị\\nđịnh số 108/2014/NĐ-CP"

Names (`names`) are exact phrases the register declares for documents that the
plan cites without a number ("Luật Tổ chức chính quyền địa phương",
"Nghị quyết TW 6 khóa XII"). Exclusions are phrases that look like citations
but are not (a draft, a dossier): nothing inside them is a citation.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

# Kind words, longest first so "Chương trình phối hợp" wins over shorter ones.
KINDS = [
    "Chương trình phối hợp",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Kế hoạch",
    "Chỉ thị",
    "Thông tư",
    "Hướng dẫn",
    "Kết luận",
    "Công văn",
    "Luật",
]

_WS = r"\s+"  # a line or page break inside a phrase is whitespace


def _phrase(words: str) -> str:
    """Regex for a phrase whose spaces may be any whitespace (incl. line breaks)."""
    return _WS.join(re.escape(w) for w in words.split())


_KIND_RE = "|".join(_phrase(k) for k in KINDS if k != "Luật")
# Number and symbol: "107/2020/NĐ-CP", "402/KH-UBND", "18-NQ/TW", "79-CTr/BDVTW".
_SYMBOL = r"\d{1,5}(?:/\d{4})?[/-][A-ZĐ][A-Za-zĐđ&]*(?:[-/][A-ZĐ][A-Za-zĐđ&]*)*"
_DATE = (
    r"ngày" + _WS + r"(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})" + _WS + r"tháng" + _WS + r"(?P<m2>\d{1,2})" + _WS + r"năm" + _WS + r"(?P<y2>\d{4}))"
)
_DATE_AFTER_RE = re.compile(_WS + _DATE)
_HEAD_RE = re.compile(
    r"(?<![\wĐđ])(?P<kind>" + _KIND_RE + r")" + _WS + r"(?:số" + _WS + r")?(?P<num>" + _SYMBOL + r")(?![\wĐđ/])"
)
_MORE_RE = re.compile(r",\s*số" + _WS + r"(?P<num>" + _SYMBOL + r")(?![\wĐđ/])")
# Candidates that need a name in the register: a bare number, a law's name.
_BARE_RE = re.compile(
    r"(?<![\wĐđ])(?P<kind>" + _KIND_RE + r")" + _WS + r"(?:số" + _WS + r")?(?P<num>\d{1,5})(?![\w/,.-]|,\d)"
)
_CAPITAL = "A-ZĐÂĂÊÔƠƯÁÀẢÃẠÍÌỈĨỊÚÙỦŨỤÝỲỶỸỴÉÈẺẼẸÓÒỎÕỌ"
# "Luật" + a capital letter starts a law's name; report up to six words of it.
_LAW_RE = re.compile(r"(?<![\wĐđ])Luật" + _WS + "[" + _CAPITAL + r"][^\s.,;:()]*(?:[ \t]+[^\s.,;:()]+){0,5}")


# Words that end a law's name in running text ("Luật Lưu trữ và các văn bản...").
_NAME_STOP = {"và", "của", "các", "theo", "năm", "trong", "để", "đã", "được", "với", "về", "đến", "tại", "số", "hoặc"}


def _name_candidate(text: str, start: int, end: int) -> int:
    """Shorten a candidate law name at the first word that cannot belong to it."""
    words = list(re.finditer(r"\S+", text[start:end]))
    for w in words[2:]:
        if w.group(0) in _NAME_STOP:
            return start + words[words.index(w) - 1].end()
    return end


@dataclass(frozen=True)
class Citation:
    """One cited document at text[start:end]."""

    start: int
    end: int
    kind: str  # canonical kind word, e.g. "Nghị định"
    number: str | None  # number and symbol as written, e.g. "107/2020/NĐ-CP"
    date: str | None  # ISO date when the citation gives one
    name: str | None  # the register name matched, for citations by name
    text: str  # the characters cited, exactly as in the text

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the cited document: (kind, number) or ("", name)."""
        return (self.kind, self.number) if self.number else ("", self.name or "")


@dataclass(frozen=True)
class Unknown:
    """Something that looks like a citation but that no register name covers."""

    start: int
    end: int
    text: str


def squash(text: str) -> str:
    """Collapse runs of whitespace (line and page breaks) to one space."""
    return re.sub(r"\s+", " ", text).strip()


def _iso_date(match: re.Match) -> str:
    """"ngày 18/5/2021" or "ngày 18 tháng 5 năm 2021" as "2021-05-18" (not checked against the calendar)."""
    d = match.group("d") or match.group("d2")
    m = match.group("m") or match.group("m2")
    y = match.group("y") or match.group("y2")
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def _date_after(text: str, pos: int) -> tuple[int, str | None]:
    """A date right after `pos` (" ngày 18/5/2021"): its end and ISO form."""
    m = _DATE_AFTER_RE.match(text, pos)
    if not m:
        return pos, None
    return m.end(), _iso_date(m)


class _Spans:
    """Spans of text already taken, kept sorted by start: whether a new span
    overlaps one of them costs a binary search, not a pass over them all (a
    paragraph may hold thousands of citations)."""

    def __init__(self, spans=()):
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._longest = 0
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        k = bisect.bisect_right(self._starts, start)
        self._starts.insert(k, start)
        self._ends.insert(k, end)
        self._longest = max(self._longest, end - start)

    def covers(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps a span: only spans starting at most
        the longest span's length before `start` can reach it."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        return any(self._ends[k] > start for k in range(lo, hi))


@lru_cache(maxsize=8)
def _patterns(phrases: tuple[str, ...]) -> list[tuple[str, str, re.Pattern]]:
    """Each phrase, its first word (a cheap test before the regex) and its compiled regex."""
    return [(phrase, (phrase.split() or [""])[0],
             re.compile(r"(?<![\wĐđ])" + _phrase(phrase) + r"(?![\wĐđ])")) for phrase in phrases]


def _spans_of(text: str, phrases: list[str]) -> list[tuple[int, int, str]]:
    out = []
    for phrase, first, pattern in _patterns(tuple(phrases)):
        if first in text:
            out.extend((m.start(), m.end(), phrase) for m in pattern.finditer(text))
    return out


@lru_cache(maxsize=8)
def leads(names: tuple[str, ...]) -> re.Pattern | None:
    """A pattern found in every text in which `find(text, names, …)` finds
    anything, citation or candidate: the first word of a kind (each pattern of
    `find` starts with one, "Luật" too) or of a name (`_spans_of` looks only
    where that word is). A text without it need not be searched. None if a
    name has no first word."""
    words = {kind.split()[0] for kind in KINDS} | {(name.split() or [""])[0] for name in names}
    if "" in words:
        return None
    return re.compile("|".join(map(re.escape, sorted(words))))


def find(text: str, names: list[str] = (), exclusions: list[str] = ()) -> tuple[list[Citation], list[Unknown]]:
    """Every citation in `text`, in order, and every candidate no name covers.

    A list sharing one kind word ("Nghị quyết số 18-NQ/TW, số 19-NQ/TW") gives
    one citation per number, each starting at its own number (the first at the
    kind word), so each links to its own document.
    """
    excluded = _Spans((s, e) for s, e, _ in _spans_of(text, list(exclusions)))
    found: list[Citation] = []
    taken = _Spans()

    def add(c: Citation) -> None:
        if not excluded.covers(c.start, c.end):
            found.append(c)
        taken.add(c.start, c.end)

    # Names first, longest first, so a longer name wins over a shorter one.
    for start, end, name in sorted(_spans_of(text, list(names)), key=lambda t: (-(t[1] - t[0]), t[0])):
        if not taken.covers(start, end):
            kind = next((k for k in KINDS if re.match(_phrase(k) + r"(?![\wĐđ])", name)), "")
            add(Citation(start, end, kind, None, None, name, text[start:end]))

    for m in _HEAD_RE.finditer(text):
        if taken.covers(m.start(), m.end()):
            continue
        kind = squash(m.group("kind"))  # "Nghị\nđịnh" -> "Nghị định"
        end, date = _date_after(text, m.end())
        add(Citation(m.start(), end, kind, m.group("num"), date, None, text[m.start():end]))
        pos = end
        while more := _MORE_RE.match(text, pos):
            start = text.index("số", more.start())  # the link starts at "số"
            end, date = _date_after(text, more.end())
            add(Citation(start, end, kind, more.group("num"), date, None, text[start:end]))
            pos = end

    unknown: list[Unknown] = []
    for regex in (_BARE_RE, _LAW_RE):
        for m in regex.finditer(text):
            if regex is _BARE_RE and 1900 <= int(m.group("num")) <= 2099:
                continue  # "Kế hoạch 2022" is a year (a table heading), not a document number
            if not taken.covers(m.start(), m.end()) and not excluded.covers(m.start(), m.end()):
                end = _name_candidate(text, m.start(), m.end()) if regex is _LAW_RE else m.end()
                unknown.append(Unknown(m.start(), end, text[m.start():end]))
    found.sort(key=lambda c: c.start)
    unknown.sort(key=lambda u: u.start)
    return found, unknown
