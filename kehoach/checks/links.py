"""Broken internal links stop the build with the Markdown file and line.

MkDocs already finds links to pages that do not exist and anchors that no page
has, but it only logs a warning without a line number ("Doc file 'x.md'
contains a link ..."). We reuse MkDocs' own findings, so the rules stay exactly
MkDocs' rules, and turn each one into a `SiteError` that names the line:

- `LinkWatch` is a logging filter on MkDocs' page logger (the logger is
  handed in by kehoach/checks/build.py: this module imports nothing from
  MkDocs). It keeps each warning about a link to a missing page (and hides
  it: our error replaces it).
- `check_page` runs right after a page is rendered and raises for the first
  kept warning of that page.
- `check_anchors` runs once every page is rendered (on_env, before MkDocs'
  own anchor check) and raises for the first link to an anchor that the target
  page does not have, using the anchors MkDocs collected while rendering.

The messages are made from plain data (`where` finds the link's file and line
in the page's source, or in the data file a macro drew it from; `dead_link`,
`dead_anchor` word them), so tests/checks/test_links_unit.py tests them
without a build.

What this relies on upstream is listed in kehoach/patches/__init__.py.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable

from kehoach.core.errors import SiteError, excerpt, line_of


# "Doc file 'a.md' contains a link 'b.md', but the target ... is not found ..."
# "Doc file 'a.md' contains an unrecognized relative link 'b/', it was left as is."
# "Doc file 'a.md' contains an absolute link '/b/', it was left as is."
_WARNING_RE = re.compile(
    r"^Doc file '(?P<src>[^']+)' contains (?P<kind>a|an unrecognized relative|an absolute) link '(?P<url>[^']*)'"
)


class LinkWatch(logging.Filter):
    """Collect MkDocs' link warnings per page instead of printing them."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, list[tuple[str, str]]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        match = _WARNING_RE.match(record.getMessage())
        if not match:
            return True
        self.found.setdefault(match["src"], []).append((match["kind"], match["url"]))
        return False  # check_page raises our own message for it

    def install(self, logger: logging.Logger) -> None:
        """Watch `logger`: the engine's page logger (kehoach/checks/build.py names it)."""
        for old in [f for f in logger.filters if isinstance(f, LinkWatch)]:
            logger.removeFilter(old)  # an earlier build of `mkdocs serve`
        self.found.clear()
        logger.addFilter(self)


# (file as a contributor names it, a function reading its text): read only when needed.
Source = tuple[str, Callable[[], str]]


def _line(source: str, url: str) -> int | None:
    return line_of(source, f"]({url}") or line_of(source, f"]: {url}") or line_of(source, url)


def _line_in_data(text: str, url: str) -> int | None:
    """The line of a link to `url` written in a data file's text (Markdown or
    an HTML href): a data file also names pages that are not links."""
    return line_of(text, f"]({url}") or line_of(text, f"]: {url}") or line_of(text, f'href="{url}"')


def where(page: str, source: str, url: str, data_files: Iterable[Source] = ()) -> tuple[str, int | None]:
    """The file and line of the link `url` found on `page`: its line in the
    page's `source`, else in the first data file that holds it (a link a
    macro drew from data/), else the page without a line."""
    line = _line(source, url)
    if line is None:
        for rel, read in data_files:
            found = _line_in_data(read(), url)
            if found:
                return rel, found
    return page, line


def dead_link(place: tuple[str, int | None], kind: str, url: str) -> SiteError:
    """The message for MkDocs' finding `kind` (see _WARNING_RE) about `url` at `place` (file, line)."""
    url = excerpt(url, quote=False)  # as the page wrote it: quoted one line long at most
    if kind == "an absolute":
        return SiteError(
            *place,
            f"Liên kết '{url}' bắt đầu bằng dấu '/': trang web có thể đặt ở một thư mục con nên liên kết sẽ hỏng.",
            f"The link '{url}' starts with '/': the site may live in a sub-folder, so the link would break.",
            "viết đường dẫn tương đối tới tệp .md, tính từ thư mục của trang này (ví dụ ../ket-qua/ton-giao.md).",
            "write a path to the .md file relative to this page's folder (e.g. ../ket-qua/ton-giao.md).",
        )
    if kind == "an unrecognized relative":
        return SiteError(
            *place,
            f"Liên kết '{url}' trỏ tới một địa chỉ trang web, không phải tới tệp .md trong docs/.",
            f"The link '{url}' points to a web address, not to a .md file under docs/.",
            "trỏ liên kết vào tệp .md của trang (ví dụ ../ket-qua/ton-giao.md thay cho ../ket-qua/ton-giao/).",
            "point the link at the page's .md file (e.g. ../ket-qua/ton-giao.md instead of ../ket-qua/ton-giao/).",
        )
    return SiteError(
        *place,
        f"Liên kết '{url}' trỏ tới một trang hoặc tệp không có trong thư mục docs/.",
        f"The link '{url}' points to a page or file that does not exist under docs/.",
        "sửa đường dẫn cho đúng tên tệp .md (tính từ thư mục của trang này, ví dụ ../ket-qua/ton-giao.md), "
        "hoặc bỏ liên kết.",
        "correct the path to the .md file (relative to this page's folder, e.g. ../ket-qua/ton-giao.md), "
        "or remove the link.",
    )


def dead_anchor(place: tuple[str, int | None], url: str, anchor: str, target: str, same_page: bool) -> SiteError:
    """The message for a link `url` at `place` (file, line) to '#`anchor`' that
    the page `target` (docs/….md; `same_page`: the page that links) lacks."""
    url, anchor = excerpt(url, quote=False), excerpt(anchor, quote=False)  # as the page wrote them
    on = "trang này" if same_page else f"trang {target}"
    on_en = "this page" if same_page else f"the page {target}"
    return SiteError(
        *place,
        f"Liên kết '{url}' trỏ tới mục '#{anchor}' nhưng {on} không có mục nào mang mã đó.",
        f"The link '{url}' points to '#{anchor}', but {on_en} has no heading or element with that id.",
        f"mở {target}, tìm mã đúng của mục (phần {{: #ma-muc }} ở cuối dòng tiêu đề) "
        "và sửa phần sau dấu # trong liên kết.",
        f"open {target}, find the heading's id (the {{: #id }} at the end of its line) "
        "and correct the part after # in the link.",
    )


def check_page(page, watch: LinkWatch, docs: str = "docs", data_files: Iterable[Source] = ()) -> None:
    """Raise for the first link of `page` to a page or file that does not exist."""
    urls = watch.found.pop(page.file.src_uri, [])
    if not urls:
        return
    kind, url = urls[0]
    raise dead_link(where(f"{docs}/{page.file.src_uri}", page.file.content_string, url, data_files), kind, url)


def check_anchors(files, docs: str = "docs", data_files: Iterable[Source] = ()) -> None:
    """Raise for the first link to an anchor (#...) that its target page lacks."""
    for file in files.documentation_pages():
        page = file.page
        if page is None or not page.links_to_anchors:
            continue
        for to_file, links in page.links_to_anchors.items():
            target = to_file.page
            if target is None or target.present_anchor_ids is None:
                continue
            for anchor, url in links.items():
                if anchor in target.present_anchor_ids:
                    continue
                place = where(f"{docs}/{file.src_uri}", file.content_string, url, data_files)
                raise dead_anchor(place, url, anchor, f"{docs}/{to_file.src_uri}", to_file == file)
