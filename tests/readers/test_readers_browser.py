"""Every built page in a real browser: private, accessible, usable by keyboard and on a phone.

Each test opens every page of the built site in headless Chromium (fixtures
`server` and `browser` in conftest.py). Requests to any host other than the
test server are recorded and aborted, so nothing leaves the machine even when a
page is wrong. Accessibility is checked with axe-core 4.14 (vendored in
tests/vendor/axe-core/, injected from disk: no CDN; axe-playwright-python runs it).
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from siteutil import ROOT

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material scheme
BLOCKING = {"serious", "critical"}

AXE_VERSION = "4.14.1"
AXE = Axe.from_file(ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js")


def page_urls(site: Path) -> list[str]:
    """Public addresses of every page in the built site ("" is the home page)."""
    urls = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if (html.parent / "index.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html"):
            urls.append("" if rel == "." else rel + "/")
    return urls


class Watch:
    """Records what a browser page does that a reader would not want."""

    def __init__(self, page, allowed_origin: str):
        self.allowed = allowed_origin.rstrip("/")
        self.third_party: list[str] = []
        self.errors: list[str] = []
        self.page = page
        page.context.route("**/*", self._route)  # the context's route also sees the search worker
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"{page.url}: uncaught {exc}"))
        page.on("requestfailed", lambda req: self._failed(req))

    def _route(self, route):
        url = route.request.url
        if url.startswith(("data:", "blob:", "about:")) or url.startswith(self.allowed + "/"):
            route.continue_()
        else:
            self.third_party.append(f"{self.page.url} -> {url}")
            route.abort()

    def _console(self, msg):
        if msg.type == "error":
            self.errors.append(f"{self.page.url}: console error: {msg.text}")

    def _failed(self, req):
        # ERR_ABORTED: the reader (the test) left the page while the search
        # worker was still loading; a missing file is a 404, seen by "console".
        if req.url.startswith(self.allowed + "/") and "ERR_ABORTED" not in (req.failure or ""):
            self.errors.append(f"{self.page.url}: request failed: {req.url} ({req.failure})")


@pytest.fixture(scope="module")
def urls(built):
    found = page_urls(built.site)
    assert "" in found and "bieu-mau-06/" in found and len(found) >= 30, found
    return found


def _context(browser, scheme="light", viewport=DESKTOP):
    return browser.new_context(locale="vi-VN", color_scheme=scheme, viewport=viewport)


def _origin(server: str) -> str:
    parts = urlsplit(server)
    return f"{parts.scheme}://{parts.netloc}"


# ---------------------------------------------------------------- one visit of every page, three ways
#
# Each page is opened in the light palette at 1280 and 390 px and in the dark
# palette at 1280 px; each visit records the requests to other hosts, console
# errors, axe's serious and critical findings, and the page's width. The tests
# below read that record, so the site is walked three times in all, not once
# per test. axe checks every page in the first walk and one page of each kind
# (`kind_of`: the pages that share a shape) in the other two. (The dark
# palette at 390 px uses the same colours; the phone-only parts, menu button
# and drawer, are checked by axe in the light phone walk.)
WALKS = [("light", DESKTOP), ("dark", DESKTOP), ("light", PHONE)]


def kind_of(url: str) -> tuple[str, int]:
    """Pages of one kind share a template and a shape: the same first folder at
    the same depth (home, a section of Part I, a register entry, ...)."""
    parts = [p for p in url.split("/") if p]
    return (parts[0] if parts else "", len(parts))


def axe_sample(urls: list[str]) -> set[str]:
    """The first page of each kind."""
    first: dict[tuple[str, int], str] = {}
    for url in urls:
        first.setdefault(kind_of(url), url)
    return set(first.values())


def _blocking(results) -> list[str]:
    out = []
    for v in results.response["violations"]:
        if v["impact"] in BLOCKING:
            targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
            out.append(f"{v['id']} ({v['impact']}): {v['help']} [{targets}]")
    return out


@pytest.fixture(scope="module")
def visits(browser, server, urls):
    record = {"third_party": [], "errors": [], "axe": [], "wide": [], "count": 0, "axe_runs": 0}
    sample = axe_sample(urls)
    for walk, (scheme, viewport) in enumerate(WALKS):
        where = f"{scheme} {viewport['width']}px"
        context = _context(browser, scheme, viewport)
        page = context.new_page()
        watch = Watch(page, _origin(server))
        for url in urls:
            # The first walk waits for the network to fall quiet, to catch late requests.
            response = page.goto(server + url, wait_until="networkidle" if walk == 0 else "load")
            assert response is not None and response.status == 200, url
            assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme], url
            if walk == 0 or url in sample:
                record["axe"] += [f"{where} /{url}: {v}" for v in _blocking(AXE.run(page))]
                record["axe_runs"] += 1
            scroll, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            if scroll > inner:
                record["wide"].append(f"{where} /{url}: page is {scroll}px wide in a {inner}px window")
            record["count"] += 1
        if walk == 0:
            # Searching loads the search index and its Vietnamese support: all local.
            page.goto(server)
            page.locator("input.md-search__input").fill("tôn giáo")
            page.locator(".md-search-result__item").first.wait_for(timeout=15000)
        context.close()
        record["third_party"] += watch.third_party
        record["errors"] += [f"{where} {e}" for e in watch.errors]
    return record


def test_every_page_was_visited_in_every_walk(visits, urls):
    assert visits["count"] == len(WALKS) * len(urls)
    # axe: every page once, and one page of each kind in each other walk.
    kinds = {kind_of(u) for u in urls}
    assert len(kinds) >= 10, kinds
    assert visits["axe_runs"] == len(urls) + (len(WALKS) - 1) * len(kinds)


# ---------------------------------------------------------------- privacy


def test_no_page_requests_another_host(visits):
    assert visits["third_party"] == [], "requests that left the site:\n" + "\n".join(visits["third_party"])


def test_no_page_logs_an_error(visits):
    assert visits["errors"] == [], "\n".join(visits["errors"])


def test_the_watch_catches_a_third_party_request_and_a_console_error(browser, server):
    """The privacy tests above can fail: the same watch sees a font from another host.
    (The pages' Content-Security-Policy would block that request before the watch
    sees it, tests/security/test_csp_browser.py; here it is bypassed to test the watch itself.)"""
    context = browser.new_context(locale="vi-VN", bypass_csp=True)
    page = context.new_page()
    watch = Watch(page, _origin(server))
    page.goto(server)
    page.evaluate("""() => {
        const l = document.createElement('link');
        l.rel = 'stylesheet'; l.href = 'https://fonts.googleapis.com/css?family=Roboto';
        document.head.appendChild(l);
        console.error('boom');
    }""")
    page.wait_for_timeout(300)
    context.close()
    assert any("fonts.googleapis.com" in r for r in watch.third_party), watch.third_party
    assert any("boom" in e for e in watch.errors), watch.errors


# ---------------------------------------------------------------- accessibility


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_axe_finds_no_serious_problem_on_any_page(visits, scheme):
    problems = [p for p in visits["axe"] if p.startswith(scheme + " ")]
    assert problems == [], "\n".join(problems)


# One page of each kind, for the setting the walks above leave out.
ONE_PAGE_PER_TEMPLATE = ["", "phan-1/", "phan-1/ket-qua/ton-giao/", "bieu-mau-06/", "chi-so/", "tu-viet-tat/",
                         "van-ban/", "van-ban/luat-luu-tru/", "in-toan-van/", "ve-trang-nay/ghi-chu-van-ban/"]


def test_axe_finds_no_serious_problem_in_the_dark_on_a_phone(browser, server):
    context = _context(browser, "dark", PHONE)
    page = context.new_page()
    problems = []
    for url in ONE_PAGE_PER_TEMPLATE:
        page.goto(server + url)
        assert page.get_attribute("body", "data-md-color-scheme") == "slate", url
        problems += [f"/{url}: {v}" for v in _blocking(AXE.run(page))]
    context.close()
    assert problems == [], "\n".join(problems)


def test_the_accessibility_checks_use_the_vendored_axe_core(browser, server):
    context = _context(browser)
    page = context.new_page()
    page.goto(server)
    AXE.run(page)
    assert page.evaluate("() => axe.version") == AXE_VERSION
    context.close()


def test_the_vendored_axe_core_is_the_published_file():
    folder = ROOT / "tests" / "vendor" / "axe-core"
    script = (folder / "axe.min.js").read_bytes()
    assert script.startswith(f"/*! axe v{AXE_VERSION}".encode())
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert hashlib.sha256(script).hexdigest() in readme  # the hash npm's package lists
    assert "Mozilla Public License" in (folder / "LICENSE").read_text(encoding="utf-8")


def test_the_navigation_toggles_are_named_without_aria_label_on_a_label(built):
    html = (built.site / "phan-1" / "index.html").read_text(encoding="utf-8")
    labels = re.findall(r'<label class="md-nav__link[^"]*" for="__nav_2"[^>]*>(.*?)</label>', html, re.S)
    assert labels, "no toggle for PHẦN I"
    assert not re.search(r"<label\b[^>]*\baria-label=", html)
    assert '<span class="kh-visually-hidden">PHẦN I</span>' in labels[0]


def test_axe_check_can_fail(browser, server):
    """The accessibility test above can fail: axe reports a picture with no text."""
    context = _context(browser)
    page = context.new_page()
    page.goto(server)
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.querySelector('article').appendChild(img);
    }""")
    found = _blocking(AXE.run(page))
    context.close()
    assert any(v.startswith("image-alt") for v in found), found


