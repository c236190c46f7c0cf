"""Every number of every table is readable on a 390 px phone, and nothing is cut at 1280 px.

On a phone each row of a table is a block in which every value sits under its
column's name (kehoach/readers/cell_labels.py, site.css `kh-reflow`); in print the
table stays a table.
"""
from __future__ import annotations

import pytest

from kehoach.core import htmltree
from kehoach.readers import cell_labels

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
TABLE_PAGES = ["bieu-mau-06/", "chi-so/", "tu-viet-tat/", "van-ban/", "ve-trang-nay/ghi-chu-van-ban/", "in-toan-van/"]

# Cells a reader sees (not those of a header row hidden on a phone) that lie
# outside the window, or outside the box that clips them.
OUT_OF_VIEW = """(width) => {
  const out = [];
  let cells = 0;
  for (const cell of document.querySelectorAll('article table :is(td, th)')) {
    const r = cell.getBoundingClientRect();
    const head = cell.closest('thead');
    if (head && head.getBoundingClientRect().width <= 1) continue;  // visually hidden header row
    if (r.width === 0) continue;
    cells++;
    let clip = {left: 0, right: width};
    const box = cell.closest('.kh-table-scroll, .md-typeset__scrollwrap');
    if (box) { const b = box.getBoundingClientRect(); clip = {left: Math.max(0, b.left), right: Math.min(width, b.right)}; }
    if (r.left < clip.left - 0.5 || r.right > clip.right + 0.5) {
      out.push(`${cell.closest('table').id || 'table'}: ${cell.tagName} "${cell.textContent.trim().slice(0, 40)}" `
               + `${Math.round(r.left)}..${Math.round(r.right)}`);
    }
  }
  return {out, cells, scroll: document.documentElement.scrollWidth};
}"""


def _context(browser, viewport):
    return browser.new_context(locale="vi-VN", viewport=viewport)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_every_cell_of_every_table_is_in_view(browser, server, viewport):
    context = _context(browser, viewport)
    page = context.new_page()
    problems = []
    for url in TABLE_PAGES:
        page.goto(server + url)
        found = page.evaluate(OUT_OF_VIEW, viewport["width"])
        assert found["cells"] > 0, url
        problems += [f"/{url} {p}" for p in found["out"]]
        if found["scroll"] > viewport["width"]:
            problems.append(f"/{url} is {found['scroll']} px wide")
    context.close()
    assert problems == [], "\n".join(problems)


def test_on_a_phone_each_value_is_shown_under_its_column_name(browser, server):
    context = _context(browser, PHONE)
    page = context.new_page()
    page.goto(server + "bieu-mau-06/")
    row = page.locator("#bieu-mau-06-pci")
    shown = row.evaluate("""tr => [...tr.querySelectorAll('td')].map(td =>
        getComputedStyle(td, '::before').content + ' | ' + td.innerText.trim())""")
    # The 2022 target and both comparison columns, each with its header.
    assert any(s.startswith('"Kế hoạch 2022"') and s.endswith("| 22") for s in shown), shown
    assert any("So sánh (%) — KH 2022/ TH 2021" in s and s.endswith("Tăng 8,8%") for s in shown), shown
    # An empty cell says it is empty, as the signed document leaves it.
    assert any(s.startswith('"Năm 2021 — Thực hiện cả năm"') and "(để trống trong bản ký)" in s for s in shown), shown
    page.goto(server + "chi-so/")
    values = page.locator("#bang-so-lieu-khac tbody td.kh-num")
    assert values.count() >= 5
    for i in range(values.count()):
        box = values.nth(i).bounding_box()
        assert box["width"] > 0 and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    context.close()


def test_print_keeps_the_table_a_table(browser, server):
    context = _context(browser, PHONE)
    page = context.new_page()
    page.goto(server + "bieu-mau-06/")
    page.emulate_media(media="print")
    assert page.evaluate("() => getComputedStyle(document.querySelector('table.kh-indicators')).display") == "table"
    assert page.evaluate("() => getComputedStyle(document.querySelector('#bieu-mau-06-pci')).display") == "table-row"
    context.close()


