"""What the search plugin indexes, at build time.

Each footnote gets its own entry and table cells are kept apart (index.py):
at on_page_content, on the page's one tree; again at on_page_context (just
before the search plugin reads the page) only for a page whose HTML was
changed after on_page_content.
on_post_build runs after the plugin has written search/search_index.json
(hooks run after plugins): the footnote entries are added to it.
"""
from __future__ import annotations

from pathlib import Path

from kehoach.core import htmltree
from kehoach.search import index
from kehoach.state import BuildState


def on_page_content(state: BuildState, root: htmltree.Element, page) -> None:
    """Prepare the page's tree for search now, on the tree every pass of
    on_page_content shares (the changes are idempotent, and invisible to readers)."""
    state.search_entries[page.url] = index.footnote_entries(root, page.url)
    index.prepare_page(root)


def prepared(state: BuildState, page, html: str) -> None:
    """`html`: the page's HTML as on_page_content wrote it, prepared above."""
    state.search_prepared[page.url] = html


def on_page_context(state: BuildState, page) -> None:
    if not page.content:
        state.search_entries[page.url] = []
        return
    if page.content is state.search_prepared.get(page.url):
        return  # unchanged since on_page_content: prepared there, no second parse
    kept = state.trees.holds(page.url, page.content)  # then the page is that tree as written
    root = state.trees.of(page.url, page.content)  # filled in later (register, glossary, print page)
    state.search_entries[page.url] = index.footnote_entries(root, page.url)
    if index.prepare_page(root) or not kept:  # a kept tree unchanged is the page already
        page.content = htmltree.serialize(root)


def on_post_build(state: BuildState, config) -> None:
    written = Path(config["site_dir"]) / "search" / "search_index.json"
    if written.is_file():
        index.rewrite(written, state.search_entries)
