"""MkDocs glue for the register of cited documents.

- on_files: load data/register.yml; add one generated page per entry
  (van-ban/<id>/, not in the nav) and the two downloads (JSON, CSV).
- on_page_content: on the plan's pages, give paragraphs ids and link every
  citation to its entry; stop the build on a citation the register lacks.
- on_env (all pages rendered, none written yet): stop the build on an entry
  cited nowhere or dated where the plan gives no date; fill in each entry's
  "Được trích dẫn tại", the overview and the downloads.
"""
from __future__ import annotations

import re
from collections import defaultdict

from mkdocs.structure.files import File, InclusionLevel

from kehoach.register import linker
from kehoach.register import model as register_mod
from kehoach.register import html as render
from kehoach.register import downloads as register_downloads
from kehoach import settings
from kehoach.core import urls
from kehoach.core.errors import SiteError, excerpt
from kehoach.state import RegisterState

SECTION = settings.REGISTER_SECTION
# The plan's own pages (the fidelity test's scope); other pages are not searched for citations.
OVERVIEW_MARKER = "van-ban-tong-quan"  # the marker's name (core/fill.py)
CITED_AT_MARKER = render.CITED_AT_MARKER


def current_register(state: RegisterState) -> register_mod.Register:
    """The register loaded for this build (loaded now if on_files has not run)."""
    if state.register is None:
        state.register = register_mod.load(state.project)
    return state.register


def _href(state: RegisterState, url: str, from_url: str) -> str:
    return urls.entry_link(url, from_url, state.directory_urls)


def on_config(state: RegisterState, config, project, site, docs: str) -> None:
    """`project`, `site` and `docs` are the BuildState's (kehoach/core/data.py, kehoach/settings.py)."""
    state.directory_urls = config.use_directory_urls
    state.project, state.site, state.docs = project, site, docs


def on_files(state: RegisterState, files, config):
    reg = register_mod.load(state.project)
    state.register = reg
    site_url = config.get("site_url") or ""
    for entry in reg.entries:
        src = f"{SECTION}/{entry.id}.md"
        if files.get_file_from_path(src) is not None:
            raise reg.error(
                entry, "id",
                f"Đã có tệp {state.docs}/{src} viết tay, trùng địa chỉ với trang tự tạo của mục '{entry.id}'.",
                f"{state.docs}/{src} exists and would replace the generated page of entry '{entry.id}'.",
                f"xóa tệp {state.docs}/{src}: trang của mỗi văn bản được tạo tự động từ data/register.yml.",
                f"delete {state.docs}/{src}: entry pages are generated from data/register.yml.",
            )
        page_file = File.generated(config, src, content=render.entry_markdown(entry, site_url, state.markers),
                                   inclusion=InclusionLevel.NOT_IN_NAV)
        # "Sửa trang này" on an entry's page opens data/register.yml (edit_uri is relative to docs/).
        page_file.edit_uri = "../data/register.yml"
        files.append(page_file)
    for name in (render.JSON_NAME, render.CSV_NAME):
        files.append(File.generated(config, f"{SECTION}/{name}", content=b""))
    return files


def on_nav(state: RegisterState, nav) -> None:
    state.order = [p.file.src_uri for p in nav.pages]


def _source_line(source: str, cited: str) -> int | None:
    pattern = r"\s+".join(re.escape(w) for w in cited.split())
    m = re.search(pattern, source)
    return source.count("\n", 0, m.start()) + 1 if m else None


def on_page_content(state: RegisterState, root, page) -> None:
    """Link the citations of a plan page, in its tree (kehoach/core/htmltree.py)."""
    src = page.file.src_uri
    if not state.site.is_plan_page(src) or state.register is None:
        return
    result = linker.link_page(root, state.register, lambda e: _href(state, e.url, page.url))
    if result.problems:
        p = result.problems[0]
        raise SiteError(f"{state.docs}/{src}", _source_line(page.file.content_string, p.text),
                        p.problem_vi, p.problem_en, p.fix_vi, p.fix_en)
    state.places[src] = result.places


