"""Abbreviations at build time: marked in each page after rendering, counted,
and the glossary page ("Từ viết tắt") filled in once every page is counted."""
from __future__ import annotations

from kehoach.abbreviations import model as abbreviations
from kehoach.plan.pages import is_plan_page
from kehoach.state import BuildState


def on_config(state: BuildState) -> None:
    state.abbreviations = abbreviations.Marker(abbreviations.load())


def on_page_content(state: BuildState, html: str, page) -> str:
    if is_plan_page(page.file.src_uri):
        html = state.abbreviations.mark(html)
    if abbreviations.GLOSSARY_MARKER in html:
        state.glossary_pages.append(page)
    return html


def on_env(state: BuildState) -> None:
    marker = state.abbreviations
    if not state.dirty:  # a --dirty build renders only changed pages: its counts are partial
        marker.check_used()
    table = abbreviations.glossary_table(marker.entries, marker.counts)
    for page in state.glossary_pages:
        page.content = page.content.replace(abbreviations.GLOSSARY_MARKER, table)
