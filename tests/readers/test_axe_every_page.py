"""axe on every built page, in both colour schemes, and on the print page as
printed: no serious or critical finding (WCAG AA contrast included).

The pages are built as they are published: with the "Sửa trang này" link,
which only a build that knows its repository writes (KEHOACH_REPO_URL; GitHub
Actions sets its own). The session's build outside CI has no such link, and
the link, floated over the print page's grey note, was the one text below
4.5:1 (#717171 on #f5f5f5, issue 26).

One browser, one page per colour scheme (prefers-color-scheme emulated; Material
picks its palette from it at load, not later), reused for every page; axe
(tests/vendor/axe-core, injected from disk, full rule set) runs on each.
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from conftest import _site_path_prefix
from siteutil import ROOT, copy_project, run_build

AXE_JS = (ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
BLOCKING = {"serious", "critical"}
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's scheme
REPO = "https://github.com/so-noi-vu/ke-hoach"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The site built as GitHub Actions publishes it (edit links on), served on 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("published")
    keys = ("KEHOACH_REPO_URL", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY")
    old = {k: os.environ.pop(k, None) for k in keys}
    os.environ["KEHOACH_REPO_URL"] = REPO
    try:
        result = run_build(copy_project(tmp / "project"), tmp / "site", downloads=False)
    finally:
        for k, v in old.items():
            os.environ.pop(k, None)
            if v is not None:
                os.environ[k] = v
    assert result.returncode == 0, result.output
    site = result.site
    # Served under site_url's path, as the host serves it: 404.html links from there.
    prefix = _site_path_prefix()
    root = tmp / "host"
    (root / prefix.strip("/")).parent.mkdir(parents=True, exist_ok=True)
    (root / prefix.strip("/")).symlink_to(site, target_is_directory=True)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    httpd.shutdown()


def every_page(site: Path) -> list[str]:
    """Every HTML file of the built site, as its address ("" is home; 404.html too)."""
    return [p.relative_to(site).as_posix().removesuffix("index.html") for p in sorted(site.rglob("*.html"))]


def _axe(page, where: str) -> list[str]:
    if not page.evaluate("() => typeof axe === 'object'"):
        page.evaluate(AXE_JS)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    out = []
    for v in results["violations"]:
        if v["impact"] in BLOCKING:
            for node in v["nodes"][:3]:
                detail = (node.get("any") or [{}])[0].get("message", "")
                out.append(f"{where}: {v['id']} ({v['impact']}) {' '.join(node['target'])} {detail}")
    return out


def test_axe_finds_no_serious_problem_on_any_page_in_either_scheme(browser, published):
    site, base = published
    urls = every_page(site)
    assert len(urls) > 100 and "404.html" in urls and "in-toan-van/" in urls
    # The link that failed is on the pages checked: a check of the unpublished site would miss it.
    assert "Sửa trang này" in (site / "in-toan-van" / "index.html").read_text(encoding="utf-8")
    problems, runs = [], 0
    for scheme in ("light", "dark"):  # one page per scheme, reused for every address
        context = browser.new_context(locale="vi-VN", color_scheme=scheme, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        for url in urls:
            page.goto(base + url, wait_until="load")
            assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme], url
            problems += _axe(page, f"{scheme} /{url}")
            runs += 1
        # The print page as the browser prints it (print.css).
        page.emulate_media(media="print")
        page.goto(base + "in-toan-van/", wait_until="load")
        problems += _axe(page, f"print ({scheme}) /in-toan-van/")
        runs += 1
        context.close()
    assert runs == 2 * len(urls) + 2
    assert problems == [], "\n".join(problems)


def test_the_edit_link_keeps_its_contrast_on_hover_and_focus(browser, published):
    """States axe does not visit: the edit link hovered and focused, on the print
    page's grey note, in both schemes (the theme's accent was 4.2:1 on white)."""
    _, base = published
    problems = []
    for scheme in ("light", "dark"):
        context = browser.new_context(locale="vi-VN", color_scheme=scheme, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base + "in-toan-van/", wait_until="load")
        link = page.locator("article a.kh-edit").first
        for state in ("hover", "focus"):
            link.hover() if state == "hover" else link.focus()
            page.evaluate("""async () => {  // Material fades link colours: measure the settled one
                await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));
            }""")
            if not page.evaluate("() => typeof axe === 'object'"):
                page.evaluate(AXE_JS)
            found = page.evaluate("""() => axe.run({include: [['article a.kh-edit']]},
                {runOnly: ['color-contrast'], resultTypes: ['violations', 'passes']})""")
            assert found["passes"] or found["violations"], "axe did not measure the edit link"
            problems += [f"{scheme} {state}: {n['any'][0]['message']}" for v in found["violations"] for n in v["nodes"]]
            page.mouse.move(0, 0)
            page.evaluate("() => document.activeElement && document.activeElement.blur()")
        context.close()
    assert problems == [], "\n".join(problems)
