"""What a contributor can trip, at the build events where each check runs.

- on_config: no symbolic link under docs/, data/, overrides/, schemas/
  (paths.py); every data file valid (core/data.py); mkdocs-macros' errors and
  MkDocs' link warnings routed to our one-message errors (macro_calls.py,
  links.py); mkdocs-macros renders only pages written by hand, and only if
  their Jinja is calls of the site's macros with literal values (templates.py).
- on_pre_page: a page written by hand is UTF-8, NFC, with valid front matter,
  no hidden characters, no runaway nesting (files.py); its macro calls name
  data that exists.
- on_page_content: a link to a missing page stops the build (links.py); last
  of all, the HTML allow-list (html_allowlist.py), then the ids and titles the
  theme writes again as markup (attributes.py).
- on_env: a link to a missing anchor stops the build (links.py).
- on_build_error: a half-written site is removed.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

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
    data.check_all(state.project)
    if "macros" in config.plugins:
        macro_calls.install(config.plugins["macros"], state.docs)
        templates.install(config.plugins["macros"], state.docs, macro_list.site_macros)
    state.link_watch = links.LinkWatch()
    state.link_watch.install()


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
    attributes.check(root if root is not None else htmltree.parse(html), page.toc, sources(), rel)


def on_env(state: BuildState, files_) -> None:
    links.check_anchors(files_, state.docs, data.sources(state.project))


def remove_half_built_site(site_dir: Path | None) -> None:
    """Only a real output folder that MkDocs itself writes (it holds assets/)."""
    if site_dir and site_dir.is_dir() and (site_dir / "assets").is_dir():
        shutil.rmtree(site_dir, ignore_errors=True)
        log.error("Đã xóa thư mục %s để không xuất bản trang dở dang. "
                  "(Removed %s so that no half-built site is published.)", site_dir, site_dir)
