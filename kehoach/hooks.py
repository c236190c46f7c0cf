"""Build-event handlers, re-exported by the root hooks.py for MkDocs.

- on_config: no symbolic link under docs/, data/, overrides/, schemas/
  (inputcheck.py); validate every data file (data.py); forget what an earlier
  build (mkdocs serve) collected; set the edit link's repository (source.py);
  route macro errors and broken-link warnings to our messages
  (macro_errors.py, links.py).
- on_files: add the CSV/JSON downloads generated from data/ (downloads.py);
  add the register's generated pages and downloads (register_site).
- on_nav: remember the reading order for the register's back-links.
- on_pre_page: the page is UTF-8 with valid front matter, NFC, without hidden
  characters or runaway nesting (sourcecheck.py);
  check macro calls that name data (macros.check_page_calls).
- on_page_markdown: validate footnotes before a page is rendered; note the
  date the page last changed (source.py).
- on_page_content: a link to a missing page stops the build (links.py); on the
  plan's pages, link citations to the register (register_site); on every
  page mark abbreviations (kehoach.abbreviations), counting those of the
  plan's pages only; last, pagemeta: description, table captions, cell
  labels, skip-link target; the page's plain, escaped title (titles.py); last
  of all, the HTML allow-list (allowlist.py) stops the build on unsafe HTML,
  naming its line.
- on_startup / on_env: a link to a missing anchor stops the build (links.py);
  every listed abbreviation was used and every register entry is cited (both
  skipped for --dirty builds, which render only changed pages); fill in the
  glossary's counts and the register's pages (then mark their abbreviations),
  then give the tables filled in this late their captions (pagemeta).
- on_page_context (before the search plugin indexes the page, which is also
  after on_env): give each footnote its own search entry and keep words of
  table cells apart (kehoach.search_index).
- on_post_build: add those entries to the index the search plugin has just
  written (hooks run after plugins, so the search plugin's on_post_build is done).
- on_post_page / on_post_template (404.html): the Content-Security-Policy, with
  the hashes of the theme's inline scripts of that page (csp.py).
- on_build_error: remove a half-written site so nothing half-made is published.
- on_startup / on_page_context / on_post_build: the whole plan on one page,
  its PDF and the offline copy (kehoach/takeaway.py).
- on_startup: mkdocs-macros' `git` variable is left empty (macros_git.py):
  no page may read it, so its twelve `git` commands never run.
- on_config: mkdocs-macros renders only pages written by hand, and only if
  their Jinja is calls of the site's macros with literal values
  (jinja_guard.py); a generated page (the register's entries) is never rendered.
"""
from __future__ import annotations

import logging
import posixpath
import shutil
from pathlib import Path

from mkdocs.plugins import event_priority

from . import (abbreviations, allowlist, copies, csp, data, downloads, errors, footnotes, fullplan, inputcheck,
               jinja_guard, links, macro_errors, macros, macros_git, offline, pagemeta, plan_pages, register_site,
               search_index, source, sourcecheck, takeaway, titles)

log = logging.getLogger("mkdocs.plugins.kehoach")

_footnote_pages: dict[str, str] = {}
_footnote_entries: dict[str, list[dict]] = {}
_link_watch = links.LinkWatch()
_dates: dict = {}
_docs_rel = Path("docs")
_abbr: abbreviations.Marker | None = None
_glossary_pages: list = []
_dirty = False


def on_config(config):
    global _abbr, _docs_rel
    _footnote_pages.clear()
    takeaway.reset()
    if not _dirty:  # a --dirty rebuild renders (and indexes) only changed pages
        _footnote_entries.clear()
    errors.quiet_mkdocs_prefix()
    root = data.use_project_of(config)  # data/ and schemas/ next to the mkdocs.yml being built
    inputcheck.check_symlinks(root)  # nothing read from outside the repository
    data.check_all()
    copies.name(config)  # the downloads' file name, checked before any page links to it
    source.configure_repo(config)
    source.configure_site_url(config)
    if "macros" in config.plugins:
        macro_errors.install(config.plugins["macros"], Path(config["docs_dir"]).name)
        jinja_guard.install(config.plugins["macros"], Path(config["docs_dir"]).name, macros.site_macros)
    _link_watch.install()
    _dates.clear()
    _dates.update(source.last_changed(root))
    try:
        _docs_rel = Path(config["docs_dir"]).resolve().relative_to(root)
    except ValueError:
        _docs_rel = Path(config["docs_dir"]).name
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
    if page.file.generated_by is None:  # a file a person wrote: UTF-8, valid front matter
        sourcecheck.check_page((Path(_docs_rel) / page.file.src_uri).as_posix(), page.file.content_bytes)
    macros.check_page_calls(page.file.src_uri, page.file.content_string)
    return page


