"""kehoach.exports.fullplan on small made-up pages: ids, links, headings, chrome."""
from __future__ import annotations

from types import SimpleNamespace

from bs4 import BeautifulSoup

from kehoach.core.data import Project
from kehoach.core import htmltree
from kehoach.exports import fullplan
from kehoach.settings import load_site
from siteutil import PLAN, ROOT

SITE = load_site(Project.at(PLAN))  # which of the pages below carry the plan's own text


def fake_page(src_uri: str, url: str, content: str, depth: int):
    return SimpleNamespace(
        file=SimpleNamespace(src_uri=src_uri), url=url, content=content,
        ancestors=[object()] * depth, is_index=src_uri.endswith("index.md"),
    )


PAGES = [
    fake_page("index.md", "", '<h1 id="ke-hoach">KẾ HOẠCH</h1><div data-kh-chrome><p>Bắt đầu đọc</p></div>', 0),
    fake_page("phan-1/index.md", "phan-1/", '<h1 id="phan-1">PHẦN I</h1>'
              '<nav class="kh-contents" data-kh-chrome><a href="ket-qua/">I.</a></nav>', 1),
    fake_page("phan-1/ket-qua/a.md", "phan-1/ket-qua/a/",
              '<h1 id="a">1. A</h1><h2 id="muc">a) Mục</h2>'
              '<p>Xem <a href="../b/#muc">mục của B</a>, <a href="#muc">mục này</a>, '
              '<a href="../../../ve-trang-nay/ghi-chu-van-ban/#cho-chua-thong-nhat">ghi chú</a>, '
              '<a href="../../../tai-ve/x.pdf">PDF</a>, <a href="https://vbpl.vn/">VBPL</a>.</p>', 2),
    fake_page("phan-1/ket-qua/b.md", "phan-1/ket-qua/b/", '<h1 id="b">2. B</h1><h2 id="muc">a) Mục</h2>'
              '<p><a href="../../../bieu-mau-06/">Biểu mẫu</a></p>', 2),
    fake_page("ve-trang-nay/ghi-chu-van-ban.md", "ve-trang-nay/ghi-chu-van-ban/", "<h1>Ghi chú</h1>", 1),
    fake_page("bieu-mau-06.md", "bieu-mau-06/", '<h1 id="bieu-mau-06">Biểu mẫu số 06</h1>', 0),
]


def assembled(here="in-toan-van/", taken=None):
    html = fullplan.assemble(PAGES, SITE.is_plan_page, here, "https://example.invalid/kh/", taken)
    return BeautifulSoup(html, "html.parser")


def test_only_plan_pages_in_order_without_chrome():
    soup = assembled()
    assert [s["data-kh-source"] for s in soup.select("section")] == [
        "index.md", "phan-1/index.md", "phan-1/ket-qua/a.md", "phan-1/ket-qua/b.md", "bieu-mau-06.md"]
    assert "Bắt đầu đọc" not in soup.get_text() and soup.select("nav") == []


def test_headings_follow_the_depth_in_the_nav():
    soup = assembled()
    assert [(h.name, h.get("id")) for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])] == [
        ("h1", "ke-hoach"), ("h2", "phan-1"), ("h4", "a"), ("h5", "muc"),
        ("h4", "b"), ("h5", "trang-phan-1-ket-qua-b--muc"), ("h2", "bieu-mau-06")]
    assert [s["data-kh-source"] for s in soup.select(".kh-fullplan__part")] == ["phan-1/index.md", "bieu-mau-06.md"]


def test_a_taken_id_is_renamed_and_links_follow_it():
    soup = assembled()
    links = {a.get_text(): a for a in soup.find_all("a")}
    assert links["mục của B"]["href"] == "#trang-phan-1-ket-qua-b--muc"
    assert links["mục này"]["href"] == "#muc"
    assert links["Biểu mẫu"]["href"] == "#trang-bieu-mau-06"
    assert "data-kh-print-url" not in links["mục này"].attrs


def test_links_that_leave_the_plan_keep_working_and_carry_their_public_address():
    links = {a.get_text(): a for a in assembled().find_all("a")}
    note = links["ghi chú"]
    assert note["href"] == "../ve-trang-nay/ghi-chu-van-ban/#cho-chua-thong-nhat"
    assert note["data-kh-print-url"] == "https://example.invalid/kh/ve-trang-nay/ghi-chu-van-ban/#cho-chua-thong-nhat"
    assert links["PDF"]["href"] == "../tai-ve/x.pdf"
    assert links["PDF"]["data-kh-print-url"] == "https://example.invalid/kh/tai-ve/x.pdf"
    assert links["VBPL"]["href"] == links["VBPL"]["data-kh-print-url"] == "https://vbpl.vn/"


def test_ids_of_the_page_itself_are_respected():
    soup = assembled(taken={"ke-hoach"})
    assert soup.find("h1")["id"] == "trang-chu--ke-hoach"


def test_for_pdf_drops_screen_chrome_and_uses_public_addresses():
    html = fullplan.assemble(PAGES, SITE.is_plan_page, "in-toan-van/", "https://example.invalid/kh/")
    html = html.replace("</h1>", '<a class="headerlink" href="#x">¶</a></h1>', 1)
    soup = BeautifulSoup(fullplan.for_pdf(html), "html.parser")
    assert soup.select(".headerlink") == []
    links = {a.get_text(): a["href"] for a in soup.find_all("a")}
    assert links["ghi chú"].startswith("https://example.invalid/kh/ve-trang-nay/")
    assert links["mục của B"] == "#trang-phan-1-ket-qua-b--muc"


def test_offline_addresses_end_in_html():
    pages = [fake_page(p.file.src_uri, (p.url.rstrip("/") or "index") + ".html", p.content, len(p.ancestors))
             for p in PAGES]
    pages[2].content = pages[2].content.replace("../../../ve-trang-nay/ghi-chu-van-ban/", "../../ve-trang-nay/ghi-chu-van-ban.html")
    html = fullplan.assemble(pages, SITE.is_plan_page, "in-toan-van.html", "https://example.invalid/kh/")
    links = {a.get_text(): a for a in BeautifulSoup(html, "html.parser").find_all("a")}
    assert links["ghi chú"]["href"] == "ve-trang-nay/ghi-chu-van-ban.html#cho-chua-thong-nhat"
    assert links["ghi chú"]["data-kh-print-url"].endswith("/kh/ve-trang-nay/ghi-chu-van-ban/#cho-chua-thong-nhat")


def test_the_ids_of_a_page_are_its_id_attributes_only():
    html = '<p id="a" data-id="b">id="c" text</p>\n<h2 class="x" id="d&amp;e">t</h2>'
    assert htmltree.ids(htmltree.parse(html)) == {"a", "d&e"}
