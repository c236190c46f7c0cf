"""kehoach.readers.html on small pieces of HTML: descriptions, captions, skip target."""
from types import SimpleNamespace

from mkdocs.structure.toc import AnchorLink, TableOfContents

from kehoach.core import htmltree
from kehoach.readers import build as readers_build
from kehoach.readers import html as pagehtml


def on_tree(function, html, *args):
    """`function` run on the tree of `html` (as kehoach/hooks.py runs it), the tree written back."""
    root = htmltree.parse(html)
    function(root, *args)
    return htmltree.serialize(root)


def test_first_paragraph_skips_site_notes_header_and_footnote_numbers():
    html = (
        '<div class="kh-header"><p>Số: /KH-SNV</p></div>'
        '<div data-kh-chrome><p>Lời của trang web.</p></div>'
        '<h1 id="x">Tiêu đề</h1>'
        '<p>Câu đầu<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup> của   văn bản.</p>'
        '<p>Câu sau.</p>'
    )
    assert pagehtml.first_paragraph(htmltree.parse(html)) == "Câu đầu của văn bản."


def test_short_paragraph_is_introduced_by_the_title_and_long_one_is_cut_at_a_word():
    assert pagehtml.describe("PHẦN I", htmltree.parse("<p><strong>Đánh giá</strong></p>"), "S") == "PHẦN I: Đánh giá"
    long = "<p>" + " ".join(["chữ"] * 80) + "</p>"
    text = pagehtml.describe("T", htmltree.parse(long), "S")
    assert len(text) <= 160 and text.endswith("chữ…")


def test_page_without_paragraph_is_described_by_title_and_site():
    site = "Kế hoạch phát triển kinh tế - xã hội năm 2022 của Sở Nội vụ tỉnh Bắc Giang"
    assert pagehtml.describe("II. Nhận xét chung", htmltree.parse("<nav data-kh-chrome><p>x</p></nav>"), site) == (
        "II. Nhận xét chung — " + site + ".")


def test_table_without_caption_gets_its_section_name_and_one_with_caption_is_left_alone():
    html = ('<h2 id="a">Bảng A<a class="headerlink" href="#a">¶</a></h2><table><thead></thead></table>'
            '<table class="x"><caption>Có sẵn</caption></table>')
    out = on_tree(pagehtml.add_captions, html)
    assert '<table><caption class="kh-visually-hidden" data-kh-chrome>Bảng A</caption>' in out
    assert out.count("<caption") == 2


def test_skip_target_is_the_first_element_and_can_take_focus():
    toc = TableOfContents([AnchorLink("Bắt đầu", "bat-dau", 2)])
    page = SimpleNamespace(toc=toc, title="Trang chủ")
    html = '\n<section id="gioi-thieu" aria-label="Giới thiệu"><p>x</p></section><h2 id="bat-dau">B</h2>'
    out = on_tree(readers_build.skip_target, html, page)
    assert out.startswith('\n<section id="gioi-thieu" aria-label="Giới thiệu" tabindex="-1">')
    assert [(a.id, a.title) for a in toc] == [("gioi-thieu", "Giới thiệu")]
    assert [(a.id, a.title) for a in toc.items[0].children] == [("bat-dau", "Bắt đầu")]


def test_skip_target_already_first_in_toc_only_gains_tabindex():
    toc = TableOfContents([AnchorLink("PHẦN I", "phan-1", 1)])
    out = on_tree(readers_build.skip_target, '<h1 id="phan-1">PHẦN I</h1>', SimpleNamespace(toc=toc, title="PHẦN I"))
    assert out == '<h1 id="phan-1" tabindex="-1">PHẦN I</h1>'
    assert len(toc) == 1


def test_focus_goes_to_the_element_with_that_id_not_to_text_or_other_attributes():
    html = '<p>id="x" in text</p><h2 data-id="x">A</h2><h2 class="a" id="x">B</h2>'
    assert on_tree(pagehtml.focusable, html, "x") == (
        '<p>id="x" in text</p><h2 data-id="x">A</h2><h2 class="a" id="x" tabindex="-1">B</h2>')
    assert on_tree(pagehtml.focusable, '<h2 tabindex="0" id="x">B</h2>', "x") == '<h2 tabindex="0" id="x">B</h2>'
    assert on_tree(pagehtml.focusable, '<h2 id="y">B</h2>', "x") == '<h2 id="y">B</h2>'