def on_page_markdown(markdown, page, config, files):
    def page_source():  # read again only to report an error's line
        return page.file.content_string

    rel = (Path(_docs_rel) / page.file.src_uri).as_posix()  # e.g. docs/index.md
    footnotes.check_page(rel, page_source, markdown, _footnote_pages)
    # The date of the newest file that "Sửa …" opens (a register entry's page: data/register.yml;
    # a page drawn from data: its Markdown file and the data file).
    docs = Path(_docs_rel).as_posix()
    data_files = source.data_files(page.file.content_string)
    page.meta["kh_edit_links"] = source.edit_links(page, docs, data_files)
    edit = page.file.edit_uri
    sources = ([posixpath.normpath(f"{docs}/{edit}")] if edit else []) + data_files
    when = max((_dates[s] for s in sources if s in _dates), default=None)
    if when is not None:
        page.meta["kh_updated"] = source.format_date(when)
        page.meta["kh_updated_iso"] = when.date().isoformat()
    return markdown


def on_page_content(html, page, config, files):
    links.check_page(page, _link_watch, Path(_docs_rel).as_posix())
    html = register_site.on_page_content(html, page, config, files)
    html = _abbr.mark(html, count=plan_pages.is_plan_page(page.file.src_uri))
    if abbreviations.GLOSSARY_MARKER in html:
        _glossary_pages.append(page)
    html = pagemeta.on_page_content(html, page, config["site_name"])
    titles.on_page_content(page)
    _check_html(html, page, config)
    return html


def _check_html(html, page, config) -> None:
    """The allow-list (kehoach/allowlist.py): the offending line is looked for in the
    page's own source, then in data/ (home.yml, register.yml...)."""
    root = data.use_project_of(config)
    rel = (Path(_docs_rel) / page.file.src_uri).as_posix()
    sources = []
    if page.file.generated_by is None:
        sources.append((rel, lambda: page.file.content_string))
    for path in sorted((root / "data").glob("*.yml")):
        sources.append((path.relative_to(root).as_posix(), lambda p=path: p.read_text(encoding="utf-8")))
    allowlist.check(html, sources, rel, json_ld=page.file.generated_by is not None)


@event_priority(50)  # the search plugin indexes the page at priority 0
def on_page_context(context, page, config, nav):
    _footnote_entries[page.url] = search_index.footnote_entries(page.content, page.url)
    page.content = search_index.prepare_page(page.content)
    # After the above: the print page is only its placeholder then, so it adds
    # no footnote entries (it is kept out of search anyway).
    takeaway.fill_print_page(page, config, nav)
    if page.file.src_uri == fullplan.PRINT_PAGE:  # its appendix is new; its sources were checked, so is the copy
        page.content = _abbr.mark(page.content, count=False)
        _check_html(page.content, page, config)
    return context


def _shim(config) -> str | None:
    return offline.SHIM.read_text(encoding="utf-8") if copies.is_offline(config) else None


def on_post_page(output, page, config):
    return csp.apply(output, (Path(_docs_rel) / page.file.src_uri).as_posix(), page.content, _shim(config))


def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):  # 404.html
        return csp.apply(output_content, template_name, None, _shim(config))
    return output_content


def on_post_build(config):
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if index.is_file():
        search_index.rewrite(index, _footnote_entries)
    takeaway.on_post_build(config)


def on_startup(command, dirty):
    global _dirty
    _dirty = dirty
    macros_git.install()  # before mkdocs-macros' on_config fills its `git` variable
    takeaway.on_startup(command)


def on_env(env, config, files):
    # Runs after every page is rendered to HTML and before any is written.
    links.check_anchors(files, Path(_docs_rel).as_posix())
    # A --dirty build renders only changed pages, so the counts are partial.
    if not _dirty:
        _abbr.check_used()
    table = abbreviations.glossary_table(_abbr.entries, _abbr.counts)
    for page in _glossary_pages:
        page.content = page.content.replace(abbreviations.GLOSSARY_MARKER, table)
    env = register_site.on_env(env, config, files, check=not _dirty)
    for file in files.documentation_pages():  # the register's pages, now complete
        if file.src_uri.startswith(register_site.SECTION + "/") and file.page and file.page.content:
            file.page.content = _abbr.mark(file.page.content, count=False)
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

