"""Footnote references are easy to tap: a hit area of at least 24 × 24 px, with the text not moved."""
from __future__ import annotations

import pytest

PAGE = "phan-1/ket-qua/cong-chuc-vien-chuc/"
MIN = 24

MEASURE = """() => [...document.querySelectorAll('article a.footnote-ref')].map(a => {
  a.scrollIntoView({block: 'center'});
  const box = a.getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(a);
  const text = range.getBoundingClientRect();
  // Points just inside each corner of a 24 x 24 square centred on the number.
  const cx = text.left + text.width / 2, cy = text.top + text.height / 2, h = 24 / 2 - 1;
  const hits = [[cx - h, cy - h], [cx + h, cy - h], [cx - h, cy + h], [cx + h, cy + h]].map(
    ([x, y]) => { const el = document.elementFromPoint(x, y); return !!el && el.closest('a') === a; });
  const next = a.parentElement.nextSibling;  // the words after the reference
  const after = document.createRange();
  if (next) after.selectNodeContents(next);
  return {id: a.getAttribute('href'), w: box.width, h: box.height, hits,
          text: [text.left + scrollX, text.top + scrollY],
          after: next ? [after.getBoundingClientRect().left + scrollX, after.getBoundingClientRect().top + scrollY] : null};
})"""
# Set through the CSSOM: the site's Content-Security-Policy refuses an injected <style>.
PLAIN = """() => document.querySelectorAll('a.footnote-ref').forEach(a => {
  for (const p of ['padding', 'margin']) a.style.setProperty(p, '0', 'important');
  a.style.setProperty('position', 'static', 'important');
})"""


@pytest.mark.parametrize("width", [390, 1280])
def test_footnote_references_have_a_24px_hit_area_and_the_text_does_not_move(browser, server, width):
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(server + PAGE)
    refs = page.evaluate(MEASURE)
    assert len(refs) >= 1
    for ref in refs:
        assert ref["w"] >= MIN and ref["h"] >= MIN, ref
        assert all(ref["hits"]), ref
    # Without the larger area, every number and the words after it sit where they were.
    page.evaluate(PLAIN)
    plain = page.evaluate(MEASURE)
    context.close()
    for ref, was in zip(refs, plain):
        assert ref["text"] == pytest.approx(was["text"], abs=0.5), (ref, was)
        if ref["after"]:
            assert ref["after"] == pytest.approx(was["after"], abs=0.5), (ref, was)
    assert any(not all(p["hits"]) or p["w"] < MIN for p in plain), "the plain number is already large: test cannot fail"
