"""The signed record and the built plan pages, both reduced to word tokens.

The rules are the build's own (kehoach/plan/record.py, which `mkdocs build`
runs at on_env): word tokens are runs of letters and digits; superscript
footnote markers in the record (¹–⁸) become the plain number where they mark
a reference and are dropped where they open the footnote's own text; chrome
(CHROME_SELECTORS) is left out. Here they read the built site's HTML.
"""
from __future__ import annotations

from pathlib import Path

from kehoach.plan import record as _record
from kehoach.plan.record import CHROME_SELECTORS, SUPERSCRIPTS, words  # noqa: F401 (used by the tests)

from siteutil import PLAN, ROOT

RECORD = PLAN / "record" / "ke-hoach-2022-ban-ky.txt"

# Public addresses of the pages that carry the plan's own text.
PLAN_PREFIXES = ("phan-1/", "phan-2/", "bieu-mau-06/")


def record_blocks() -> list[tuple[str, str]]:
    """Blank-line separated blocks of the record as (kind, text), kind 'body' or 'footnote'."""
    return [(kind, text) for kind, text, _ in _record.record_blocks(RECORD.read_text(encoding="utf-8"))]


def record_words() -> list[str]:
    return _record.record_words(RECORD.read_text(encoding="utf-8"))


def is_plan_page(rel_html: Path) -> bool:
    url = rel_html.parent.as_posix() + "/"
    return rel_html.as_posix() == "index.html" or url.startswith(PLAN_PREFIXES)


def plan_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if is_plan_page(p.relative_to(site)))


def article_text(soup) -> str:
    art = soup.select_one("article.md-content__inner")
    for selector in CHROME_SELECTORS:
        for el in art.select(selector):
            el.decompose()
    return art.get_text(" ")
