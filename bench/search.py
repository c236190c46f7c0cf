"""Search index size and in-browser cost, for one built site.

    .venv/bin/python bench/search.py SITE_DIR [SITE_DIR...]

For each site: bytes of search/search_index.json (raw and gzip), its number of
entries, then in headless Debian chromium the time Material's search worker
takes from SETUP to its first answer and to answer a few queries: 5 runs, the first with nothing stored in IndexedDB, the 4 others loading the
index the first stored (lunr.vi.min.js); queries: median of 5. Results are
recorded in bench/results-search.md.

Then, for each site:
- the mean reciprocal rank (MRR) of the queries of bench/search_queries.py: the
  rank of the first result (a page of Material's list) that holds the answer;
- in the real page, with the CPU slowed 4x (Chrome DevTools Protocol
  Emulation.setCPUThrottlingRate, as a modest phone): when the first results
  show for a query typed as soon as the page has loaded, on the first page of
  a visit and on the next page, and the time from the last keystroke of a query to the
  last change of the result list (median of the queries of KEYSTROKE).
"""
from __future__ import annotations

import gzip
import json
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from search_queries import QUERIES as MEANING, answers  # noqa: E402
from siteutil import serve_folder  # noqa: E402

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
QUERIES = ["nghi dinh 108", "nghị định 108", "107/2020/NĐ-CP", "ng"]

STORED = """const stored = () => new Promise(resolve => {
  const request = indexedDB.open("kh-tim-kiem", 1)
  request.onupgradeneeded = () => request.result.createObjectStore("index")
  request.onsuccess = () => {
    const db = request.result
    const get = db.transaction("index").objectStore("index").get("lunr")
    get.onsuccess = () => { db.close(); resolve(get.result ? get.result.json.length : 0) }
    get.onerror = () => { db.close(); resolve(0) }
  }
  request.onerror = () => resolve(0)
})
"""
FORGET = """() => new Promise(resolve => {
  const request = indexedDB.deleteDatabase("kh-tim-kiem")
  request.onsuccess = request.onerror = request.onblocked = () => resolve(true)
})"""
STORED_SIZE = "async () => { " + STORED + " return await stored() }"

MEASURE = """async ({worker, queries}) => {
""" + STORED + """
  const data = await (await fetch("search/search_index.json")).json()
  const t0 = performance.now()
  const w = new Worker(worker)
  const next = () => new Promise(resolve => { w.onmessage = ev => resolve(ev.data) })
  w.postMessage({type: 0, data: {config: data.config, docs: data.docs, options: {suggest: false}}})
  await next()
  const ready = performance.now() - t0
  const times = {}
  let first = null
  for (const q of queries) {
    const t = performance.now()
    w.postMessage({type: 2, data: q})
    const result = await next()
    first = first === null ? performance.now() - t0 : first
    times[q] = [performance.now() - t, result.data.items.length]
  }
  // the worker keeps the index it built (lunr.vi.min.js): wait until it is
  // stored, as it would be while the reader is on the page
  for (let i = 0; i < 60 && !(await stored()); i++)
    await new Promise(resolve => setTimeout(resolve, 50))
  w.terminate()
  return {ready, first, times}
}"""


RANKS = """async ({worker, queries}) => {
  const data = await (await fetch("search/search_index.json")).json()
  const w = new Worker(worker)
  const next = () => new Promise(resolve => { w.onmessage = ev => resolve(ev.data) })
  w.postMessage({type: 0, data: {config: data.config, docs: data.docs, options: {suggest: false}}})
  await next()
  const out = {}
  for (const q of queries) {
    w.postMessage({type: 2, data: q})
    const result = await next()
    // each item is one page of the list: the locations Material shows for it
    out[q] = result.data.items.map(group => group.map(doc => doc.location))
  }
  w.terminate()
  return out
}"""

KEYSTROKE = ["Lục Nam", "hiep hoa", "thanh niên xung phong", "107/2020/NĐ-CP", "ng"]
BOX = "[data-md-component=search-query]"
NEXT_PAGE = "phan-1/"
WATCH = """() => {
  window.__khChanged = 0
  new MutationObserver(() => { window.__khChanged = performance.now() })
    .observe(document.querySelector(".md-search-result"), {subtree: true, childList: true, characterData: true})
  document.querySelector("[data-md-component=search-query]")
    .addEventListener("keydown", () => { window.__khKey = performance.now() }, true)
}"""
FIRST_QUERY = "phong"
FOUND = "() => document.querySelectorAll('.md-search-result__item').length > 0"


