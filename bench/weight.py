"""What a reader downloads to open one page, measured in a real browser.

The built site is served on 127.0.0.1 without compression; Debian's chromium
(driven by Playwright, never a downloaded browser) opens a page and every
response body is recorded. Compressed sizes are gzip level 6 of each body, as
a web server with gzip on would send them. The search index is counted apart:
whether the page fetches it on load, and its size when the reader first searches.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SEARCH_INDEX = "search/search_index.json"


@dataclass
class PageWeight:
    url_path: str
    files: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (raw, gzip)
    index_on_load: bool = False
    index_on_search: tuple[int, int] | None = None  # (raw, gzip) fetched on first search
    third_party: list[str] = field(default_factory=list)

    @property
    def raw(self) -> int:
        return sum(r for r, _ in self.files.values())

    @property
    def gzip(self) -> int:
        return sum(g for _, g in self.files.values())


@contextmanager
def serve(site: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


def measure(site: Path, url_paths: list[str], query: str = "cán bộ") -> list[PageWeight]:
    from playwright.sync_api import sync_playwright

    results = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for url_path in url_paths:
                results.append(_one(browser, base, url_path, query))
        finally:
            browser.close()
    return results


def _one(browser, base: str, url_path: str, query: str) -> PageWeight:
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    weight = PageWeight(url_path)
    seen: dict[str, bytes] = {}

    def on_response(response):
        url = response.url
        if not url.startswith(base):
            weight.third_party.append(url)
            return
        try:
            seen[url[len(base):].split("#")[0]] = response.body()
        except Exception:  # redirects and aborted requests have no body
            pass

    context.on("response", on_response)
    page = context.new_page()
    page.goto(base + url_path, wait_until="networkidle")
    page.wait_for_timeout(500)
    loaded = dict(seen)
    weight.index_on_load = any(path.endswith(SEARCH_INDEX) for path in loaded)
    for path, body in loaded.items():
        if not path.endswith(SEARCH_INDEX):
            weight.files[path] = (len(body), len(gzip.compress(body, 6)))
    # First search: open the search box and type, as a reader would.
    page.keyboard.press("/")
    page.keyboard.type(query, delay=30)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)
    body = next((b for path, b in seen.items() if path.endswith(SEARCH_INDEX)), None)
    if body is not None:
        weight.index_on_search = (len(body), len(gzip.compress(body, 6)))
    context.close()
    return weight
