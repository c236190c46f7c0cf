"""Search index size and in-browser cost, for one built site.

    .venv/bin/python bench/search.py SITE_DIR [SITE_DIR...]

For each site: bytes of search/search_index.json (raw and gzip), its number of
entries, then in headless Debian chromium the time Material's search worker
takes to build the index (SETUP -> READY) and to answer a few queries
(median of 5 runs each). Results are recorded in bench/results-search.md.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import json
import statistics
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
QUERIES = ["nghi dinh 108", "nghị định 108", "107/2020/NĐ-CP", "ng"]

MEASURE = """async ({worker, queries}) => {
  const data = await (await fetch("search/search_index.json")).json()
  const t0 = performance.now()
  const w = new Worker(worker)
  const next = () => new Promise(resolve => { w.onmessage = ev => resolve(ev.data) })
  w.postMessage({type: 0, data: {config: data.config, docs: data.docs, options: {suggest: false}}})
  await next()
  const ready = performance.now() - t0
  const times = {}
  for (const q of queries) {
    const t = performance.now()
    w.postMessage({type: 2, data: q})
    const result = await next()
    times[q] = [performance.now() - t, result.data.items.length]
  }
  w.terminate()
  return {ready, times}
}"""


def serve(site: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))

    class Quiet(handler.func):  # type: ignore[misc]
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def main(sites: list[str]) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for site in map(Path, sites):
            raw = (site / "search" / "search_index.json").read_bytes()
            worker = "assets/javascripts/workers/" + next((site / "assets/javascripts/workers").glob("search.*.min.js")).name
            httpd = serve(site)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/")
            runs = [page.evaluate(MEASURE, {"worker": worker, "queries": QUERIES}) for _ in range(5)]
            page.close()
            httpd.shutdown()
            print(f"## {site}")
            print(f"search_index.json: {len(raw)} bytes, {len(gzip.compress(raw, 9))} gzip, "
                  f"{len(json.loads(raw)['docs'])} entries")
            print(f"worker index build (median of 5): {statistics.median(r['ready'] for r in runs):.0f} ms")
            for q in QUERIES:
                ms = statistics.median(r["times"][q][0] for r in runs)
                print(f"query {q!r}: {ms:.1f} ms, {runs[0]['times'][q][1]} pages found")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