# ---------------------------------------------------------------- keyboard


def test_tab_reaches_the_skip_link_and_it_moves_focus_to_the_text(browser, server, urls):
    context = _context(browser)
    page = context.new_page()
    problems = []
    for url in urls:
        page.goto(server + url)
        page.keyboard.press("Tab")
        first = page.evaluate("() => ({skip: document.activeElement.classList.contains('md-skip'),"
                              " text: document.activeElement.textContent.trim(),"
                              " href: document.activeElement.getAttribute('href')})")
        if not first["skip"] or first["text"] != "Chuyển đến nội dung chính":
            problems.append(f"/{url}: first Tab reached {first}")
            continue
        page.keyboard.press("Enter")
        focused = page.evaluate("() => ({id: document.activeElement.id,"
                                " inArticle: !!document.activeElement.closest('article')})")
        if focused != {"id": first["href"].lstrip("#"), "inArticle": True}:
            problems.append(f"/{url}: after the skip link, focus is on {focused}, wanted {first['href']}")
    context.close()
    assert problems == [], "\n".join(problems)


def test_after_the_skip_link_tab_goes_on_through_the_home_page(browser, server):
    context = _context(browser)
    page = context.new_page()
    page.goto(server)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    link = page.evaluate("() => [document.activeElement.tagName, document.activeElement.textContent.trim(),"
                         " !!document.activeElement.closest('article')]")
    context.close()
    assert link == ["A", "Ghi chú về văn bản gốc", True]


