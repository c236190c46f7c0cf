"""Build-event handlers, re-exported by the root hooks.py for MkDocs.

- on_config: forget what an earlier build (mkdocs serve) collected.
- on_files: add the CSV/JSON downloads generated from data/ (downloads.py);
  add the register's generated pages and downloads (register_site).
- on_nav: remember the reading order for the register's back-links.
- on_pre_page: check macro calls that name data (macros.check_page_calls).
- on_page_markdown: validate footnotes before a page is rendered.
- on_page_content: on the plan's pages, link citations to the register
  (register_site), then mark abbreviations (kehoach.abbreviations), which
  counts but does not mark those inside citation links; last, pagemeta:
  description, table captions, skip-link target.
- on_startup / on_env: every listed abbreviation was used and every register
  entry is cited (both skipped for --dirty builds, which render only changed
  pages); fill in the glossary's counts and the register's pages, then
  give the tables filled in this late their captions (pagemeta).
- on_build_error: remove a half-written site so nothing half-made is published.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

from . import abbreviations, downloads, footnotes, macros, pagemeta, register_site

log = logging.getLogger("mkdocs.plugins.kehoach")

_footnote_pages: dict[str, str] = {}
_abbr: abbreviations.Marker | None = None
_glossary_pages: list = []
_dirty = False


def on_config(config):
    global _abbr
    _footnote_pages.clear()
    _abbr = abbreviations.Marker(abbreviations.load())
    _glossary_pages.clear()
    register_site.on_config(config)
    return config


def on_files(files, config):
    files = downloads.on_files(files, config)
    return register_site.on_files(files, config)


def on_nav(nav, config, files):
    return register_site.on_nav(nav, config, files)


def on_pre_page(page, config, files):
    macros.check_page_calls(page.file.src_uri, page.file.content_string)
    return page


def on_page_markdown(markdown, page, config, files):
    source = page.file.content_string
    footnotes.check_page(page.file.src_uri, source, markdown, _footnote_pages)
    return markdown


def on_page_content(html, page, config, files):
    html = register_site.on_page_content(html, page, config, files)
    if abbreviations.is_plan_page(page.file.src_uri):
        html = _abbr.mark(html)
    if abbreviations.GLOSSARY_MARKER in html:
        _glossary_pages.append(page)
    return pagemeta.on_page_content(html, page)


def on_startup(command, dirty):
    global _dirty
    _dirty = dirty


def on_env(env, config, files):
    # Runs after every page is rendered to HTML and before any is written.
    # A --dirty build renders only changed pages, so the counts are partial.
    if not _dirty:
        _abbr.check_used()
    table = abbreviations.glossary_table(_abbr.entries, _abbr.counts)
    for page in _glossary_pages:
        page.content = page.content.replace(abbreviations.GLOSSARY_MARKER, table)
    env = register_site.on_env(env, config, files, check=not _dirty)
    # Tables filled in just above were not there for on_page_content.
    pagemeta.caption_filled_in_tables(files)
    return env


def on_build_error(error):
    # Called for `mkdocs build` and `mkdocs serve` alike; only remove a real
    # output folder that MkDocs itself writes (it contains sitemap or assets).
    site_dir = _site_dir
    if site_dir and site_dir.is_dir() and (site_dir / "assets").is_dir():
        shutil.rmtree(site_dir, ignore_errors=True)
        log.error("Đã xóa thư mục %s để không xuất bản trang dở dang. "
                  "(Removed %s so that no half-built site is published.)", site_dir, site_dir)


_site_dir: Path | None = None


def on_pre_build(config):
    global _site_dir
    _site_dir = Path(config["site_dir"])
