"""Abbreviations at build time: marked in each page's tree after rendering, counted,
and the glossary page ("Từ viết tắt") filled in once every page is counted."""
from __future__ import annotations

from kehoach.abbreviations import html as abbreviation_html
from kehoach.abbreviations import model as abbreviations
from kehoach.core.htmltree import Element
from kehoach.state import BuildState


def on_config(state: BuildState) -> None:
    state.abbreviations = abbreviation_html.Marker(abbreviations.load(state.project))


def on_page_content(state: BuildState, root: Element, html: str, page) -> None:
    """Mark the page's tree; `html`: the page as rendered, to find the glossary's placeholder."""
    # Marked on every page; counted (for the glossary) on the plan's pages only.
    state.abbreviations.mark(root, count=state.site.is_plan_page(page.file.src_uri))
    if state.markers.holds(html, abbreviations.GLOSSARY_MARKER):
        state.glossary_pages.append(page)


def on_env(state: BuildState) -> None:
    marker = state.abbreviations
    if not state.dirty:  # a --dirty build renders only changed pages: its counts are partial
        marker.check_used()
    table = abbreviation_html.glossary_table(marker.entries, marker.counts)
    for page in state.glossary_pages:
        page.content = state.markers.fill(page.content, abbreviations.GLOSSARY_MARKER, table)


def mark_filled_in(state: BuildState, root: Element) -> bool:
    """Content filled in after on_page_content (the register's pages, the print
    page's appendix): marked too, not counted. True if anything was marked."""
    return state.abbreviations.mark(root, count=False)
