"""One search across every plan of the archive (issue 22, point 5), and in one plan.

Each plan keeps its own search (Material's lunr index with our Vietnamese
forms, kehoach/search/ and overrides/assets/javascripts/lunr/min/lunr.vi.min.js),
which also works in the offline copy. The archive adds one index over every
plan, of its own (kehoach/archive/index.py): the words of every plan sharded
by term into small files, so a query fetches only its words' files, and each
plan's part made from that plan alone, so that a change to one plan writes
again only the files its words touch (kehoach/archive/cache.py). A search in
one plan reads the same files and keeps that plan's pages.

What is indexed are the entries of each plan's own search index
(site/<id>/search/search_index.json, written by the plan's build: one entry per
section of a page and per footnote, our footnote entries included), grouped by
page (`pages_of`: one indexed page per page of a plan, 105 for the real plan),
so the archive's results lead to the same places as the plan's own search.

The browser (overrides/assets/javascripts/tim-kiem-kho.js) folds the query as
the index is folded, finds the pages holding every word (the last one, or a
number, may be the beginning of a word), ranks them by the words' weights
(BM25), fetches the first pages' sections as written and orders those sections
by the tiers of the plan's own search (lunr.vi.min.js `khTimKiem.score`: words
held, phrase order, exactness, title, boost). The index files are JSON written
by json.dumps; the browser inserts every value as text. No WebAssembly, no
worker: the search page's Content-Security-Policy is the other pages'.

(Until December 2026 this was Pagefind: it folded no "đ", rewrote its whole index
when one plan changed, and at 100 plans took seconds per query for common
words at 4x CPU; bench/results-search.md compares them on the same queries.)
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from html import escape
from pathlib import Path

from kehoach.archive import index
from kehoach.core import htmltree

FOLDER = index.FOLDER  # site/chi-muc/: the archive's index (kehoach/archive/index.py)
PAGE = "tim-kiem.md"  # the archive's search page (archive/tim-kiem.md)


@dataclass(frozen=True)
class Entry:
    url: str  # relative to the archive's root: <plan id>/<location>
    title: str
    text: str
    boost: float
    plan_id: str
    plan_name: str


def _text(fragment: str) -> str:
    """An entry's title or text (Material's search entries hold escaped text and
    a few bare tags) as plain text."""
    if not fragment.strip():
        return ""
    return htmltree.spaced_text(htmltree.parse(f"<div>{fragment}</div>"))


def plan_entries(site: Path, plan_id: str, plan_name: str) -> tuple[list[Entry], str | None]:
    """The entries of one plan's search index, and the index's word separator."""
    path = site / plan_id / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for doc in index.get("docs", []):
        boost = doc.get("boost", 1)
        out.append(Entry(
            url=f"{plan_id}/{doc['location']}",
            title=_text(doc.get("title", "")),
            text=_text(doc.get("text", "")),
            boost=float(boost) if isinstance(boost, (int, float)) else 1.0,
            plan_id=plan_id,
            plan_name=plan_name,
        ))
    return out, index.get("config", {}).get("separator")


@dataclass(frozen=True)
class Page:
    """One page of a plan as the archive indexes it: its entries (the page's own,
    then its sections and footnotes, in the plan's order) under one address."""
    url: str  # relative to the archive's root: <plan id>/<page location>, no '#'
    plan_id: str
    plan_name: str
    entries: tuple[Entry, ...]

    @property
    def title(self) -> str:
        """The page's own entry's title (pages_of puts it first), else the first section's."""
        return self.entries[0].title

    def file(self) -> dict:
        """What the archive's search results show of the page (its file in the
        index, kehoach/archive/index.py): its address, title and sections as
        written, [anchor, title, text] (+ boost when not 1)."""
        rows = []
        for entry in self.entries:
            row: list = [anchor(entry), entry.title, entry.text]
            if entry.boost != 1:
                row.append(entry.boost)
            rows.append(row)
        return {"u": self.url, "t": self.title, "s": rows}


def anchor(entry: Entry) -> str:
    """The entry's anchor on its page ("" for the page itself)."""
    return entry.url.partition("#")[2]


def page_url(entry: Entry) -> str:
    """The address of the entry's page (without its anchor)."""
    return entry.url.partition("#")[0]


def pages_of(entries: list[Entry]) -> list[Page]:
    """The entries grouped by page (their address without '#'), in first-seen
    order; on each page the page's own entry first (the text before its first
    section heading is the page's own)."""
    grouped: dict[tuple[str, str], list[Entry]] = {}
    for entry in entries:
        grouped.setdefault((entry.plan_id, page_url(entry)), []).append(entry)
    return [Page(url, plan_id, group[0].plan_name, tuple(sorted(group, key=lambda e: bool(anchor(e)))))
            for (plan_id, url), group in grouped.items()]


def plan_segment(site: Path, plan_id: str, name: str) -> index.Segment:
    """One plan's part of the archive's index, from its built search index."""
    entries, separator = plan_entries(site, plan_id, name)
    return index.segment(pages_of(entries), index.separator_pattern(separator))


def build_index(site: Path, plans: list[tuple[str, str]]) -> dict:
    """The archive's index at site/chi-muc/ from every plan's search entries;
    `plans`: (id, name) of each plan built into site/<id>/. Returns what was done
    ("pages": pages indexed). kehoach/archive/cache.py `search_index` is the same
    with each plan's part kept between builds."""
    started = time.perf_counter()
    segments = {plan_id: plan_segment(site, plan_id, name) for plan_id, name in plans}
    index.write(site / FOLDER, plans, segments)
    return {"pages": sum(len(s.pages) for s in segments.values()), "seconds": time.perf_counter() - started}


# ------------------------------------------------------------------ the search page

def plan_name(plan) -> str:
    """How the search page names a plan (kehoach/archive/model.py Plan)."""
    return f"{plan.title} ({plan.department}, {plan.year})"


def separator(site: Path | None, plan_ids: list[str]) -> str | None:
    """The word separator of the plans' own search (mkdocs-plan.yml), as their
    built index holds it: the archive's search splits words the same way."""
    for plan_id in plan_ids:
        path = (site or Path()) / plan_id / "search" / "search_index.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8")).get("config", {}).get("separator")
    return None


