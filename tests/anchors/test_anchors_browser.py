"""Paragraph addresses in a real browser (headless Debian chromium): the copy
control on a 390 px phone and on a desktop, and the highlight of the block a
link opens on, on the plan's pages and on the print page."""
from __future__ import annotations

from siteutil import plan_url

PAGE = "phan-1/ket-qua/cai-cach-hanh-chinh/"
BLOCK = "phan-1-muc-i-diem-4-doan-6"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "locale": "vi-VN",
         "permissions": ["clipboard-read", "clipboard-write"]}
LOOK = """id => { const s = getComputedStyle(document.getElementById(id));
  return {bg: s.backgroundColor, outline: s.outlineStyle + ' ' + s.outlineWidth}; }"""
CONTROL = f'a.kh-block-link[href="#{BLOCK}"]'


def _highlighted(page, block_id: str) -> bool:
    look = page.evaluate(LOOK, block_id)
    return look["bg"] not in ("rgba(0, 0, 0, 0)", "transparent") and look["outline"].startswith("solid")


def test_on_a_phone_the_control_shows_and_a_tap_copies_the_public_link(browser, server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(server + PAGE)
    control = page.locator(CONTROL)
    control.scroll_into_view_if_needed()
    assert control.is_visible()
    assert float(control.evaluate("a => getComputedStyle(a).opacity")) == 1.0  # no hover on a phone
    box = control.bounding_box()
    assert box["width"] <= 16 and box["height"] <= 16  # a discreet mark
    # Its hit area is 24 × 24 px, centred on the mark.
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for dx, dy in ((-11, -11), (11, -11), (-11, 11), (11, 11)):
        assert page.evaluate("([x, y]) => !!document.elementFromPoint(x, y)?.closest('a.kh-block-link')",
                             [cx + dx, cy + dy]), (dx, dy)
    y = page.evaluate("() => scrollY")
    control.tap()
    status = page.locator(".kh-copy-status")
    status.wait_for(state="visible")
    assert status.inner_text() == "Đã sao chép liên kết tới đoạn này."
    assert page.evaluate("() => navigator.clipboard.readText()") == plan_url() + PAGE + "#" + BLOCK
    assert page.evaluate("() => scrollY") == y  # copying does not jump
    assert page.url.endswith("#" + BLOCK)
    context.close()


def test_on_a_desktop_the_control_shows_on_hover_and_on_keyboard_focus(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN",
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + PAGE)
    control = page.locator(CONTROL)
    opacity = "a => getComputedStyle(a).opacity"
    assert float(control.evaluate(opacity)) == 0.0  # not cluttering the text
    page.hover(f"#{BLOCK}")
    page.wait_for_function(f"() => getComputedStyle(document.querySelector('{CONTROL}')).opacity === '1'")
    page.mouse.move(0, 0)
    page.wait_for_function(f"() => getComputedStyle(document.querySelector('{CONTROL}')).opacity === '0'")
    # Reached with Tab after the block's last link, shown while it has focus.
    page.focus(f"#{BLOCK} a.footnote-ref")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#" + BLOCK
    page.wait_for_function(f"() => getComputedStyle(document.querySelector('{CONTROL}')).opacity === '1'")
    assert control.evaluate("a => getComputedStyle(a).outlineStyle") == "solid"
    # Its name for screen readers.
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Sao chép liên kết tới đoạn này"
    page.keyboard.press("Enter")
    page.locator(".kh-copy-status").wait_for(state="visible")
    assert page.evaluate("() => navigator.clipboard.readText()") == plan_url() + PAGE + "#" + BLOCK
    assert page.locator("[role=status]").inner_text() == "Đã sao chép liên kết tới đoạn này."
    context.close()


def test_without_the_clipboard_the_link_is_shown_selected(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined});"
                         "document.execCommand = () => false;")
    page.goto(server + PAGE)
    page.locator(CONTROL).click()
    field = page.locator(".kh-copy-status input")
    field.wait_for(state="visible")
    assert field.input_value() == plan_url() + PAGE + "#" + BLOCK
    assert page.evaluate("() => [document.activeElement.selectionStart, document.activeElement.selectionEnd]") == \
        [0, len(plan_url() + PAGE + "#" + BLOCK)]
    page.keyboard.press("Escape")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#" + BLOCK
    context.close()


def test_a_link_opens_on_its_block_highlighted_in_both_schemes(browser, server):
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", color_scheme=scheme)
        page = context.new_page()
        page.goto(server + PAGE + "#" + BLOCK)
        assert _highlighted(page, BLOCK)
        assert not _highlighted(page, "phan-1-muc-i-diem-4-doan-5")
        top = page.evaluate(f"() => document.getElementById('{BLOCK}').getBoundingClientRect().top")
        header = page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().bottom")
        assert header <= top < 300, (top, header)  # scrolled to, not under the header
        # An old id (the register's links of before): the same block.
        page.goto(server + PAGE + "#cai-cach-hanh-chinh-doan-6")
        page.reload()
        assert _highlighted(page, BLOCK)
        # The page's own id on a list item's paragraph (the figures page links to it).
        page.goto(server + PAGE + "#chi-so-sipas")
        page.reload()
        assert _highlighted(page, "chi-so-sipas")
        context.close()


def test_the_print_page_opens_on_the_same_address(page, server):
    page.goto(server + "in-toan-van/#phan-2-muc-i-diem-2-doan-1")
    assert _highlighted(page, "phan-2-muc-i-diem-2-doan-1")
    assert page.locator("#phan-2-muc-i-diem-2-doan-1").inner_text().startswith("Bám sát sự chỉ đạo")
    top = page.evaluate("() => document.getElementById('phan-2-muc-i-diem-2-doan-1').getBoundingClientRect().top")
    assert 0 <= top < 300
    page.emulate_media(media="print")
    assert not _highlighted(page, "phan-2-muc-i-diem-2-doan-1")  # not on paper


def test_the_offline_copy_copies_the_public_link(browser, copy):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto((copy / (PAGE.rstrip("/") + ".html")).as_uri())  # the offline copy's file names
    page.locator(CONTROL).tap()
    page.locator(".kh-copy-status").wait_for(state="visible")
    assert page.evaluate("() => navigator.clipboard.readText()") == plan_url() + PAGE + "#" + BLOCK
    context.close()
