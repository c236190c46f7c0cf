"""Vietnamese search, driven through the real search box of the built site.

Material searches on keyup, so every query is typed key by key; a last "End"
key stands for the keyup that a Vietnamese input method sends after the final
letter (Playwright inserts non-ASCII letters without key events).
"""
from __future__ import annotations

import json
import unicodedata
from urllib.parse import urlsplit

import pytest

from kehoach.core.vietnamese import fold

BOX = "[data-md-component=search-query]"
SETTLED = """() => {
  const list = document.querySelector(".md-search-result__list")
  if (!window.__khWatch) {
    window.__khLast = performance.now()
    new MutationObserver(() => { window.__khLast = performance.now() })
      .observe(document.querySelector(".md-search-result"), {subtree: true, childList: true, characterData: true})
    window.__khWatch = true
  }
  return performance.now() - window.__khLast > 600
}"""


class Results(list):
    """Search results in display order: dicts with location, title, html, marks."""

    def locations(self):
        return [r["location"] for r in self]

    def matched(self):
        """Results in which Material marked a matching word (skips bare page headers)."""
        return Results(r for r in self if r["marks"])


def open_search(page, server):
    page.goto(server)
    page.locator(BOX).click()
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.trim() !== ''")


def type_query(page, query: str):
    box = page.locator(BOX)
    box.fill("")
    page.evaluate("window.__khWatch = false")
    box.press_sequentially(query, delay=5)
    box.press("End")
    page.wait_for_function(SETTLED, polling=100, timeout=10000)
    # Material renders 10 pages of results, then 4 more each time the list is
    # scrolled to its end: scroll down and up until every page found is shown.
    page.wait_for_function("""() => {
      const found = parseInt(document.querySelector(".md-search-result__meta").textContent) || 0
      const shown = document.querySelectorAll(".md-search-result__item").length
      const wrap = document.querySelector(".md-search__scrollwrap")
      window.__khFlip = !window.__khFlip  // leave the end and come back
      wrap.scrollTop = window.__khFlip ? 1e9 : 0
      return shown >= found
    }""", polling=100, timeout=10000)


@pytest.fixture(scope="module")
def search(browser, server):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    open_search(page, server)

    def run(query: str) -> Results:
        type_query(page, query)
        box = page.locator(BOX)
        items = page.eval_on_selector_all(".md-search-result__link", """links => links.map(a => ({
            href: a.href,
            title: a.querySelector("h1, h2").textContent.trim(),
            html: a.querySelector("article").innerHTML,
            text: a.querySelector("article").textContent,
            marks: [...a.querySelectorAll("mark")].map(m => m.textContent),
        }))""")
        for item in items:
            parts = urlsplit(item["href"])
            item["location"] = parts.path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")
        run.value = box.input_value()
        return Results(items)

    run.page = page
    yield run
    context.close()


P1_ORG = "phan-1/ket-qua/to-chuc-bo-may-bien-che/"
P2_ORG = "phan-2/noi-dung-2022/to-chuc-bien-che/"
CCHC = "phan-1/ket-qua/cai-cach-hanh-chinh/"
CCVC = "phan-1/ket-qua/cong-chuc-vien-chuc/"


REG = "van-ban/"  # the register of cited documents (one page per document)
REG_107 = REG + "nghi-dinh-2020-107-nd-cp/"
REG_108 = {REG + "nghi-dinh-2020-108-nd-cp/", REG + "nghi-dinh-2014-108-nd-cp/"}
REG_633 = REG + "quyet-dinh-2021-633-qd-ubnd/"