def search_form(plans: list[tuple[str, str]], separator: str | None, root: str) -> str:
    """The archive's search page (archive/tim-kiem.md, then this): a labelled box,
    a choice of plan (all, or one), a status line and the list of results, which
    tim-kiem-kho.js fills. Without the script (or from file://), a note says so."""
    options = ['<option value="">Mọi kế hoạch</option>'] + [
        f'<option value="{escape(pid, quote=True)}">{escape(name)}</option>' for pid, name in plans]
    sep = f' data-separator="{escape(separator, quote=True)}"' if separator else ""
    return "\n".join([
        f'<form class="kh-find" id="tim-kiem-kho" role="search" aria-label="Tìm trong kho" '
        f'data-root="{escape(root, quote=True)}" data-index="{FOLDER}/"{sep} hidden>',
        '<p class="kh-find__row"><label for="tu-khoa">Từ cần tìm</label> '
        '<input type="search" id="tu-khoa" name="q" autocomplete="off" spellcheck="false" '
        'aria-describedby="ket-qua-trang-thai" aria-controls="ket-qua"></p>',
        '<p class="kh-find__row"><label for="trong-ke-hoach">Tìm trong</label> '
        f'<select id="trong-ke-hoach" name="ke-hoach">{"".join(options)}</select></p>',
        "</form>",
        "",
        '<p class="kh-find__status" id="ket-qua-trang-thai" role="status" aria-live="polite">'
        'Trang tìm kiếm cần JavaScript và phải được mở qua mạng (không chạy khi mở tệp trên máy).</p>',
        "",
        '<ol class="kh-find__results" id="ket-qua"></ol>',
    ])
