"""The archive's search in one plan only (issue 22 point 5: "a reader can search
the archive or only the plan being read"): each plan has its own Pagefind bundle,
site/pagefind/ke-hoach/<id>/ (kehoach/archive/search.py), and a search in one
plan fetches that bundle's index alone, never a file listing every plan's pages
(Pagefind's filter file: 45 kB at 100 plans, on top of the archive's page list,
127 kB; bench/results-search.md). Built on the archive of the real plan and two
synthetic plans (conftest.py `synthetic_archive`)."""
from __future__ import annotations

import json

import pytest

from siteutil import PLAN_ID

SETTLED = "() => !document.getElementById('ket-qua-trang-thai').textContent.startsWith('Đang')"
INDEX_FILES = (".pf_index", ".pf_filter", ".pf_meta", ".pf_fragment")
STC = "stc-2024"


def entry_count(bundle) -> int:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


@pytest.mark.errors
def test_each_plan_has_its_own_bundle_and_the_archive_no_filter(synthetic_archive):
    site = synthetic_archive.build.site
    ids = [plan.id for plan in synthetic_archive.plans]
    assert STC in ids and PLAN_ID in ids
    total = 0
    for plan_id in ids:
        docs = json.loads((site / plan_id / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        pages = {doc["location"].partition("#")[0] for doc in docs}  # one Pagefind page per plan page
        bundle = site / "pagefind" / "ke-hoach" / plan_id
        assert entry_count(bundle) == len(pages), plan_id
        assert not (bundle / "filter").exists()
        assert not (bundle / "pagefind.js").exists()  # the archive's script searches every bundle
        total += len(pages)
    assert entry_count(site / "pagefind") == total
    assert not (site / "pagefind" / "filter").exists()


@pytest.mark.errors
def test_a_search_in_one_plan_fetches_only_that_plans_bundle(synthetic_server, browser):
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("requestfinished", lambda r: fetched.append(r.url.removeprefix(synthetic_server).split("?")[0]))
    page.goto(synthetic_server + f"tim-kiem/?ke-hoach={STC}")
    page.wait_for_load_state("networkidle")
    page.locator("#tu-khoa").press_sequentially("biên chế", delay=5)
    page.wait_for_function(SETTLED, timeout=20000)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(SETTLED, timeout=20000)
    found = page.eval_on_selector_all("a.kh-find__link", "as => as.map(a => a.getAttribute('href'))")
    context.close()
    assert found and all(h.removeprefix("../").startswith(STC + "/") for h in found), found
    index = [f for f in fetched if f.endswith(INDEX_FILES)]
    assert any(f.endswith(".pf_index") for f in index), fetched
    assert all(f.startswith(f"pagefind/ke-hoach/{STC}/") for f in index), index
    assert not any(f.endswith(".pf_filter") for f in fetched), fetched


@pytest.mark.errors
def test_switching_plans_searches_each_plans_bundle(synthetic_server, browser):
    """Every plan, one plan, another plan: each list holds what it should."""
    page = browser.new_page()
    page.goto(synthetic_server + "tim-kiem/")
    page.locator("#tu-khoa").press_sequentially("biên chế", delay=5)

    def listed() -> list[str]:
        page.wait_for_function(SETTLED, timeout=20000)
        page.wait_for_load_state("networkidle")
        page.wait_for_function(SETTLED, timeout=20000)
        return [h.removeprefix("../").split("/")[0] for h in
                page.eval_on_selector_all("a.kh-find__link", "as => as.map(a => a.getAttribute('href'))")]

    every = listed()
    assert {STC, PLAN_ID} <= set(every), every
    for plan_id in (STC, PLAN_ID, ""):
        page.select_option("#trong-ke-hoach", plan_id)
        got = listed()
        assert got and (set(got) == {plan_id} if plan_id else len(set(got)) > 1), (plan_id, got)
    page.close()
