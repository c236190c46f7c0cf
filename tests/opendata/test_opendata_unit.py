"""The whole plan as open data, from a page's tree (no build): text as a reader
sees it, footnote references and citations at their offsets, ids as the page
carries them, the schema and the CSV."""
from __future__ import annotations

import copy
import json
import sys

import pytest

from kehoach.anchors import html as anchors_html
from kehoach.core import htmltree
from kehoach.core.data import Project
from kehoach.opendata import downloads, model
from kehoach.register import linker
from kehoach.register import model as register_mod
from siteutil import ROOT

REGISTER = """\
documents:
  - id: nghi-quyet-18-nq-tw
    kind: Nghị quyết
    number: 18-NQ/TW
  - id: ke-hoach-2021-402-kh-ubnd
    kind: Kế hoạch
    number: 402/KH-UBND
    date: "2021-08-21"
  - id: luat-luu-tru
    kind: Luật
    name: Luật Lưu trữ
not_citations: []
"""

PAGE = (
    '<h1 id="muc">4. Công tác <em>cải cách</em></h1>\n'
    "<p>Theo Nghị quyết số 18-NQ/TW và\n   Kế hoạch số 402/KH-UBND ngày 21/8/2021; tuyên truyền "
    'Luật Lưu trữ<sup id="fnref:4"><a class="footnote-ref" href="#fn:4">4</a></sup> và Luật Lưu trữ.</p>\n'
    '<p data-kh-chrome>Ghi chú của trang web.</p>\n'
    "<ul>\n<li>Ý một<br>dòng hai</li>\n<li><p>Ý có đoạn</p><ul><li>ý con</li></ul></li>\n</ul>\n"
    '<table id="bang"><thead><tr><th colspan="2">Chỉ tiêu</th></tr></thead>'
    '<tbody><tr id="dong-1"><td>1</td><td>Nghị quyết số 18-NQ/TW<span data-kh-chrome>(chú)</span></td></tr></tbody></table>\n'
    '<div class="footnote"><hr><ol><li id="fn:4"><p>Chú thích nêu Luật Lưu trữ&#160;'
    '<a class="footnote-backref" href="#fnref:4">↩</a></p></li></ol></div>\n'
)


