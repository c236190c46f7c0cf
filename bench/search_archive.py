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
- bytes fetched per query from a cold context (Playwright's network events):
  Pagefind's index chunks, filters and fragments are gzip files already (their
  bytes on disk are what is sent); its JS, worker and wasm counted gzip -9.

Then for each number in PLANS (e.g. 100): the same entries indexed as that many
plans (copies of snv-2022 under other ids, as the archive of copies would hold:
the index is made from the plans' search entries only, so the copies need no
MkDocs build), written into a copy of SITE, indexing time, size and bytes per
query, with and without the per-plan filter; and last keystroke -> results at 4x
CPU slowdown.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).parent))
from kehoach.archive import search as archive_search  # noqa: E402
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
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SETTLED = "() => !document.getElementById('ket-qua-trang-thai').textContent.startsWith('Đang')"
LINKS = "as => as.map(a => a.getAttribute('href'))"
KEYSTROKE = ["Lục Nam", "hiep hoa", "thanh niên xung phong", "107/2020/NĐ-CP", "ng"]


def serve(site: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))

    class Quiet(handler.func):  # type: ignore[misc]
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def location(href: str) -> str:
    """An archive result's address as the plan's search names it."""
    return href.removeprefix("../").removeprefix(PLAN + "/")


def sent_bytes(site: Path, url_path: str) -> tuple[str, int]:
    """(kind, bytes sent gzip) of a fetched file of Pagefind's bundle."""
    path = site / url_path.lstrip("/")
    raw = path.read_bytes()
    if path.name.endswith((".pf_index", ".pf_fragment", ".pf_filter", ".pf_meta")):
        return ("index" if not path.name.endswith(".pf_fragment") else "fragments"), len(raw)
    return "code", len(gzip.compress(raw, 9))


def archive_query(browser, base: str, site: Path, query: str, plan: str = "") -> dict:
    """One query on the archive's search page, from a cold context."""
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda r: fetched.append(r.url))
    page.goto(base + "tim-kiem/" + (f"?ke-hoach={plan}" if plan else ""))
    page.wait_for_load_state("networkidle")
    start = len(fetched)
    page.fill("#tu-khoa", query)
    page.wait_for_function(SETTLED, timeout=30000)
    page.wait_for_load_state("networkidle")
    hrefs = page.eval_on_selector_all("a.kh-find__link", LINKS)
    sizes = {"index": 0, "fragments": 0, "code": 0}
    for url in fetched:
        path = url.split("/", 3)[3].split("?")[0]
        if path.startswith("pagefind/"):
            kind, n = sent_bytes(site, path)
            sizes[kind] += n
    # before typing: what the page loaded at once (pagefind.js, entry, wasm, meta)
    context.close()
    return {"hrefs": hrefs, "bytes": sizes, "before": start}


def typed_ms(browser, base: str) -> list[float]:
    """Last keystroke -> results changed, 4x CPU slowdown, after the bundle is loaded."""
    page = browser.new_page()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(base + "tim-kiem/")
    page.fill("#tu-khoa", "kế hoạch")
    page.wait_for_function(SETTLED, timeout=60000)
    page.evaluate("""() => { new MutationObserver(() => { window.__khChanged = performance.now() })
      .observe(document.getElementById('ket-qua'), {subtree: true, childList: true, characterData: true})
      document.getElementById('tu-khoa').addEventListener('keydown', () => { window.__khKey = performance.now() }, true) }""")
    out = []
    for query in KEYSTROKE:
        page.fill("#tu-khoa", "")
        page.locator("#tu-khoa").press_sequentially(query[:-1], delay=30)
        page.wait_for_timeout(1500)
        page.keyboard.type(query[-1])
        page.wait_for_timeout(2000)
        out.append(page.evaluate("window.__khChanged - window.__khKey"))
    page.close()
    return out


def copies(site: Path, plans: int, dest: Path) -> tuple[Path, float, int, int]:
    """SITE with its archive index rebuilt for `plans` copies of the plan."""
    shutil.copytree(site, dest, symlinks=True)
    entries, _ = archive_search.plan_entries(site, PLAN, "Kế hoạch")
    every = []
    for i in range(plans):
        pid = PLAN if i == 0 else f"ban-sao-{i:03d}"
        every += [archive_search.Entry(e.url.replace(PLAN + "/", pid + "/", 1), e.title, e.text, e.boost, pid,
                                       f"Bản sao {i}") for e in entries]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        archive_search.write_sources(every, Path(tmp))
        archive_search.run_pagefind(Path(tmp), dest / archive_search.FOLDER)
    seconds = time.perf_counter() - started
    files = [p for p in (dest / archive_search.FOLDER).rglob("*") if p.is_file()]
    return dest, seconds, len(files), sum(p.stat().st_size for p in files)


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
        print(f"4x CPU, last keystroke -> results (ms): {typed_ms(browser, base)}")
        httpd.shutdown()
        for count in counts:
            with tempfile.TemporaryDirectory() as tmp:
                big, seconds, files, size = copies(site, count, Path(tmp) / "site")
                httpd, base = serve(big)
                rows = [{"query": q, "bytes": archive_query(browser, base, big, q)["bytes"]} for q, _ in QUERIES]
                one = [{"query": q, "bytes": archive_query(browser, base, big, q, PLAN)["bytes"]} for q, _ in QUERIES[:6]]
                print(f"## {count} plans: {count * len(docs)} entries indexed in {seconds:.1f} s, "
                      f"{size / 1e6:.1f} MB in {files} files")
                report_bytes(rows)
                print("  filtered to one plan:")
                report_bytes(one)
                print(f"  4x CPU, last keystroke -> results (ms): {typed_ms(browser, base)}")
                httpd.shutdown()
        browser.close()


def report_bytes(rows: list[dict]) -> None:
    index = [r["bytes"]["index"] for r in rows]
    frag = [r["bytes"]["fragments"] for r in rows]
    code = [r["bytes"]["code"] for r in rows]
    print(f"  bytes per cold query (gzip): index median {statistics.median(index) / 1e3:.1f} kB, "
          f"max {max(index) / 1e3:.1f} kB ({rows[index.index(max(index))]['query']!r}); fragments (the text of the "
          f"passages ordered again) median {statistics.median(frag) / 1e3:.1f} kB, max {max(frag) / 1e3:.1f} kB; "
          f"Pagefind's code {statistics.median(code) / 1e3:.1f} kB (cached after the first)")


if __name__ == "__main__":
    main(Path(sys.argv[1]), [int(a) for a in sys.argv[2:]])