def _page_label(page) -> str:
    title = page.title or page.file.src_uri
    top = page.ancestors[-1].title if page.ancestors else None
    return f"{top} › {title}" if top and top != title else title


def on_env(state: RegisterState, config, files, check: bool = True) -> None:
    """`check=False` (a --dirty build, which renders only changed pages) skips the integrity checks."""
    reg = state.register
    if reg is None:
        return
    by_entry: dict[str, list[tuple[linker.Place, object]]] = defaultdict(list)
    ordered = sorted(state.places, key=lambda s: state.order.index(s) if s in state.order else len(state.order))
    for src in ordered:
        page = files.get_file_from_path(src).page
        for place in state.places[src]:
            by_entry[place.entry_id].append((place, page))
    for entry in reg.entries:
        cited = by_entry.get(entry.id, [])
        if not check:
            continue
        if not cited:
            raise reg.error(
                entry, "id",
                f"Mục '{entry.id}' ({excerpt(entry.label, quote=False)}) không được trích dẫn ở đâu trong Kế hoạch.",
                f"Entry '{entry.id}' ({excerpt(entry.label, quote=False)}) is cited nowhere in the plan.",
                "xóa mục này khỏi danh mục, hoặc sửa số, ký hiệu/tên cho khớp từng chữ với Kế hoạch.",
                "remove the entry, or make its number/name match the plan's text exactly.",
            )
        if entry.date and all(p.date != entry.date for p, _ in cited):
            raise reg.error(
                entry, "date",
                f"Mục '{entry.id}' ghi ngày {entry.date} nhưng không chỗ trích dẫn nào trong Kế hoạch ghi ngày này.",
                f"Entry '{entry.id}' has the date {entry.date}, which no citation in the plan gives.",
                "chỉ ghi ngày mà Kế hoạch ghi; xóa dòng date nếu Kế hoạch không ghi ngày.",
                "only record a date the plan gives; remove the date line otherwise.",
            )
    # Fill in the generated pages and the downloads.
    counts = {entry_id: len(v) for entry_id, v in by_entry.items()}
    downloads = {e.id: [f"{page.url}#{p.anchor}" for p, page in by_entry[e.id]] for e in reg.entries}
    for file in files:
        if file.src_uri == f"{SECTION}/{render.JSON_NAME}":
            file.content_bytes = register_downloads.to_json(reg, downloads, config["site_name"])
        elif file.src_uri == f"{SECTION}/{render.CSV_NAME}":
            file.content_bytes = register_downloads.to_csv(reg, downloads)
        page = file.page
        if page is None or page.content is None:
            continue
        if state.markers.holds(page.content, OVERVIEW_MARKER):
            html = render.overview_html(reg, counts, lambda e, u=page.url: _href(state, e.url, u),
                                        urls.relative("assets/javascripts/van-ban.js", page.url))
            page.content = state.markers.fill(page.content, OVERVIEW_MARKER, html)
        for entry_id in state.markers.keys(page.content, CITED_AT_MARKER):
            entry = reg.by_id.get(entry_id)
            if entry is None:  # only our own entry pages hold this build's markers: never a typed key
                raise SiteError(f"{state.docs}/{page.file.src_uri}", None,
                                f"Không có mục '{entry_id}' trong danh mục văn bản để điền vào trang này.",
                                f"The register has no entry '{entry_id}' to fill in on this page.",
                                "sửa mã văn bản (id) trong data/register.yml.", "correct the entry's id in data/register.yml.")
            places = [(p, _href(state, cpage.url, page.url) + "#" + p.anchor, _page_label(cpage))
                      for p, cpage in by_entry[entry.id]]
            page.content = state.markers.fill(page.content, CITED_AT_MARKER, render.cited_at_html(entry, places), entry.id)
