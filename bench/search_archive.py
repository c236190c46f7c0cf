"""The archive's search (our own index, kehoach/archive/index.py, read by
tim-kiem-kho.js) against the plan's own search (Material's lunr with
lunr.vi.min.js), on the same queries.

    .venv/bin/python bench/search_archive.py SITE [PLANS ...] [--distinct]

SITE is a built archive (`mkdocs build` at the root) holding the real plan
(site/snv-2022/). For each query of QUERIES (bench/search_queries.py, the
citations of tests/search/test_search.py), in headless chromium:

- the plan's own search: Material's worker answers it (as bench/search.py);
  its first result and first five pages;
- the archive's search page (/tim-kiem/): typed in its box, the first result
  and the first five listed;
- "right": the first result holds the answer (search_queries.answers: the
  register entry of a citation, or a passage holding the phrase);
- bytes fetched per query from a cold context, from the page's load on
  (bench/index_fetch.py: Playwright's network events), every file of
  site/chi-muc/ counted gzip -9 (as a server sends it compressed): the index
  (ke-hoach.json, the words' buckets t/, the dictionary d/) and the passages
  (p/: the first pages' sections as written) apart. No engine is fetched: the
  page's scripts (tim-kiem-kho.js, lunr.vi.min.js) are every page's;
- last keystroke -> results at 4x CPU slowdown (DevTools; see `throttle`), 10
  queries typed key by key (KEYSTROKE, KEY_DELAY).

Then for each number in PLANS (e.g. 100): the same entries indexed as that many
plans (copies of snv-2022 under other ids, as the archive of copies would hold:
the index is made from the plans' search entries only, so the copies need no
MkDocs build: `copies` puts the plan's search_index.json under each id and
calls kehoach.archive.search.build_index, as the archive's build does), written
into a copy of SITE: indexing time and size; bytes per cold query across every
plan and in one plan only (median, max); last keystroke -> results at 4x,
across every plan and in one plan only (median, max). With --distinct, each
copy's pages are shuffled (`copies`): identical copies let gzip remove the
repeated postings.

(Until December 2026 the archive's search was Pagefind; bench/results-search.md
keeps its figures, measured by this script's earlier form.)
"""
from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).parent))
from kehoach.archive import search as archive_search  # noqa: E402
from bench import index_fetch  # noqa: E402
from search import RANKS  # noqa: E402
from search_queries import QUERIES as PHRASES, answers  # noqa: E402

PLAN = "snv-2022"
REG = "van-ban/"
CITATIONS = [
    ("nghị định 108", None), ("nghi dinh 108", None), ("107/2020", REG + "nghi-dinh-2020-107-nd-cp/"),
    ("107/2020/nd-cp", REG + "nghi-dinh-2020-107-nd-cp/"), ("633/QĐ-UBND", REG + "quyet-dinh-2021-633-qd-ubnd/"),
    ("2198/KH-UBND", REG + "ke-hoach-2021-2198-kh-ubnd/"), ("113/2018", None), ("kéo dài", None), ("keo dai", None),
]
QUERIES = PHRASES + CITATIONS
ARGS = index_fetch.ARGS
SETTLED = index_fetch.SETTLED
LINKS = "as => as.map(a => a.getAttribute('href'))"
# typed key by key, timed from the last keystroke: the 5 of the first round, and more
KEYSTROKE = ["Lục Nam", "hiep hoa", "thanh niên xung phong", "107/2020/NĐ-CP", "ng",
             "nghị định 108", "tinh giản biên chế", "Sơn Động", "đơn vị hành chính", "chi so papi"]
KEY_DELAY = 120  # ms between keystrokes (a quick typist)
RATE = 4  # CPU slowdown
WAIT = 15000  # ms: a query not settled by then is reported as not settled


def serve(site: Path):
    """(server, base URL): `site` served on 127.0.0.1."""
    ctx = index_fetch.served(site)
    return ctx, ctx.__enter__()


def location(href: str) -> str:
    """An archive result's address as the plan's search names it."""
    return href.removeprefix("../").removeprefix(PLAN + "/")


def archive_query(browser, base: str, site: Path, query: str, plan: str = "") -> dict:
    """One query on the archive's search page, from a cold context: the results
    listed and the bytes fetched from the page's load on (index_fetch.sizes)."""
    files, hrefs = index_fetch.query_page(browser, base, query, plan)
    fetched = index_fetch.sizes(site, files)
    return {"hrefs": hrefs, "bytes": {"index": fetched.gzip - fetched.passages_gzip,
                                      "passages": fetched.passages_gzip, "files": fetched.files,
                                      "index_raw": fetched.raw - fetched.passages_raw,
                                      "missing": fetched.missing}}


def throttle(page, rate: int) -> None:
    """`rate`x CPU slowdown (DevTools). Chromium throttles the page, and the
    whole search runs on the page (tim-kiem-kho.js: no worker, no WebAssembly),
    so all of its work is slowed. (Pagefind searched in a worker, which DevTools
    cannot throttle on its own: its 4x times were somewhat optimistic.)"""
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})


