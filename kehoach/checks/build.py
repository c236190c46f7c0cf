"""What a contributor can trip, at the build events where each check runs.

- on_config: no symbolic link under docs/, data/, overrides/, schemas/
  (paths.py); every data file valid (core/data.py); mkdocs-macros' errors and
  MkDocs' link warnings routed to our one-message errors (macro_calls.py,
  links.py); mkdocs-macros renders only pages written by hand, and only if
  their Jinja is calls of the site's macros with literal values (templates.py).
- on_files: docs/ publishes only pages and images, and the site's own
  docs/assets/ (paths.py).
- on_pre_page: a page written by hand is UTF-8, NFC, with valid front matter,
  no hidden characters, no runaway nesting (files.py); its macro calls name
  data that exists.
- on_page_content: a link to a missing page stops the build (links.py); last
  of all, the HTML allow-list (html_allowlist.py), then the ids and titles the
  theme writes again as markup (attributes.py).
- on_env: a link to a missing anchor stops the build (links.py).
- on_build_error: a half-written site is removed.

This file is the checks' only glue: it hands MkDocs' page logger to
links.py, puts macro_calls.py's stand-in in mkdocs-macros' place and makes
what both raise, and templates.py's guard, errors MkDocs knows (engine.py);
those modules import nothing from MkDocs or mkdocs-macros. What this relies
on upstream is listed in kehoach/patches/__init__.py.
"""
from __future__ import annotations

import logging
import shutil
from html import unescape
from pathlib import Path

from mkdocs.structure import pages as mkdocs_pages  # its logger: "mkdocs.…" ("properdocs.…" under ProperDocs)

from kehoach import engine, macro_list
from kehoach.checks import attributes, files, html_allowlist, links, macro_calls, paths, templates
from kehoach.core import data, htmltree
from kehoach.core.errors import SiteError
from kehoach.indicators import model as indicators
from kehoach.state import BuildState

log = logging.getLogger("mkdocs.plugins.kehoach")


def on_config(state: BuildState, config) -> None:
    engine.quiet_mkdocs_prefix()
    if state.dirty and config.get("strict"):
        # MkDocs warns on every --dirty build, which strict mode turns into a bare abort.
        raise SiteError(
            "mkdocs.yml", None,
            "Không dùng --dirty: trang web luôn được dựng lại toàn bộ (dưới 1 giây khi xem thử), "
            "vì các bước kiểm tra so sánh mọi trang với nhau và với văn bản gốc.",
            "--dirty is not used: the site is always rebuilt whole (under a second in the live preview), "
            "since the checks compare every page with the others and with the record.",
            "chạy make serve (hoặc mkdocs serve) không kèm --dirty.",
            "run make serve (or mkdocs serve) without --dirty.",
        )
    paths.check_symlinks(state.root)  # nothing read from outside the repository
    if config.config_file_path:  # a new plan's name and download name filled in (make new-plan)
        files.check_config_file(config.config_file_path)
    data.check_all(state.project)
    if "macros" in config.plugins:
        plugin = config.plugins["macros"]
        route_macro_errors(plugin, state.docs)
        templates.install(plugin, state.docs, macro_list.site_macros)
        plugin.render = engine.engine_errors(plugin.render)  # the guard runs inside mkdocs-macros' page event
    state.link_watch = links.LinkWatch()
    state.link_watch.install(mkdocs_pages.log)


def route_macro_errors(macros_plugin, docs: str) -> macro_calls.MacroErrors:
    """mkdocs-macros' page errors go to a new `MacroErrors` of this build
    (its macros, the docs folder): raised as an error MkDocs prints."""
    import mkdocs_macros.plugin as plugin_module  # loaded already: the plugin is configured

    errors = macro_calls.MacroErrors(dict(getattr(macros_plugin, "macros", {}) or {}), docs)
    plugin_module.format_error = engine.engine_errors(errors.raise_site_error)
    return errors


def on_files(state: BuildState, files_, config) -> None:
    """docs/ publishes only pages and images, and our own docs/assets/ (paths.py)."""
    docs = Path(config["docs_dir"]).resolve()

    def head(path: str):
        def read() -> bytes:
            with open(path, "rb") as f:
                return f.read(16)
        return read

    written = [(f.src_uri, head(f.abs_src_path)) for f in files_
               if f.generated_by is None and f.abs_src_path and not f.inclusion.is_excluded()
               and Path(f.abs_src_path).resolve().is_relative_to(docs)]
    paths.check_published(written, state.docs)


def on_pre_page(state: BuildState, page) -> None:
    if page.file.generated_by is None:  # a file a person wrote
        files.check_page(state.source_path(page.file.src_uri), page.file.content_bytes)
    indicators.check_page_calls(state.project, state.source_path(page.file.src_uri), page.file.content_string)


def on_page_content(state: BuildState, page) -> None:
    links.check_page(page, state.link_watch, state.docs, data.sources(state.project))


def check_html(state: BuildState, html: str, page, root=None) -> None:
    """The allow-list: the offending line is looked for in the page's own
    source, then in data/ (home.yml, register.yml...). `root`: the tree `html`
    was written from, when there is one."""
    rel = state.source_path(page.file.src_uri)

    def sources():  # listed only when something is refused: not for every page of every build
        if page.file.generated_by is None:
            yield rel, lambda: page.file.content_string
        yield from data.sources(state.project)

    html_allowlist.check(html, sources(), rel, json_ld=page.file.generated_by is not None, root=root)
    # The ids and titles the theme writes again as markup, in the tree and the table of contents.
    # kh_title: the page's title as readers see it (kehoach/readers/titles.py, escaped there).
    attributes.check(root if root is not None else htmltree.parse(html), page.toc, sources(), rel,
                     title=unescape(page.meta["kh_title"]) if "kh_title" in page.meta else None)


def on_env(state: BuildState, files_) -> None:
    links.check_anchors(files_, state.docs, data.sources(state.project))


def remove_half_built_site(site_dir: Path | None) -> None:
    """Only a real output folder that MkDocs itself writes (it holds assets/)."""
    if site_dir and site_dir.is_dir() and (site_dir / "assets").is_dir():
        shutil.rmtree(site_dir, ignore_errors=True)
        log.error("Đã xóa thư mục %s để không xuất bản trang dở dang. "
                  "(Removed %s so that no half-built site is published.)", site_dir, site_dir)
