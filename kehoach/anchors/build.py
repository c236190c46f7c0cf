"""MkDocs glue for paragraph addresses (kehoach/anchors/html.py).

- on_page_content (before the register links citations, so its back-links
  name the blocks' addresses): on a plan page, every block gets its address
  and the control that copies its link; the addresses are added to the ids
  MkDocs knows the page has, so a Markdown link to one (`page.md#phan-1-…`)
  passes the anchor check (MkDocs' `present_anchor_ids`, which
  kehoach/checks/links.py reads: listed in kehoach/patches/__init__.py).
"""
from __future__ import annotations

from kehoach.anchors import html
from kehoach.core import htmltree
from kehoach.core.errors import SiteError, line_of
from kehoach.state import BuildState


def titles_of(page) -> list[str]:
    """The titles of the nav sections that hold `page`, outermost first."""
    return [section.title or "" for section in reversed(page.ancestors or [])]


def on_page_content(state: BuildState, root, page) -> None:
    src = page.file.src_uri
    if not state.site.is_plan_page(src):
        return
    try:
        blocks = html.assign(root, titles_of(page))
    except html.AnchorError as e:
        raise SiteError(f"{state.docs}/{src}", line_of(page.file.content_string, e.value),
                        e.vi, e.en, e.fix_vi, e.fix_en) from None
    html.add_links(blocks)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids.update(htmltree.ids(root))