def typed_ms(browser, base: str, plan: str = "") -> list[float | None]:
    """Last keystroke -> results shown, each query typed key by key (KEY_DELAY) at
    RATE x CPU slowdown (throttle), after one query (as for Pagefind, whose
    engine it started: here it fetches the plans' list and its words' files,
    which the page keeps); None: not settled in WAIT."""
    page = browser.new_page()
    page.goto(base + "tim-kiem/" + (f"?ke-hoach={plan}" if plan else ""))
    page.wait_for_load_state("networkidle")
    page.fill("#tu-khoa", "kế hoạch")  # a first query, as a reader's
    page.wait_for_function(SETTLED, timeout=60000)
    throttle(page, RATE)
    page.evaluate("""() => { window.__khDone = 0
      new MutationObserver(() => {
        if (!document.getElementById('ket-qua-trang-thai').textContent.startsWith('Đang'))
          window.__khDone = performance.now() })
      .observe(document.getElementById('ket-qua-trang-thai'), {subtree: true, childList: true, characterData: true})
      document.getElementById('tu-khoa').addEventListener('keydown', () => { window.__khKey = performance.now() }, true) }""")
    out: list[float | None] = []
    for query in KEYSTROKE:
        page.fill("#tu-khoa", "")
        page.wait_for_function(SETTLED, timeout=WAIT)
        page.wait_for_timeout(1000)
        page.locator("#tu-khoa").press_sequentially(query, delay=KEY_DELAY)
        try:
            page.wait_for_function("() => window.__khDone > window.__khKey", timeout=WAIT)
            out.append(page.evaluate("window.__khDone - window.__khKey"))
        except Exception:  # noqa: BLE001 - a timeout: not settled
            out.append(None)
            page.wait_for_function(SETTLED, timeout=120000)
    page.close()
    return out


def copies(site: Path, plans: int, dest: Path, distinct: bool = False) -> tuple[Path, float, int, int, int]:
    """SITE with its archive index rebuilt for `plans` copies of the plan: the
    plan's search index put under `plans - 1` other ids (ban-sao-001, ...; only
    site/<id>/search/search_index.json, which is all the index is made from) and
    kehoach.archive.search.build_index run over them all, as the archive's build
    runs it. Returns the site, the indexing seconds, the index's files and bytes
    (raw) and the pages indexed.

    Identical copies flatter gzip: a bucket file holds the same postings once
    per plan, which gzip all but removes (the raw bytes grow with the plans).
    With `distinct`, each copy's pages are put in another order (a seeded
    shuffle of its pages, the entries of a page kept together): the same words
    and weights, but other page numbers in every plan's postings, nearer to
    plans of their own (whose words, pages and weights would differ more)."""
    shutil.copytree(site, dest, symlinks=True)
    source = site / PLAN / "search" / "search_index.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    names = dict((pid, name) for pid, name, _ in
                 json.loads((site / index_fetch.PLANS_FILE).read_text(encoding="utf-8"))["n"])
    every = []
    for i in range(plans):
        pid = PLAN if i == 0 else f"ban-sao-{i:03d}"
        if i:
            target = dest / pid / "search" / "search_index.json"
            target.parent.mkdir(parents=True)
            if distinct:
                groups: dict[str, list] = {}
                for doc in data["docs"]:
                    groups.setdefault(doc["location"].partition("#")[0], []).append(doc)
                order = list(groups.values())
                random.Random(i).shuffle(order)
                target.write_text(json.dumps({**data, "docs": [d for g in order for d in g]}, ensure_ascii=False),
                                  encoding="utf-8")
            else:
                shutil.copyfile(source, target)
        every.append((pid, names.get(pid, f"Bản sao {i}")))
    started = time.perf_counter()
    done = archive_search.build_index(dest, every)
    seconds = time.perf_counter() - started
    files = [p for p in (dest / archive_search.FOLDER).rglob("*") if p.is_file()]
    return dest, seconds, len(files), sum(p.stat().st_size for p in files), done["pages"]


