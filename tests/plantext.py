"""The signed record and the built plan pages, both reduced to word tokens.

Word tokens are runs of letters and digits; punctuation and spacing are not
compared. Superscript footnote markers in the record (¹–⁸) become the plain
number where they mark a reference, and are dropped where they open the
footnote's own text (the site shows that number as the list number).
"""
from __future__ import annotations

import re
from pathlib import Path

from siteutil import ROOT

RECORD = ROOT / "record" / "ke-hoach-2022-ban-ky.txt"
SUPERSCRIPTS = {"¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8"}
_SUP_RE = re.compile("[¹²³⁴⁵⁶⁷⁸]")
_WORD_RE = re.compile(r"[^\W_]+")

# Public addresses of the pages that carry the plan's own text.
PLAN_PREFIXES = ("phan-1/", "phan-2/", "bieu-mau-06/")

# Elements inside <article> that are site chrome, not the plan's words.
CHROME_SELECTORS = [
    ".headerlink", ".footnote-backref", "[data-kh-chrome]", ".md-source-file",
    ".md-content__button", "script", "style", "template",
]


def words(text: str) -> list[str]:
    return _WORD_RE.findall(text)


def record_blocks() -> list[tuple[str, str]]:
    """Blank-line separated blocks of the record as (kind, text), kind 'body' or 'footnote'."""
    text = RECORD.read_text(encoding="utf-8")
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block:
            continue
        if block[0] in SUPERSCRIPTS:
            blocks.append(("footnote", block[1:]))
        else:
            blocks.append(("body", _SUP_RE.sub(lambda m: " " + SUPERSCRIPTS[m.group()] + " ", block)))
    return blocks


def record_words() -> list[str]:
    out: list[str] = []
    for _, text in record_blocks():
        out.extend(words(text))
    return out


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
