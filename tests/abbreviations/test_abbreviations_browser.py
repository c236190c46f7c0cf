"""In a real browser: the expansion of an abbreviation shows on keyboard focus
and on touch, and assistive technology gets it."""
from __future__ import annotations

PAGE = "phan-1/ket-qua/to-chuc-bo-may-bien-che/"


def _visible_tooltip_text(pg) -> list[str]:
    pg.wait_for_timeout(400)  # Material shows tooltips on the next frames
    return [t.inner_text().strip() for t in pg.locator(".md-tooltip2").all() if t.is_visible()]


def test_tab_key_reaches_an_abbreviation_and_shows_its_expansion(page, server):
    page.goto(server + PAGE)
    page.locator("article h1").first.click()  # start tabbing from the page's heading
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    else:
        raise AssertionError("Tab never reached an abbreviation")
    assert page.evaluate("document.activeElement.textContent") == "UBND"
    assert _visible_tooltip_text(page) == ["Ủy ban nhân dân"]


def test_screen_readers_get_the_expansion(page, server):
    page.goto(server + PAGE)
    cdp = page.context.new_cdp_session(page)

    def exposed():
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
        abbrs = [n for n in nodes if n.get("role", {}).get("value") == "Abbr"]
        first = abbrs[0]
        return first.get("name", {}).get("value"), first.get("description", {}).get("value")

    # Before any interaction the title is the element's accessible name ...
    assert "Ủy ban nhân dân" in exposed()
    # ... and once focused, Material's tooltip describes it.
    page.locator("article abbr").first.focus()
    page.wait_for_timeout(400)
    assert exposed() == ("UBND", "Ủy ban nhân dân")


def test_a_tap_shows_the_expansion_on_a_touch_screen(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                                  locale="vi-VN")
    try:
        pg = context.new_page()
        pg.goto(server + PAGE)
        # Not the first UBND of the page: one that is out of the Tab order.
        target = pg.locator('article abbr[tabindex="-1"]', has_text="UBND").nth(2)
        target.scroll_into_view_if_needed()
        assert _visible_tooltip_text(pg) == []
        target.tap()
        assert _visible_tooltip_text(pg) == ["Ủy ban nhân dân"]
    finally:
        context.close()


def test_an_uncertain_abbreviation_says_so(page, server):
    page.goto(server + "phan-1/ket-qua/thanh-tra-khieu-nai-to-cao/")
    abbr = page.locator("abbr", has_text="UBCC").first
    abbr.scroll_into_view_if_needed()
    abbr.focus()
    assert _visible_tooltip_text(page) == ["Chưa rõ nghĩa: văn bản không giải thích từ viết tắt này"]


def test_the_charts_rows_show_their_labels(page, server):
    """Each row of the chart on /chi-so/ shows its label (an <abbr> inside SVG
    <text> is not rendered: the rows were unnamed)."""
    page.goto(server + "chi-so/")
    boxes = page.evaluate("""() => [...document.querySelectorAll('svg.kh-chart .kh-chart__row')].map(row => {
        const t = row.querySelector('text'); const b = t.getBBox();
        return [t.textContent, Math.round(b.width), Math.round(b.height), t.getComputedTextLength() > 0];
    })""")
    assert [b[0] for b in boxes] == ["PAR Index", "SIPAS", "PAPI"]
    assert all(w > 20 and h > 5 and drawn for _, w, h, drawn in boxes), boxes
