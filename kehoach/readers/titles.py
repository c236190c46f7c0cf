"""A page's title as plain text, escaped once, for <title>, Open Graph and the header.

MkDocs takes a title from the front matter (`title:`, raw text, e.g. a register
entry's label) or from the first heading (HTML text, entities kept). Jinja's
`striptags` decodes entities, so `# &lt;script&gt;` would come out as a tag:
the title is made plain here, in Python, and escaped after that.
"""
from __future__ import annotations

from html import escape

from markupsafe import Markup


def plain(title: str, from_front_matter: bool) -> str:
    """The text a reader sees, unescaped."""
    text = title if from_front_matter else Markup(title).striptags()
    return " ".join(text.split())


def on_page_content(page) -> None:
    """Escape a front-matter title (Material writes page.meta.title as is) and set
    `kh_title`: the page's title and, if different, its part's, e.g. "… (PHẦN II)"."""
    meta = page.meta
    if "title" in meta:
        meta["title"] = escape(plain(str(meta["title"]), True))
    title = plain(page.title or "", False)  # from the heading, or the front matter escaped just above
    if page.ancestors:
        top = page.ancestors[-1].title
        if top != page.title:
            title += f" ({plain(top, True)})"
    meta["kh_title"] = escape(title)
