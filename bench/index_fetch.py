"""Bytes of search index that one query fetches from a built archive (issue 22 points 5 and 7).

The bench asks `archive_query_fetch(site, query)` for each of QUERIES: the
files (paths relative to the built archive `site`, e.g. "chi-muc/t/3f.json")
that the archive-wide search fetches, from a cold cache, to answer `query`.

The archive's search (issue 22 point 5: an index of our own,
kehoach/archive/index.py, read by overrides/assets/javascripts/tim-kiem-kho.js)
answers it in headless chromium (Debian's, Playwright; no browser download):
the archive served on 127.0.0.1, a cold browser context per query, the query
typed into /tim-kiem/ at once, and every file of the index (site/chi-muc/)
fetched until the results settle, from the page's load on (the page fetches
the plans' list, chi-muc/ke-hoach.json, as it loads: it is part of a cold
query). `measure` also asks each query in one plan only (the same files, the
plan's pages kept). Each file is counted gzip -9, as a server sends it
compressed: the index (ke-hoach.json, the words' postings t/, the dictionary
d/) and, apart, the passages (p/<plan>/<page>.json: the first pages' sections
as written, which the results show). There is no engine to fetch: the page's
scripts (tim-kiem-kho.js, lunr.vi.min.js) are those of every page.

Without an archive search in `site` (an older commit, or one with Pagefind's
bundles under pagefind/) it returns None and the bench reports the BASELINE
instead, labelled as such in RESULTS.md:

- one plan: a query in a plan (Material's lunr search, our Vietnamese folding)
  fetches that plan's whole search/search_index.json, whatever the query;
- all plans in one lunr index: what a search across the archive would fetch
  if it were today's design with every plan in one index (the sum of the plans'
  indexes; issue 22 cites 18 MB, 3.2 MB gzip, for 100 plans).
"""
from __future__ import annotations

import functools
import gzip
import http.server
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .search_queries import QUERIES as _ALL

# 20 queries as citizens type them (bench/search_queries.py: with and without
# diacritics, "đ", phrases, citations by number), two near-duplicates left out.
QUERIES = [q for q, _ in _ALL if q not in ("Hiệp Hoà", "uu tu")]
assert len(QUERIES) == 20, len(QUERIES)

PLAN_INDEX = "search/search_index.json"  # Material's lunr index, one per plan
PAGE = "tim-kiem/"  # the archive's search page
INDEX = "chi-muc/"  # the archive's index (kehoach/archive/index.py FOLDER)
PLANS_FILE = INDEX + "ke-hoach.json"  # the plans' list, fetched as the page loads
PASSAGES = INDEX + "p/"  # one page's sections as written, fetched for the results shown
LEVEL = 9  # gzip level: as a server sending the files compressed (gzip -9)
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SETTLED = "() => !document.getElementById('ket-qua-trang-thai').textContent.startsWith('Đang')"


@contextmanager
def served(site: Path):
    """`site` on 127.0.0.1 (a thread); yields the base URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def query_page(browser, base: str, query: str, plan: str = "") -> tuple[list[str], list[str]]:
    """The files (relative to the archive) a cold page of the archive's search
    fetches from its load until `query` (typed at once; in plan `plan` only, if
    given) has its results, and the addresses of the results listed."""
    context = browser.new_context()
    try:
        page = context.new_page()
        fetched: list[str] = []
        # every request the page makes ("requestfinished" of a 404 may come after the results)
        page.on("request", lambda r: fetched.append(r.url.removeprefix(base).split("?")[0]))
        page.goto(base + PAGE + (f"?ke-hoach={plan}" if plan else ""))
        page.wait_for_load_state("networkidle")
        page.fill("#tu-khoa", query)
        page.wait_for_function(SETTLED, timeout=60000)
        page.wait_for_load_state("networkidle")
        hrefs = page.eval_on_selector_all("a.kh-find__link", "as => as.map(a => a.getAttribute('href'))")
        return [f for f in fetched if f.startswith(INDEX)], hrefs
    finally:
        context.close()


def query_files(browser, base: str, query: str, plan: str = "") -> list[str]:
    return query_page(browser, base, query, plan)[0]


def has_archive_search(site: Path) -> bool:
    return (site / PAGE / "index.html").is_file() and (site / PLANS_FILE).is_file()


def archive_query_fetch(site: Path, query: str, browser=None, base: str | None = None,
                        plan: str = "") -> list[str] | None:
    """The files the archive-wide search fetches for `query` (relative to `site`), or
    None: the archive has no search across plans (no /tim-kiem/). `browser` and
    `base` (the archive served) may be given, to ask many queries of one server."""
    if not has_archive_search(site):
        return None
    if browser is None or base is None:
        with chromium() as own, served(site) as url:
            return query_files(own, url, query, plan)
    return query_files(browser, base, query, plan)


@dataclass
class Fetch:
    raw: int
    gzip: int
    files: int
    passages_gzip: int = 0  # of gzip: the pages' sections (chi-muc/p/), the results' text, not index
    passages_raw: int = 0  # of raw: the same
    missing: int = 0  # files asked for and absent (404: a word's bucket or dictionary that no word fills)


def sizes(site: Path, files: list[str]) -> Fetch:
    """Raw and gzip (-9, as a server would send it) bytes of `files`, each once;
    the passages (chi-muc/p/) also apart. A file absent from `site` (the page
    asked for it and got a 404) is counted in `missing`, with no bytes."""
    raw = gz = count = passages = passages_raw = missing = 0
    for rel in dict.fromkeys(files):
        path = site / rel
        if not path.is_file():
            missing += 1
            continue
        body = path.read_bytes()
        count += 1
        size = len(gzip.compress(body, LEVEL))
        raw += len(body)
        gz += size
        if rel.startswith(PASSAGES):
            passages += size
            passages_raw += len(body)
    return Fetch(raw, gz, count, passages, passages_raw, missing)


def measure(site: Path, plan_ids: list[str]) -> dict:
    """Per query: the archive search's bytes, across every plan ("archive") and in the
    first plan only ("archive_plan"), None until it exists; and the two baselines."""
    one = sizes(site, [f"{plan_ids[0]}/{PLAN_INDEX}"])
    every = [sizes(site, [f"{p}/{PLAN_INDEX}"]) for p in plan_ids]
    all_plans = Fetch(sum(f.raw for f in every), sum(f.gzip for f in every), len(every))
    rows = []
    if not has_archive_search(site):
        rows = [{"query": query, "archive": None, "archive_plan": None} for query in QUERIES]
    else:
        with chromium() as browser, served(site) as base:
            for query in QUERIES:
                files = query_files(browser, base, query)
                mine = query_files(browser, base, query, plan_ids[0])
                rows.append({"query": query, "archive": sizes(site, files).__dict__,
                             "archive_plan": sizes(site, mine).__dict__})
    return {"queries": rows, "one_plan": one.__dict__, "largest_plan": max(every, key=lambda f: f.raw).__dict__,
            "all_plans": all_plans.__dict__}