def test_section_toggle_in_the_navigation_works_from_the_keyboard(browser, server):
    context = _context(browser)
    page = context.new_page()
    watch = Watch(page, _origin(server))
    page.goto(server + "phan-1/ket-qua/ton-giao/")
    toggle = page.locator("label#__nav_2_label[for='__nav_2']")
    assert toggle.text_content().strip() == "PHẦN I"
    nested = page.locator("nav[aria-labelledby='__nav_2_label']")
    assert nested.get_attribute("aria-expanded") == "true"
    toggle.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert nested.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert nested.get_attribute("aria-expanded") == "true"
    context.close()
    assert watch.errors == []


def test_phone_menu_opens_and_closes_from_the_keyboard(browser, server):
    context = _context(browser, viewport=PHONE)
    page = context.new_page()
    watch = Watch(page, _origin(server))
    page.goto(server + "bieu-mau-06/")
    drawer_link = page.locator(".md-sidebar--primary a[href='../phan-1/']")
    # Closed, the drawer's links are out of the Tab order.
    assert not drawer_link.is_visible()
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # menu button
    button = page.evaluate("() => [document.activeElement.tagName === 'BUTTON' ? null : 'not a button',"
                           " document.activeElement.getAttribute('aria-label'),"
                           " document.activeElement.getAttribute('aria-expanded')]")
    assert button == [None, "Mở thanh điều hướng", "false"]
    page.keyboard.press("Enter")
    page.wait_for_timeout(400)
    assert drawer_link.is_visible()
    assert page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")
    page.keyboard.press("Escape")
    page.wait_for_timeout(400)
    assert page.evaluate("() => [document.activeElement.getAttribute('aria-label'),"
                         " document.activeElement.getAttribute('aria-expanded')]") == ["Mở thanh điều hướng", "false"]
    assert not drawer_link.is_visible()
    context.close()
    assert watch.errors == []


# ---------------------------------------------------------------- phone


def test_no_page_scrolls_sideways_on_a_phone_or_a_desktop(visits):
    assert visits["wide"] == []


def test_phone_screenshots_of_every_page_type(browser, server, tmp_path_factory):
    """Screens a person can look at (pytest's tmp folder); each must show the page's heading."""
    out = tmp_path_factory.mktemp("phone-screens")
    context = _context(browser, viewport=PHONE)
    page = context.new_page()
    for name, url in {"home": "", "section": "phan-1/", "footnotes": "phan-1/ket-qua/cong-chuc-vien-chuc/",
                      "table": "bieu-mau-06/"}.items():
        page.goto(server + url)
        heading = page.locator("article h1").first
        assert heading.is_visible()
        box = heading.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (name, box)
        path = out / f"{name}-390.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
    context.close()


# ---------------------------------------------------------------- 404


def test_a_wrong_address_shows_the_vietnamese_404_page(browser, hosted):
    context = _context(browser, viewport=PHONE)
    page = context.new_page()
    watch = Watch(page, _origin(hosted))
    wrong = hosted + "phan-1/khong-co-trang-nay/"
    response = page.goto(wrong, wait_until="networkidle")
    assert response.status == 404
    assert page.title().startswith("Không tìm thấy trang")
    assert page.locator("article h1").inner_text() == "Không tìm thấy trang (lỗi 404)"
    assert page.get_attribute("html", "lang") == "vi"
    # Material's stylesheet loaded: the header is coloured, not a bare page.
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert _blocking(AXE.run(page)) == []
    page.get_by_role("link", name="về trang chủ").click()
    page.wait_for_load_state()
    assert page.url.rstrip("./") == hosted.rstrip("/")
    assert page.locator("article h1").first.inner_text().startswith("KẾ HOẠCH")
    context.close()
    # The browser itself reports the 404 of the wrong address; nothing else may fail.
    errors = [e for e in watch.errors if "404" not in e or wrong not in e]
    assert watch.third_party == [] and errors == [], (watch.third_party, errors)
