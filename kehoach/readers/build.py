"""What helps readers, at build time: the edit link and the date of each page,
its description, captions and skip link (pagemeta.py), its plain title
(titles.py), and the Content-Security-Policy of every page (csp.py)."""
from __future__ import annotations

import functools
import posixpath
import re
from html import escape, unescape

from mkdocs.structure.toc import AnchorLink

from kehoach import macro_list
from kehoach.core import htmltree
from kehoach.exports import names
from kehoach.exports import offline
from kehoach.readers import cell_labels, csp, pagemeta, source, titles
from kehoach.state import BuildState


def on_config(state: BuildState, config) -> None:
    source.configure_repo(config)
    source.configure_site_url(config)
    state.dates.update(source.last_changed(state.root))


def on_page_markdown(state: BuildState, page) -> None:
    # The date of the newest file that "Sửa …" opens (a register entry's page: data/register.yml;
    # a page drawn from data: its Markdown file and the data file).
    data_files = source.data_files(page.file.content_string, macro_list.DATA_OF_MACRO)
    page.meta["kh_edit_links"] = source.edit_links(page, state.docs, data_files)
    edit = page.file.edit_uri
    sources = ([posixpath.normpath(f"{state.docs}/{edit}")] if edit else []) + data_files
    when = max((state.dates[s] for s in sources if s in state.dates), default=None)
    if when is not None:
        page.meta["kh_updated"] = source.format_date(when)
        page.meta["kh_updated_iso"] = when.date().isoformat()


def on_page_content(html: str, page, config) -> str:
    html = _describe_and_caption(html, page, config["site_name"])
    titles.on_page_content(page)
    return html


def on_env(files) -> None:
    # Tables filled in late (glossary, register) were not there for on_page_content.
    caption_filled_in_tables(files)


@functools.lru_cache(maxsize=1)
def _shim_js() -> str:
    return offline.SHIM.read_text(encoding="utf-8")  # a file of our package: read once, not once per page


def _shim(config) -> str | None:
    return _shim_js() if names.is_offline(config) else None


def on_post_page(state: BuildState, output: str, page, config) -> str:
    return csp.apply(output, state.source_path(page.file.src_uri), page.content, _shim(config))


def on_post_template(output: str, template_name: str, config) -> str:
    if template_name.endswith(".html"):  # 404.html
        return csp.apply(output, template_name, None, _shim(config))
    return output


def _describe_and_caption(html: str, page, site_name: str) -> str:
    meta = page.meta
    if meta.get("description"):
        meta["description"] = escape(" ".join(str(meta["description"]).split()), quote=True)
    else:
        meta["description"] = escape(pagemeta.describe(page.title or "", html, site_name), quote=True)
    html = cell_labels.label_tables(pagemeta.scroll_boxes(pagemeta.add_captions(html)))
    return skip_target(html, page)


def skip_target(html: str, page) -> str:
    """Make the page's first element the skip link's target, and focusable."""
    m = pagemeta.FIRST_TAG.match(html)
    target = (htmltree.id_of(m.group(2)) if m else None) or None  # an empty id is none
    toc = page.toc
    if target is None:
        if not len(toc):
            return html
        target = toc.items[0].id
    elif not len(toc) or toc.items[0].id != target:
        label_m = re.search(r'aria-label="([^"]+)"', m.group(2))
        title = unescape(label_m.group(1)) if label_m else (page.title or "")
        # The new first entry holds the others, as an h1 would: Material then
        # lists them in the page's table of contents.
        anchor = AnchorLink(title, target, 1)
        anchor.children = list(toc.items)
        toc.items[:] = [anchor]
    return pagemeta.focusable(html, target)


def skip_to(html: str, page, target: str, title: str) -> str:
    """For content filled in after on_page_content: if the page has no table
    of contents yet, give it one entry, `target`, and make that focusable."""
    if not len(page.toc):
        page.toc.items[:] = [AnchorLink(title, target, 1)]
    return pagemeta.focusable(html, page.toc.items[0].id)


def caption_filled_in_tables(files) -> None:
    """Caption tables that other hooks put into pages after on_page_content,
    and let the keyboard reach their scroll boxes."""
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.content and "<table" in page.content:
            page.content = cell_labels.label_tables(pagemeta.scroll_boxes(pagemeta.add_captions(page.content)))
