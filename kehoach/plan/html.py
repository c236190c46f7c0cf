"""HTML for the parts of the document that live in data/plan.yml.

Every string comes from the data file, escaped; nothing here adds words to the
plan. Classes are styled in docs/assets/stylesheets/site.css.
"""
from __future__ import annotations

import re
from html import escape
from pathlib import Path
from posixpath import relpath

from kehoach.checks import files
from kehoach.core import chrome

_ATTR_LIST = re.compile(r"\s*\{:[^}]*\}\s*$")


def document_header(plan: dict) -> str:
    return (
        '<div class="kh-header">\n'
        f'<p class="kh-header__number">{escape(plan["number"])}</p>\n'
        f'<p class="kh-header__date"><em>{escape(plan["place_and_date"])}</em></p>\n'
        "</div>\n"
        f'<h1 id="ke-hoach" class="kh-title">{escape(plan["kind"])}<br>\n'
        f'<span class="kh-title__subject">{escape(plan["title"])}</span></h1>\n'
    )


def signature_block(plan: dict) -> str:
    items = "\n".join(f"<li>{escape(r)}</li>" for r in plan["recipients"])
    return (
        '<div class="kh-signature">\n'
        '<div class="kh-signature__recipients" id="noi-nhan">\n'
        f'<p><strong><em>{escape(plan["recipients_heading"])}</em></strong></p>\n'
        f"<ul>\n{items}\n</ul>\n"
        "</div>\n"
        '<div class="kh-signature__signer" id="nguoi-ky">\n'
        f'<p class="kh-signature__title"><strong>{escape(plan["signer_title"])}</strong></p>\n'
        f'<p class="kh-signature__name"><strong>{escape(plan["signer_name"])}</strong></p>\n'
        "</div>\n"
        "</div>\n"
    )


def heading_of(markdown: str) -> str | None:
    """The text of a page's first level-1 heading, without an attribute list."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            return _ATTR_LIST.sub("", line[2:]).strip()
    return None


def section_contents(page, docs_dir: str) -> str:
    """A Markdown list of links to the pages of the section this index page opens.

    Wrapped in an element marked `data-kh-chrome`: it is navigation, not text
    of the plan. Links are Markdown, so MkDocs checks and rewrites them.
    """
    section = page.parent
    if section is None:
        return ""
    items = []
    here = Path(page.file.src_uri).parent.as_posix() or "."
    for child in section.children:
        target = child
        if child.is_section:
            target = next((c for c in child.children if c.is_page), None)
        if target is None or target is page or not target.is_page:
            continue
        title = heading_of(files.read_page(docs_dir, target.file.src_uri))
        link = relpath(target.file.src_uri, here)
        items.append(f"- [{title or target.file.name}]({link})")
    if not items:
        return ""
    return (
        f'<nav class="kh-contents" {chrome.MARK} aria-label="Các mục trong phần này" markdown>\n\n'
        + "\n".join(items)
        + "\n\n</nav>\n"
    )
