"""Search finds what people mean: phrases, names and places, however entered.

Queries and their answers come from bench/search_queries.py (the same set the
MRR benchmark ranks). Each query is entered as a reader would: typed key by
key (a last non-ASCII letter reaches the box as an `input` event without
keyup, as from a Vietnamese input method), committed at once by an input
method (insert_text), or pasted; then the first five pages listed must
include a passage that holds it.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from test_search import BOX, SETTLED, open_search

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from search_queries import QUERIES, answers  # noqa: E402

PHRASES = [q for q, register in QUERIES if register is None]


@pytest.fixture(scope="module")
def docs(built):
    return json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


@pytest.fixture(scope="module")
def box(browser, server):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    open_search(page, server)
    yield page
    context.close()


def enter(page, query: str, how: str):
    box = page.locator(BOX)
    box.fill("")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length === 0")
    page.evaluate("window.__khWatch = false")
    if how == "typed":
        page.keyboard.type(query, delay=5)  # no key events for non-ASCII letters
    elif how == "ime":
        page.keyboard.insert_text(query)  # one input event, no keydown/keyup
    else:  # pasted
        box.evaluate("""(el, text) => {
          el.value = text
          el.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste", data: text}))
        }""", query)
    page.wait_for_function(SETTLED, polling=100, timeout=10000)
    assert box.input_value() == query


def top_pages(page, n=5) -> list[set[str]]:
    """The first n pages listed, each as the set of locations shown for it."""
    groups = page.eval_on_selector_all(".md-search-result__item", """items => items.map(li =>
        [...li.querySelectorAll("a.md-search-result__link")].map(a => a.href))""")
    out = []
    for hrefs in groups[:n]:
        locations = set()
        for href in hrefs:
            parts = urlsplit(href)
            locations.add(parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else ""))
        out.append(locations)
    return out


@pytest.mark.parametrize("how", ["typed", "ime", "pasted"])
@pytest.mark.parametrize("query", PHRASES)
def test_phrase_name_or_place_is_in_the_top_five(box, docs, query, how):
    enter(box, query, how)
    right = answers(docs, query, None)
    assert right, query
    pages = top_pages(box)
    assert any(right & locations for locations in pages), (query, how, pages)


def test_last_accented_letter_is_searched(box):
    """"ưu t" then "ú" composed by an input method: the results are those of "ưu tú"."""
    enter(box, "ưu t", "typed")
    before = top_pages(box, 20)
    box.evaluate("window.__khWatch = false")
    box.keyboard.insert_text("ú")
    box.wait_for_function(SETTLED, polling=100, timeout=10000)
    after = top_pages(box, 20)
    enter(box, "ưu tú", "pasted")
    assert after == top_pages(box, 20) != before


def test_partial_matches_are_announced(box):
    enter(box, "tôn giáo Sapa", "typed")
    note = box.locator(".kh-search-partial")
    assert note.is_visible()
    assert note.text_content() == "Không có trang nào chứa đủ mọi từ; dưới đây là các trang chứa một phần."
    missing = box.locator(".md-search-result__item").first.locator(".md-search-result__terms").first
    assert missing.text_content().split() == ["Không", "tìm", "thấy", "từ:", "sapa"]
    assert box.locator(".md-search-result__item").count() > 0
    # every word found: no note
    enter(box, "tôn giáo", "typed")
    assert not note.is_visible()
    assert box.locator(".md-search-result__terms").count() == 0


def register_entry(locations: set[str]) -> bool:
    """Whether a page of the list is an entry of the register (not the register itself)."""
    return any(re.match(r"van-ban/[^/#]+/", location) for location in locations)


@pytest.mark.parametrize("query", ["kế hoạch", "ke hoach", "cán bộ", "can bo", "tôn giáo Sapa"])
def test_ordinary_words_list_the_plan_before_register_entries(box, query):
    """Short register pages whose title holds the words do not crowd out the plan's text:
    the first two pages listed are not register entries."""
    enter(box, query, "typed")
    pages = top_pages(box, 2)
    assert len(pages) == 2, (query, pages)
    assert not any(register_entry(locations) for locations in pages), (query, pages)
