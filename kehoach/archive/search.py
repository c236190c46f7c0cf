"""One search across every plan of the archive (issue 22, point 5): Pagefind.

Each plan keeps its own search (Material's lunr index with our Vietnamese
forms, kehoach/search/ and overrides/assets/javascripts/lunr/min/lunr.vi.min.js),
which also works in the offline copy. The archive adds one index over every
plan, which Pagefind (a kept static-search engine, pinned as `pagefind[bin]`)
writes in chunks, so a query fetches only the chunks of its words
(bench/search_archive.py measures what a query fetches at 1 and 100 plans).

What is indexed are the entries of each plan's own search index
(site/<id>/search/search_index.json, written by the plan's build: one entry per
section of a page and per footnote, our footnote entries included), so the
archive's results lead to the same places as the plan's own search. Pagefind
folds tones but not "đ", and knows nothing of Vietnamese; so, on_post_build:

- each page of a plan (an entry's address without '#') becomes one small page
  of a folder of sources (never published), so that Pagefind's page list,
  fetched by every query, and its work per query grow with the plans' pages
  (105 for the real plan), not their entries (199). Its body holds only
  folded words (kehoach.core.vietnamese.fold, lowercase): the page's own entry
  first, its title as a heading without id, then each section and footnote
  under a heading whose id is the entry's anchor ("fn:2" of "...#fn:2").
  Pagefind's sub-results (one per heading with an id, and one for the text
  before the first) so name the section that holds a query's words. As
  Pagefind metadata (stored, not indexed): the page's address, its title as
  written, its plan's name and its sections as written (sections_meta: JSON,
  [anchor, title, text] and the entry's `search: boost` when not 1);
- Pagefind's binary indexes that folder into site/pagefind/ (a subprocess, no
  network; `--force-language vi`: one index whatever a page says), and each
  plan's part of it into a bundle of its own, site/pagefind/ke-hoach/<id>/: a
  search in one plan asks only that plan's bundle. (Pagefind's filter did the
  same from the archive's bundle, but its filter file lists every page of every
  plan, fetched by a search in one plan; bench/results-search.md.)

The browser (overrides/assets/javascripts/tim-kiem-kho.js) folds the query the
same way, asks Pagefind, fetches the first pages' data (their fragments: the
folded text and the metadata) and orders the sections Pagefind names in them
(sub-results) by the tiers of the plan's own search (lunr.vi.min.js
`khTimKiem.score`: words held, phrase order, exactness, title, boost), on the
sections' text as written; it lists them with their own address (the page's
and the section's anchor). Every value written into a source page is escaped;
the browser inserts every value as text.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html import escape
from pathlib import Path

from kehoach.core import htmltree
from kehoach.core.errors import SiteError
from kehoach.core.vietnamese import fold

FOLDER = "pagefind"  # site/pagefind/: the archive's index and Pagefind's scripts
PLANS = "ke-hoach"  # site/pagefind/ke-hoach/<id>/: one plan's own bundle
PAGE = "tim-kiem.md"  # the archive's search page (archive/tim-kiem.md)
LANGUAGE = "vi"
TIMEOUT = 600  # seconds: bounded cost
# Pagefind's ready-made interfaces: the search page is ours (tim-kiem-kho.js).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
# A plan's bundle is searched with the archive's pagefind.js (createInstance); its
# worker script stays: Pagefind starts its one worker from the first bundle asked.
UNUSED_IN_PLAN = UNUSED + ("pagefind.js",)
WORKERS = 2  # Pagefind processes at a time for the plans' bundles


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


def anchor(entry: Entry) -> str:
    """The entry's anchor on its page ("" for the page itself)."""
    return entry.url.partition("#")[2]


def page_url(entry: Entry) -> str:
    """The address of the entry's page (without its anchor)."""
    return entry.url.partition("#")[0]


def pages_of(entries: list[Entry]) -> list[Page]:
    """The entries grouped by page (their address without '#'), in first-seen
    order; on each page the page's own entry first (the text before its first
    section heading is the page's own, for Pagefind)."""
    grouped: dict[tuple[str, str], list[Entry]] = {}
    for entry in entries:
        grouped.setdefault((entry.plan_id, page_url(entry)), []).append(entry)
    return [Page(url, plan_id, group[0].plan_name, tuple(sorted(group, key=lambda e: bool(anchor(e)))))
            for (plan_id, url), group in grouped.items()]


def sections_meta(page: Page) -> str:
    """The page's sections as written, for the browser: a JSON list of
    [anchor, title, text] (+ boost when not 1), one per entry."""
    rows = []
    for entry in page.entries:
        row: list = [anchor(entry), entry.title, entry.text]
        if entry.boost != 1:
            row.append(entry.boost)
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def source_page(page: Page) -> str:
    """The page Pagefind indexes for one plan page: the folded words in its body,
    each section under a heading carrying the section's anchor as its id (so
    Pagefind's sub-results name the section), the page's own entry first under
    a heading without id; everything as written is metadata (stored, not
    indexed): the page's address, title, plan name and its sections
    (sections_meta). Every value is escaped."""
    body = []
    for entry in page.entries:
        title = escape(fold(entry.title).lower()) or "-"
        section = anchor(entry)
        heading = f'<h2 id="{escape(section, quote=True)}">{title}</h2>' if section else f"<h1>{title}</h1>"
        body.append(f'{heading}<p>{escape(fold(entry.text).lower())}</p>')
    meta = {"u": page.url, "title": page.title, "p": page.plan_name, "s": sections_meta(page)}
    spans = "".join(f'<span data-pagefind-meta="{k}">{escape(v)}</span>' for k, v in meta.items())
    return (
        f'<!DOCTYPE html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>{escape(page.title)}</title></head>'
        f'<body><main data-pagefind-body>{"".join(body)}'
        f'<div data-pagefind-ignore>{spans}</div></main></body></html>'
    )