@pytest.fixture(scope="module")
def reg(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    (folder / "register.yml").write_text(REGISTER, encoding="utf-8")
    return register_mod.load(Project(folder, folder, ROOT / "schemas"))


def linked(html: str, reg):
    """The page's tree as the build has it after the linker, and the linker's places."""
    root = htmltree.parse(html)
    anchors_html.assign(root, ["PHẦN I"])  # the blocks' addresses, given before the linker runs (hooks.py)
    result = linker.link_page(root, reg, lambda e: f"../van-ban/{e.id}/")
    assert result.problems == []
    return root, tuple(result.places)


def blocks_of(root, places=(), shift=1):
    return model.plan_blocks([model.PlanPage("phan-1/muc.md", "phan-1/muc/", root, shift, places)])


def test_blocks_text_ids_and_offsets(reg):
    root, places = linked(PAGE, reg)
    blocks = blocks_of(root, places)
    kinds = [(b.kind, b.text) for b in blocks]
    assert kinds == [
        ("heading", "4. Công tác cải cách"),
        ("paragraph", "Theo Nghị quyết số 18-NQ/TW và Kế hoạch số 402/KH-UBND ngày 21/8/2021; "
                      "tuyên truyền Luật Lưu trữ và Luật Lưu trữ."),
        ("list_item", "Ý một\ndòng hai"),
        ("list_item", ""),
        ("paragraph", "Ý có đoạn"),
        ("list_item", "ý con"),
        ("table", "Chỉ tiêu\n1\tNghị quyết số 18-NQ/TW"),
        ("footnote", "Chú thích nêu Luật Lưu trữ"),
    ]
    # Every id is the one the tree carries (the linker's or the Markdown's), none made up here.
    tree_ids = [el.get("id") for el in htmltree.elements(root) if el.get("id")]
    for b in blocks:
        assert b.id is None or b.id in tree_ids
    para = blocks[1]
    assert para.id == root.xpath("//p")[0].get("id") and para.anchor == para.id
    assert blocks[0].level == 2 and para.sections == ["muc"] and blocks[0].sections == []
    assert blocks[4].parent == blocks[3].id and blocks[5].parent == blocks[3].id
    # Citations: the linker's, at their offsets; the text at the offset is the citation.
    cited = [(c.document, para.text[c.offset:c.offset + c.length]) for c in para.citations]
    assert cited == [("nghi-quyet-18-nq-tw", "Nghị quyết số 18-NQ/TW"),
                     ("ke-hoach-2021-402-kh-ubnd", "Kế hoạch số 402/KH-UBND ngày 21/8/2021"),
                     ("luat-luu-tru", "Luật Lưu trữ"), ("luat-luu-tru", "Luật Lưu trữ")]
    assert para.citations[2].offset < para.citations[3].offset  # the same words twice: each its own place
    # The footnote's number is not in the text; it stands right after the word it explains.
    assert [(r.label, para.text[:r.offset].endswith("tuyên truyền Luật Lưu trữ"), r.footnote) for r in para.footnote_refs] == [("4", True, "fn:4")]
    footnote = blocks[-1]
    assert footnote.id == "fn:4" and [c.document for c in footnote.citations] == ["luat-luu-tru"]
    table = blocks[6]
    assert table.id == "phan-1-diem-4-bang-1" and [r.id for r in table.rows] == [None, "dong-1"]  # the scheme's address
    assert root.xpath("//*[@id='bang']")  # the page's own id kept, as an alias
    assert [(c.text, c.header, c.colspan) for c in table.rows[0].cells] == [("Chỉ tiêu", True, 2)]
    cell = table.rows[1].cells[1]
    assert [(c.document, cell.text[c.offset:c.offset + c.length]) for c in cell.citations] == \
        [("nghi-quyet-18-nq-tw", "Nghị quyết số 18-NQ/TW")]
    c = table.citations[0]  # also placed in the table's own text
    assert table.text[c.offset:c.offset + c.length] == "Nghị quyết số 18-NQ/TW"


def test_a_citation_link_a_page_typed_is_not_a_citation(reg):
    """Citations come from the linker's record, never from `data-doc` in the page."""
    root = htmltree.parse('<h1 id="m">M</h1><p id="m-1">Xem <a class="kh-cite" data-doc="luat-luu-tru" '
                          'href="#">văn bản này</a>.</p>')
    (para,) = [b for b in blocks_of(root) if b.kind == "paragraph"]
    assert para.text == "Xem văn bản này." and para.citations == []


def test_a_place_the_tree_does_not_hold_stops_the_build(reg):
    root, places = linked(PAGE, reg)
    moved = [copy.copy(p) for p in places]
    wrong = [linker.Place(p.entry_id, "khong-co", p.text, p.date, p.before, p.after, p.footnote) for p in moved]
    with pytest.raises(model.PlacementError, match="khong-co"):
        blocks_of(root, tuple(wrong))


def doc_of(blocks):
    return downloads.document(
        blocks, {"id": "kh-thu", "title": "Kế hoạch thử", "department": "Sở Nội vụ", "year": 2022,
                 "record": "record/ban-ky.txt"},
        "https://example.invalid/kh-thu/", {"nghi-quyet-18-nq-tw": "van-ban/nghi-quyet-18-nq-tw/",
                                            "ke-hoach-2021-402-kh-ubnd": "van-ban/ke-hoach-2021-402-kh-ubnd/",
                                            "luat-luu-tru": "van-ban/luat-luu-tru/"},
        "du-lieu/toan-van.schema.json")


def test_the_document_meets_its_schema_and_the_schema_refuses_a_broken_one(reg):
    root, places = linked(PAGE, reg)
    doc = doc_of(blocks_of(root, places))
    assert downloads.problems(doc) == []
    assert doc["blocks"][1]["url"].startswith("https://example.invalid/kh-thu/phan-1/muc/#")
    broken = json.loads(json.dumps(doc))
    broken["blocks"][1]["citations"][0]["offset"] = -1
    del broken["blocks"][2]["text"]
    broken["blocks"][6].pop("rows")
    found = downloads.problems(broken)
    assert any(p.startswith("blocks/1/citations/0/offset") for p in found), found
    assert any("'text' is a required property" in p for p in found), found
    assert any("'rows' is a required property" in p for p in found), found


def test_csv_has_a_bom_and_no_formula(reg):
    root = htmltree.parse('<h1 id="m">=HYPERLINK("http://x.invalid","bấm")</h1><p id="m-1">+1 và -2</p>'
                          '<p id="m-2">-3,5</p>')
    raw = downloads.to_csv(doc_of(blocks_of(root))).decode("utf-8")
    assert raw.startswith("\ufeffo")
    import csv
    import io
    rows = list(csv.reader(io.StringIO(raw[1:])))
    assert rows[0] == [k for k, _ in downloads.CSV_FIELDS]
    texts = [r[rows[0].index("text")] for r in rows[1:]]
    assert texts == ["'=HYPERLINK(\"http://x.invalid\",\"bấm\")", "'+1 và -2", "-3,5"]


def test_cost_is_linear_in_a_long_paragraph(reg):
    """A hostile page may hold one 2 MB paragraph with thousands of citations.
    The work is counted, not timed: Python lines run (sys.settrace), the same on
    a quiet or a loaded machine."""
    def work(n):
        html = '<h1 id="m">M</h1><p>' + "Theo Nghị quyết số 18-NQ/TW và nội dung khác; " * n + "</p>"
        root, places = linked(html, reg)
        lines = 0

        def trace(frame, event, arg):
            nonlocal lines
            if event == "line":
                lines += 1
            return trace

        sys.settrace(trace)
        try:
            (para,) = [b for b in blocks_of(root, places) if b.kind == "paragraph"]
        finally:
            sys.settrace(None)
        assert len(para.citations) == n
        return lines
    small, large = work(200), work(1600)
    assert small > 200 and large < small * 8 * 1.5, (small, large)  # 8 times the text: far from 64 times the work