@pytest.mark.parametrize("query, expected", [
    # kind and number of a legal document, with and without diacritics:
    # the register entry or the citing section comes first
    ("nghị định 108", REG_108 | {P1_ORG, P2_ORG}),
    ("nghi dinh 108", REG_108 | {P1_ORG, P2_ORG}),
    # full citation number, a part of it
    ("107/2020/NĐ-CP", {REG_107, P1_ORG, CCVC}),
    ("107/2020", {REG_107, P1_ORG, CCVC}),
    ("107/2020/nd-cp", {REG_107, P1_ORG, CCVC}),
    ("113/2018", {REG + "nghi-dinh-2018-113-nd-cp/", P2_ORG, "phan-2/noi-dung-2022/xay-dung-chinh-quyen/"}),
    ("Vpostcode", {CCHC}),
    # text of a footnote that is in no other passage
    ("kéo dài", {"phan-1/ket-qua/xay-dung-chinh-quyen/#fn:3"}),
    ("keo dai", {"phan-1/ket-qua/xay-dung-chinh-quyen/#fn:3"}),
])
def test_expected_section_comes_first(search, query, expected):
    results = search(query).matched()
    assert results, f"nothing found for {query!r}"
    assert results[0]["location"] in expected, (query, results.locations()[:5])


@pytest.mark.parametrize("query, register", [
    ("107/2020/NĐ-CP", REG_107), ("107/2020/nđ-cp", REG_107), ("107/2020/nd-cp", REG_107),
    ("633/QĐ-UBND", REG_633), ("633/qd-ubnd", REG_633),
    ("2198/KH-UBND", REG + "ke-hoach-2021-2198-kh-ubnd/"),
    ("nghị định 108/2014", REG + "nghi-dinh-2014-108-nd-cp/"),
])
def test_citation_ranks_its_register_entry_first(search, query, register):
    assert search(query).matched()[0]["location"] == register


@pytest.mark.parametrize("query, note", [
    ("633/QĐ-UBND", CCHC + "#fn:5"), ("633/qd-ubnd", CCHC + "#fn:5"), ("2198/KH-UBND", CCHC + "#fn:4"),
])
def test_citation_in_a_footnote_finds_the_footnote(search, query, note):
    """After the register entry, the footnote that cites it (not its page's last section)."""
    locations = search(query).matched().locations()
    assert note in locations[:4], locations[:6]
    assert CCHC not in locations


@pytest.mark.parametrize("query", ["sipas", "SIPAS", "92,54", "89,18%", "85,58/100"])
def test_parentheses_decimal_comma_and_percentages(search, query):
    """Words in parentheses, numbers with a decimal comma, percentages. The
    glossary of abbreviations and the page of figures may come first."""
    results = search(query).matched()
    assert CCHC in results.locations()[:3], (query, results.locations()[:5])
    assert any(query.lower() in m.lower() for m in results[results.locations().index(CCHC)]["marks"])


@pytest.mark.parametrize("query", ["NĐ-CP", "nd-cp", "nđ-cp"])
def test_kind_of_document_alone_is_found_and_highlighted(search, query):
    results = search(query).matched()
    assert {P1_ORG, CCVC, P2_ORG} <= set(results.locations())
    assert all(any("NĐ-CP" in m for m in r["marks"]) for r in results), results.locations()
    # the original citation is marked
    assert "107/2020/NĐ-CP" in results[results.locations().index(P1_ORG)]["marks"]


@pytest.mark.parametrize("accented, plain", [
    ("nghị định 108", "nghi dinh 108"),
    ("cải cách hành chính", "cai cach hanh chinh"),
    ("Bắc Giang", "bac giang"),
    ("đào tạo, bồi dưỡng", "dao tao, boi duong"),
    ("tôn giáo", "ton giao"),
])
def test_query_without_diacritics_finds_the_same_sections(search, accented, plain):
    with_marks = search(accented)
    without = search(plain)
    assert with_marks.matched(), accented
    # Same best result, and every section found with diacritics is found without.
    assert without.matched()[0]["location"] == with_marks.matched()[0]["location"]
    assert set(with_marks.locations()) <= set(without.locations())
    # Results show and highlight the original Vietnamese words.
    marked = {fold(m).lower() for r in without for m in r["marks"]}
    for word in plain.replace(",", "").split():
        assert any(m.startswith(word.lower()) for m in marked), (word, marked)
    assert any(m != fold(m) for r in without for m in r["marks"]) or accented == plain


