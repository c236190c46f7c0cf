"""The archive's own search index: words sharded by term, one segment per plan.

Written by the archive's build from every plan's search entries
(kehoach/archive/search.py `Page`: one indexed page per page of a plan, its
sections as written), read by overrides/assets/javascripts/tim-kiem-kho.js.
Everything is folded as the plans' own search folds it (no diacritics, "đ" as
"d", lowercase; `fold` here, khTimKiem.fold in the browser),
and split into words with the plans' own word separator (mkdocs-plan.yml).

Under site/<FOLDER>/:

  ke-hoach.json   {"v": VERSION, "b": BUCKETS, "n": [[plan id, name, pages], ...]}:
                  fetched once; a plan's number is its place in this list
  t/<number>.json the postings of the terms whose hash (FNV-1a of the term's
                  UTF-8, modulo BUCKETS) is <number>: [[plan number,
                  {term: [page, weight, page, weight, ...]}], ...]; pages are
                  numbered within their plan, each the difference from the one
                  before; `weight` says how much of the page the term is (its
                  count, title words thrice, saturated against the page's length)
  d/<key>.json    the terms beginning with the same two characters (<key>: their
                  code points in hex): [[term, pages holding it], ...], sorted;
                  a word still being typed is looked up here
  p/<plan id>/<page>.json   one page as the results show it: {"u": address,
                  "t": title, "s": [[anchor, title, text, boost?], ...]}

A query fetches ke-hoach.json, one or two dictionary files, the buckets of its
words and of the words it may still become, then the first pages' files: its
bytes grow with how often its words occur, not with the number of plans' pages
listed anywhere (bench/search_archive.py measures them at 100 plans).

Each plan's part is a `Segment`, made from that plan's entries alone (its
pages' weights do not depend on other pages or plans), so when one plan
changes only the buckets and dictionary files its terms touch are written
again (`update`); `write` writes everything. Both write the same bytes for
the same plans (tests/archive/test_cache.py compares them).
"""
from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import unicodedata

from kehoach.core.files import write_aside

FOLDER = "chi-muc"
VERSION = 1
PLANS_FILE = "ke-hoach.json"
TITLE_WEIGHT = 3      # a word of a title counts as three of the text
K1, B, LENGTH = 1.2, 0.75, 400  # BM25's saturation against a page of LENGTH words
SCALE = 8             # weights are stored as whole numbers: round(SCALE * BM25's tf part)
MAX_TERM = 64         # longer "words" (a run of digits and letters) are not indexed
DUMP = dict(ensure_ascii=False, separators=(",", ":"))


def buckets_for(plans: int) -> int:
    """How many bucket files an archive of `plans` plans has: about 64 per plan
    (some 2 kB of postings each), a power of two between 64 and 8192."""
    n = 64
    while n < 64 * plans and n < 8192:
        n *= 2
    return n


def bucket_of(term: str, buckets: int) -> int:
    """FNV-1a (32 bits) of the term's UTF-8, modulo `buckets` (tim-kiem-kho.js: the same)."""
    h = 0x811C9DC5
    for byte in term.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h % buckets


def dictionary_key(term: str) -> str:
    """The dictionary file of a term: its first two characters' code points in hex."""
    return "-".join(f"{ord(c):x}" for c in term[:2])


_MARKS = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """Diacritics removed and "đ" written "d", exactly as the browser folds a query
    (lunr.vi.min.js `fold`: NFD, marks U+0300-U+036F removed, NFC)."""
    text = _MARKS.sub("", unicodedata.normalize("NFD", text)).replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFC", text)


def parts(word: str) -> list[str]:
    """The parts of a word joined by "/" or "-", as lunr.vi.min.js `parts`."""
    out = word.split("-")
    for piece in word.split("/"):
        out.append(piece)
        out += piece.split("-")
    return [p for p in dict.fromkeys(out) if p and p != word]


def terms(text: str, separator: re.Pattern) -> list[str]:
    """The folded words of a text and the parts of each (a citation's number, year,
    kind), in order: what a page is found by."""
    out = []
    for word in separator.split(fold(text.lower())):
        if not word or len(word) > MAX_TERM:
            continue
        out.append(word)
        if "-" in word or "/" in word:  # else it has no parts
            out += parts(word)
    return out


def separator_pattern(separator: str | None) -> re.Pattern:
    """The plans' word separator (a JavaScript pattern of the same syntax here)."""
    return re.compile(separator or r"[\s\-]+")


@dataclass
class Segment:
    """One plan's part of the index."""
    postings: dict[str, list[int]]   # term -> [page delta, weight, ...]
    pages: list[str]                 # each page's file (JSON), in page order

    def to_json(self) -> str:
        return json.dumps({"t": self.postings, "p": self.pages}, **DUMP)

    @classmethod
    def from_json(cls, text: str) -> "Segment":
        data = json.loads(text)
        return cls(data["t"], data["p"])

    def by_bucket(self, buckets: int) -> dict[int, dict[str, list[int]]]:
        """The postings grouped by bucket file (`bucket_of`), terms in order."""
        out: dict[int, dict[str, list[int]]] = {}
        for term, posts in self.postings.items():
            out.setdefault(bucket_of(term, buckets), {})[term] = posts
        return out


