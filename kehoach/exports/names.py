"""Names and addresses of what a reader downloads: the PDF, the offline copy
(tai-ve/) and the data downloads (du-lieu/).

Their addresses are promises like page addresses: never rename them.
`links` is the small block of links that the home page and the print page show
(the print page, the PDF, the whole plan as open data, the offline copy).
"""
from __future__ import annotations

import re
from html import escape
from pathlib import Path

from kehoach import settings
from kehoach.core import chrome, urls
from kehoach.core.errors import SiteError, line_of

FOLDER = settings.DOWNLOADS_FOLDER
DATA_FOLDER = settings.DATA_FOLDER
OPEN_DATA = settings.OPEN_DATA_STEM  # the whole plan as open data (kehoach/opendata/)


def data_path(stem: str, ext: str) -> str:
    """Where a data download lives in the site, relative to docs/: du-lieu/<stem>.<ext>."""
    return f"{DATA_FOLDER}/{stem}.{ext}"
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def name(config) -> str:
    """`extra.download_name` of mkdocs.yml: the PDF's and the offline copy's file name."""
    value = (config.get("extra") or {}).get("download_name")
    if isinstance(value, str) and _NAME.fullmatch(value):
        return value
    config_file = Path(config.config_file_path or "mkdocs.yml")
    try:
        text = config_file.read_text(encoding="utf-8")
    except OSError:
        text = ""
    raise SiteError(
        config_file.name, line_of(text, "download_name") or line_of(text, "extra:"),
        f"extra.download_name phải là tên tệp viết thường không dấu, nối bằng gạch ngang (đang là {value!r}).",
        f"extra.download_name must be a lower-case file name with hyphens (got {value!r}).",
        "ghi lại đúng tên cũ, ví dụ: download_name: ke-hoach-2022-so-noi-vu-bac-giang (địa chỉ tệp tải về không được đổi).",
        "restore the name, e.g. download_name: ke-hoach-2022-so-noi-vu-bac-giang (download addresses never change).",
    )


def pdf(config) -> str:
    """Site path of the PDF, e.g. tai-ve/ke-hoach-2022-so-noi-vu-bac-giang.pdf."""
    return f"{FOLDER}/{name(config)}.pdf"


def zip_file(config) -> str:
    """Site path of the offline copy, e.g. tai-ve/ke-hoach-2022-so-noi-vu-bac-giang-ban-ngoai-tuyen.zip."""
    return f"{FOLDER}/{name(config)}-ban-ngoai-tuyen.zip"


def is_offline(config) -> bool:
    """True in the build of the offline copy (Material's offline plugin is on)."""
    for name, plugin in config["plugins"].items():
        if name.split("/")[-1] == "offline" and getattr(plugin, "config", {}).get("enabled", True):
            return True
    return False


def links(page_url: str, config, print_page_url: str) -> str:
    """Links to the print page, the PDF and (on the public site) the offline copy.

    Raw HTML, marked `data-kh-chrome`: these are the site's words, not the plan's.
    `print_page_url` is the print page's URL in this build (it ends in .html offline).
    """
    offline = is_offline(config)

    def rel(target: str) -> str:
        return escape(urls.relative(target, page_url or "."))  # file names from mkdocs.yml

    items = []
    if urls.page_key(page_url) != urls.page_key(print_page_url):
        items.append(f'<li><a href="{rel(print_page_url)}">Xem toàn văn trên một trang để in</a></li>')
    items.append(
        f'<li><a href="{rel(pdf(config))}" download type="application/pdf">'
        "Tải toàn văn Kế hoạch (tệp PDF)</a></li>"
    )
    items.append(
        f'<li>Tải toàn văn dạng dữ liệu mở: <a href="{rel(data_path(OPEN_DATA, "json"))}" download '
        'type="application/json">tệp&#160;JSON</a> · '
        f'<a href="{rel(data_path(OPEN_DATA, "csv"))}" download type="text/csv">tệp&#160;CSV</a> '
        "(mỗi đề mục, đoạn, ý, bảng, chú thích kèm mã, địa chỉ và các văn bản được trích dẫn; "
        f'<a href="{rel(data_path(OPEN_DATA + ".schema", "json"))}" type="application/schema+json">'
        "lược đồ JSON Schema</a>)</li>"
    )
    if not offline:
        items.append(
            f'<li><a href="{rel(zip_file(config))}" download type="application/zip">'
            "Tải bản đọc không cần mạng (tệp nén .zip: giải nén rồi mở tệp index.html)</a></li>"
        )
    return (
        f'<div class="kh-takeaway" {chrome.MARK}>\n'
        '<p class="kh-takeaway__title">In và tải về</p>\n'
        "<ul>\n" + "\n".join(items) + "\n</ul>\n</div>\n"
    )
