"""The counts on /van-ban/ are figures: nothing about them looks like a link."""
from __future__ import annotations

LOOK = """() => [...document.querySelectorAll('.kh-register-counts li')].map(li => {
  const s = getComputedStyle(li), n = li.querySelector('.kh-register-count__n');
  const ns = getComputedStyle(n), name = getComputedStyle(li.querySelector('.kh-register-count__name'));
  return {border: s.borderBottomStyle, cursor: [s.cursor, ns.cursor],
          underline: [ns.textDecorationLine, name.textDecorationLine], links: li.querySelectorAll('a').length,
          colour: ns.color, text: getComputedStyle(document.querySelector('article p')).color};
})"""


def test_counts_on_the_register_overview_do_not_look_clickable(browser, server):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + "van-ban/")
    rows = page.evaluate(LOOK)
    context.close()
    assert len(rows) >= 10
    for row in rows:
        assert row["links"] == 0, row
        assert row["border"] not in ("dotted", "dashed"), row  # dotted lines read as links or abbreviations
        assert set(row["cursor"]) <= {"default", "auto"}, row
        assert row["underline"] == ["none", "none"], row
        assert row["colour"] == row["text"], row  # the text colour, not the link colour
