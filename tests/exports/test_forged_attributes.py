"""What the print page and the PDF print comes from our own build, never from
an attribute a page typed (issue 26): the address printed after a link
(`data-kh-print-url`, which print.css and pdf.css print, and which the PDF
makes the link's target) and the count of citations in the register summary
(once read from the links' `data-doc`)."""
from __future__ import annotations

from bs4 import BeautifulSoup

from kehoach.exports import appendix, fullplan
from siteutil import broken_copy, run_build
from test_fullplan_unit import PAGES, SITE, fake_page

EVIL = "https://ke-gian.example/"


def test_an_address_a_page_typed_is_neither_printed_nor_the_pdf_s_link():
    forged = fake_page(
        "phan-1/ket-qua/c.md", "phan-1/ket-qua/c/",
        f'<h1 id="c">3. C</h1><p><a href="mailto:a@b.vn" data-kh-print-url="{EVIL}">thư</a>, '
        f'<a href="#c" data-kh-print-url="{EVIL}">mục này</a>, '
        f'<a href="https://vbpl.vn/" data-kh-print-url="{EVIL}">VBPL</a>, '
        f'<span data-kh-print-url="{EVIL}">chữ</span></p>', 2)
    html = fullplan.assemble([*PAGES[:4], forged, *PAGES[4:]], SITE.is_plan_page, "in-toan-van/",
                             "https://example.invalid/kh/")
    assert "ke-gian" not in html
    pdf = BeautifulSoup(fullplan.for_pdf(html), "html.parser")
    links = {a.get_text(): a for a in pdf.find_all("a")}
    assert links["thư"]["href"] == "mailto:a@b.vn"
    assert links["VBPL"]["href"] == links["VBPL"]["data-kh-print-url"] == "https://vbpl.vn/"
    assert "ke-gian" not in str(pdf)


def test_the_count_of_citations_is_the_linker_s_not_the_links():
    place = type("Place", (), {})
    found = {"phan-1/ket-qua/a.md": [place(), place()], "ve-trang-nay/ghi-chu-van-ban.md": [place()]}
    for p, entry in zip([*found["phan-1/ket-qua/a.md"], *found["ve-trang-nay/ghi-chu-van-ban.md"]], "aab"):
        p.entry_id = entry
    assert appendix.citation_counts(found, SITE.is_plan_page) == {"a": 2}


PAGE = "docs/phan-1/ket-qua/ton-giao.md"
ENTRY = "nghi-quyet-18-nq-tw"


def _count(soup, entry: str) -> str:
    return soup.select_one(f"#{appendix.row_id(entry)} td.kh-num").get_text()


def test_typed_attributes_change_nothing_the_site_prints(tmp_path):
    project = broken_copy(tmp_path, (
        PAGE, "Triển khai nghiên cứu",
        f'<a href="mailto:a@b.vn" data-doc="{ENTRY}" data-kh-print-url="{EVIL}">Triển khai</a> nghiên cứu'))
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    page = result.page("phan-1/ket-qua/ton-giao/")
    link = page.find("a", string="Triển khai")
    assert link is not None and not link.has_attr("data-kh-print-url"), link  # print.css prints it on any page
    printed = result.page("in-toan-van/")
    assert "ke-gian" not in str(printed)
    assert printed.find("a", string="Triển khai")["href"] == "mailto:a@b.vn"
    assert _count(printed, ENTRY) == "1", "a link a page typed counted as a citation"
