"""Linking citations in rendered HTML: the text stays exactly as it was."""
from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from kehoach.anchors import html as anchors
from kehoach.core import htmltree
from kehoach.core.data import Project
from kehoach.register import linker
from kehoach.register import model as register_mod
from siteutil import PLAN, ROOT

REGISTER = """\
documents:
  - id: nghi-quyet-18-nq-tw
    kind: Nghị quyết
    number: 18-NQ/TW
  - id: nghi-quyet-19-nq-tw
    kind: Nghị quyết
    number: 19-NQ/TW
  - id: ke-hoach-2021-402-kh-ubnd
    kind: Kế hoạch
    number: 402/KH-UBND
    date: "2021-08-21"
  - id: nghi-quyet-tw-6-khoa-xii
    kind: Nghị quyết
    name: Nghị quyết TW 6 khóa XII
  - id: luat-luu-tru
    kind: Luật
    name: Luật Lưu trữ
not_citations:
  - phrase: Hồ sơ xây dựng Luật Lưu trữ sửa đổi
    reason: dự thảo
"""


@pytest.fixture(scope="module")
def reg(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    (folder / "register.yml").write_text(REGISTER, encoding="utf-8")
    return register_mod.load(Project(folder, folder, ROOT / "schemas"))


def link(html, reg):
    """The linker run on the tree of `html` (as kehoach/hooks.py runs it: after the
    blocks get their addresses, kehoach/anchors/); `.html`: the tree written back."""
    root = htmltree.parse(html)
    anchors.assign(root, [])
    result = linker.link_page(root, reg, lambda e: f"../van-ban/{e.id}/")
    return SimpleNamespace(html=htmltree.serialize(root), places=result.places, problems=result.problems)


def text(html):
    return BeautifulSoup(html, "html.parser").get_text()


def test_links_without_changing_text(reg):
    html = ('<h2 id="muc">Mục</h2>\n<p>Theo Nghị quyết số 18-NQ/TW, số 19-NQ/TW và '
            "Kế hoạch số 402/KH-UBND ngày 21/8/2021; tuyên truyền Luật Lưu trữ.</p>")
    result = link(html, reg)
    assert result.problems == []
    assert text(result.html) == text(html)
    soup = BeautifulSoup(result.html, "html.parser")
    links = [(a["data-doc"], a.get_text(), a["class"], a["href"]) for a in soup.select("a")]
    assert links == [
        ("nghi-quyet-18-nq-tw", "Nghị quyết số 18-NQ/TW", ["kh-cite"], "../van-ban/nghi-quyet-18-nq-tw/"),
        ("nghi-quyet-19-nq-tw", "số 19-NQ/TW", ["kh-cite"], "../van-ban/nghi-quyet-19-nq-tw/"),
        ("ke-hoach-2021-402-kh-ubnd", "Kế hoạch số 402/KH-UBND ngày 21/8/2021", ["kh-cite"],
         "../van-ban/ke-hoach-2021-402-kh-ubnd/"),
        ("luat-luu-tru", "Luật Lưu trữ", ["kh-cite"], "../van-ban/luat-luu-tru/"),
    ]
    assert soup.p["id"] == "muc-doan-1"
    assert [p.anchor for p in result.places] == ["muc-doan-1"] * 4
    assert result.places[2].date == "2021-08-21"
    assert result.places[0].after.startswith(", số 19-NQ/TW")


def test_citation_across_inline_markup(reg):
    """An abbreviation marked up inside a citation ends up inside the link."""
    html = ('<p>Theo Nghị quyết <abbr title="Trung ương">TW</abbr> 6 khóa XII và '
            'Kế hoạch số 402/KH-<abbr title="Ủy ban nhân dân">UBND</abbr> ngày 21/8/2021.</p>')
    result = link(html, reg)
    assert result.problems == []
    assert text(result.html) == text(html)
    soup = BeautifulSoup(result.html, "html.parser")
    a1, a2 = soup.select("a.kh-cite")
    assert a1.get_text() == "Nghị quyết TW 6 khóa XII" and a1.abbr is not None
    assert a2.get_text() == "Kế hoạch số 402/KH-UBND ngày 21/8/2021" and a2.abbr["title"] == "Ủy ban nhân dân"


def test_formatting_cutting_across_a_citation_is_reported(reg):
    html = "<p><strong>Theo Kế hoạch</strong> số 402/KH-UBND.</p>"
    result = link(html, reg)
    assert [p.text for p in result.problems] == ["Kế hoạch số 402/KH-UBND"]
    # Formatting wholly inside the citation is fine: it goes inside the link.
    inside = link("<p>Theo <strong>Kế hoạch số</strong> 402/KH-UBND.</p>", reg)
    assert inside.problems == []
    assert BeautifulSoup(inside.html, "html.parser").select_one("a.kh-cite strong").get_text() == "Kế hoạch số"


def test_footnote_reference_inside_a_citation_is_reported(reg):
    html = ('<p>Kế hoạch số 402/KH-<sup id="fnref:4"><a class="footnote-ref" href="#fn:4">4</a></sup>UBND.</p>')
    result = link(html, reg)
    assert [p.text for p in result.problems] == ["Kế hoạch số 402/KH-UBND"]
    assert "kh-cite" not in result.html


def test_footnote_citations_point_at_the_footnote(reg):
    html = ('<p id="x">Văn bản<sup id="fnref:4"><a class="footnote-ref" href="#fn:4">4</a></sup>.</p>'
            '<div class="footnote"><ol><li id="fn:4" value="4"><p>Kế hoạch số 402/KH-UBND ngày 21/8/2021'
            '&#160;<a class="footnote-backref" href="#fnref:4">↩</a></p></li></ol></div>')
    result = link(html, reg)
    assert text(result.html) == text(html)
    assert [(p.anchor, p.footnote) for p in result.places] == [("fn:4", "4")]
    soup = BeautifulSoup(result.html, "html.parser")
    assert soup.select_one("#fn\\:4 p").get("id") is None  # the footnote keeps its own anchor


def test_chrome_links_and_exclusions_are_left_alone(reg):
    html = ('<div data-kh-chrome><p>Kế hoạch số 402/KH-UBND</p></div>'
            '<p><a href="x">Nghị quyết số 18-NQ/TW</a>; Hồ sơ xây dựng Luật Lưu trữ sửa đổi</p>')
    result = link(html, reg)
    assert result.problems == [] and result.places == []
    assert "kh-cite" not in result.html


def test_unknown_citation_and_wrong_date_are_problems(reg):
    result = link("<p>Theo Nghị định số 999/2020/NĐ-CP và Kế hoạch số 402/KH-UBND ngày 22/8/2021; "
                  "Luật Đất đai.</p>", reg)
    problems = {p.text: p.problem_en for p in result.problems}
    assert "not in the register" in problems["Nghị định số 999/2020/NĐ-CP"]
    assert "2021-08-22" in problems["Kế hoạch số 402/KH-UBND ngày 22/8/2021"]
    assert "Luật Đất đai" in problems


def test_citation_points_at_its_block(reg):
    """A citation in a paragraph of a list item points at the item, which is the block."""
    result = link('<h2 id="h">1. Mục</h2><ul><li><p id="named">Theo Luật Lưu trữ.</p></li></ul>', reg)
    assert [p.anchor for p in result.places] == ["diem-1-doan-1"]


def test_context_is_the_citing_sentence():
    t = "Câu trước. Theo Kế hoạch số 1 về việc A; và B. Câu sau."
    start = t.index("Kế hoạch")
    end = start + len("Kế hoạch số 1")
    assert linker.context(t, start, end) == ("Theo ", " về việc A; và B.")
    long = "Mở đầu " + "rất dài, " * 40 + "; tiếp theo Kế hoạch số 1 về việc A; " + "đoạn sau, " * 40 + "hết."
    start = long.index("Kế hoạch")
    end = start + len("Kế hoạch số 1")
    assert linker.context(long, start, end) == ("… tiếp theo ", " về việc A; …")


def test_real_plan_pages_keep_their_text(built):
    """Unlinking the built pages and linking them again changes no character."""
    reg = register_mod.load(Project.at(PLAN))
    plan_files = [built.site / "index.html", built.site / "bieu-mau-06" / "index.html",
                  *sorted(built.site.glob("phan-*/**/index.html"))]
    for html_file in plan_files:
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        for a in article.select("a.kh-cite"):
            a.unwrap()
        before = str(article)
        result = link(before, reg)
        assert result.problems == []
        assert text(result.html) == text(before), html_file
