"""The archive's search (Pagefind, kehoach/archive/search.py) against the plan's
own search (Material's lunr with lunr.vi.min.js), on the same queries.

    PAGEFIND_BINARY_PATH=... .venv/bin/python bench/search_archive.py SITE [PLANS ...]

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
  (bench/index_fetch.py: Playwright's network events): Pagefind's index chunks,
  page list and fragments are gzip files already (their bytes on disk are what
  is sent); its JS, worker and wasm counted gzip -9 apart;
- last keystroke -> results at 4x CPU slowdown (DevTools; see `throttle`), 10
  queries typed key by key (KEYSTROKE, KEY_DELAY).

Then for each number in PLANS (e.g. 100): the same entries indexed as that many
plans (copies of snv-2022 under other ids, as the archive of copies would hold:
the index is made from the plans' search entries only, so the copies need no
MkDocs build), the archive's bundle and one per plan written into a copy of
SITE: indexing time and size; bytes per cold query across every plan and in one
plan only (median, max); last keystroke -> results at 4x, across every plan and
in one plan only (median, max).
"""
from __future__ import annotations

import json
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
    fragments = index_fetch.sizes(site, [f for f in files if f.endswith(".pf_fragment")])
    return {"hrefs": hrefs, "bytes": {"index": fetched.gzip - fragments.gzip, "fragments": fragments.gzip,
                                      "code": fetched.code_gzip}}


def throttle(page, rate: int) -> None:
    """`rate`x CPU slowdown (DevTools). Chromium throttles the page; a worker cannot
    be throttled on its own ("Operation is only supported for pages, not
    workers"), and Pagefind searches in its worker: searches there measured
    2-2.7x slower at 4x than at 1x, where the page's own work is 3.5x slower.
    The 4x times of Pagefind's part may so be somewhat optimistic."""
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})


def typed_ms(browser, base: str, plan: str = "") -> list[float | None]:
    """Last keystroke -> results shown, each query typed key by key (KEY_DELAY) at
    RATE x CPU slowdown (throttle), after one query has started the
    engine; None: not settled in WAIT."""
    page = browser.new_page()
    page.goto(base + "tim-kiem/" + (f"?ke-hoach={plan}" if plan else ""))
    page.wait_for_load_state("networkidle")
    page.fill("#tu-khoa", "kế hoạch")  # the engine started (before 2026-12 it started on the first query)
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


def copies(site: Path, plans: int, dest: Path) -> tuple[Path, float, int, int, int]:
    """SITE with its archive index rebuilt for `plans` copies of the plan; also
    the number of Pagefind pages (write_sources)."""
    shutil.copytree(site, dest, symlinks=True)
    entries, _ = archive_search.plan_entries(site, PLAN, "Kế hoạch")
    every = []
    for i in range(plans):
        pid = PLAN if i == 0 else f"ban-sao-{i:03d}"
        every += [archive_search.Entry(e.url.replace(PLAN + "/", pid + "/", 1), e.title, e.text, e.boost, pid,
                                       f"Bản sao {i}") for e in entries]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        pages = archive_search.write_sources(every, Path(tmp))
        archive_search.write_bundles(Path(tmp), dest, sorted({e.plan_id for e in every}))
    seconds = time.perf_counter() - started
    files = [p for p in (dest / archive_search.FOLDER).rglob("*") if p.is_file()]
    return dest, seconds, len(files), sum(p.stat().st_size for p in files), pages


def main(site: Path, counts: list[int]) -> None:
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
                "pf_first": got[0] if got else None,
                "pf_right_first": bool(got and got[0] in right),
                "pf_top5": bool(right & set(got[:5])),
                "bytes": ours["bytes"],
            })
        n = len(rows)
        print(f"## 1 plan ({site}): {n} queries")
        print(f"right result first: lunr {sum(r['lunr_right_first'] for r in rows)}/{n}, "
              f"archive (Pagefind + our tiers) {sum(r['pf_right_first'] for r in rows)}/{n}; "
              f"in the top 5: lunr {sum(r['lunr_top5'] for r in rows)}/{n}, archive {sum(r['pf_top5'] for r in rows)}/{n}; "
              f"same first result: {sum(r['lunr_first'] == r['pf_first'] for r in rows)}/{n}")
        for r in rows:
            flag = "" if r["pf_right_first"] == r["lunr_right_first"] else "  <-- differs"
            print(f"  {r['query']!r}: lunr {r['lunr_first']} | archive {r['pf_first']} "
                  f"| index {r['bytes']['index']} B, fragments {r['bytes']['fragments']} B, code {r['bytes']['code']} B{flag}")
        report_bytes(rows)
        report_typed("4x CPU, last keystroke -> results", typed_ms(browser, base))
        httpd.__exit__(None, None, None)
        for count in counts:
            with tempfile.TemporaryDirectory() as tmp:
                big, seconds, files, size, pages = copies(site, count, Path(tmp) / "site")
                httpd, base = serve(big)
                every = [{"query": q, "bytes": archive_query(browser, base, big, q)["bytes"]} for q, _ in QUERIES]
                one = [{"query": q, "bytes": archive_query(browser, base, big, q, PLAN)["bytes"]} for q, _ in QUERIES]
                print(f"## {count} plans: {count * len(docs)} entries ({pages} Pagefind pages) indexed in {seconds:.1f} s, "
                      f"{size / 1e6:.1f} MB in {files} files")
                print("  across every plan:")
                report_bytes(every)
                report_typed("  4x CPU, last keystroke -> results", typed_ms(browser, base))
                print("  in one plan only:")
                report_bytes(one)
                report_typed("  4x CPU, last keystroke -> results", typed_ms(browser, base, PLAN))
                httpd.__exit__(None, None, None)
        browser.close()


def report_typed(label: str, times: list[float | None]) -> None:
    done = [t for t in times if t is not None]
    late = len(times) - len(done)
    print(f"{label} (ms, {len(times)} queries typed, {RATE}x CPU): "
          + (f"median {statistics.median(done):.0f}, max {max(done):.0f}" if done else "none settled")
          + (f", {late} not settled within {WAIT / 1000:.0f} s" if late else "")
          + "; " + ", ".join(f"{q!r} {'—' if t is None else round(t)}" for q, t in zip(KEYSTROKE, times)))


def report_bytes(rows: list[dict]) -> None:
    index = [r["bytes"]["index"] for r in rows]
    frag = [r["bytes"]["fragments"] for r in rows]
    code = [r["bytes"]["code"] for r in rows]
    print(f"  bytes per cold query (gzip, from the page's load on): index median {statistics.median(index) / 1e3:.1f} kB, "
          f"max {max(index) / 1e3:.1f} kB ({rows[index.index(max(index))]['query']!r}); fragments (the text of the "
          f"passages ordered again) median {statistics.median(frag) / 1e3:.1f} kB, max {max(frag) / 1e3:.1f} kB; "
          f"Pagefind's code {statistics.median(code) / 1e3:.1f} kB (cached after the first)")


if __name__ == "__main__":
    main(Path(sys.argv[1]), [int(a) for a in sys.argv[2:]])