def segment(pages, separator: re.Pattern) -> Segment:
    """A plan's part of the index from its pages (kehoach/archive/search.py `Page`,
    in the plan's order; `Page.file` is what the results show of it)."""
    weights: dict[str, dict[int, float]] = {}
    files = []
    for number, page in enumerate(pages):
        counts: dict[str, float] = {}
        length = 0
        for entry in page.entries:
            for weight, text in ((TITLE_WEIGHT, entry.title), (1, entry.text)):
                found = terms(text, separator)
                length += len(found)
                for term in found:
                    counts[term] = counts.get(term, 0) + weight
        norm = K1 * (1 - B + B * max(length, 1) / LENGTH)
        for term, tf in counts.items():
            weights.setdefault(term, {})[number] = max(1, round(SCALE * tf * (K1 + 1) / (tf + norm)))
        files.append(json.dumps(page.file(), **DUMP))
    postings = {}
    for term in sorted(weights):
        flat, last = [], 0
        for number, weight in sorted(weights[term].items()):
            flat += [number - last, weight]
            last = number
        postings[term] = flat
    return Segment(postings, files)


# ------------------------------------------------------------------ writing

def _write(path: Path, text: str) -> None:
    """A new file (never writing into a file that may be a hard link of a kept one)."""
    write_aside(path, text)


def _plans_text(plans: list[tuple[str, str]], counts: dict[str, int], buckets: int) -> str:
    return json.dumps({"v": VERSION, "b": buckets, "n": [[pid, name, counts[pid]] for pid, name in plans]}, **DUMP)


def _bucket_text(rows: list) -> str:
    return json.dumps(rows, **DUMP)


def _dictionary_text(df: dict[str, int]) -> str:
    return json.dumps(sorted(df.items()), **DUMP)


def write(out: Path, plans: list[tuple[str, str]], segments: dict[str, Segment]) -> None:
    """The whole index of `plans` (id, name), in this order, into `out` (emptied)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    buckets = buckets_for(len(plans))
    rows: dict[int, list] = {}
    df: dict[str, dict[str, int]] = {}
    for number, (pid, _) in enumerate(plans):
        seg = segments[pid]
        for term, posts in seg.postings.items():
            shard = df.setdefault(dictionary_key(term), {})
            shard[term] = shard.get(term, 0) + len(posts) // 2
        for b, part in seg.by_bucket(buckets).items():
            rows.setdefault(b, []).append([number, part])
        _write_pages(out, pid, seg)
    for b, row in rows.items():
        _write(out / "t" / f"{b}.json", _bucket_text(row))
    for key, shard in df.items():
        _write(out / "d" / f"{key}.json", _dictionary_text(shard))
    _write(out / PLANS_FILE, _plans_text(plans, {pid: len(seg.pages) for pid, seg in segments.items()}, buckets))


def _write_pages(out: Path, pid: str, seg: Segment) -> None:
    folder = out / "p" / pid
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for number, text in enumerate(seg.pages):
        (folder / f"{number}.json").write_text(text, encoding="utf-8")


def update(out: Path, plans: list[tuple[str, str]], old: dict[str, Segment], new: dict[str, Segment]) -> list[str]:
    """`out` holds the index `write` wrote for `plans` with the segments `old`;
    the plans of `new` changed: write again only the files they change, and
    return them (paths relative to `out`; a plan's page folder as one). The plans
    (ids, order) must be the same as when `out` was written."""
    buckets = buckets_for(len(plans))
    numbers = {pid: n for n, (pid, _) in enumerate(plans)}
    touched_buckets: dict[int, set[int]] = {}  # bucket -> the numbers of the plans it changes for
    df_change: dict[str, dict[str, int]] = {}
    for pid, seg in new.items():
        before = old[pid]
        number = numbers[pid]
        changed = {t for t in seg.postings.keys() | before.postings.keys()
                   if seg.postings.get(t) != before.postings.get(t)}
        for term in changed:
            touched_buckets.setdefault(bucket_of(term, buckets), set()).add(number)
            delta = len(seg.postings.get(term, ())) // 2 - len(before.postings.get(term, ())) // 2
            if delta:
                shard = df_change.setdefault(dictionary_key(term), {})
                shard[term] = shard.get(term, 0) + delta
        _write_pages(out, pid, seg)
    by_number = {numbers[pid]: seg.by_bucket(buckets) for pid, seg in new.items()}
    for b, plans_touched in touched_buckets.items():
        path = out / "t" / f"{b}.json"
        rows = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
        table = {number: part for number, part in rows}
        for number in plans_touched:
            part = by_number[number].get(b)
            if part:
                table[number] = part
            else:
                table.pop(number, None)
        if table:
            _write(path, _bucket_text([[n, table[n]] for n in sorted(table)]))
        else:
            path.unlink(missing_ok=True)
    for key, deltas in df_change.items():
        path = out / "d" / f"{key}.json"
        shard = dict(json.loads(path.read_text(encoding="utf-8"))) if path.is_file() else {}
        for term, delta in deltas.items():
            count = shard.get(term, 0) + delta
            if count > 0:
                shard[term] = count
            else:
                shard.pop(term, None)
        if shard:
            _write(path, _dictionary_text(shard))
        else:
            path.unlink(missing_ok=True)
    counts = {row[0]: row[2] for row in json.loads((out / PLANS_FILE).read_text(encoding="utf-8"))["n"]}
    counts.update({pid: len(seg.pages) for pid, seg in new.items()})
    _write(out / PLANS_FILE, _plans_text(plans, counts, buckets))
    return ([f"p/{pid}" for pid in new] + [f"t/{b}.json" for b in touched_buckets]
            + [f"d/{key}.json" for key in df_change] + [PLANS_FILE])
