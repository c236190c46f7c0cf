"""MkDocs glue for the change log page, "Lịch sử thay đổi" (ve-trang-nay/lich-su-thay-doi/).

- on_files: the page generated (its Markdown: our words and a marker); the
  plan's commits picked out of the history readers/source.py read at on_config.
- on_page_markdown: each page's "Cập nhật lần cuối" date links to that page's
  own list of changes on the change log page (a register entry's page, which
  has no list of its own, to the newest change of its data).
- on_env (every page rendered): the list filled in, with links to the pages
  each change touched and to the change in the repository.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import AnchorLink

from kehoach.changelog import html, model
from kehoach.core import urls
from kehoach.core.errors import SiteError
from kehoach.readers import source
from kehoach.readers.source import format_date
from kehoach.state import BuildState

SRC = "ve-trang-nay/lich-su-thay-doi.md"


def on_files(state: BuildState, files, config):
    if files.get_file_from_path(SRC) is not None:
        raise SiteError(f"{state.docs}/{SRC}", None,
                        f"Đã có tệp {state.docs}/{SRC} viết tay, trùng địa chỉ với trang Lịch sử thay đổi tự tạo.",
                        f"{state.docs}/{SRC} exists and would replace the generated change log page.",
                        f"xóa tệp {state.docs}/{SRC}: trang này được tạo tự động từ lịch sử git.",
                        f"delete {state.docs}/{SRC}: the page is generated from the git history.")
    history = state.history
    if history is not None and history.known:
        history.plan = model.of_plan(history.commits, history.prefix, (state.docs, "data"))
    # Not in the nav unless the plan's mkdocs.yml lists it (under "Về trang này"): no warning either way.
    files.append(File.generated(config, SRC, content=html.page_markdown(state.markers),
                                inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def _shown(state: BuildState) -> list[model.Commit]:
    history = state.history
    return history.plan[:model.LIMIT] if history is not None and history.known else []


@lru_cache(maxsize=2)
def _log_url(directory_urls: bool) -> str:
    """The change log's address (the same for every page of a build)."""
    return urls.page_url(SRC, directory_urls)


def on_page_markdown(state: BuildState, page, config) -> None:
    """The link of the page's date (kh_updated, readers/build.py): its list of changes."""
    if not page.meta.get("kh_updated"):
        return
    here = urls.relative(_log_url(config.use_directory_urls), page.url)
    if page.file.generated_by is None:
        page.meta["kh_updated_href"] = f"{here}#{model.page_anchor(page.file.src_uri)}"
        return
    sources = set(state.page_sources.get(page.file.src_uri, ()))
    newest = next((c for c in _shown(state) if any(ch.path in sources for ch in c.changes)), None)
    page.meta["kh_updated_href"] = f"{here}#{model.entry_anchor(newest.sha)}" if newest else here


def on_env(state: BuildState, config, files):
    """Fill in the change log page; returns it (to be allow-listed), or None."""
    file = files.get_file_from_path(SRC)
    page = file.page if file is not None else None
    if page is None or not page.content or not state.markers.holds(page.content, html.MARKER):
        return None
    history = state.history
    if history is None or not history.known:
        content = html.no_history_html(history.reason if history is not None else source.NO_GIT)
        page.content = state.markers.fill(page.content, html.MARKER, content)
        return page

    def ref(src_uri: str) -> html.PageRef:
        target = files.get_file_from_path(src_uri).page
        return html.PageRef(target.title or src_uri, urls.relative(target.url, page.url))

    # The pages each file's changes show on: its own page, or the pages drawn from a data file.
    listed = [src for src in dict.fromkeys([*state.register.order, *state.page_sources])
              if _listed(files, src)]
    pages_of: dict[str, list[str]] = defaultdict(list)
    for src in listed:
        for path in state.page_sources.get(src, ()):
            pages_of[path].append(src)
    refs = {src: ref(src) for src in listed}
    shown = _shown(state)
    repo = config.get("repo_url")
    entries = [html.EntryView(
        anchor=model.entry_anchor(c.sha), date_iso=c.when.date().isoformat(), date_vi=format_date(c.when),
        subject=model.clean_subject(c.subject),
        files=tuple(html.FileView(ch.path, ch.status, tuple(refs[s] for s in pages_of.get(ch.path, ())))
                    for ch in c.changes),
        commit_url=f"{repo.rstrip('/')}/commit/{c.sha}" if repo else None, short_sha=c.sha[:7],
    ) for c in shown]
    older = history.plan[model.LIMIT:]
    by_page = []
    for src in listed:
        target = files.get_file_from_path(src).page
        if not target.meta.get("kh_updated"):
            continue
        sources = set(state.page_sources.get(src, ()))
        own = tuple((model.entry_anchor(c.sha), c.when.date().isoformat(), format_date(c.when))
                    for c in shown if any(ch.path in sources for ch in c.changes))
        by_page.append(html.PageChanges(model.page_anchor(src), refs[src], own,
                                        older=any(ch.path in sources for c in older for ch in c.changes)))
    history_url = f"{repo.rstrip('/')}/commits/{source.edit_branch()}/{history.prefix}" if repo else None
    content = html.changelog_html(entries, by_page, len(history.plan), history_url)
    page.content = state.markers.fill(page.content, html.MARKER, content)
    if entries and len(page.toc):
        page.toc.items[0].children += [AnchorLink(html.CHANGES_TITLE, html.CHANGES_ID, 2),
                                       AnchorLink(html.PAGES_TITLE, html.PAGES_ID, 2)]
    return page


def _listed(files, src_uri: str) -> bool:
    """A page with its own Markdown file (not a register entry's page, not this one)."""
    file = files.get_file_from_path(src_uri)
    return file is not None and file.page is not None and file.generated_by is None
