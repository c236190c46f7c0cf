"""The archive's search index of its own (kehoach/archive/index.py, issue 22
point 5): one indexed page per page of a plan, a search in one plan that lists
and reads only that plan's pages, and a change to one plan that writes again
only the files its words touch, the same bytes a whole build writes. Built on
the archive of the real plan and two synthetic plans (conftest.py
`synthetic_archive`); the update itself on entries made here."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kehoach.archive import index
from kehoach.archive import search as archive_search

from siteutil import PLAN_ID

SETTLED = "() => !document.getElementById('ket-qua-trang-thai').textContent.startsWith('Đang')"
STC = "stc-2024"
# The plans' own word separator (mkdocs-plan.yml, the search plugin's `separator`).
SEPARATOR = index.separator_pattern(re.search(
    r"(?m)^\s+separator: '(.*)'$", (Path(__file__).parents[2] / "mkdocs-plan.yml").read_text(encoding="utf-8"))[1])


@pytest.mark.errors
def test_one_indexed_page_per_plan_page(synthetic_archive):
    site = synthetic_archive.build.site
    ids = [plan.id for plan in synthetic_archive.plans]
    assert STC in ids and PLAN_ID in ids
    plans = json.loads((site / "chi-muc" / "ke-hoach.json").read_text(encoding="utf-8"))
    assert sorted(row[0] for row in plans["n"]) == sorted(ids)
    for plan_id, name, count in plans["n"]:
        docs = json.loads((site / plan_id / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        pages = list(dict.fromkeys(doc["location"].partition("#")[0] for doc in docs))
        assert count == len(pages), plan_id
        files = [json.loads((site / "chi-muc" / "p" / plan_id / f"{n}.json").read_text(encoding="utf-8"))
                 for n in range(count)]
        assert [f["u"] for f in files] == [f"{plan_id}/{p}" for p in pages]
        assert not (site / "chi-muc" / "p" / plan_id / f"{count}.json").exists()


def _listed(page) -> list[str]:
    page.wait_for_function(SETTLED, timeout=20000)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(SETTLED, timeout=20000)
    return [h.removeprefix("../") for h in
            page.eval_on_selector_all("a.kh-find__link", "as => as.map(a => a.getAttribute('href'))")]


@pytest.mark.errors
def test_a_search_in_one_plan_lists_and_reads_only_that_plan(synthetic_server, browser):
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda r: fetched.append(r.url.removeprefix(synthetic_server).split("?")[0]))
    page.goto(synthetic_server + f"tim-kiem/?ke-hoach={STC}")
    page.wait_for_load_state("networkidle")
    page.locator("#tu-khoa").press_sequentially("biên chế", delay=5)
    found = _listed(page)
    context.close()
    assert found and all(h.startswith(STC + "/") for h in found), found
    pages = [f for f in fetched if f.startswith("chi-muc/p/")]
    assert pages and all(f.startswith(f"chi-muc/p/{STC}/") for f in pages), pages
    assert any(f.startswith("chi-muc/t/") for f in fetched), fetched


@pytest.mark.errors
def test_switching_plans_lists_each_plans_pages(synthetic_server, browser):
    """Every plan, one plan, another plan: each list holds what it should."""
    page = browser.new_page()
    page.goto(synthetic_server + "tim-kiem/")
    page.locator("#tu-khoa").press_sequentially("biên chế", delay=5)
    every = [h.split("/")[0] for h in _listed(page)]
    assert {STC, PLAN_ID} <= set(every), every
    for plan_id in (STC, PLAN_ID, ""):
        page.select_option("#trong-ke-hoach", plan_id)
        got = [h.split("/")[0] for h in _listed(page)]
        assert got and (set(got) == {plan_id} if plan_id else len(set(got)) > 1), (plan_id, got)
    page.close()


# ------------------------------------------------------------------ the index, written and updated

def _plan(plan_id: str, pages: dict[str, list[tuple[str, str, str]]]) -> list[archive_search.Page]:
    """Pages of a plan: address -> [(anchor, title, text)]."""
    entries = [archive_search.Entry(f"{plan_id}/{url}" + (f"#{a}" if a else ""), title, text, 1.0, plan_id, plan_id)
               for url, sections in pages.items() for a, title, text in sections]
    return archive_search.pages_of(entries)


def _files(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


A = {"": [("", "Kế hoạch", "Nghị định số 107/2020/NĐ-CP về tổ chức bộ máy")],
     "phan-1/": [("", "Phần một", "Thị trấn Phương Sơn, huyện Lục Nam"), ("fn:2", "Chú thích 2", "thanh niên xung phong")]}
B = {"": [("", "Kế hoạch khác", "Đơn vị hành chính cấp xã")],
     "phan-2/": [("", "Phần hai", "Biên chế công chức, viên chức năm 2023")]}


@pytest.mark.parametrize("change", [
    {"phan-2/": [("", "Phần hai", "Biên chế công chức năm 2024 của Sơn Động")]},  # words in, words out
    {"phan-2/": [("", "Phần hai", "")]},  # every word of a page gone
    {"phan-3/": [("", "Phần ba", "Một trang mới: Hiệp Hòa")]},  # a page added
])
def test_updating_one_plan_writes_what_a_whole_build_writes(tmp_path, change):
    plans = [("a", "Kế hoạch A"), ("b", "Kế hoạch B")]
    old = {"a": index.segment(_plan("a", A), SEPARATOR), "b": index.segment(_plan("b", B), SEPARATOR)}
    index.write(tmp_path / "kept", plans, old)
    new_b = index.segment(_plan("b", {**B, **change}), SEPARATOR)
    changed = index.update(tmp_path / "kept", plans, {"b": old["b"]}, {"b": new_b})
    index.write(tmp_path / "whole", plans, {"a": old["a"], "b": new_b})
    assert _files(tmp_path / "kept") == _files(tmp_path / "whole")
    assert "p/a" not in changed and "p/b" in changed  # plan a's pages are not written again
    buckets = {f for f in changed if f.startswith("t/")}
    assert buckets and len(buckets) < len([f for f in _files(tmp_path / "whole") if f.startswith("t/")])


def test_a_word_is_found_folded_whole_and_in_its_parts(tmp_path):
    plans = [("a", "Kế hoạch A")]
    seg = index.segment(_plan("a", A), SEPARATOR)
    index.write(tmp_path, plans, {"a": seg})
    for term in ("107/2020/nd-cp", "107", "2020", "nd-cp", "nd", "cp", "phuong", "son", "luc", "nam"):
        bucket = json.loads((tmp_path / "t" / f"{index.bucket_of(term, 64)}.json").read_text(encoding="utf-8"))
        assert any(term in part for _, part in bucket), term
    dictionary = json.loads((tmp_path / "d" / f"{index.dictionary_key('ph')}.json").read_text(encoding="utf-8"))
    assert ["phuong", 1] in dictionary and ["phan", 1] in dictionary


def test_page_files_hold_what_they_are_given():
    """Titles and text come from pull requests: a page's file is JSON (written by
    json.dumps) and gives back every value as written; the browser inserts each
    as text (tests/search/test_archive_search.py)."""
    hostile = '"><script>alert(1)</script><h2 id="x">đ & <b>\u2028'
    (one,) = archive_search.pages_of([archive_search.Entry(f"p/trang/{suffix}", hostile, hostile + " Đông", boost,
                                                           "p", hostile) for suffix, boost in (("", 1.0), ('#a"b<c', 0.5))])
    seg = index.segment([one], SEPARATOR)
    assert json.loads(seg.pages[0]) == {"u": "p/trang/", "t": hostile,
                                        "s": [["", hostile, hostile + " Đông"], ['a"b<c', hostile, hostile + " Đông", 0.5]]}
    assert "dong" in seg.postings and "đông" not in seg.postings  # the indexed words are folded
