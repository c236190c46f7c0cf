"""In a real browser: empty cells are silent to the eye but named for screen
readers, the note is visible, and the chart prints."""
from __future__ import annotations


def test_empty_cell_hidden_text_is_read_not_seen(page, server):
    page.goto(server + "bieu-mau-06/")
    cell = page.locator("table.kh-indicators tbody tr").first.locator("td").nth(4)  # Thực hiện cả năm
    hidden = cell.locator(".kh-sr-only")
    box = hidden.bounding_box()
    assert box is not None and box["width"] <= 1 and box["height"] <= 1
    snapshot = page.locator("table.kh-indicators").aria_snapshot()
    assert "(để trống trong bản ký)" in snapshot
    assert 'caption' in snapshot.lower() or "Biểu mẫu số 06:" in snapshot


def test_wide_table_needs_no_sideways_scrolling_on_a_phone(browser, server):
    """Each row is a labelled block on a phone (tests/test_phone_tables.py checks every cell)."""
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="vi-VN")
    pg = context.new_page()
    pg.goto(server + "bieu-mau-06/")
    page_width = pg.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 390
    box = pg.locator(".kh-table-scroll").first
    assert box.evaluate("el => el.scrollWidth <= el.clientWidth")
    context.close()


def test_chart_prints(page, server):
    page.goto(server + "chi-so/")
    page.emulate_media(media="print")
    svg = page.locator("figure#bieu-do-thu-hang svg")
    box = svg.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 100
    fill = page.locator("circle.kh-chart__late").first.evaluate("el => getComputedStyle(el).fill")
    assert fill in ("rgb(0, 0, 0)", "#000")
    assert page.locator(".kh-downloads").count() == 0 or not page.locator(".kh-downloads").first.is_visible()
