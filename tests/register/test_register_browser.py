"""The register's filter in a real browser (headless Debian chromium)."""
from __future__ import annotations

from kehoach.core.data import Project
from kehoach.register import model as register_mod
from siteutil import PLAN, ROOT

REG = register_mod.load(Project.at(PLAN))


def _visible(page):
    return page.eval_on_selector_all(
        ".kh-register-table tbody tr:not([hidden])", "rows => rows.map(r => r.querySelector('a').textContent)")


def test_filter_by_text_kind_issuer_and_year(page, server):
    page.goto(server + "van-ban/")
    form = page.locator("form.kh-register-filter")
    assert form.is_visible()
    status = page.locator(".kh-register-filter__status")
    assert status.inner_text() == f"Đang hiện {len(REG.entries)}/{len(REG.entries)} văn bản."

    page.fill("input[name=q]", "402/KH")
    assert _visible(page) == ["402/KH-UBND"]
    # typed without diacritics, matching the subject
    page.fill("input[name=q]", "cai cach hanh chinh nha nuoc")
    assert sorted(_visible(page)) == ["277/KH-UBND", "402/KH-UBND", "5580/KH-UBND"]
    page.fill("input[name=q]", "")

    page.select_option("select[name=kind]", "Luật")
    assert sorted(_visible(page)) == sorted(e.name for e in REG.entries if e.kind == "Luật")
    assert page.locator(".kh-register-group:not([hidden])").count() == 1
    page.select_option("select[name=kind]", "")

    page.select_option("select[name=issuer]", "Thủ tướng Chính phủ")
    page.select_option("select[name=year]", "2021")
    expected = [e.number for e in REG.entries if e.issuer == "Thủ tướng Chính phủ" and e.year == "2021"]
    assert _visible(page) == expected and expected
    assert status.inner_text() == f"Đang hiện {len(expected)}/{len(REG.entries)} văn bản."

    page.click("form.kh-register-filter button[type=reset]")
    page.wait_for_function(f"() => document.querySelectorAll('.kh-register-table tbody tr:not([hidden])').length === {len(REG.entries)}")


def test_citation_link_leads_to_entry_and_back(page, server):
    page.goto(server + "phan-1/ket-qua/cai-cach-hanh-chinh/")
    page.click('a.kh-cite[data-doc="ke-hoach-2021-402-kh-ubnd"]')
    assert page.url.endswith("/van-ban/ke-hoach-2021-402-kh-ubnd/")
    page.click(".kh-cited-at__list li:first-child > a")
    # The back-link names the citing paragraph's address (kehoach/anchors/).
    assert page.url.endswith("/phan-1/ket-qua/cai-cach-hanh-chinh/#phan-1-muc-i-diem-4-doan-1")
    # The click returns once the navigation commits, before the page is parsed:
    # wait for the paragraph (fails after the timeout if it never shows).
    page.locator("#phan-1-muc-i-diem-4-doan-1 a.kh-cite").first.wait_for(state="visible")
