"""Build-event handlers, re-exported by the root hooks.py for MkDocs.

- on_config: forget what an earlier build (mkdocs serve) collected.
- on_page_markdown: validate footnotes before a page is rendered.
- on_page_content: description, table captions, skip-link target (pagemeta).
- on_build_error: remove a half-written site so nothing half-made is published.
"""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

from . import footnotes, pagemeta

log = logging.getLogger("mkdocs.plugins.kehoach")

_footnote_pages: dict[str, str] = {}


def on_config(config):
    _footnote_pages.clear()
    return config


def on_page_markdown(markdown, page, config, files):
    source = page.file.content_string
    footnotes.check_page(page.file.src_uri, source, markdown, _footnote_pages)
    return markdown


def on_page_content(html, page, config, files):
    return pagemeta.on_page_content(html, page)


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