def test_cells_of_every_table_carry_their_column_name(built):
    html = (built.site / "bieu-mau-06" / "index.html").read_text(encoding="utf-8")
    assert '<td class="kh-num" data-label="Kế hoạch 2022">22</td>' in html
    assert 'data-label="So sánh (%) — TH 2021/ TH 2020">Tăng 9,3%</td>' in html
    glossary = (built.site / "tu-viet-tat" / "index.html").read_text(encoding="utf-8")
    assert 'data-label="Số lần xuất hiện"' in glossary and "kh-reflow" in glossary


def _labelled(html):
    root = htmltree.parse(html)
    cell_labels.label_tables(root)
    return htmltree.serialize(root)


def _labels(head_rows):
    table = htmltree.parse(f"<table><thead>{head_rows}</thead></table>")[0]
    return cell_labels.column_labels([list(row.iter("th", "td")) for row in table.iter("tr")])


def test_labels_follow_spanning_header_cells():
    html = ('<table><thead><tr><th rowspan="2">A</th><th colspan="2">G</th><th rowspan="2">D</th></tr>'
            "<tr><th>B</th><th>C</th></tr></thead><tbody>"
            '<tr><th rowspan="2">x</th><td>1</td><td>2</td><td>3</td></tr>'
            "<tr><td>4</td><td>5</td><td>6</td></tr></tbody></table>")
    out = _labelled(html)
    assert '<table class="kh-reflow">' in out
    for label, value in [("G — B", 1), ("G — C", 2), ("D", 3), ("G — B", 4), ("G — C", 5), ("D", 6)]:
        assert f'<td data-label="{label}">{value}</td>' in out


def test_a_two_column_table_or_one_without_header_is_left_alone():
    two = "<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
    bare = "<table><tbody><tr><th>A</th><td>1</td><td>2</td></tr></tbody></table>"
    assert _labelled(two) == two
    assert _labelled(bare) == bare


def test_a_reflowed_cell_keeps_its_words_together(browser, server):
    """Text and an abbreviation inside one cell stay one run of text, not spread across the cell."""
    context = _context(browser, PHONE)
    page = context.new_page()
    page.goto(server + "ve-trang-nay/ghi-chu-van-ban/")
    gaps = page.evaluate("""() => [...document.querySelectorAll('table.kh-reflow td abbr')].map(abbr => {
        const next = abbr.nextSibling;
        if (!next || !next.textContent.trim()) return null;
        const range = document.createRange();
        range.selectNodeContents(next);
        const a = abbr.getBoundingClientRect(), t = range.getClientRects()[0];
        return Math.abs(t.top - a.top) < 4 ? t.left - a.right : null;  // on the same line: the gap
    }).filter(g => g !== null)""")
    context.close()
    assert gaps, "no abbreviation followed by text on its line"
    assert all(g < 12 for g in gaps), gaps


def test_hostile_spans_are_bounded_as_a_browser_bounds_them():
    """A page's raw HTML table may say colspan="999999999": a browser spans at most
    1000 columns and a rowspan ends with its section; so does the labelling, which
    would otherwise fill a grid of that size."""
    html = ('<table><thead><tr><th colspan="999999999">a</th><th>b</th></tr></thead>'
            '<tbody><tr><td rowspan="999999999">1</td><td>2</td></tr>'
            '<tr><td>3</td></tr></tbody></table>')
    out = _labelled(html)
    assert _labels('<tr><th colspan="999999999">a</th><th>b</th></tr>')[-2:] == ["a", "b"]
    assert len(_labels('<tr><th colspan="999999999">a</th><th>b</th></tr>')) == 1001
    assert '<td data-label="a" rowspan="999999999">1</td><td data-label="a">2</td>' in out
    assert '<td data-label="a">3</td>' in out  # column 0 is still covered by the rowspan
