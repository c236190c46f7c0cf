"""The signed record and the plan's pages, both reduced to words (no MkDocs).

record/ holds the text export of the signed plan (data/site.yml `record`).
Nothing is generated from it: the build (plan/build.py, at on_env) and the
tests (tests/plan/test_fidelity.py, through tests/plantext.py) only compare
the plan's rendered pages with it, with the same rules:

- words are runs of letters and digits; punctuation and spacing are not
  compared;
- superscript footnote markers in the record (¹–⁸) become the plain number
  where they mark a reference, and are dropped where they open the footnote's
  own text (the site shows that number as the list number);
- text the site adds to a plan page is marked `data-kh-chrome` and is left
  out; only the marks our own code wrote are still there when the check reads
  a page (kehoach/core/chrome.py drops those a page typed), and nothing else
  a page can write (a class, another attribute) exempts a word. A heading's
  permalink (¶) and a footnote's back link (↩) hold no words to leave out.

`compare` finds the first difference: a block of a page (paragraph, list
item, heading, table cell) whose words do not read, in that order, anywhere
in the record (a changed, added or removed word inside it), or words of the
record that no page has (a removed paragraph) or that pages repeat.
"""
from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import add
from pathlib import Path

from kehoach.core import htmltree

SUPERSCRIPTS = {"¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8"}
_SUP_RE = re.compile("[¹²³⁴⁵⁶⁷⁸]")
_WORD_RE = re.compile(r"[^\W_]+")

# Elements of a page that are site chrome, not the plan's words: the same
# list for the rendered page (here) and the built article (tests/plantext.py).
# Never a class: any page may type one (issue 26). The attribute is trusted
# because kehoach/core/chrome.py kept only our own; the elements hold no
# text a reader sees (the allow-list refuses them in a page anyway).
CHROME_SELECTORS = ["[data-kh-chrome]", "script", "style", "template"]
_CHROME_TAGS = {"script", "style", "template"}
# Elements that start a block of their own: one paragraph of the plan, one cell.
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd",
           "caption", "figcaption", "pre", "blockquote", "div", "table", "tr", "ul", "ol"}


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def record_blocks(text: str) -> list[tuple[str, str, int]]:
    """Blank-line separated blocks of the record as (kind, text, first line),
    kind 'body' or 'footnote'."""
    blocks = []
    line = 1
    for part in re.split(r"(\n\s*\n)", text):
        if part.strip() and not re.fullmatch(r"\n\s*\n", part):
            lead = len(part) - len(part.lstrip())
            first = line + part.count("\n", 0, lead)
            block = part.strip()
            if block[0] in SUPERSCRIPTS:
                blocks.append(("footnote", block[1:], first))
            else:
                blocks.append(("body", _SUP_RE.sub(lambda m: " " + SUPERSCRIPTS[m.group()] + " ", block), first))
        line += part.count("\n")
    return blocks


@dataclass
class Record:
    """The record's words in reading order, body first then each footnote,
    with the line each word is on. `joined` is the words separated by spaces,
    with a "|" closing each footnote, so a page's block is found by a string
    search (sentences split by a page break read on across it)."""
    rel: str
    words: list[str]
    lines: list[int]
    joined: str
    starts: list[int]  # character offset of each word in `joined`

    @classmethod
    def from_text(cls, rel: str, text: str) -> Record:
        ws: list[str] = []
        lines: list[int] = []
        starts: list[int] = []
        parts, pos = [" "], 1
        blocks = record_blocks(text)
        ordered = [b for b in blocks if b[0] == "body"] + [b for b in blocks if b[0] == "footnote"]
        for kind, block, first in ordered:
            for n, line in enumerate(block.split("\n"), first):
                found = _WORD_RE.findall(line)
                if found:
                    ws += found
                    lines += [n] * len(found)
                    parts.append(" ".join(found) + " ")
                    # each word's offset: the one before it, its length and a space further on
                    offsets = list(accumulate(map(add, map(len, found), repeat(1)), initial=pos))
                    pos = offsets.pop()
                    starts += offsets
            if kind == "footnote":
                parts.append("| ")
                pos += 2
        return cls(rel, ws, lines, "".join(parts), starts)

    def find(self, block: list[str], start: int = 0) -> int | None:
        """Index of the first word where `block` reads in order, from word `start` on."""
        offset = self.joined.find(" " + " ".join(block) + " ", self.starts[start] - 1 if start < len(self.starts) else len(self.joined))
        if offset < 0 and start:
            return self.find(block, 0)
        if offset < 0:
            return None
        return bisect.bisect_left(self.starts, offset + 1)


def read(path: Path, rel: str) -> Record:
    return Record.from_text(rel, path.read_text(encoding="utf-8"))


def record_words(text: str) -> list[str]:
    return [w for _, block, _ in record_blocks(text) for w in words(block)]


def _is_chrome(el) -> bool:
    return el.tag in _CHROME_TAGS or el.get("data-kh-chrome") is not None


def page_blocks(html: str | htmltree.Element) -> list[list[str]]:
    """The words of a rendered page, block by block (chrome left out): its
    HTML, or the tree the build keeps for that HTML (kehoach/core/htmltree.py
    `Trees`), read, never changed."""
    out: list[list[str]] = []
    current: list[str] = []

    def flush():
        if current:
            out.append(current.copy())
            current.clear()

    def walk(el):
        block = el.tag in _BLOCKS
        if block:
            flush()
        if el.text:
            current.extend(words(el.text))
        for child in el:
            if htmltree.is_element(child) and not _is_chrome(child):
                walk(child)
            if child.tail:
                current.extend(words(child.tail))
        if block:
            flush()

    walk(htmltree.parse(html) if isinstance(html, str) else html)
    flush()
    return out


