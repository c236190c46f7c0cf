"""What the search plugin indexes, at build time.

on_page_context runs just before the search plugin reads a page: each
footnote gets its own entry and table cells are kept apart (index.py).
on_post_build runs after the plugin has written search/search_index.json
(hooks run after plugins): the footnote entries are added to it.
"""
from __future__ import annotations

from pathlib import Path

from kehoach.core import htmltree
from kehoach.search import index
from kehoach.state import BuildState


def on_page_context(state: BuildState, page) -> None:
    if not page.content:
        state.search_entries[page.url] = []
        return
    root = htmltree.parse(page.content)  # the page's tree, once, for both
    state.search_entries[page.url] = index.footnote_entries(root, page.url)
    index.prepare_page(root)
    page.content = htmltree.serialize(root)


def on_post_build(state: BuildState, config) -> None:
    written = Path(config["site_dir"]) / "search" / "search_index.json"
    if written.is_file():
        index.rewrite(written, state.search_entries)
