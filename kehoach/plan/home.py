"""The home page's own words: what the plan is, where to start, key figures.

Everything comes from data/home.yml and is wrapped in elements marked
`data-kh-chrome`: it is the site speaking, not the plan. A figure is only shown
if its value, label and detail appear word for word on the page it links to,
so the home page can never state a figure that the plan does not.

Only the introduction is Markdown (its schema says so): HTML in it is escaped
(`_md`), so it shows as text; what Markdown itself makes of it (links, emphasis)
is checked by the allow-list (kehoach/checks/html_allowlist.py) like any page.
Every other field is plain text (`_text`): a heading or a card's title written
`[x](https://…)` shows those characters, never a link (a heading's link would
also reach the table of contents, outside the article).
"""
from __future__ import annotations

from html import escape
from pathlib import Path
from posixpath import relpath

from kehoach.checks import files
from kehoach.checks import paths as inputcheck
from kehoach.core import chrome
from kehoach.core.data import DataFile
from kehoach.core.errors import excerpt


def _md(text: str) -> str:
    """A Markdown data field inside the page's Markdown: no raw HTML (`<`, `&` escaped)."""
    return escape(text, quote=False)


# What Python-Markdown reads a backslash before (its ESCAPED_CHARS with the
# tables extension of mkdocs-plan.yml); `<`, `>` and `&` are escaped as HTML.
_MARKDOWN_SIGNS = frozenset("\\`*_{}[]()#+-.!|")


def _text(text: str) -> str:
    """A plain-text data field inside the page's Markdown: one line, every sign
    Markdown acts on escaped, so the page shows the field's characters as written."""
    line = escape(" ".join(text.split()), quote=False)
    return "".join(f"\\{c}" if c in _MARKDOWN_SIGNS else c for c in line)


def _plain(markdown: str) -> str:
    """Source text without emphasis markers, for word-for-word comparison."""
    return " ".join(markdown.replace("*", "").split())


def check(home: DataFile, docs_dir: str) -> None:
    """Stop the build on a missing page or on a figure the linked page lacks."""
    docs = Path(docs_dir)
    for section in ("start", "figures"):
        for index, item in enumerate(home.data[section]["items"]):
            if "href" in item:
                inputcheck.check_docs_path(home, [section, "items", index, "href"], item["href"], docs, generated=True)
            link = item.get("link")
            if link is None:
                continue
            target = inputcheck.check_docs_path(home, [section, "items", index, "link"], link, docs)
            if not target.is_file():
                raise home.error(
                    [section, "items", index, "link"],
                    f"Trang '{link}' không có trong thư mục docs/.",
                    f"Page '{link}' does not exist under docs/.",
                    "sửa đường dẫn cho đúng tên tệp trong docs/ (ví dụ phan-1/index.md).",
                    "correct the path to a file under docs/ (e.g. phan-1/index.md).",
                )
            if section != "figures":
                continue
            text = _plain(files.read_page(docs, link))
            for field in ("value", "label", "detail"):
                wanted = " ".join(item[field].split())
                if wanted not in text:
                    quoted = excerpt(item[field], quote=False)  # at most one short line of the file
                    raise home.error(
                        [section, "items", index, field],
                        f"Không tìm thấy \"{quoted}\" trong trang {link}: trang chủ chỉ được nêu "
                        "con số và tên gọi có đúng từng chữ trong Kế hoạch.",
                        f"\"{quoted}\" does not appear on {link}: the home page may only state "
                        "figures and names exactly as the plan does.",
                        "chép đúng từng chữ từ trang được dẫn, hoặc dẫn tới đúng trang có con số đó.",
                        "copy the words exactly from the linked page, or link to the page that states them.",
                    )


def _href(item: dict, here: str) -> str:
    if "link" in item:
        return relpath(item["link"], here)
    return relpath(item["href"], here)


def intro(home: dict) -> str:
    paragraphs = "\n\n".join(_md(p) for p in home["intro"])
    return (
        f'<section class="kh-home-intro" id="gioi-thieu" aria-label="Giới thiệu" {chrome.MARK} markdown>\n\n'
        f"{paragraphs}\n\n"
        "</section>\n"
    )


def guide(home: dict, page_src_uri: str, heading_of) -> str:
    """Cards "where to start" and "key figures", as Markdown for md_in_html.

    `heading_of(link)` returns the first heading of a linked page, used to name
    the source of each figure.
    """
    here = Path(page_src_uri).parent.as_posix() or "."
    start = home["start"]
    cards = []
    for item in start["items"]:
        cards.append(
            f"-   [**{_text(item['title'])}**]({_href(item, here)})\n\n"
            f"    {_text(item['text'])}\n"
        )
    figures = home["figures"]
    numbers = []
    for item in figures["items"]:
        source = heading_of(item["link"]) or item["link"]
        numbers.append(
            f'-   <span class="kh-figure__value">{_text(item["value"])}</span>\n\n'
            f"    {_text(item['label'])}, {_text(item['detail'])}.\n\n"
            f"    [Xem trong Kế hoạch: {source}]({_href(item, here)})\n"
        )
    # Inside raw HTML, which Markdown leaves as it is: escaped as HTML only.
    note = f'<p class="kh-figures__note">{escape(figures["note"], quote=False)}</p>\n\n' if figures.get("note") else ""
    return (
        f'<div class="kh-home-guide" {chrome.MARK} markdown>\n\n'
        f"## {_text(start['heading'])} {{: #{start['id']} }}\n\n"
        '<div class="grid cards kh-start" markdown>\n\n'
        + "\n".join(cards)
        + "\n</div>\n\n"
        f"## {_text(figures['heading'])} {{: #{figures['id']} }}\n\n"
        + note
        + '<div class="grid cards kh-figures" markdown>\n\n'
        + "\n".join(numbers)
        + "\n</div>\n\n"
        "</div>\n"
    )
