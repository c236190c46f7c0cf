"""Words outside the record (issue 26): what a page types cannot pass for the
site's chrome. The record check leaves out only the chrome our own code wrote
(kehoach/core/chrome.py keeps those marks, drops the ones a page wrote), never
an element for its class. Units on the tree, then broken copies built end to end:
the build names the page, the line and the forged words."""
from __future__ import annotations

import pytest

from kehoach.core import chrome, htmltree
from kehoach.plan import record
from siteutil import broken_copy, build_fails, copy_project, line_of, run_build

FORGED = "Từ giả"

# Every way a page could try to pass its words for chrome: the attribute, a
# forged proof beside it, and each class the record check used to leave out.
FORGERIES = [
    f"<p data-kh-chrome>{FORGED}</p>",
    f'<p data-kh-chrome="">{FORGED}</p>',
    f"<p DATA-KH-CHROME>{FORGED}</p>",
    f"<p data-kh-chrome data-kh-own-0123456789abcdef0123456789abcdef>{FORGED}</p>",
    f'<p class="headerlink">{FORGED}</p>',
    f'<p><a class="footnote-backref" href="#fnref:1">{FORGED}</a></p>',
    f'<aside class="md-source-file">{FORGED}</aside>',
    f'<p><a class="md-content__button" href="#">{FORGED}</a></p>',
]


def blocks_of(html: str) -> list[list[str]]:
    root = htmltree.parse(html)
    chrome.own(root)
    return record.page_blocks(htmltree.serialize(root))


@pytest.mark.parametrize("html", FORGERIES)
def test_words_a_page_marks_as_chrome_are_still_the_page_s_words(html):
    assert ["Từ", "giả"] in blocks_of(html)


def test_the_chrome_our_code_writes_is_left_out_and_written_as_before():
    root = htmltree.parse(f'<div class="kh-note" {chrome.MARK}><p>Lời của trang web</p></div><p>Kế hoạch</p>')
    chrome.own(root)
    html = htmltree.serialize(root)
    assert html == '<div class="kh-note" data-kh-chrome><p>Lời của trang web</p></div><p>Kế hoạch</p>'
    assert record.page_blocks(html) == [["Kế", "hoạch"]]


def test_the_proof_is_not_a_fixed_string_a_page_could_copy():
    assert chrome.MARK.startswith("data-kh-chrome data-kh-own-")
    assert len(chrome.MARK.rsplit("-", 1)[1]) == 32


def test_the_reserved_attributes_a_page_types_are_removed():
    root = htmltree.parse('<p data-kh-source="x"><a href="mailto:a@b.vn" data-kh-print-url="https://ke-gian.example/">'
                          'thư</a> <span data-label="giữ">ô</span></p>')
    chrome.own(root)
    html = htmltree.serialize(root)
    assert "data-kh-print-url" not in html and "data-kh-source" not in html and "ke-gian" not in html
    # A cell's label is shown on phones (site.css) and is no word the record reads.
    assert "data-label" not in html and "giữ" not in html


def test_the_labels_our_tables_write_are_kept_and_written_as_before():
    root = htmltree.parse(f"<table><tr><td{chrome.label('Năm 2021 — Kế hoạch')}>1</td>"
                          f'<td data-label="Từ giả">2</td></tr></table>')
    chrome.own(root)
    assert htmltree.serialize(root) == ('<table><tr><td data-label="Năm 2021 — Kế hoạch">1</td>'
                                        "<td>2</td></tr></table>")


# A page's own table with a label typed on a cell: phones would show it before
# the value (td[data-label]::before), words the record check never reads.
FORGED_LABEL_TABLE = (
    "\n<table><thead><tr><th>Cột một</th><th>Cột hai</th><th>Cột ba</th></tr></thead>\n"
    f'<tbody><tr><td data-label="{FORGED}">1</td><td>2</td><td>3</td></tr></tbody></table>\n'
)


def test_a_label_a_page_types_on_a_cell_is_replaced_by_its_column_s_header(tmp_path):
    page = "docs/ve-trang-nay/ghi-chu-van-ban.md"
    project = copy_project(tmp_path / "project")
    (project / page).write_text((project / page).read_text(encoding="utf-8") + FORGED_LABEL_TABLE, encoding="utf-8")
    result = run_build(project, tmp_path / "site", downloads=False)
    assert result.returncode == 0, result.output[-3000:]
    written = (result.site / "ve-trang-nay" / "ghi-chu-van-ban" / "index.html").read_text(encoding="utf-8")
    table = written[written.index("<th>Cột một</th>"):]
    table = table[:table.index("</table>")]
    assert FORGED not in table, table
    assert '<td data-label="Cột một">1</td>' in table, table  # the header's words, as on any table


PAGE = "docs/phan-1/ket-qua/ton-giao.md"
AFTER = "Triển khai nghiên cứu Đề tài khoa học cấp tỉnh về lĩnh vực tín ngưỡng;\n"


@pytest.mark.parametrize("forged", [
    f"\n<p data-kh-chrome>{FORGED}</p>\n",                    # raw HTML
    f"\n{FORGED}\n{{: data-kh-chrome=\"\" .headerlink }}\n",  # attr_list, with a chrome class
], ids=["raw-html", "attr-list"])
def test_the_build_refuses_words_a_page_marks_as_chrome(tmp_path, forged):
    project = broken_copy(tmp_path, (PAGE, AFTER, AFTER + forged))
    out = build_fails(project, tmp_path)
    line = line_of(project / PAGE, FORGED)
    assert f"{PAGE}, dòng {line} (line {line}):" in out, out
    assert "«giả»" in out, out  # "Từ" is a word of the record, "giả" is not
