"""The search index is built once and kept by the browser for the next pages.

The search worker stores the lunr index it built in IndexedDB (lunr.vi.min.js)
and the next page view loads it instead of building it again. What a reader
sees must not change: the same results from the stored index, and a stored
index that cannot be used (damaged) is built again, still with the same
results.
"""
from __future__ import annotations

from test_search import BOX, SETTLED
from test_search_meaning import top_pages

QUERIES = ["thanh niên xung phong", "hiep hoa", "107/2020/NĐ-CP", "ng"]

STORED = """() => new Promise(resolve => {
  const request = indexedDB.open("kh-tim-kiem", 1)
  request.onupgradeneeded = () => request.result.createObjectStore("index")
  request.onsuccess = () => {
    const db = request.result
    const get = db.transaction("index").objectStore("index").get("lunr")
    get.onsuccess = () => { db.close(); resolve(get.result ? get.result.key : null) }
  }
})"""

DAMAGE = """() => new Promise(resolve => {
  const request = indexedDB.open("kh-tim-kiem", 1)
  request.onsuccess = () => {
    const db = request.result
    const store = db.transaction("index", "readwrite").objectStore("index")
    const get = store.get("lunr")
    get.onsuccess = () => {
      const put = store.put({key: get.result.key, json: '{"version": "2.3.9", "fields": ['}, "lunr")
      put.onsuccess = () => { db.close(); resolve(true) }
    }
  }
})"""


def results(page, url: str) -> dict[str, list[set[str]]]:
    """Open a page, search each query as soon as the box is there, keep the first ten pages listed."""
    page.goto(url)
    page.locator(BOX).click()
    out = {}
    for query in QUERIES:
        page.locator(BOX).fill("")
        page.evaluate("window.__khWatch = false")
        page.keyboard.insert_text(query)
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0",
                               timeout=20000)
        page.wait_for_function(SETTLED, polling=100, timeout=10000)
        out[query] = top_pages(page, 10)
    return out


def test_next_page_searches_the_same_from_the_stored_index(page, server):
    warnings = []
    page.on("console", lambda message: warnings.append(message.text) if "stored index" in message.text else None)
    first = results(page, server)
    page.wait_for_function(STORED, polling=200, timeout=20000)
    key = page.evaluate(STORED)
    assert results(page, server + "phan-1/") == first
    assert page.evaluate(STORED) == key  # the same index, kept once
    assert warnings == []

    # damaged: the next page builds the index again and finds the same
    page.evaluate(DAMAGE)
    assert results(page, server + "phan-2/") == first
    assert any("stored index unusable" in text for text in warnings), warnings
