"""The print page /in-toan-van/ holds the whole plan, in order, and prints cleanly."""
from __future__ import annotations

from collections import Counter

import pytest
from bs4 import BeautifulSoup

from plantext import CHROME_SELECTORS, record_blocks, record_words, words
from siteutil import article

PRINT = "in-toan-van/"
PARTS = ["phan-1/index.md", "phan-2/index.md", "bieu-mau-06.md"]


def in_order(haystack: list[str], blocks: list[list[str]]) -> list[str]:
    """The blocks that are not found after the previous one (empty: all in order)."""
    pos, lost = 0, []
    for block in blocks:
        n = len(block)
        at = next((i for i in range(pos, len(haystack) - n + 1) if haystack[i:i + n] == block), None)
        if at is None:
            lost.append(" ".join(block[:8]))
        else:
            pos = at + n
    return lost


def body_blocks() -> list[list[str]]:
    """The record's text blocks in reading order (footnotes and table rows aside)."""
    return [words(text) for kind, text in record_blocks()
            if kind == "body" and "\t" not in text and len(words(text)) >= 2]


def check_printed_extras(extra: Counter, soup) -> None:
    """`extra` (printed words beyond the record) are exactly the register
    summary (chrome), the addresses the print stylesheets print after links
    that leave the plan, and the summary's column headings once more on each
    further sheet the table runs over."""
    appendix = soup.select_one(".kh-fullplan__appendix")
    expected = Counter(words(appendix.get_text(" ")))
    for a in soup.select(".kh-fullplan a[data-kh-print-url]"):
        expected.update(words(a["data-kh-print-url"]))
    head = Counter(words(appendix.select_one("thead").get_text(" ")))
    repeats = extra - expected
    sheets = max((repeats[w] // n for w, n in head.items()), default=0)
    assert extra == expected + Counter({w: n * sheets for w, n in head.items()})


@pytest.fixture
def soup(built):
    return built.page(PRINT)  # fresh: plan_text() removes chrome in place


def plan_text(soup) -> str:
    """The whole plan the print page shows, chrome left out. The page's own
    introduction (docs/in-toan-van.md, not printed) is a page's words, not
    chrome: only our code marks chrome (kehoach/core/chrome.py)."""
    plan = soup.select_one(".kh-fullplan")
    for selector in CHROME_SELECTORS:
        for el in plan.select(selector):
            el.decompose()
    return plan.get_text(" ")


def test_print_page_has_every_word_of_the_plan_and_nothing_more(soup):
    text = words(plan_text(soup))
    record = Counter(record_words())
    assert Counter(text) - record == Counter(), "words the record does not have"
    assert record - Counter(text) == Counter(), "words of the record missing"


def test_print_page_reads_in_the_order_of_the_record(soup):
    assert in_order(words(plan_text(soup)), body_blocks()) == []


def test_print_page_holds_every_plan_page_in_nav_order(soup):
    sources = [s["data-kh-source"] for s in soup.select("section.kh-fullplan__page")]
    assert sources[0] == "index.md" and sources[-1] == "bieu-mau-06.md"
    assert len(sources) == 30
    assert [s for s in sources if s in PARTS] == PARTS


def test_parts_start_a_new_sheet(soup):
    parts = [s["data-kh-source"] for s in soup.select("section.kh-fullplan__part")]
    assert parts == PARTS


def test_one_outline_with_one_h1(soup):
    plan = soup.select_one(".kh-fullplan")
    assert [h.get_text(" ", strip=True)[:8] for h in plan.find_all("h1")] == ["KẾ HOẠCH"]
    assert [h.get_text(strip=True).rstrip("¶") for h in plan.find_all("h2")] == [
        "PHẦN I", "PHẦN II", "Biểu mẫu số 06", "Phụ lục: Văn bản được Kế hoạch trích dẫn"]
    assert plan.select_one("#ton-giao").name == "h4"  # PHẦN I > I. > 7.
    assert plan.select_one("#ton-giao-2022").name == "h4"


def test_ids_are_unique_and_every_link_in_the_page_lands(soup):
    ids = [el["id"] for el in soup.find_all(id=True)]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    for a in article(soup).select('a[href^="#"]'):
        assert a["href"][1:] in ids, a


def test_footnotes_keep_their_original_numbers(soup):
    plan = soup.select_one(".kh-fullplan")
    refs = [a.get_text() for a in plan.select("a.footnote-ref")]
    notes = [li["value"] for li in plan.select(".footnote li")]
    assert refs == notes == [str(n) for n in range(1, 9)]
    for n in range(1, 9):
        assert plan.select_one(f'a.footnote-ref[href="#fn:{n}"]') is not None
        assert plan.find(id=f"fn:{n}").name == "li"


def test_no_chrome_of_the_plan_pages_is_copied(soup):
    for section in soup.select(".kh-fullplan__page"):
        assert section.select("[data-kh-chrome]") == [], section["data-kh-source"]
        assert section.select(".kh-contents") == []  # the section link lists


def test_register_summary_follows_the_plan_and_every_citation_links_to_its_row(soup):
    from kehoach.core.data import Project
    from kehoach.register import model as register
    from siteutil import PLAN, ROOT

    entries = register.load(Project.at(PLAN)).entries
    appendix = soup.select_one(".kh-fullplan > section.kh-fullplan__appendix[data-kh-chrome]")
    assert appendix is not None and appendix.find_previous_sibling("section")["data-kh-source"] == "bieu-mau-06.md"
    rows = appendix.select("tbody tr")
    assert len(rows) == len(entries)
    cites = soup.select(".kh-fullplan__page a.kh-cite")
    assert cites, "the plan's citations link to the register"
    for a in cites:
        assert a["href"] == f"#danh-muc-van-ban-trich-dan--{a['data-doc']}"
        assert "data-kh-print-url" not in a.attrs  # the summary stands for its address on paper
    counts = Counter(a["data-doc"] for a in cites)
    for e in entries:
        row = appendix.find(id=f"danh-muc-van-ban-trich-dan--{e.id}")
        assert row.select("td")[0].get_text() == e.label
        assert row.select("td")[-1].get_text() == str(counts[e.id]), e.id
    full = appendix.select_one("a[data-kh-print-url]")
    assert full["data-kh-print-url"].endswith("/van-ban/") and full["href"] == "../van-ban/"


def test_print_page_offers_the_downloads(built, soup):
    links = soup.select("[data-kh-chrome] .kh-takeaway a, .kh-takeaway[data-kh-chrome] a")
    hrefs = [a["href"] for a in links]
    assert any(h.endswith(".pdf") for h in hrefs) and any(h.endswith(".zip") for h in hrefs)
    for href in hrefs:
        assert (built.site / PRINT / href).resolve().is_file(), href


def test_print_page_is_kept_out_of_search(built):
    import json

    index = json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("in-toan-van")]


# --- In the browser: what the print stylesheet does to the page -------------

def test_print_media_hides_the_site_and_breaks_before_parts(page, server):
    page.goto(server + PRINT)
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer', '.kh-print-intro']
        .map(s => document.querySelector(s)).map(el => el && getComputedStyle(el).display)""")
    assert hidden == ["none"] * 4
    breaks = page.evaluate("""() => [...document.querySelectorAll('.kh-fullplan > section')]
        .filter(s => getComputedStyle(s).breakBefore === 'page').map(s => s.dataset.khSource || s.id)""")
    assert breaks == PARTS + ["danh-muc-van-ban-trich-dan"]


def test_printed_from_the_browser_the_page_is_the_whole_plan_and_only_it(page, server):
    """Chromium prints the page to PDF: the record's words and no word of the site."""
    from pdftext import list_markers, page_runs, pdf_reader, pdf_words

    page.goto(server + PRINT)
    printed = page_runs(pdf_reader(page.pdf(format="A4", display_header_footer=False)))
    printed_words = pdf_words(printed)
    record = Counter(record_words())
    assert record - Counter(printed_words) == Counter()
    check_printed_extras(Counter(printed_words) - record, BeautifulSoup(page.content(), "html.parser"))
    assert in_order(printed_words, body_blocks()) == []
    assert [m for m in list_markers(printed) if m != "•"] == [f"{n}." for n in range(1, 9)]


# --- A broken print page stops the build with one clear message -------------

def test_print_page_without_the_plan_stops_the_build(tmp_path):
    from siteutil import build_fails, copy_project, edit

    project = copy_project(tmp_path / "project")
    edit(project, "docs/in-toan-van.md", "{{ full_plan() }}", "", count=-1)
    output = build_fails(project, tmp_path)
    assert "docs/in-toan-van.md:" in output and "{{ full_plan() }}" in output