def test_query_with_diacritics_stays_exact(search):
    results = search("nghị")
    marks = {m.lower() for r in results for m in r["marks"]}
    assert marks == {"nghị"}, marks  # not "nghiệp", "nghiêm", "nghỉ"
    assert {m.lower() for r in search("nghi") for m in r["marks"]} > {"nghị", "nghiệp"}


def test_decomposed_input_finds_the_same_as_composed(search):
    composed = search("nghị định 108")
    decomposed_query = unicodedata.normalize("NFD", "nghị định 108")
    assert decomposed_query != "nghị định 108"
    decomposed = search(decomposed_query)
    assert search.value == "nghị định 108"  # the box now holds composed text
    assert decomposed.locations() == composed.locations()


@pytest.mark.parametrize("typed, written", [("hoà", "Hòa"), ("hòa", "Hòa"), ("Uỷ", "ủy"), ("ủy", "uỷ")])
def test_either_tone_placement_finds_the_word(search, typed, written):
    marks = {m for r in search(typed) for m in r["marks"]}
    assert written in marks, (typed, marks)


def test_partial_word_keeps_result_markup_intact(search):
    """"ng" matches both "nghị" and its folded form "nghi" at one position."""
    results = search("ng")
    assert results.matched()
    for r in results:
        assert "<mark><mark>" not in r["html"]
        assert "mark>" not in r["text"] and "<mar" not in r["text"], r["location"]


def test_footnote_result_opens_the_footnote(page, server):
    open_search(page, server)
    type_query(page, "633/QĐ-UBND")
    page.locator('.md-search-result__link[href$="#fn:5"]').click()
    page.wait_for_url("**/cai-cach-hanh-chinh/**#fn:5")
    note = page.locator('li[id="fn:5"]')
    assert note.is_visible()
    assert "633/QĐ-UBND" in note.text_content()
    assert note.evaluate("li => li.matches(':target')")


def test_page_opened_from_a_result_marks_folded_matches(page, server):
    page.goto(server + P1_ORG + "?h=nghi+dinh+108")
    # Material marks "108" at once; our script marks the folded forms a moment later.
    page.wait_for_function(
        "() => [...document.querySelectorAll('article mark[data-md-highlight]')]"
        ".some(m => m.textContent === 'Nghị')", polling=100, timeout=10000)
    marked = page.eval_on_selector_all("article mark[data-md-highlight]", "ms => ms.map(m => m.textContent)")
    assert "Nghị" in marked and "định" in marked
    assert any("108" in m for m in marked)  # marked by Material itself


def test_browser_folding_agrees_with_python(page, server, built):
    """The browser's forms of every word of the index, checked against kehoach.core.vietnamese."""
    page.goto(server)
    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    words = sorted({w for d in index["docs"] for w in (d["title"] + " " + d["text"]).split()})
    folded = page.evaluate("words => words.map(w => khTimKiem.fold(w))", words)
    assert folded == [fold(w) for w in words]
    js = page.evaluate("""() => ({
        hoa: khTimKiem.otherTone("hòa"), hoa2: khTimKiem.otherTone("hoà"),
        uy: khTimKiem.otherTone("ủy"), thuy: khTimKiem.otherTone("thuỷ"), khoe: khTimKiem.otherTone("khỏe"),
        quy: khTimKiem.otherTone("quý"), hoan: khTimKiem.otherTone("hoàn"), thue: khTimKiem.otherTone("thuế"),
        forms: khTimKiem.forms("107/2020/nđ-cp"),
    })""")
    assert js == {
        "hoa": "hoà", "hoa2": "hòa", "uy": "uỷ", "thuy": "thủy", "khoe": "khoẻ",
        "quy": None, "hoan": None, "thue": None,
        "forms": ["107/2020/nđ-cp", "107/2020/nd-cp", "107/2020/nđ", "107/2020/nd", "cp",
                  "107", "2020", "nđ-cp", "nd-cp", "nđ", "nd"],
    }
