"""Paragraph addresses in the built site: every block of the plan has one, the old
ids still open on their paragraphs, the register's back-links name them, the
print page and the PDF carry them, and a Markdown link may point at one."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import html as lxml_html

from kehoach.core import urls
from kehoach.core.data import Project
from kehoach.settings import load_site
from siteutil import PLAN, broken_copy, build_fails, line_of, not_held_to_record, run_build, edit

OLD_IDS = json.loads((Path(__file__).parent / "old_ids.json").read_text(encoding="utf-8"))
SITE = load_site(Project.at(PLAN))
PLAN_PAGES = sorted(urls.page_url(p.relative_to(PLAN / "docs").as_posix(), True).removeprefix("./")
                    for p in (PLAN / "docs").rglob("*.md")
                    if SITE.is_plan_page(p.relative_to(PLAN / "docs").as_posix()))
# <unit>-<kind>-<n>: units from the plan's numbering (phan-2-muc-ii-diem-1), a heading's
# own id for an unnumbered one, mo-dau before any heading; a footnote keeps fn:<n>.
ADDRESS = re.compile(r"^(?P<unit>[a-z0-9-]+?)-(?P<kind>doan|bang)-(?P<n>[1-9][0-9]*)$|^fn:[0-9]+$")
NUMBERED = re.compile(r"^phan-[0-9]+(-muc-[ivxlcdm]+)?(-diem-[0-9]+)?(-tiet-[a-z]+)?$")
# What a citer reads in the plan's headings, and the unit it must give (promises, like page addresses).
UNITS = {
    "": {"mo-dau", "ke-hoach"},
    "phan-1/": {"phan-1"},
    "phan-1/ket-qua/cai-cach-hanh-chinh/": {"phan-1-muc-i-diem-4"},
    "phan-1/ket-qua/nhiem-vu-khac/": {"phan-1-muc-i-diem-10"},
    "phan-1/nhan-xet-chung/ton-tai-han-che/": {"phan-1-muc-ii-diem-2"},
    "phan-2/": {"phan-2"},
    "phan-2/muc-dich-yeu-cau/": {"phan-2-muc-i-diem-1", "phan-2-muc-i-diem-2"},
    "phan-2/noi-dung-2022/luu-tru-lich-su/": {"phan-2-muc-ii-diem-9"},
    "phan-2/to-chuc-thuc-hien/": {"phan-2-muc-iii"},
    "bieu-mau-06/": {"bieu-mau-06"},
}


def _with_class(el, tag: str, name: str, below: str = ".//") -> list:
    """The `tag` elements below `el` with the class `name` (lxml, without cssselect)."""
    return el.xpath(f"{below}{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")


def _article(site: Path, url: str):
    path = site / url / "index.html"
    return _with_class(lxml_html.parse(str(path)).getroot(), "article", "md-content__inner")[0]


def _chrome(el) -> bool:
    return any(a.get("data-kh-chrome") is not None for a in [el, *el.iterancestors()])


def _text(el) -> str:
    return " ".join(el.text_content().split())


def blocks_of(article) -> list:
    """The plan's blocks, found here without the build's code: paragraphs not in a
    list item or table, list items, tables and footnotes, outside chrome."""
    out = []
    for el in article.iter("p", "li", "table"):
        if _chrome(el) or any(a.tag == "a" for a in el.iterancestors()):
            continue
        if el.tag == "p" and any(a.tag in ("li", "table") for a in el.iterancestors()):
            continue
        out.append(el)
    return out


@pytest.fixture(scope="module")
def pages(built):
    return {url: _article(built.site, url) for url in PLAN_PAGES}


def test_every_block_of_every_plan_page_has_an_address_of_the_scheme(pages):
    assert len(PLAN_PAGES) >= 25
    seen = Counter()
    for url, article in pages.items():
        counts: dict[tuple[str, str], int] = {}
        h1 = article.find(".//h1")
        number = re.match(r"(\d+)\. ", _text(h1)) if h1 is not None else None
        units = set()
        for el in blocks_of(article):
            value = el.get("id")
            assert value and ADDRESS.match(value), (url, value, _text(el)[:60])
            seen[value] += 1
            if value.startswith("fn:"):
                assert el.tag == "li" and el.getparent().getparent().get("class") == "footnote"
                continue
            m = ADDRESS.match(value)
            key = (m["unit"], m["kind"])
            counts[key] = counts.get(key, 0) + 1
            assert int(m["n"]) == counts[key], (url, value)  # 1, 2, 3… in reading order
            assert (m["kind"] == "bang") == (el.tag == "table"), value
            units.add(m["unit"])
            if url.startswith("phan-"):
                assert NUMBERED.match(m["unit"]) and m["unit"].startswith(url.split("/")[0]), (url, value)
            if number and url.count("/") == 3:  # a numbered point's own page
                assert m["unit"].endswith(f"-diem-{number[1]}"), (url, value)
        if url in UNITS:
            assert units == UNITS[url], url
    assert sum(seen.values()) >= 130  # 132 in the plan: 123 paragraphs and list items, 1 table, 8 footnotes
    assert [v for v, n in seen.items() if n > 1] == [], "an address used twice in the plan"


def test_each_block_has_one_copy_control_that_adds_no_words(pages, built):
    for url, article in pages.items():
        blocks = [el.get("id") for el in blocks_of(article)]
        links = _with_class(article, "a", "kh-block-link")
        assert sorted(a.get("href") for a in links) == sorted("#" + b for b in blocks), url
        for a in links:
            assert a.get("data-kh-chrome") is not None and a.text_content() == "" and len(a) == 0
            assert a.get("aria-label") in {"Sao chép liên kết tới đoạn này", "Sao chép liên kết tới bảng này",
                                           "Sao chép liên kết tới chú thích này"}
    index = (built.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Sao chép liên kết" not in index and "kh-block-link" not in index
    assert "phan-1-muc-i-diem-4-doan-1" not in index  # the search plugin keeps no id but headings'


def _landing(article, value: str):
    """The block a link to `value` opens on: the element itself, or for an
    alias (an empty span) the block it stands in or before."""
    el = article.get_element_by_id(value, None)
    if el is None:
        return None
    if "kh-alias" in (el.get("class") or "").split():
        assert _text(el) == "" and len(el) == 0
        return el.getnext() if el.getnext() is not None and el.getnext().tag == "table" else el.getparent()
    return el


def test_the_ids_of_before_still_open_on_their_paragraphs(pages):
    assert sum(len(v) for v in OLD_IDS.values()) == 131
    for url, ids in OLD_IDS.items():
        for value, text in ids.items():
            block = _landing(pages[url], value)
            assert block is not None, (url, value)
            assert _text(block).startswith(text), (url, value, _text(block)[:60])
    # The register linked to "cai-cach-hanh-chinh-doan-1" before: it lands where it did.
    block = _landing(pages["phan-1/ket-qua/cai-cach-hanh-chinh/"], "cai-cach-hanh-chinh-doan-1")
    assert block.get("id") == "phan-1-muc-i-diem-4-doan-1"


def test_a_numbered_heading_answers_to_its_unit(pages):
    heading = _landing(pages["phan-2/muc-dich-yeu-cau/"], "phan-2-muc-i-diem-2")
    assert heading.tag == "h2" and _text(heading).startswith("2. Yêu cầu")


def test_the_registers_back_links_land_on_the_citing_block(built, pages):
    checked = 0
    for entry_page in sorted((built.site / "van-ban").glob("*/index.html")):
        doc = entry_page.parent.name
        root = lxml_html.parse(str(entry_page)).getroot()
        for a in [a for ul in _with_class(root, "*", "kh-cited-at__list") for a in ul.xpath(".//li/a")]:
            href = a.get("href")
            target = urls.page_key(str((entry_page.parent / href.split("#")[0]).resolve().relative_to(built.site.resolve())))
            anchor = href.split("#", 1)[1]
            assert ADDRESS.match(anchor), href  # the block's own address, no alias
            block = pages[target + "/" if target else ""].get_element_by_id(anchor)
            assert [a for a in _with_class(block, "a", "kh-cite") if a.get("data-doc") == doc], (doc, href)
            checked += 1
    assert checked >= 80


def test_the_print_page_carries_every_address_unchanged(built, pages):
    printed = lxml_html.parse(str(built.site / "in-toan-van" / "index.html")).getroot()
    plan = _with_class(printed, "div", "kh-fullplan")[0]
    ids = Counter(el.get("id") for el in printed.iter() if isinstance(el.tag, str) and el.get("id"))
    for url, article in pages.items():
        for el in article.iter():
            value = el.get("id") if isinstance(el.tag, str) else None
            if value and not _chrome(el):
                assert ids[value] == 1, (url, value)
    blocks = [el.get("id") for el in blocks_of(plan)]
    assert len(blocks) == len(set(blocks)) >= 130 and all(ADDRESS.match(b) for b in blocks)
    assert _with_class(plan, "a", "kh-block-link") == []  # chrome, not copied (and never printed)
    # The plan's links to its own blocks (the register's back-links from van-ban/ come here) stay within the page.
    hrefs = {a.get("href") for a in plan.iter("a") if (a.get("href") or "").startswith("#")}
    assert all(h[1:] in ids for h in hrefs)


def test_the_pdf_has_a_destination_for_every_address(built, pages):
    from pdftext import pdf_reader
    reader = pdf_reader(built.site / "tai-ve" / "ke-hoach-2022-so-noi-vu-bac-giang.pdf")
    names = set(reader.named_destinations)
    for url, article in pages.items():
        for el in blocks_of(article):
            assert el.get("id") in names, (url, el.get("id"))
    for url, ids in OLD_IDS.items():
        assert set(ids) <= names, url


def test_a_markdown_link_may_point_at_an_address(tmp_path):
    line = "Xem [điểm 4, đoạn 3](../phan-1/ket-qua/cai-cach-hanh-chinh.md#phan-1-muc-i-diem-4-doan-3).\n"
    where = "## Cách trình bày trên trang web"
    project = broken_copy(tmp_path, ("docs/ve-trang-nay/ghi-chu-van-ban.md", where, line + "\n" + where), name="ok")
    result = run_build(project, tmp_path / "ok-site")
    assert result.returncode == 0, result.output
    page = result.page("ve-trang-nay/ghi-chu-van-ban/")
    assert page.select_one('a[href="../../phan-1/ket-qua/cai-cach-hanh-chinh/#phan-1-muc-i-diem-4-doan-3"]')
    wrong = line.replace("doan-3", "doan-99")
    project = broken_copy(tmp_path, ("docs/ve-trang-nay/ghi-chu-van-ban.md", where, wrong + "\n" + where), name="bad")
    out = build_fails(project, tmp_path / "bad")
    assert "phan-1-muc-i-diem-4-doan-99" in out
    assert f"docs/ve-trang-nay/ghi-chu-van-ban.md, dòng {line_of(project / 'docs/ve-trang-nay/ghi-chu-van-ban.md', wrong.strip())}" in out


def test_adding_a_paragraph_to_one_section_changes_no_address_elsewhere(tmp_path, pages):
    project = broken_copy(tmp_path, (
        "docs/phan-2/muc-dich-yeu-cau.md", "## 2. Yêu cầu",
        "- Một đoạn mới thêm vào mục đích.\n\n## 2. Yêu cầu"))
    not_held_to_record(project)
    edit(project, "docs/phan-1/ket-qua/cai-cach-hanh-chinh.md", "Về kết quả đánh giá các chỉ số năm 2020:",
         "Một đoạn mới.\n\nVề kết quả đánh giá các chỉ số năm 2020:")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    grown = "phan-2-muc-i-diem-1-doan-", "phan-1-muc-i-diem-4-doan-"
    changed = 0
    for url, article in pages.items():
        after = {el.get("id"): _text(el) for el in blocks_of(_article(result.site, url))}
        for el in blocks_of(article):
            value = el.get("id")
            if value.startswith(grown):
                m = ADDRESS.match(value)
                n = int(m["n"])
                moved = f"{m['unit']}-doan-{n + 1}"
                if after[value] != _text(el):
                    assert after[moved] == _text(el), value  # moved down by one within its unit
                    changed += 1
                continue
            assert after.get(value) == _text(el), (url, value)
    assert changed >= 10
    new = _article(result.site, "phan-1/ket-qua/cai-cach-hanh-chinh/")
    assert _text(new.get_element_by_id("phan-1-muc-i-diem-4-doan-2")) == "Một đoạn mới."


def test_an_id_a_page_gives_that_is_another_blocks_address_stops_the_build(tmp_path):
    """The page names a paragraph with the address of the one before: two blocks, one address."""
    project = broken_copy(tmp_path, (
        "docs/phan-1/ket-qua/cai-cach-hanh-chinh.md", "Về kết quả đánh giá các chỉ số năm 2020:\n",
        "Về kết quả đánh giá các chỉ số năm 2020:\n{: #phan-1-muc-i-diem-4-doan-1 }\n"))
    out = build_fails(project, tmp_path)
    source = project / "docs/phan-1/ket-qua/cai-cach-hanh-chinh.md"
    assert f"docs/phan-1/ket-qua/cai-cach-hanh-chinh.md, dòng {line_of(source, '{: #phan-1-muc-i-diem-4-doan-1')}" in out
    assert 'id "phan-1-muc-i-diem-4-doan-1" đã được dùng trong trang' in out
    assert 'The id "phan-1-muc-i-diem-4-doan-1" is used on the page' in out
    assert out.index("đã được dùng") < out.index("is used on the page")  # Vietnamese first
