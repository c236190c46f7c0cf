"""The macros that Markdown pages may call, registered on the macros env.

kehoach/macro_list.py declares each one (its name, the data files it draws
from); `register` defines exactly those and fails if one is missing or extra.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable
from posixpath import dirname, relpath


from kehoach.abbreviations import model as abbreviations
from kehoach.figures import chart
from kehoach.indicators import comparisons
from kehoach.exports import names as copies
from kehoach import settings
from kehoach.core import chrome, data, urls
from kehoach.checks import files
from kehoach.figures import html as figure_html
from kehoach.figures import model as figures
from kehoach.exports import fullplan
from kehoach.plan import home
from kehoach.indicators import model as indicators
from kehoach.register import html as register_render
from kehoach.register import build as register_site
from kehoach.plan import html as render
from kehoach.indicators import html as tables
from kehoach.macro_list import SITE_MACROS
from kehoach.state import BuildState

NOTES_PAGE = settings.NOTES_PAGE + "#cho-chua-thong-nhat"
FIGURES_PAGE = settings.FIGURES_PAGE
def register(env, state_of: Callable[[], BuildState]) -> None:
    """Define every macro of `MACROS` on the macros env. `state_of()` is the
    BuildState of the build of `env.conf` (kehoach/hooks.py): its project is the
    one whose data the macros draw."""
    state = state_of()
    project = state.project
    plan = data.load("plan", project).data
    home_data = data.load("home", project)
    home.check(home_data, env.conf["docs_dir"])
    indicator_tables = state.indicator_tables = indicators.load_tables(project)
    figure_book = state.figures = figures.load(project, env.conf["docs_dir"])
    defined: set[str] = set()

    def macro(func):
        if func.__name__ not in SITE_MACROS:
            raise RuntimeError(f"macro {func.__name__} is not declared in kehoach/macro_list.py MACROS")
        defined.add(func.__name__)
        return env.macro(func)

    def md_link(target: str) -> str:
        """A Markdown link target relative to the current page's source file."""
        return relpath(target, dirname(env.page.file.src_uri) or ".")

    def url_of(page: str, anchor: str) -> str:
        """URL of a paragraph of another page, relative to the current page (for raw HTML)."""
        conf = env.conf
        return f"{urls.relative(urls.page_url(page, conf['use_directory_urls']), env.page.url)}#{anchor}"

    @macro
    def document_header() -> str:
        """Số, place and date, kind and title of the plan (data/plan.yml)."""
        return render.document_header(plan)

    @macro
    def signature_block() -> str:
        """"Nơi nhận" and the signer (data/plan.yml)."""
        return render.signature_block(plan)

    @macro
    def section_contents() -> str:
        """Links to the pages of the section this index page opens."""
        return render.section_contents(env.page, env.conf["docs_dir"])

    @macro
    def download_links() -> str:
        """Links to the print page, the PDF and the offline copy (kehoach/exports/names.py)."""
        return copies.links(env.page.url, env.conf, _print_page_url())

    @macro
    def full_plan() -> str:
        """Where the print page shows the whole plan; filled in by kehoach/exports/build.py."""
        return state_of().markers.marker(fullplan.MARKER)

    def _print_page_url() -> str:
        return urls.page_url(fullplan.PRINT_PAGE, env.conf["use_directory_urls"])

    @macro
    def home_intro() -> str:
        """What the plan is, who made it, when (data/home.yml)."""
        return home.intro(home_data.data)

    @macro
    def home_guide() -> str:
        """Where to start reading and the key figures (data/home.yml)."""
        docs = Path(env.conf["docs_dir"])

        def heading_of(link: str) -> str | None:
            return render.heading_of(files.read_page(docs, link))

        return home.guide(home_data.data, env.page.file.src_uri, heading_of)

    @macro
    def register_overview() -> str:
        """Counts, filter and tables of the cited documents (filled in after all pages are read)."""
        return state_of().markers.marker(register_site.OVERVIEW_MARKER)

    @macro
    def register_fields() -> str:
        """The fields of the register's JSON and CSV downloads, explained."""
        return register_render.fields_html()

    @macro
    def register_exclusions() -> str:
        """Phrases that look like citations but are not (data/register.yml not_citations)."""
        return register_render.exclusions_html(register_site.current_register(state_of().register))

    @macro
    def abbreviation_glossary() -> str:
        """The table of abbreviations; the build fills in the counts (hooks.on_env)."""
        return state_of().markers.marker(abbreviations.GLOSSARY_MARKER)

    @macro
    def indicator_table(table_id: str) -> str:
        """An indicator table of data/indicators.yml, its computed note and downloads."""
        table = indicator_tables.get(table_id)
        if table is None:
            src = env.page.file
            raise indicators.unknown_table(state_of().source_path(src.src_uri), src.content_string, table_id,
                                           indicator_tables)
        csv_link = md_link(copies.data_path(table.id, "csv"))
        json_link = md_link(copies.data_path(table.id, "json"))
        return (
            tables.table_html(table)
            + f'\n<div class="kh-downloads" {chrome.MARK} markdown>\n\n'
            f"Tải số liệu của biểu: [tệp CSV]({csv_link}) · [tệp JSON]({json_link}). "
            "Ô để trống trong bản ký là ô trống trong tệp CSV và null trong tệp JSON. "
            f"Các chỉ số khác Phần I nêu: xem trang [Chỉ số và số liệu]({md_link(FIGURES_PAGE)}).\n\n</div>\n\n"
            + tables.note_html(table, comparisons.check_table(table))
            + f'\n<div class="kh-note-more" {chrome.MARK} markdown>\n\n'
            f"Xem thêm [Ghi chú về văn bản gốc]({md_link(NOTES_PAGE)}).\n\n</div>\n"
        )

    @macro
    def index_results() -> str:
        """Table, rank chart and checks of the indices Part I states (data/figures.yml)."""
        results = figures.index_results(figure_book)
        among = figure_book.data["ranked_among"]
        return (
            figure_html.index_table(results, among, url_of, state_of().site.province)
            + '<figure class="kh-figure" id="bieu-do-thu-hang">\n'
            + chart.rank_chart(results, among, "bieu-do-thu-hang")
            + "\n<figcaption>Thứ hạng của tỉnh theo từng chỉ số. Vòng tròn rỗng: năm "
            f"{results[0].first}; chấm đặc: năm {results[0].last}; vòng tròn viền đứt và dấu *: "
            "số do trang web tính. Số liệu đầy đủ ở bảng trên.</figcaption>\n</figure>\n"
        )

    @macro
    def index_checks() -> str:
        """What follows from the figures, in sentences, each marked agree / disagree."""
        return figure_html.checks_list(figures.index_results(figure_book))

    @macro
    def other_figures() -> str:
        """Other figures Part I states (turnout, recruitment, streamlining...)."""
        return figure_html.others_table(figure_book.data["others"], url_of)

    if defined != SITE_MACROS:
        raise RuntimeError(f"macros declared in MACROS but not defined: {sorted(SITE_MACROS - defined)}")
