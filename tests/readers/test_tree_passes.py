"""The readers' passes on a page's tree (kehoach/readers/): cell labels with
spanning headers and hostile spans, captions, scroll boxes, the skip target."""
from __future__ import annotations

from types import SimpleNamespace

from mkdocs.structure.toc import AnchorLink, TableOfContents

from kehoach.core import htmltree
from kehoach.readers import build as readers_build
from kehoach.readers import cell_labels
from kehoach.readers import html as pagehtml


def _labels(root):
    return [(td.get("data-label"), td.text_content()) for td in root.iter("td")]


def test_two_header_rows_name_a_cell_by_both_and_the_label_comes_first():
    root = htmltree.parse(
        '<table class="t"><thead><tr><th rowspan="2">Chỉ tiêu</th><th colspan="2">Năm <em>2021</em></th></tr>'
        "<tr><th>Kế hoạch</th><th>Thực hiện</th></tr></thead>"
        '<tbody><tr><td>A</td><td class="kh-num">1</td><td>2</td></tr></tbody></table>')
    assert cell_labels.label_tables(root) is True
    table = root.find("table")
    assert table.get("class") == "t kh-reflow"
    assert _labels(root) == [("Chỉ tiêu", "A"), ("Năm 2021 — Kế hoạch", "1"), ("Năm 2021 — Thực hiện", "2")]
    assert list(table.iter("td"))[1].keys() == ["data-label", "class"]


def test_body_rowspan_and_colspan_move_later_cells_as_a_browser_does():
    root = htmltree.parse(
        "<table><thead><tr><th>A</th><th>B</th><th>C</th><th>D</th></tr></thead><tbody>"
        '<tr><td rowspan="2">a</td><td colspan="2">bc</td><td>d</td></tr>'
        "<tr><td>b</td><td>c</td><td>d2</td></tr></tbody></table>")
    cell_labels.label_tables(root)
    assert _labels(root) == [("A", "a"), ("B", "bc"), ("D", "d"), ("B", "b"), ("C", "c"), ("D", "d2")]


def test_a_rowspan_ends_with_its_table_section_as_in_a_browser():
    """A browser stops a rowspan at the end of its <tbody>: the next section's
    rows start again at the first column."""
    root = htmltree.parse(
        "<table><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead>"
        '<tbody><tr><td rowspan="3">a</td><td>b</td><td>c</td></tr></tbody>'
        "<tbody><tr><td>a2</td><td>b2</td><td>c2</td></tr></tbody></table>")
    cell_labels.label_tables(root)
    assert _labels(root) == [("A", "a"), ("B", "b"), ("C", "c"), ("A", "a2"), ("B", "b2"), ("C", "c2")]


def test_a_table_inside_a_cell_is_labelled_on_its_own():
    inner = "<table><thead><tr><th>X</th><th>Y</th><th>Z</th></tr></thead><tbody><tr><td>x</td><td>y</td><td>z</td></tr></tbody></table>"
    root = htmltree.parse(
        "<table><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead><tbody>"
        f"<tr><td>a</td><td>{inner}</td><td>c</td></tr></tbody></table>")
    cell_labels.label_tables(root)
    outer = [td.get("data-label") for td in root.find("table").find("tbody").find("tr").findall("td")]
    assert outer == ["A", "B", "C"]
    assert [td.get("data-label") for td in root.find("table").find(".//table").iter("td")] == ["X", "Y", "Z"]


def test_hostile_spans_are_bounded_by_the_table():
    """Spans far larger than the table (21 digits; a colspan over HTML's 1000):
    each rowspan ends with the body, each colspan at 1000 columns, so every
    later row is pushed one column further right, as a browser lays it out."""
    rows = "".join(f'<tr><td rowspan="999999999999999999999">{i}</td><td colspan="99999">x</td></tr>'
                   for i in range(200))
    root = htmltree.parse("<table><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead>"
                          f"<tbody>{rows}</tbody></table>")
    cell_labels.label_tables(root)
    labels = [td.get("data-label") for td in root.iter("td")]
    assert labels[:6] == ["A", "B", "B", "C", "C", None]
    assert set(labels[6:]) == {None}


def test_caption_is_named_after_the_heading_before_the_table():
    root = htmltree.parse('<h2 id="a">Kết quả <em>năm</em> 2021<a class="headerlink" href="#a">¶</a></h2>\n'
                          "<table>\n<tbody><tr><td>1</td></tr></tbody></table>"
                          "<table><caption>Có sẵn</caption></table>")
    assert pagehtml.add_captions(root) is True
    captions = list(root.iter("caption"))
    assert [c.text for c in captions] == ["Kết quả năm 2021", "Có sẵn"]
    assert htmltree.serialize(root).count('<caption class="kh-visually-hidden" data-kh-chrome>') == 1
    assert pagehtml.add_captions(root) is False


def test_scroll_box_is_named_after_its_tables_caption_and_reachable():
    root = htmltree.parse('<div class="kh-table-scroll"><table><caption>Bảng <b>A</b></caption></table></div>'
                          '<div class="kh-table-scroll" tabindex="0"></div>')
    assert pagehtml.scroll_boxes(root) is True
    box = root.find("div")
    assert (box.get("tabindex"), box.get("role"), box.get("aria-label")) == (
        "0", "region", "Bảng A (cuộn ngang để xem hết bảng)")
    assert pagehtml.scroll_boxes(root) is False


def test_the_first_element_is_the_skip_target_only_if_nothing_comes_before_it():
    page = SimpleNamespace(toc=TableOfContents([AnchorLink("B", "b", 2)]), title="T")
    root = htmltree.parse('<!-- note --><section id="s"></section><h2 id="b">B</h2>')
    readers_build.skip_target(root, page)
    assert root.find("section").get("tabindex") is None and root.find("h2").get("tabindex") == "-1"
    assert [a.id for a in page.toc] == ["b"]
    page = SimpleNamespace(toc=TableOfContents([]), title="T")
    root = htmltree.parse('<p id="">x</p>')  # an empty id is none, and no table of contents: nothing
    readers_build.skip_target(root, page)
    assert htmltree.serialize(root) == '<p id="">x</p>' and not len(page.toc)


def test_focusable_takes_the_first_element_with_the_id():
    root = htmltree.parse('<p id="x">a</p><p id="x">b</p>')
    assert pagehtml.focusable(root, "x") is True
    assert [p.get("tabindex") for p in root.iter("p")] == ["-1", None]
