"""Every public address and plan-specific name the code uses, in one place.

Plan-specific names (the province, which pages carry the signed plan) are read
from data/site.yml of the project being built (kehoach/core/data.py knows which
one), so another plan is another data/ folder, not other code. The download
file name is mkdocs.yml's `extra.download_name` (kehoach/exports/names.py).

Public addresses are promises (people keep and share them): they are the same
for every plan, so they stay here as named constants. Never rename them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kehoach.core import data

# Public addresses, relative to docs/ (folders without a trailing slash).
DOWNLOADS_FOLDER = "tai-ve"          # the PDF and the offline copy
DATA_FOLDER = "du-lieu"              # CSV/JSON of the tables
PRINT_PAGE = "in-toan-van.md"        # the whole plan on one page
FIGURES_PAGE = "chi-so.md"           # "Chỉ số và số liệu"
FIGURES_STEM = "chi-so"              # du-lieu/chi-so.csv, .json
REGISTER_SECTION = "van-ban"         # van-ban/<id>/: one page per cited document
NOTES_PAGE = "ve-trang-nay/ghi-chu-van-ban.md"  # "Ghi chú về văn bản gốc"


@dataclass(frozen=True)
class Site:
    province: str
    plan_files: tuple[str, ...]
    plan_folders: tuple[str, ...]
    record: str | None = None  # the signed text the plan's pages are held to, from the project root

    def is_plan_page(self, src_uri: str) -> bool:
        return src_uri in self.plan_files or (src_uri.startswith(self.plan_folders) and src_uri.endswith(".md"))


_cache: dict[tuple[str, int], Site] = {}


def site() -> Site:
    """data/site.yml of the project being built (read again when the file changes)."""
    path = data._data_dir() / "site.yml"
    try:
        key = (str(Path(path).resolve()), path.stat().st_mtime_ns)
    except OSError:
        key = (str(path), -1)  # missing: data.load raises the clear message
    if key not in _cache:
        raw = data.load("site").data
        _cache.clear()
        _cache[key] = Site(raw["province"], tuple(raw["plan_pages"]["files"]),
                           tuple(raw["plan_pages"]["folders"]), raw.get("record"))
    return _cache[key]
