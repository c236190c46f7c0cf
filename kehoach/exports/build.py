"""What readers take away: the print page, the PDF and the offline copy.

Called from kehoach/hooks.py:
- `add_data_downloads` (on_files): the CSV/JSON copies of the indicator tables
  and the figures (du-lieu/), generated from data/ so pages link to them with
  ordinary Markdown links that `mkdocs build --strict` checks.
- `fill_print_page` (on_page_context): every page's Markdown is HTML by then,
  so the print page's placeholder is replaced by the whole plan, followed by
  the register summary (kehoach/exports/appendix.py).
- `on_post_build`: on the public build, the PDF (from the same assembled plan)
  and the zip of the offline copy; on the offline build, the search shim.
  `mkdocs serve` skips both, to keep live preview fast (as does any build
  with KEHOACH_DOWNLOADS=0 in the environment: its download links are dead).
"""
from __future__ import annotations

import functools
import logging
import os
import time
from pathlib import Path

from mkdocs.structure.files import File, Files

from kehoach.exports import names as copies
from kehoach.exports import fullplan
from kehoach.exports import appendix as fullplan_register
from kehoach.exports import offline
from kehoach.readers import build as readers
from kehoach.exports import pdf
from kehoach.register import build as register_site
from kehoach.core import htmltree, tabular, urls
from kehoach.core.data import Project
from kehoach.core.errors import SiteError
from kehoach.figures import downloads as figure_downloads
from kehoach.figures import model as figures
from kehoach.indicators import downloads as table_downloads
from kehoach.indicators import model as indicators
from kehoach.state import BuildState

log = logging.getLogger("mkdocs.plugins.kehoach")


def fill_print_page(state: BuildState, page, config, nav) -> htmltree.Element | None:
    """Fill the print page with the whole plan; its tree (kehoach/core/htmltree.py),
    for the passes that follow, or None if `page` is not the print page."""
    if page.file.src_uri != fullplan.PRINT_PAGE or page.content is None:
        return None
    if not state.markers.holds(page.content, fullplan.MARKER):
        raise SiteError(
            state.source_path(fullplan.PRINT_PAGE), None,
            "Trang in toàn văn thiếu lệnh {{ full_plan() }}, nên không có nội dung Kế hoạch.",
            "The print page lacks {{ full_plan() }}, so it would hold no plan.",
            "giữ nguyên dòng {{ full_plan() }} trong trang này.",
            "keep the line {{ full_plan() }} on that page.",
        )
    here, site_url = page.url, config["site_url"] or ""
    register = register_site.current_register(state.register)
    register_page = urls.relative(f"{register_site.SECTION}/", here)
    trees = fullplan.plan_trees(nav.pages, state.site.is_plan_page, state.trees)  # copies, for the counts and the copy
    appendix = fullplan_register.appendix(
        register, fullplan_register.citation_counts(state.register.places, state.site.is_plan_page), site_url,
        urls.folder_link(register_page, config["use_directory_urls"]))
    taken = htmltree.ids(state.trees.of(page.url, page.content)) | htmltree.ids(htmltree.parse(appendix))
    html = fullplan.assemble(nav.pages, state.site.is_plan_page, here, site_url, taken,
                             local_targets=fullplan_register.local_targets(register), appendix=appendix, trees=trees)
    state.plan_html = html  # made self-contained (fullplan.for_pdf) only if the PDF is made
    root = htmltree.parse(state.markers.fill(page.content, fullplan.MARKER, html))
    # The page's own Markdown has no heading, so MkDocs gave it no table of
    # contents, and Material draws its skip link from one: point it at the
    # plan's first heading.
    first = next(iter(root.xpath(f"{fullplan.PLAN_XPATH}//h1[@id != '']")), None)
    if first is not None:
        readers.skip_to(root, page, first.get("id"), "KẾ HOẠCH")
    return root


def on_post_build(state: BuildState, config) -> None:
    site = Path(config["site_dir"])
    if copies.is_offline(config):
        offline.finish_offline_site(site)
        return
    if state.plan_html is None:
        raise SiteError(
            state.source_path(fullplan.PRINT_PAGE), None,
            "Không có trang in toàn văn, nên không tạo được tệp PDF mà trang chủ dẫn tới.",
            "The print page is missing, so the PDF the home page links to cannot be made.",
            f"khôi phục docs/{fullplan.PRINT_PAGE} và mục của nó trong nav (mkdocs.yml).",
            f"restore docs/{fullplan.PRINT_PAGE} and its nav entry in mkdocs.yml.",
        )
    if state.command == "serve" or os.environ.get("KEHOACH_DOWNLOADS") == "0":
        log.info("PDF và bản ngoại tuyến: bỏ qua khi xem thử. "
                 "(PDF and offline copy skipped: mkdocs serve or KEHOACH_DOWNLOADS=0.)")
        return
    start = time.monotonic()
    copy = offline.Build(Path(config["config_file_path"]), copies.name(config))  # runs while the PDF renders
    try:
        pdf_name = copies.pdf(config)
        pdf_path = site / pdf_name
        pdf.write(
            pdf.document(fullplan.for_pdf(state.plan_html), config["site_name"], config["site_author"] or "",
                         config["site_description"] or ""),
            pdf_path,
        )
    except BaseException:
        copy.cancel()
        raise
    copy.zip_to(site / copies.zip_file(config), {pdf_name: pdf_path})
    log.info("PDF and offline copy in %.1f s", time.monotonic() - start)


def data_downloads(project: Project, docs_dir: str, tables: dict | None = None, book=None) -> dict[str, str]:
    """src_uri -> content of every data download (du-lieu/) of `project`; `tables` and
    `book`: the indicator tables and figures this build checked already, if any."""
    out = {}
    for table in (tables if tables is not None else indicators.load_tables(project)).values():
        out[copies.data_path(table.id, "csv")] = table_downloads.table_csv(table)
        out[copies.data_path(table.id, "json")] = table_downloads.table_json(table)
    book = book if book is not None else figures.load(project, docs_dir)
    out[copies.data_path(figures.STEM, "csv")] = figure_downloads.to_csv_rows(book, tabular.write)
    out[copies.data_path(figures.STEM, "json")] = tabular.json_text(figure_downloads.to_json(book))
    return out


def add_data_downloads(state: BuildState, files: Files, config) -> Files:
    for src_uri, content in data_downloads(state.project, config["docs_dir"], state.indicator_tables,
                                           state.figures).items():
        files.append(File.generated(config, src_uri, content=content.encode("utf-8")))
    return files


@functools.lru_cache(maxsize=1)
def _shim_js() -> str:
    return offline.SHIM.read_text(encoding="utf-8")  # a file of our package: read once, not once per page


def on_config(config) -> None:
    """The offline copy's build: its search shim is our local file, not a CDN's."""
    if copies.is_offline(config):
        offline.use_local_shim(config)


def shim_for(config) -> str | None:
    """The offline copy's search shim, whose bootstrap script its pages' CSP must allow; None online."""
    return _shim_js() if copies.is_offline(config) else None
