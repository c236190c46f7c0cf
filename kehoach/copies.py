"""The copies a reader can take away: the PDF and the offline copy.

Their addresses are promises like page addresses: never rename them.
`links` is the small block of links that the home page and the print page show.
"""
from __future__ import annotations

from mkdocs.utils import get_relative_url

PDF = "tai-ve/ke-hoach-2022-so-noi-vu-bac-giang.pdf"
ZIP = "tai-ve/ke-hoach-2022-so-noi-vu-bac-giang-ban-ngoai-tuyen.zip"


def is_offline(config) -> bool:
    """True in the build of the offline copy (Material's offline plugin is on)."""
    for name, plugin in config["plugins"].items():
        if name.split("/")[-1] == "offline" and getattr(plugin, "config", {}).get("enabled", True):
            return True
    return False


def links(page_url: str, offline: bool, print_page_url: str) -> str:
    """Links to the print page, the PDF and (on the public site) the offline copy.

    Raw HTML, marked `data-kh-chrome`: these are the site's words, not the plan's.
    `print_page_url` is the print page's URL in this build (it ends in .html offline).
    """
    def rel(target: str) -> str:
        return get_relative_url(target, page_url or ".")

    items = []
    if _page_key(page_url) != _page_key(print_page_url):
        items.append(f'<li><a href="{rel(print_page_url)}">Xem toàn văn trên một trang để in</a></li>')
    items.append(
        f'<li><a href="{rel(PDF)}" download type="application/pdf">'
        "Tải toàn văn Kế hoạch (tệp PDF)</a></li>"
    )
    if not offline:
        items.append(
            f'<li><a href="{rel(ZIP)}" download type="application/zip">'
            "Tải bản đọc không cần mạng (tệp nén .zip: giải nén rồi mở tệp index.html)</a></li>"
        )
    return (
        '<div class="kh-takeaway" data-kh-chrome>\n'
        '<p class="kh-takeaway__title">In và tải về</p>\n'
        "<ul>\n" + "\n".join(items) + "\n</ul>\n</div>\n"
    )


def _page_key(url: str) -> str:
    return url.removesuffix(".html").removesuffix("index").strip("/")
