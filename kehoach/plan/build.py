"""The plan's own pages at build time: footnotes checked before rendering, and
the words held to the signed record once every page is rendered.

Footnotes keep the plan's numbers (footnotes.py, a Markdown extension that
mkdocs.yml loads); here every page's footnotes are checked before it is
rendered: each reference has a text, each text a reference, each number is
used once across the site. At on_env the rendered plan pages are compared,
word for word, with record/ (record.py): a changed, added or removed word
stops the build, naming the page, its line and the words.
"""
from __future__ import annotations

from kehoach import settings
from kehoach.core import htmltree
from kehoach.core.errors import SiteError
from kehoach.plan import footnotes, pages, record
from kehoach.state import BuildState


def on_page_markdown(state: BuildState, markdown: str, page) -> None:
    def page_source():  # read again only to report an error's line
        return page.file.content_string

    footnotes.check_page(state.source_path(page.file.src_uri), page_source, markdown, state.footnote_pages)


def check_no_code_block(state: BuildState, root: htmltree.Element, page) -> None:
    """The plan has no program code: a code block on a plan page is a paragraph
    that a tab or four spaces at the start of its line turned grey and monospace.
    `root`: the page's tree (kehoach/core/htmltree.py)."""
    if not pages.is_plan_page(page.file.src_uri):
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


def _quote(ws: list[str]) -> str:
    return "«" + " ".join(ws) + "»"


def check_record(state: BuildState, files) -> None:
    """The words of the plan's pages, in reading order, against record/."""
    rel = settings.site().record
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
    plan = [(f.src_uri, f.page.content or "") for f in files.documentation_pages()
            if pages.is_plan_page(f.src_uri) and f.page is not None]
    diff = record.compare(record.read(path, rel), plan)
    if diff is None:
        return
    source = next(f for f in files.documentation_pages() if f.src_uri == diff.page).content_string
    line = record.line_in(source, diff.context)
    blame = state.source_path(diff.page)
    if line is None:  # words drawn by a macro from data/ (the home page's header, recipients)
        for yml in sorted((state.root / "data").glob("*.yml")):
            line = record.line_in(yml.read_text(encoding="utf-8"), diff.context)
            if line:
                blame = yml.relative_to(state.root).as_posix()
                break
    where = f"{rel}, dòng {diff.record_line}" if diff.record_line else rel
    where_en = f"{rel}, line {diff.record_line}" if diff.record_line else rel
    if diff.kind == "changed" and not diff.record_words:
        vi = f"Trang có thêm {_quote(diff.page_words)} mà văn bản đã ký không có ({where})."
        en = f"The page adds {_quote(diff.page_words)}, which the signed text does not have ({where_en})."
    elif diff.kind == "changed" and not diff.page_words:
        vi = f"Trang thiếu {_quote(diff.record_words)} của văn bản đã ký ({where})."
        en = f"The page leaves out {_quote(diff.record_words)} of the signed text ({where_en})."
    elif diff.kind == "changed":
        vi = (f"Chữ của Kế hoạch khác văn bản đã ký ({where}): văn bản gốc viết {_quote(diff.record_words)}, "
              f"trang này viết {_quote(diff.page_words)}.")
        en = (f"The plan's words differ from the signed text ({where_en}): the record says "
              f"{_quote(diff.record_words)}, this page says {_quote(diff.page_words)}.")
    elif diff.kind == "missing":
        vi = f"Thiếu chữ của văn bản đã ký ({where}): {_quote(diff.record_words)} không có trên trang nào; chỗ của nó là sau dòng này."
        en = f"Words of the signed text ({where_en}) are on no page: {_quote(diff.record_words)}; they belong after this line."
    else:
        vi = f"Chữ {_quote(diff.page_words)} có trên các trang Kế hoạch nhiều lần hơn trong văn bản đã ký ({rel}): đoạn bị chép hai lần?"
        en = f"The words {_quote(diff.page_words)} are on the plan's pages more often than in the signed text ({rel}): a paragraph copied twice?"
    raise SiteError(
        blame, line or 1, vi, en,
        f"sửa lại cho đúng từng chữ như văn bản đã ký {rel} (không sửa tệp đó). Trang web chỉ đăng lại văn bản, "
        "không biên tập lời văn; nếu bản ký có chỗ sai, giữ nguyên và ghi vào trang Ghi chú về văn bản gốc.",
        f"make the words match the signed text {rel} exactly (never edit that file); known slips of the "
        "signed text stay as they are and are listed on the notes page (docs/ve-trang-nay/ghi-chu-van-ban.md).",
    )