def main(site: Path, counts: list[int], distinct: bool = False) -> None:
    plan_site = site / PLAN
    docs = json.loads((plan_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        httpd, base = serve(site)
        # the plan's own search
        page = browser.new_page()
        page.goto(base + PLAN + "/")
        page.wait_for_timeout(2000)
        worker = "assets/javascripts/workers/" + next((plan_site / "assets/javascripts/workers").glob("search.*.min.js")).name
        lunr = page.evaluate(RANKS.replace('fetch("search/', f'fetch("/{PLAN}/search/'),
                             {"worker": f"/{PLAN}/{worker}", "queries": [q for q, _ in QUERIES]})
        page.close()
        rows = []
        for query, register in QUERIES:
            right = answers(docs, query, register)
            ours = archive_query(browser, base, site, query)
            got = [location(h) for h in ours["hrefs"]]
            pages = lunr[query]
            rows.append({
                "query": query,
                "lunr_first": pages[0][0] if pages else None,
                "lunr_right_first": bool(pages and right & set(pages[0])),
                "lunr_top5": any(right & set(g) for g in pages[:5]),
                "ours_first": got[0] if got else None,
                "ours_right_first": bool(got and got[0] in right),
                "ours_top5": bool(right & set(got[:5])),
                "bytes": ours["bytes"],
            })
        n = len(rows)
        print(f"## 1 plan ({site}): {n} queries (load average {load()})")
        print(f"right result first: lunr {sum(r['lunr_right_first'] for r in rows)}/{n}, "
              f"archive (our index + our tiers) {sum(r['ours_right_first'] for r in rows)}/{n}; "
              f"in the top 5: lunr {sum(r['lunr_top5'] for r in rows)}/{n}, archive {sum(r['ours_top5'] for r in rows)}/{n}; "
              f"same first result: {sum(r['lunr_first'] == r['ours_first'] for r in rows)}/{n}")
        for r in rows:
            flag = "" if r["ours_right_first"] == r["lunr_right_first"] else "  <-- differs"
            same = "" if r["ours_first"] == r["lunr_first"] else " (first differs)"
            print(f"  {r['query']!r}: lunr {r['lunr_first']} | archive {r['ours_first']}{same} "
                  f"| index {r['bytes']['index']} B, passages {r['bytes']['passages']} B, "
                  f"{r['bytes']['files']} files{flag}")
        report_bytes(rows)
        print("  in one plan only (the same plan):")
        report_bytes([{"query": q, "bytes": archive_query(browser, base, site, q, PLAN)["bytes"]} for q, _ in QUERIES])
        report_typed("4x CPU, last keystroke -> results", typed_ms(browser, base))
        httpd.__exit__(None, None, None)
        for count in counts:
            with tempfile.TemporaryDirectory() as tmp:
                before = load()
                big, seconds, files, size, pages = copies(site, count, Path(tmp) / "site", distinct)
                httpd, base = serve(big)
                every = [{"query": q, "bytes": archive_query(browser, base, big, q)["bytes"]} for q, _ in QUERIES]
                one = [{"query": q, "bytes": archive_query(browser, base, big, q, PLAN)["bytes"]} for q, _ in QUERIES]
                print(f"## {count} plans{' (copies with their pages shuffled)' if distinct else ''}: {count * len(docs)} entries ({pages} pages) indexed in {seconds:.1f} s, "
                      f"{size / 1e6:.1f} MB in {files} files (load average before: {before})")
                print("  across every plan:")
                report_bytes(every)
                report_typed("  4x CPU, last keystroke -> results", typed_ms(browser, base))
                print("  in one plan only:")
                report_bytes(one)
                report_typed("  4x CPU, last keystroke -> results", typed_ms(browser, base, PLAN))
                httpd.__exit__(None, None, None)
        browser.close()


def load() -> str:
    """The load average (1, 5, 15 min), as `uptime` gives it: the machine is shared."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def report_typed(label: str, times: list[float | None]) -> None:
    done = [t for t in times if t is not None]
    late = len(times) - len(done)
    print(f"{label} (ms, {len(times)} queries typed, {RATE}x CPU): "
          + (f"median {statistics.median(done):.0f}, max {max(done):.0f}" if done else "none settled")
          + (f", {late} not settled within {WAIT / 1000:.0f} s" if late else "")
          + "; " + ", ".join(f"{q!r} {'—' if t is None else round(t)}" for q, t in zip(KEYSTROKE, times))
          + f" (load average after: {load()})")


def report_bytes(rows: list[dict]) -> None:
    index = [r["bytes"]["index"] for r in rows]
    passages = [r["bytes"]["passages"] for r in rows]
    raw = [r["bytes"]["index_raw"] for r in rows]
    both = [i + p for i, p in zip(index, passages)]
    files = [r["bytes"]["files"] for r in rows]
    missing = sum(r["bytes"]["missing"] for r in rows)
    print(f"  bytes per cold query (gzip -9, from the page's load on): index median {statistics.median(index) / 1e3:.1f} kB, "
          f"max {max(index) / 1e3:.1f} kB ({rows[index.index(max(index))]['query']!r}; raw median "
          f"{statistics.median(raw) / 1e3:.1f} kB, max {max(raw) / 1e3:.1f} kB); passages (the first pages' "
          f"sections, ordered again) median {statistics.median(passages) / 1e3:.1f} kB, max {max(passages) / 1e3:.1f} kB; "
          f"both median {statistics.median(both) / 1e3:.1f} kB, max {max(both) / 1e3:.1f} kB "
          f"({rows[both.index(max(both))]['query']!r}); files median {statistics.median(files):.0f}, max {max(files)}"
          + (f"; {missing} asked for and absent (404)" if missing else ""))
    for r in rows:
        print(f"    {r['query']!r}: index {r['bytes']['index'] / 1e3:.1f} kB ({r['bytes']['index_raw'] / 1e3:.1f} raw), passages {r['bytes']['passages'] / 1e3:.1f} kB, "
              f"{r['bytes']['files']} files")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--distinct"]
    main(Path(args[0]), [int(a) for a in args[1:]], "--distinct" in sys.argv)
