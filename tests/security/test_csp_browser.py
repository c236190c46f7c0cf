"""Issue 14, point 4: every page carries a Content-Security-Policy that allows only
the site's own scripts and styles, and the site still works under it.

A sample of pages is visited as a web host serves them and from the unzipped
offline copy (file://): search, tooltips and the register filter are used, and
the console must show no error and the page no CSP violation.
"""
from __future__ import annotations

import re

import pytest


SAMPLE = ["", "phan-1/ket-qua/ton-giao/", "van-ban/", "van-ban/luat-luu-tru/", "in-toan-van/", "chi-so/"]
WRONG = "phan-1/khong-co-trang-nay/"  # served with 404.html
REQUIRED = ["default-src 'none'", "base-uri 'none'", "object-src 'none'", "frame-src 'none'",
            "form-action 'none'", "style-src 'self';"]

_LISTEN = """document.addEventListener("securitypolicyviolation",
  e => (window.__cspViolations = window.__cspViolations || []).push(e.violatedDirective + " " + e.blockedURI))"""


def _policy(html: str) -> str:
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert m, "no Content-Security-Policy"
    return m.group(1)


def test_every_page_has_the_policy(built):
    pages = list(built.site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        html = path.read_text(encoding="utf-8")
        policy = _policy(html)
        for directive in REQUIRED:
            assert directive in policy + ";", (path, directive)
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, path
        # The policy comes before any script of the page.
        assert html.index("Content-Security-Policy") < html.index("<script"), path


class Visit:
    def __init__(self, browser):
        self.context = browser.new_context(locale="vi-VN")
        self.context.add_init_script(_LISTEN)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(f"{self.page.url}: uncaught {e}"))
        self.expected_404: str | None = None

    def _console(self, msg):
        if msg.type != "error":
            return
        if self.expected_404 and msg.location.get("url") == self.expected_404 and "404" in msg.text:
            return  # the wrong address itself, answered with 404.html
        self.errors.append(f"{self.page.url}: {msg.text}")

    def open(self, url: str) -> None:
        self.page.goto(url, wait_until="load")
        self.page.wait_for_timeout(150)
        violations = self.page.evaluate("window.__cspViolations || []")
        assert violations == [], (url, violations)

    def search(self, words: str) -> None:
        box = self.page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(words, delay=20)
        self.page.locator(".md-search-result__item a").first.wait_for(timeout=15000)

    def tooltip(self) -> None:
        self.page.locator("article abbr").first.hover()
        self.page.locator(".md-tooltip2").first.wait_for(state="visible", timeout=5000)

    def register_filter(self) -> None:
        status = self.page.locator(".kh-register-filter__status")
        before = status.inner_text()
        self.page.fill("input[name=q]", "402/KH")
        self.page.wait_for_function("s => document.querySelector('.kh-register-filter__status').textContent !== s",
                                    arg=before)

    def close(self) -> list[str]:
        violations = self.page.evaluate("window.__cspViolations || []")
        self.context.close()
        return self.errors + violations


def _walk(visit: Visit, address) -> None:
    for url in SAMPLE:
        visit.open(address(url))
    visit.open(address("phan-1/ket-qua/ton-giao/"))
    visit.tooltip()
    visit.search("Phật giáo")
    visit.open(address("van-ban/"))
    visit.register_filter()


def test_served_pages_work_with_no_console_error_or_violation(browser, hosted):  # noqa: F811
    visit = Visit(browser)
    _walk(visit, lambda url: hosted + url)
    visit.expected_404 = hosted + WRONG
    visit.open(hosted + WRONG)
    assert visit.page.locator("h1#khong-tim-thay").is_visible()
    visit.search("Phật giáo")
    assert visit.close() == []


def test_offline_copy_works_from_disk_with_no_console_error_or_violation(browser, copy):  # noqa: F811
    visit = Visit(browser)

    def address(url: str) -> str:
        path = copy / (url.rstrip("/") + ".html" if url else "index.html")
        if url and not path.is_file():
            path = copy / url / "index.html"
        assert path.is_file(), path
        return path.as_uri()

    _walk(visit, address)
    visit.open(address(""))
    visit.search("cải cách hành chính")
    assert visit.close() == []


@pytest.mark.parametrize("url", ["", "van-ban/luat-luu-tru/"])
def test_an_injected_inline_script_would_be_blocked(browser, hosted, url):  # noqa: F811
    """The policy is not a formality: a script the page did not ship does not run."""
    visit = Visit(browser)
    visit.page.goto(hosted + url)
    ran = visit.page.evaluate("""() => { const s = document.createElement("script");
        s.textContent = "window.__injected = true"; document.body.appendChild(s); return !!window.__injected }""")
    assert ran is False
    visit.page.wait_for_timeout(100)
    assert any("script-src" in v for v in visit.page.evaluate("window.__cspViolations || []"))
    visit.context.close()