@dataclass
class Difference:
    page: str                 # src_uri of the page to blame
    context: list[str]        # page words ending where the difference is (to find its line)
    record_words: list[str]   # what the record says there
    page_words: list[str]     # what the page says instead
    record_line: int | None
    kind: str                 # "changed", "missing" or "repeated"


# The plan's longest paragraph is under 500 words. A longer block (a hostile page
# can hold a 2 MB one) is diagnosed in a window of this many words around where
# it leaves the record: difflib's matching costs the product of the lengths.
MAX_DIAGNOSED = 2000


def _matching_prefix(record: Record, block: list[str]) -> int:
    """How many of the block's first words read on somewhere in the record (a
    binary search: a prefix of a prefix that reads on reads on too)."""
    lo, hi = 0, len(block)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if record.find(block[:mid]) is not None:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _first_change(record: Record, block: list[str]) -> tuple[list[str], list[str], int | None, list[str]]:
    """Where a block leaves the record: (record's words, page's words, record
    line, the page words ending with the change, to find its line)."""
    if len(block) > MAX_DIAGNOSED:
        start = max(0, _matching_prefix(record, block) - MAX_DIAGNOSED // 2)
        block = block[start:start + MAX_DIAGNOSED]
    matcher = difflib.SequenceMatcher(None, record.words, block, autojunk=False)
    i, j, n = matcher.find_longest_match(0, len(record.words), 0, len(block))
    if n == 0:
        return [], block[:12], None, block[:3]
    lo = max(0, i - j - 3)
    hi = min(len(record.words), i + (len(block) - j) + 3)
    window = record.words[lo:hi]
    ops = difflib.SequenceMatcher(None, window, block, autojunk=False).get_opcodes()
    while ops and ops[0][0] == "delete":
        ops.pop(0)
    while ops and ops[-1][0] == "delete":
        ops.pop()
    for tag, a1, a2, b1, b2 in ops:
        if tag == "replace" and a1 == 0:  # at the block's start: the record's words just before it, or added words?
            a1 = max(a1, a2 - (b2 - b1))
            a1 = a2 if _unlike(window[a1:a2], block[b1:b2]) else a1
        elif tag == "replace" and a2 == len(window):
            a2 = min(a2, a1 + (b2 - b1))
            a2 = a1 if _unlike(window[a1:a2], block[b1:b2]) else a2
        if tag != "equal":
            context = block[max(0, b1 - 3):max(b2, b1 + 1)] if b2 > b1 else block[max(0, b1 - 3):b1]
            line = record.lines[min(lo + a1, len(record.lines) - 1)]
            return window[a1:a2][:12], block[b1:b2][:12], line, context or block[:3]
    return [], [], None, block[:3]


def _unlike(a: list[str], b: list[str]) -> bool:
    return difflib.SequenceMatcher(None, " ".join(a).lower(), " ".join(b).lower()).ratio() < 0.5


def compare(record: Record, pages: list[tuple[str, str | htmltree.Element]]) -> Difference | None:
    """The first difference between the plan's pages, (src_uri, rendered
    HTML or its kept tree: `page_blocks`) in reading order, and the record;
    None when they say the same."""
    covered = [False] * len(record.words)
    where: list[tuple[str, list[str]] | None] = [None] * len(record.words)
    site = Counter()
    last: dict[str, tuple[str, list[str]]] = {}
    position = 0
    repeated = None
    for src_uri, html in pages:
        for block in page_blocks(html):
            site.update(block)
            start = record.find(block, position)
            if start is None:
                rec, mine, line, context = _first_change(record, block)
                return Difference(src_uri, context, rec, mine, line, "changed")
            end = start + len(block)  # within the record: the block reads there
            if len(block) >= 3 and repeated is None and all(covered[start:end]):
                repeated = (src_uri, block)  # read already, on this or an earlier page
            covered[start:end] = [True] * len(block)
            where[start:end] = [(src_uri, block)] * len(block)
            position = end
            last.update(dict.fromkeys(block, (src_uri, block)))
    missing = Counter(record.words) - site
    if missing:
        for k, w in enumerate(record.words):
            if not covered[k] and w in missing:
                end = k
                while end < len(covered) and not covered[end]:
                    end += 1
                before = next((where[b] for b in range(k - 1, -1, -1) if where[b]), None)
                after = next((where[a] for a in range(end, len(where)) if where[a]), None)
                src_uri, block = before or after
                return Difference(src_uri, block[-3:] if before else block[:3], record.words[k:end][:12], [],
                                  record.lines[k], "missing")
    extra = site - Counter(record.words)
    if extra:
        if repeated and extra & Counter(repeated[1]):
            src_uri, block = repeated
            return Difference(src_uri, block[-3:], [], block[:12], None, "repeated")
        w = next(iter(extra))
        src_uri, block = last[w]
        return Difference(src_uri, block[:3], [], [w], None, "repeated")
    return None


def line_in(text: str, target: list[str]) -> int | None:
    """The line of `text` where the words `target` start (in order), or None."""
    flat, lines = [], []
    for n, line in enumerate(text.splitlines(), 1):
        for w in words(line):
            flat.append(w)
            lines.append(n)
    if not target:
        return None
    for k in range(len(flat) - len(target) + 1):
        if flat[k] == target[0] and flat[k:k + len(target)] == target:
            return lines[k + len(target) - 1]
    return None
