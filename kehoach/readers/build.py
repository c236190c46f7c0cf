"""What helps readers, at build time: the edit link and the date of each page,
its description, captions and skip link (html.py), its plain title
(titles.py), and the Content-Security-Policy of every page (csp.py)."""
from __future__ import annotations

import posixpath
from html import escape

from mkdocs.structure.toc import AnchorLink

from kehoach import macro_list
from kehoach.core import htmltree
from kehoach.readers import cell_labels, csp, source, titles
from kehoach.readers import html as pagehtml
from kehoach.state import BuildState


def on_config(state: BuildState, config, kept_log=None) -> None:
    """`kept_log`: where the build's trusted cache keeps git's log (source.history), if it may."""
    source.configure_repo(config)
    source.configure_site_url(config)
    state.history = source.history(state.root, kept_log)  # one git call: page dates and the change log
    state.dates.update(state.history.dates)


def on_page_markdown(state: BuildState, page) -> None:
    # The date of the newest file that "Sửa …" opens (a register entry's page: data/register.yml;
    # a page drawn from data: its Markdown file and the data file).
    data_files = source.data_files(page.file.content_string, macro_list.DATA_OF_MACRO)
    page.meta["kh_edit_links"] = source.edit_links(page, state.docs, data_files)
    edit = page.file.edit_uri
    sources = ([posixpath.normpath(f"{state.docs}/{edit}")] if edit else []) + data_files
    state.page_sources[page.file.src_uri] = sources
    when = max((state.dates[s] for s in sources if s in state.dates), default=None)
    if when is not None:
        page.meta["kh_updated"] = source.format_date(when)
        page.meta["kh_updated_iso"] = when.date().isoformat()


def on_page_content(root: htmltree.Element, page, config) -> None:
    """The page's description, captions, scroll boxes, cell labels and skip
    target, in its tree (parsed once by kehoach/hooks.py)."""
    meta = page.meta
    if meta.get("description"):
        meta["description"] = escape(" ".join(str(meta["description"]).split()), quote=True)
    else:
        meta["description"] = escape(pagehtml.describe(page.title or "", root, config["site_name"]), quote=True)
    caption_tables(root)
    skip_target(root, page)
    titles.on_page_content(page)


def caption_tables(root: htmltree.Element) -> bool:
    """Captions, scroll boxes and cell labels of the tables in the tree; also run
    on tables filled in after on_page_content (kehoach/hooks.py, on_env). True if any changed."""
    changed = pagehtml.add_captions(root)
    changed |= pagehtml.scroll_boxes(root)
    return cell_labels.label_tables(root) or changed


def on_env(state: BuildState, env, config) -> None:
    """The bodies of the inline scripts our templates write, known before any page is (csp.py)."""
    state.csp_scripts = csp.known_scripts(env, config)


def on_post_page(state: BuildState, output: str, page, shim_js: str | None) -> str:
    """`shim_js`: the offline copy's search shim (kehoach/exports/offline.py), None online."""
    return csp.apply(output, state.source_path(page.file.src_uri), state.csp_scripts, shim_js)


def on_post_template(state: BuildState, output: str, template_name: str, shim_js: str | None) -> str:
    if template_name.endswith(".html"):  # 404.html
        return csp.apply(output, template_name, state.csp_scripts, shim_js)
    return output


def skip_target(root: htmltree.Element, page) -> None:
    """Make the page's first element the skip link's target, and focusable."""
    first = pagehtml.first_element(root)
    target = (first.get("id") if first is not None else None) or None  # an empty id is none
    toc = page.toc
    if target is None:
        if not len(toc):
            return
        target = toc.items[0].id
    elif not len(toc) or toc.items[0].id != target:
        title = first.get("aria-label") or page.title or ""
        # The new first entry holds the others, as an h1 would: Material then
        # lists them in the page's table of contents.
        anchor = AnchorLink(title, target, 1)
        anchor.children = list(toc.items)
        toc.items[:] = [anchor]
    pagehtml.focusable(root, target)


def skip_to(root: htmltree.Element, page, target: str, title: str) -> None:
    """For content filled in after on_page_content: if the page has no table
    of contents yet, give it one entry, `target`, and make that focusable."""
    if not len(page.toc):
        page.toc.items[:] = [AnchorLink(title, target, 1)]
    pagehtml.focusable(root, page.toc.items[0].id)

