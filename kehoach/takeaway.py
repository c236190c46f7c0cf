"""What readers take away: the print page, the PDF and the offline copy.

Called from kehoach/hooks.py:
- `fill_print_page` (on_page_context): every page's Markdown is HTML by then,
  so the print page's placeholder is replaced by the whole plan.
- `on_post_build`: on the public build, the PDF (from the same assembled plan)
  and the zip of the offline copy; on the offline build, the search shim.
  `mkdocs serve` skips both, to keep live preview fast.
"""
from __future__ import annotations

from pathlib import Path

from . import downloads, fullplan, offline, pdf

_state = {"command": None, "plan_html": None}


def on_startup(command: str) -> None:
    _state["command"] = command


def reset() -> None:
    """Forget the plan assembled by an earlier build (mkdocs serve rebuilds)."""
    _state["plan_html"] = None


def fill_print_page(page, config, nav) -> None:
    if page.file.src_uri != fullplan.PRINT_PAGE or page.content is None:
        return
    here = page.url
    html = fullplan.assemble(nav.pages, here, config["site_url"] or "", fullplan.ids_of(page.content))
    _state["plan_html"] = fullplan.for_pdf(html)
    page.content = page.content.replace(fullplan.PLACEHOLDER, html)


def on_post_build(config) -> None:
    site = Path(config["site_dir"])
    if downloads.is_offline(config):
        offline.finish_offline_site(site)
        return
    if _state["command"] == "serve" or _state["plan_html"] is None:
        return
    pdf_path = site / downloads.PDF
    pdf.write(
        pdf.document(_state["plan_html"], config["site_name"], config["site_author"] or "",
                     config["site_description"] or ""),
        pdf_path,
    )
    offline.make_zip(Path(config["config_file_path"]), site / downloads.ZIP, {downloads.PDF: pdf_path})
