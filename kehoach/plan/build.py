"""The plan's own pages at build time: footnotes checked before rendering, and
the words held to the signed record once every page is rendered.

Footnotes keep the plan's numbers (footnotes.py, a Markdown extension that
mkdocs.yml loads); here every page's footnotes are checked before it is
rendered: each reference has a text, each text a reference, each number is
used once across the site. At on_env the rendered plan pages are compared,
word for word, with record/ (record.py): a changed, added or removed word
stops the build, naming the page, its line and the words (record_errors.py).
"""
from __future__ import annotations

from kehoach.core import data, htmltree
from kehoach.core.errors import SiteError
from kehoach.plan import footnotes, record, record_errors
from kehoach.state import BuildState


def on_page_markdown(state: BuildState, markdown: str, page) -> None:
    def page_source():  # read again only to report an error's line
        return page.file.content_string

    footnotes.check_page(state.source_path(page.file.src_uri), page_source, markdown, state.footnote_pages)


def check_no_code_block(state: BuildState, root: htmltree.Element, page) -> None:
    """The plan has no program code: a code block on a plan page is a paragraph
    that a tab or four spaces at the start of its line turned grey and monospace.
    `root`: the page's tree (kehoach/core/htmltree.py)."""
    if not state.site.is_plan_page(page.file.src_uri):
        return
    found = next(root.iter("pre"), None)
    if found is None:
        return
    source = page.file.content_string
    line = record.line_in(source, record.words(htmltree.spaced_text(found))[:4]) or 1
    raise SiteError(
        state.source_path(page.file.src_uri), line,
        "Đoạn văn này bị thụt đầu dòng (một phím Tab hoặc từ 4 dấu cách) nên hiện thành khung chữ "
        "máy (khối mã) màu xám, không còn là đoạn văn của Kế hoạch.",
        "This paragraph starts with a tab or four spaces, so it shows as a grey monospace code block "
        "instead of a paragraph of the plan.",
        "xóa các dấu cách hoặc Tab ở đầu dòng này; đoạn văn bắt đầu sát lề trái.",
        "remove the spaces or tab at the start of the line; a paragraph starts at the left margin.",
    )


def check_record(state: BuildState, files) -> None:
    """The words of the plan's pages, in reading order, against record/."""
    rel = state.site.record
    if not rel or state.dirty:  # --dirty renders only changed pages: the others have no text to compare
        return
    path = state.root / rel
    if not path.is_file():
        raise SiteError(
            "data/site.yml", None,
            f"Không tìm thấy văn bản gốc {rel} mà data/site.yml (record) nêu.",
            f"The signed text {rel} that data/site.yml (record) names is missing.",
            f"đặt lại tệp {rel} (lấy từ kho chính), hoặc sửa đường dẫn trong data/site.yml.",
            f"restore {rel} from the main repository, or correct the path in data/site.yml.",
        )
    # Each page's final tree as the build keeps it (parsed again only if its HTML changed since).
    plan = [(f.src_uri, state.trees.of(f.page.url, f.page.content) if f.page.content else "")
            for f in files.documentation_pages() if state.site.is_plan_page(f.src_uri) and f.page is not None]

    def page_source(src_uri: str) -> record_errors.Source:
        file = next(f for f in files.documentation_pages() if f.src_uri == src_uri)
        return state.source_path(src_uri), lambda: file.content_string

    # data.sources: listed only when a difference is not on the page itself
    error = record_errors.check(record.read(path, rel), plan, page_source, data.sources(state.project))
    if error is not None:
        raise error