def write_sources(entries: list[Entry], folder: Path) -> int:
    """One source page per plan page (pages_of), numbered, in a folder per plan.
    Returns the number of pages."""
    counts: dict[str, int] = {}
    pages = pages_of(entries)
    for page in pages:
        n = counts[page.plan_id] = counts.get(page.plan_id, 0) + 1
        path = folder / page.plan_id / f"{n}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source_page(page), encoding="utf-8")
    return len(pages)


def executable() -> str:
    """Pagefind's binary: $PAGEFIND_BINARY_PATH, or the one the `pagefind[bin]`
    package ships (requirements.txt)."""
    given = os.environ.get("PAGEFIND_BINARY_PATH")
    if given:
        return given
    try:
        from pagefind_bin import get_executable  # type: ignore[import-not-found]
    except ImportError:
        raise SiteError(
            "requirements.txt", None,
            "Không tìm thấy chương trình Pagefind, cần để tạo chỉ mục tìm kiếm của kho.",
            "Pagefind's binary, which writes the archive's search index, is missing.",
            "cài lại môi trường bằng `make` (requirements.txt có gói pagefind[bin]).",
            "set up the environment again with `make` (requirements.txt pins pagefind[bin]).",
        ) from None
    return str(get_executable())


def run_pagefind(sources: Path, output: Path, unused: tuple[str, ...] = UNUSED) -> None:
    """Index `sources` into `output` with Pagefind's binary (offline: it reads and
    writes files only)."""
    if output.exists():
        shutil.rmtree(output)
    command = [executable(), "--site", str(sources), "--output-path", str(output),
               "--force-language", LANGUAGE, "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                            env=dict(os.environ, PAGEFIND_SITE=str(sources)))
    if result.returncode != 0 or not (output / "pagefind.js").is_file():
        raise SiteError(
            "mkdocs.yml", None,
            f"Pagefind không tạo được chỉ mục tìm kiếm của kho: {(result.stderr or result.stdout).strip()[:500]}",
            f"Pagefind could not write the archive's search index: {(result.stderr or result.stdout).strip()[:500]}",
            "xem thông báo của Pagefind ở trên.", "see Pagefind's message above.",
        )
    for name in unused:
        (output / name).unlink(missing_ok=True)


def plan_bundle(plan_id: str) -> str:
    """A plan's own bundle, relative to the archive's root."""
    return f"{FOLDER}/{PLANS}/{plan_id}/"


def write_bundles(sources: Path, site: Path, plan_ids: list[str], kept: Path | None = None,
                  fresh: frozenset[str] = frozenset()) -> None:
    """The archive's bundle (every plan) and one bundle per plan, from the source
    pages of write_sources (a folder per plan). The plans' bundles are written
    after the archive's, which empties site/pagefind/ first. `kept`: the plans'
    bundles of the last build (a copy of site/pagefind/ke-hoach/), whose bundle
    for a plan named in `fresh` (its sources unchanged) is taken as it is."""
    run_pagefind(sources, site / FOLDER)
    todo = []
    for plan_id in plan_ids:
        if not (sources / plan_id).is_dir():
            continue
        before = kept / plan_id if kept is not None else None
        if before is not None and plan_id in fresh and (before / "pagefind-entry.json").is_file():
            shutil.copytree(before, site / plan_bundle(plan_id))
        else:
            todo.append(plan_id)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for done in [pool.submit(run_pagefind, sources / plan_id, site / plan_bundle(plan_id), UNUSED_IN_PLAN)
                     for plan_id in todo]:
            done.result()


def build_index(site: Path, plans: list[tuple[str, str]], sources: Path | None = None,
                fresh: frozenset[str] = frozenset(), kept: Path | None = None) -> dict:
    """The archive's index at site/pagefind/ from every plan's search entries, and
    each plan's own at site/pagefind/ke-hoach/<id>/; `plans`: (id, name) of each
    plan built into site/<id>/. Returns what was done ("pages": Pagefind pages).
    (The search page reads the plans' word separator itself: `separator`.)
    `sources`: a folder kept between builds for the source pages (one folder per
    plan, as write_sources lays them out; kehoach/archive/cache.py), where the
    plans named in `fresh` already have theirs, unchanged: only the others are
    read and written again, and any other folder there is removed. `kept`: the
    plans' bundles of the last build, reused for the plans in `fresh`."""
    started = time.perf_counter()
    if sources is None:
        entries: list[Entry] = []
        for plan_id, name in plans:
            entries += plan_entries(site, plan_id, name)[0]
        with tempfile.TemporaryDirectory(prefix="kh-pagefind-") as tmp:
            count = write_sources(entries, Path(tmp))
            write_bundles(Path(tmp), site, [plan_id for plan_id, _ in plans])
        return {"pages": count, "seconds": time.perf_counter() - started}
    ids = {plan_id for plan_id, _ in plans}
    sources.mkdir(parents=True, exist_ok=True)
    for folder in sources.iterdir():
        if folder.name not in ids or folder.name not in fresh:
            shutil.rmtree(folder) if folder.is_dir() else folder.unlink()
    count = 0
    for plan_id, name in plans:
        if (sources / plan_id).is_dir():
            count += sum(1 for _ in (sources / plan_id).iterdir())
        else:
            count += write_sources(plan_entries(site, plan_id, name)[0], sources)
    write_bundles(sources, site, [plan_id for plan_id, _ in plans], kept, fresh)
    return {"pages": count, "seconds": time.perf_counter() - started}


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
        f'data-root="{escape(root, quote=True)}" data-plan-bundles="{FOLDER}/{PLANS}/"{sep} hidden>',
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
