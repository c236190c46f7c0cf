"""The archive's home page (issue 22, point 4) and the way back to it from a plan.

The home lists every plan, newest first, as cards a phone (390 px) and a desktop
(1280 px) both read, filterable by year and department (kho.js), in both colour
schemes with no serious axe finding, and from file:// too (the built site
opened from disk). A plan's pages built inside the archive name the plan in the
header and link back to the archive's home; a plan built alone has no such link
(it would lead nowhere). The archive's footer has no plan's glossary link.

Two archives are read: the real one (`archive`: the public site) and one with a
second, synthetic plan made by `make new-plan` and filled (`two_plans`), so that
a filter has something to leave out. The synthetic plan is never published.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from siteutil import PLAN_ID, ROOT, article, run_build
from test_new_plan import NEW_ID, fill, new_plan, repo_copy

WIDTHS = (1280, 390)
SCHEMES = ("light", "dark")
AXE_JS = (ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
BLOCKING = {"serious", "critical"}  # as tests/readers/test_axe_every_page.py judges every plan page


def _axe(page, where: str) -> list[str]:
    """axe (full rule set, injected from disk) on the page as it is; its serious and critical findings."""
    if not page.evaluate("() => typeof axe === 'object'"):
        page.evaluate(AXE_JS)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{where}: {v['id']} ({v['impact']}) {' '.join(n['target'])} {(n.get('any') or [{}])[0].get('message', '')}"
            for v in results["violations"] if v["impact"] in BLOCKING for n in v["nodes"][:3]]


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _resolves(site: Path, page: Path, href: str) -> Path:
    """The file a relative link of `page` (a file of `site`) leads to."""
    target = posixpath.normpath(posixpath.join(page.parent.relative_to(site).as_posix(), href.split("#")[0]))
    assert not target.startswith(".."), f"{page.relative_to(site)}: {href} leaves the site"
    path = site / target
    return path / "index.html" if path.is_dir() else path


@pytest.fixture(scope="module")
def two_plans(tmp_path_factory):
    """The archive of the real plan and of a synthetic one made by the command and filled."""
    tmp = tmp_path_factory.mktemp("two-plans")
    repo = repo_copy(tmp)
    assert new_plan(repo, NEW_ID).returncode == 0
    fill(repo / "plans" / NEW_ID)
    result = run_build(repo, tmp / "site", downloads=False)
    assert result.returncode == 0, result.output
    return result.site


# ---- The built HTML ---------------------------------------------------------------

def test_each_plan_is_a_card_with_a_heading_that_links_to_it(archive):
    home = article(archive.page(""))
    assert home.select_one("h1").get_text(strip=True).rstrip("¶") == "Kho kế hoạch"
    cards = home.select("ul#danh-sach-ke-hoach > li.kh-archive__plan")
    assert len(cards) == 1
    heading = cards[0].select_one("h2.kh-archive__title")  # one heading per plan: a screen reader lists them
    assert heading.get_text() == "Phát triển kinh tế - xã hội năm 2022"
    assert heading.a["href"] == f"{PLAN_ID}/"
    assert _resolves(archive.site, archive.site / "index.html", heading.a["href"]) == archive.site / PLAN_ID / "index.html"
    # The filter: each select named by its label, hidden until the script shows it.
    form = home.select_one("form#loc-ke-hoach")
    assert form.has_attr("hidden") and form["aria-label"]
    for select in form.select("select"):
        assert form.select_one(f'label[for="{select["id"]}"]').get_text(strip=True)
    assert [o.get_text() for o in form.select("#loc-nam option")] == ["Tất cả các năm", "2022"]
    assert [o.get_text() for o in form.select("#loc-co-quan option")] == ["Tất cả cơ quan", "Sở Nội vụ"]
    assert home.select_one("#so-ke-hoach")["role"] == "status"


def test_the_list_is_newest_first_and_the_filters_list_every_year_and_department(two_plans):
    home = article(_soup(two_plans / "index.html"))
    cards = home.select("li.kh-archive__plan")
    assert [(c["data-year"], c["data-department"]) for c in cards] == [("2023", "Sở Thử nghiệm"), ("2022", "Sở Nội vụ")]
    assert [o["value"] for o in home.select("#loc-nam option")] == ["", "2023", "2022"]
    assert [o["value"] for o in home.select("#loc-co-quan option")] == ["", "Sở Nội vụ", "Sở Thử nghiệm"]


def test_the_archive_footer_has_no_plan_glossary_link_and_a_plan_keeps_its_own(archive):
    home = _soup(archive.site / "index.html")
    assert home.select_one("footer") is not None
    assert not home.select(".kh-footer-links") and "Từ viết tắt" not in home.select_one("footer").get_text()
    page = archive.site / PLAN_ID / "phan-1" / "index.html"
    link = _soup(page).select_one(".kh-footer-links a")
    assert link.get_text() == "Từ viết tắt"
    assert _resolves(archive.site, page, link["href"]).is_file()


def test_every_page_of_a_plan_in_the_archive_links_back_to_the_archive_home(archive):
    plan_site = archive.site / PLAN_ID
    pages = sorted(plan_site.rglob("index.html"))
    assert len(pages) > 100
    for page in pages:
        soup = _soup(page)
        links = soup.select("header a.kh-header-archive")
        assert len(links) == 1, page
        assert links[0].get_text(strip=True) == "Kho kế hoạch"
        assert not links[0]["href"].startswith(("/", "http")), "a relative link: works from file:// too"
        assert _resolves(archive.site, page, links[0]["href"]) == archive.site / "index.html", page
        # The plan is named in the header: its site_name.
        title = soup.select_one("header .md-header__topic .md-ellipsis").get_text(strip=True)
        assert title == "Kế hoạch phát triển kinh tế - xã hội năm 2022 của Sở Nội vụ tỉnh Bắc Giang"


def test_a_plan_built_alone_has_no_link_to_an_archive_it_is_not_in(built):
    for page in sorted(built.site.rglob("*.html")):
        assert "kh-header-archive" not in page.read_text(encoding="utf-8"), page.relative_to(built.site)


# ---- In chromium ------------------------------------------------------------------

def _layout(page) -> dict:
    return page.evaluate("""() => {
        const cards = [...document.querySelectorAll('li.kh-archive__plan')].filter(c => !c.hidden);
        const facts = cards.length ? [...cards[0].querySelectorAll('.kh-archive__facts > div')] : [];
        const sel = [...document.querySelectorAll('#loc-ke-hoach select')];
        return {
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            cards: cards.map(c => c.getBoundingClientRect().toJSON()),
            factTops: facts.map(f => Math.round(f.getBoundingClientRect().top)),
            selectHeights: sel.map(s => s.getBoundingClientRect().height),
            fontSize: cards.length ? parseFloat(getComputedStyle(cards[0].querySelector('dd')).fontSize) : 0,
        };
    }""")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_cards_read_on_a_phone_and_a_desktop(browser, two_plans, width):
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto((two_plans / "index.html").as_uri(), wait_until="load")
    found = _layout(page)
    assert found["overflow"] <= 0, f"the page scrolls sideways at {width} px"
    assert len(found["cards"]) == 2
    first, second = found["cards"]
    assert first["bottom"] <= second["top"], "cards stacked one below the other"
    assert first["right"] <= width and first["width"] >= width * 0.8 - 80, found
    assert found["fontSize"] >= 14  # readable without zooming
    assert all(h >= 40 for h in found["selectHeights"]), "a finger's target"
    tops = found["factTops"]
    if width == 1280:
        assert len(set(tops)) == 1, "the four facts of a plan on one row"
    else:
        assert len(set(tops)) >= 2, "the facts wrap on a phone"
    context.close()


def test_the_filter_works_from_a_copy_opened_from_disk(browser, two_plans):
    """file:// (the site saved on a disk): the list shows, the filter filters."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((two_plans / "index.html").as_uri(), wait_until="load")
    assert page.locator("#loc-ke-hoach").is_visible()  # the script ran
    cards = page.locator("li.kh-archive__plan")
    assert cards.count() == 2 and page.locator("li.kh-archive__plan:visible").count() == 2
    assert page.locator("#so-ke-hoach").inner_text() == "2 kế hoạch."
    assert not page.locator("#bo-loc").is_visible()

    page.select_option("#loc-nam", "2022")
    visible = page.locator("li.kh-archive__plan:visible")
    assert visible.count() == 1 and visible.locator("h2").inner_text() == "Phát triển kinh tế - xã hội năm 2022"
    assert page.locator("#so-ke-hoach").inner_text() == "Đang hiện 1 trên 2 kế hoạch."

    page.select_option("#loc-co-quan", "Sở Thử nghiệm")  # no plan of that department for 2022
    assert page.locator("li.kh-archive__plan:visible").count() == 0
    assert page.locator("#so-ke-hoach").inner_text() == "Không có kế hoạch nào khớp với lựa chọn."

    page.click("#bo-loc")  # "Bỏ lọc": everything back
    page.wait_for_function("document.querySelectorAll('li.kh-archive__plan:not([hidden])').length === 2")
    assert page.locator("#so-ke-hoach").inner_text() == "2 kế hoạch."
    assert page.evaluate("document.activeElement.id") == "loc-nam"
    assert not page.locator("#bo-loc").is_visible()

    assert errors == [], errors  # the home page from disk: no error, no missing file

    # A plan's page opened from disk: its header's link leads to the archive's folder.
    page.goto((two_plans / NEW_ID / "phan-1" / "index.html").as_uri(), wait_until="load")
    href = page.locator("header a.kh-header-archive").evaluate("a => a.href")
    assert href == two_plans.as_uri() + "/"
    context.close()


