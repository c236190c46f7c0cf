"""The plan's own pages at build time: footnotes checked before rendering.

Footnotes keep the plan's numbers (footnotes.py, a Markdown extension that
mkdocs.yml loads); here every page's footnotes are checked before it is
rendered: each reference has a text, each text a reference, each number is
used once across the site.
"""
from __future__ import annotations

from kehoach.plan import footnotes
from kehoach.state import BuildState


def on_page_markdown(state: BuildState, markdown: str, page) -> None:
    def page_source():  # read again only to report an error's line
        return page.file.content_string

    footnotes.check_page(state.source_path(page.file.src_uri), page_source, markdown, state.footnote_pages)