def reciprocal_ranks(page, worker: str, docs: list[dict]) -> dict[str, float]:
    """1 / rank of the first page of results holding an answer, per query."""
    lists = page.evaluate(RANKS, {"worker": worker, "queries": [q for q, _ in MEANING]})
    out = {}
    for query, register in MEANING:
        right = answers(docs, query, register)
        rank = next((i for i, group in enumerate(lists[query], 1) if right & set(group)), None)
        out[query] = 1 / rank if rank else 0.0
    return out


def keystroke_times(browser, base: str) -> tuple[float, float, list[float]]:
    """At 4x CPU slowdown (ms): first results of a query typed as soon as the
    page has loaded, for the first page of a visit (nothing stored yet) and
    the next page view (both from navigation start); then last keystroke ->
    results on that page."""
    page = browser.new_page()  # a new context: nothing stored
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    firsts = []
    for url in (base, base + NEXT_PAGE):
        page.goto(url)
        page.locator(BOX).click()
        page.locator(BOX).press_sequentially(FIRST_QUERY)
        page.wait_for_function(FOUND, polling=20, timeout=60000)
        firsts.append(page.evaluate("performance.now()"))
        page.wait_for_timeout(3000)  # the index is stored meanwhile (if the site does)
    page.evaluate(WATCH)
    times = []
    for query in KEYSTROKE:
        page.locator(BOX).fill("")
        page.locator(BOX).press_sequentially(query[:-1], delay=30)
        page.wait_for_timeout(1500)
        page.keyboard.type(query[-1])
        page.wait_for_timeout(1500)
        times.append(page.evaluate("window.__khChanged - window.__khKey"))
    page.close()
    return firsts[0], firsts[1], times


def serve(site: Path):
    return serve_folder(site)


def main(sites: list[str]) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for site in map(Path, sites):
            raw = (site / "search" / "search_index.json").read_bytes()
            worker = "assets/javascripts/workers/" + next((site / "assets/javascripts/workers").glob("search.*.min.js")).name
            httpd = serve(site)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/")
            page.wait_for_timeout(3000)  # the page's own search worker is done
            page.evaluate(FORGET)
            runs = [page.evaluate(MEASURE, {"worker": worker, "queries": QUERIES}) for _ in range(5)]
            stored = page.evaluate(STORED_SIZE)
            ranks = reciprocal_ranks(page, worker, json.loads(raw)["docs"])
            page.close()
            first, ready, typed = keystroke_times(browser, f"http://127.0.0.1:{httpd.server_address[1]}/")
            httpd.shutdown()
            print(f"## {site}")
            print(f"search_index.json: {len(raw)} bytes, {len(gzip.compress(raw, 9))} gzip, "
                  f"{len(json.loads(raw)['docs'])} entries")
            print(f"worker SETUP -> first answer: {runs[0]['first']:.0f} ms with nothing stored, "
                  f"then median {statistics.median(r['first'] for r in runs[1:]):.0f} ms of 4 "
                  f"(SETUP -> READY {runs[0]['ready']:.0f} / {statistics.median(r['ready'] for r in runs[1:]):.0f} ms); "
                  f"stored index {stored} characters")
            for q in QUERIES:
                ms = statistics.median(r["times"][q][0] for r in runs)
                print(f"query {q!r}: {ms:.1f} ms, {runs[0]['times'][q][1]} pages found"
                      + (" (the first query: waits for the index)" if q == QUERIES[0] else ""))
            print(f"MRR of {len(ranks)} queries: {statistics.mean(ranks.values()):.3f}")
            for q, rr in ranks.items():
                print(f"  {q!r}: rank {round(1 / rr) if rr else '-'}")
            print(f"4x CPU slowdown: first results of {FIRST_QUERY!r} typed at once {first:.0f} ms after "
                  f"navigation on the first page of a visit, {ready:.0f} ms on the next page; last keystroke -> results "
                  f"median {statistics.median(typed):.0f} ms, max {max(typed):.0f} ms "
                  f"({', '.join(f'{q!r} {t:.0f}' for q, t in zip(KEYSTROKE, typed))})")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
