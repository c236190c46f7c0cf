"""The attribute values the theme writes again as markup: ids and titles.

Material reuses two values of a page's content without escaping them:

- an id: the skip link and the table of contents write `href="#{{ id }}"`
  (base.html, partials/toc-item.html; MkDocs' Jinja does not escape), and its
  script looks elements up as `[id="…"]`. An id with a quote in it (raw HTML,
  `{: id='…' }`, a footnote label, a heading's slug) closed that attribute and
  opened a <script>. Rule (ID): ASCII letters, digits, "-", "_" and ":" (the
  footnotes' fn:1), starting with a letter or a digit, at most ID_MAX
  characters. Every id the plan's pages and our generated pages use meets it.
- a title: with `content.tooltips`, the theme shows any `title` attribute of
  the content (and of abbreviations) as a tooltip by setting it as innerHTML
  (bundle.js: `[title]:not([data-preview])`, `abbr[title]`), so `<`, `>` and `&`
  in a title are markup there. Rule (TITLE): a title is plain text, none of
  those three characters, so that it reads the same as text and as HTML (our
  abbreviations' expansions already meet it: schemas/abbreviations.schema.json).

- a title a reader sees in the header, the navigation, the path, the footer's
  previous/next links or the table of contents: the theme writes each inside
  `.md-ellipsis` and, when it is cut short, copies its text (innerText, the
  entities decoded) into a `title` and so into the same tooltip (bundle.js
  `.md-ellipsis`): a heading or a page title written `&lt;img onerror=…&gt;`
  shows as text in the page, but as markup in that tooltip. Rule (TITLE) for
  the text of every entry of the table of contents and for the page's title
  (front matter, first heading, or a register entry's label).

`check` is run on each page's one tree, after every pass of on_page_content has
changed it, and on the page's table of contents (what the theme writes the ids
into), with the HTML allow-list (kehoach/checks/build.py check_html). A value
that breaks a rule stops the build with one message naming the file and line.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable

from kehoach.core import htmltree
from kehoach.core.errors import SiteError, excerpt

ID_MAX = 128
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_:-]{0,%d}" % (ID_MAX - 1))
TITLE_NOT = frozenset("<>&")


# The elements below a page's root that have an id or a title, in document order (found in C).
_WITH_ID_OR_TITLE = htmltree.finder("descendant::*[@id or @title]")
_IDS = htmltree.finder("descendant::*/@id", smart_strings=False)
_TITLES = htmltree.finder("descendant::*/@title", smart_strings=False)


def safe_id(value: str) -> bool:
    return ID.fullmatch(value) is not None


def safe_title(value: str) -> bool:
    return not ("<" in value or ">" in value or "&" in value)  # TITLE_NOT


def _toc_ids(items) -> Iterable[tuple[str, str]]:
    """(id, title) of every entry of a table of contents (MkDocs' AnchorLink), depth first."""
    for item in items:
        yield item.id, item.title
        yield from _toc_ids(item.children)


def _title_needles(value: str) -> list[str]:
    """How a title text may be written in its source: as is, escaped, from its first bad character."""
    bad = min(value.find(c) for c in TITLE_NOT if c in value)
    return [value, html.escape(value, quote=False), html.escape(value),
            *[part for part in value.split(": ") if not safe_title(part)],
            value[bad:bad + 24], html.escape(value[bad:bad + 24], quote=False)]


def first_offence(root: htmltree.Element, toc=(), title: str | None = None) -> tuple[str, str, list[str]] | None:
    """(kind "id", "title" or "heading", the value, the text to look for its line)
    of the first id or title in the tree `root`, id or entry text in the table of
    contents `toc`, or page `title` (plain text), that breaks its rule."""
    if all(map(safe_id, _IDS(root))) and all(map(safe_title, _TITLES(root))):
        elements = []  # every id and title of the tree meets its rule: none to look for
    else:
        elements = _WITH_ID_OR_TITLE(root)
    for el in elements:
        value = el.get("id")
        if value is not None and not safe_id(value):
            label = value.split(":", 1)[1] if value.startswith(("fn:", "fnref:")) else None
            heading = " ".join(el.text_content().rstrip("¶").split())[:60] if el.tag in {"h1", "h2", "h3", "h4", "h5", "h6"} else ""
            return "id", value, [value, html.escape(value), html.escape(value, quote=False),
                                 f"[^{label}]" if label is not None else "", heading]
        value = el.get("title")
        if value is not None and not safe_title(value):
            return "title", value, _title_needles(value)
    for value, entry in _toc_ids(toc):
        if safe_id(value) and safe_title(entry or ""):
            continue  # markup without <, > or & has none of them in its text either: not parsed
        text = htmltree.parse(entry).text_content().strip() if entry else ""
        if not safe_id(value):
            return "id", value, [value, html.escape(value), html.escape(value, quote=False), text[:60]]
        if not safe_title(text):
            return "heading", text, _title_needles(text)
    if title is not None and not safe_title(title):
        return "heading", title, _title_needles(title)
    return None


def _where(needles: list[str], sources: Iterable[tuple[str, Callable[[], str]]], page_rel: str) -> tuple[str, int | None]:
    """The first source (and line) holding one of `needles`, tried in order per source."""
    for path, read in sources:
        text = read()
        for needle in filter(None, needles):
            pos = text.find(needle)
            if pos >= 0:
                return path, text.count("\n", 0, pos) + 1
    return page_rel, None


def check(root: htmltree.Element, toc, sources: Iterable[tuple[str, Callable[[], str]]], page_rel: str,
          title: str | None = None) -> None:
    """Stop the build at the first id or title of the page that breaks its rule.
    `title`: the page's title as a reader sees it (plain text).
    `sources`: (path, read) pairs searched in order for its line (the page's own
    file, then data/); `page_rel` is named when none holds it."""
    offence = first_offence(root, toc, title)
    if offence is None:
        return
    kind, value, needles = offence
    where, line = _where(needles, sources, page_rel)
    if kind == "id":
        raise SiteError(
            where, line,
            f"Mã mục (id) {excerpt(value)} không hợp lệ: mã chỉ gồm chữ cái không dấu, chữ số, "
            f"dấu gạch ngang (-), gạch dưới (_) hoặc dấu hai chấm (:), bắt đầu bằng chữ cái hoặc chữ số, "
            f"dài tối đa {ID_MAX} ký tự (giao diện chép mã này vào liên kết mà không thoát ký tự).",
            f"The id {excerpt(value)} is not allowed: an id is ASCII letters, digits, '-', '_' or ':', "
            f"starting with a letter or a digit, at most {ID_MAX} characters (the theme copies it into "
            f"links unescaped).",
            "viết lại mã, ví dụ {: #ton-giao } sau tiêu đề; một tiêu đề không có mã, hoặc có mã "
            "bắt đầu bằng dấu, cần thêm {: #ma-muc } ở cuối dòng; nhãn chú thích [^...] chỉ dùng chữ và số.",
            "rewrite the id, e.g. {: #ton-giao } after a heading; a heading without one, or whose id "
            "starts with a sign, needs {: #its-id } at the end of its line; a footnote label [^...] is "
            "letters and digits only.",
        )
    if kind == "heading":
        raise SiteError(
            where, line,
            f"Tiêu đề {excerpt(value)} có ký tự <, > hoặc &: giao diện chép tiêu đề vào thanh điều hướng, "
            "mục lục và đầu trang, rồi hiện nó thành mã HTML khi tiêu đề dài bị cắt và người đọc trỏ chuột vào, "
            "nên tiêu đề chỉ được là chữ thường.",
            f"The title {excerpt(value)} holds <, > or &: the theme copies a title into the navigation, the "
            "table of contents and the header, and shows it as HTML in a tooltip when it is cut short, so a "
            "title is plain text only.",
            "bỏ các ký tự <, > và & khỏi tiêu đề (viết \"và\" thay cho &, \"nhỏ hơn\" thay cho <).",
            "remove <, > and & from the title (write \"và\" for &).",
        )
    raise SiteError(
        where, line,
        f"Thuộc tính title {excerpt(value)} có ký tự <, > hoặc &: giao diện hiện title thành mã HTML "
        "khi người đọc trỏ chuột vào, nên title chỉ được là chữ thường.",
        f"The title {excerpt(value)} holds <, > or &: the theme shows a title as HTML in its tooltip, "
        "so a title is plain text only.",
        "bỏ các ký tự <, > và & khỏi title (viết \"và\" thay cho &).",
        "remove <, > and & from the title (write \"và\" for &).",
    )