def test_axe_finds_nothing_serious_on_the_home_and_a_plan_page_at_both_widths_and_schemes(browser, two_plans):
    problems, runs = [], 0
    pages = {"home": two_plans / "index.html", "plan": two_plans / NEW_ID / "phan-1" / "index.html",
             "real plan": two_plans / PLAN_ID / "phan-1" / "ket-qua" / "ton-giao" / "index.html"}
    for scheme in SCHEMES:
        for width in WIDTHS:
            context = browser.new_context(locale="vi-VN", color_scheme=scheme, viewport={"width": width, "height": 900})
            page = context.new_page()
            for name, path in pages.items():
                page.goto(path.as_uri(), wait_until="load")
                if name == "home":  # the filter, shown and used: its states are on the page too
                    page.select_option("#loc-nam", "2022")
                    assert page.locator("#bo-loc").is_visible()
                problems += _axe(page, f"{scheme} {width}px {name}")
                runs += 1
            context.close()
    assert runs == len(SCHEMES) * len(WIDTHS) * len(pages)
    assert problems == [], "\n".join(problems)


def test_the_home_prints_the_list_without_the_filter(browser, two_plans):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto((two_plans / "index.html").as_uri(), wait_until="load")
    page.emulate_media(media="print")
    assert not page.locator("#loc-ke-hoach").is_visible()
    assert not page.locator("#so-ke-hoach").is_visible()
    assert page.locator("li.kh-archive__plan:visible").count() == 2
    assert page.evaluate("getComputedStyle(document.querySelector('li.kh-archive__plan')).breakInside") == "avoid"
    context.close()
