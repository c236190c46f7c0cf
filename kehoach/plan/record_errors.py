"""What a contributor reads when the plan's pages leave the record (no MkDocs).

`check` holds the plan's rendered pages to the record (record.compare) and
returns the first difference as one SiteError: the page (or the data file the
words were drawn from: the home page's header, the recipients), the line
there, the record's line and both words, in Vietnamese and English. It takes
plain data, so the messages are tested without a build
(tests/plan/test_record_unit.py); plan/build.py calls it at on_env.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from kehoach.core.errors import SiteError, excerpt
from kehoach.plan.record import Difference, Record, compare, line_in

if TYPE_CHECKING:
    from kehoach.core.htmltree import Element

# (file as a contributor names it, a function reading its text): read only when needed.
Source = tuple[str, Callable[[], str]]


def _quote(ws: list[str]) -> str:
    """At most 12 words (record.compare), each as long as a page wrote it: cut as any quoted value."""
    return "«" + excerpt(" ".join(ws), quote=False) + "»"


def check(record: Record, pages: list[tuple[str, str | Element]], page_source: Callable[[str], Source],
          data_files: Iterable[Source] = ()) -> SiteError | None:
    """The error for the first difference between `pages`, (src_uri, rendered
    HTML or its kept tree) in reading order, and `record`; None when they say the same.
    `page_source(src_uri)` names a page's file and reads its text;
    `data_files` are the files a macro may have drawn the words from."""
    diff = compare(record, pages)
    if diff is None:
        return None
    return error(diff, record.rel, page_source(diff.page), data_files)


def _blame(diff: Difference, page: Source, data_files: Iterable[Source]) -> tuple[str, int | None]:
    """The file and line holding the words where the difference is: the
    page's source, else the first data file that has them."""
    rel, read = page
    line = line_in(read(), diff.context)
    if line is None:  # words drawn by a macro from data/
        for data_rel, read_data in data_files:
            found = line_in(read_data(), diff.context)
            if found:
                return data_rel, found
    return rel, line


def error(diff: Difference, rel: str, page: Source, data_files: Iterable[Source] = ()) -> SiteError:
    """The message for `diff`; `rel` is the record as data/site.yml names it."""
    blame, line = _blame(diff, page, data_files)
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
    return SiteError(
        blame, line or 1, vi, en,
        f"sửa lại cho đúng từng chữ như văn bản đã ký {rel} (không sửa tệp đó). Trang web chỉ đăng lại văn bản, "
        "không biên tập lời văn; nếu bản ký có chỗ sai, giữ nguyên và ghi vào trang Ghi chú về văn bản gốc.",
        f"make the words match the signed text {rel} exactly (never edit that file); known slips of the "
        "signed text stay as they are and are listed on the notes page (docs/ve-trang-nay/ghi-chu-van-ban.md).",
    )
