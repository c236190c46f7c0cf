"""Every public address and plan-specific name the code uses, in one place.

Plan-specific names (the province, which pages carry the signed plan) are read
from data/site.yml of the project being built (`load_site`, once per build,
into the BuildState: `state.site`), so another plan is another data/ folder,
not other code. The download
file name is mkdocs.yml's `extra.download_name` (kehoach/exports/names.py).

Public addresses are promises (people keep and share them): they are the same
for every plan, so they stay here as named constants. Never rename them.
"""
from __future__ import annotations

from dataclasses import dataclass
from kehoach.core import data

# Public addresses, relative to docs/ (folders without a trailing slash).
DOWNLOADS_FOLDER = "tai-ve"          # the PDF and the offline copy
DATA_FOLDER = "du-lieu"              # CSV/JSON of the tables
PRINT_PAGE = "in-toan-van.md"        # the whole plan on one page
FIGURES_PAGE = "chi-so.md"           # "Chỉ số và số liệu"
FIGURES_STEM = "chi-so"              # du-lieu/chi-so.csv, .json
OPEN_DATA_STEM = "toan-van"          # du-lieu/toan-van.json, .csv, .schema.json: the whole plan as open data
REGISTER_SECTION = "van-ban"         # van-ban/<id>/: one page per cited document
NOTES_PAGE = "ve-trang-nay/ghi-chu-van-ban.md"  # "Ghi chú về văn bản gốc"


@dataclass(frozen=True)
class Site:
    province: str
    plan_files: tuple[str, ...]
    plan_folders: tuple[str, ...]
    record: str | None = None  # the signed text the plan's pages are held to, from the project root

    def is_plan_page(self, src_uri: str) -> bool:
        """Whether the Markdown page `src_uri` carries the plan's own text (the
        signed document): one rule for citation linking, abbreviation
        counting, the whole-plan print page and the record check."""
        return src_uri in self.plan_files or (src_uri.startswith(self.plan_folders) and src_uri.endswith(".md"))


def load_site(project: data.Project) -> Site:
    """data/site.yml of `project`."""
    raw = data.load("site", project).data
    return Site(raw["province"], tuple(raw["plan_pages"]["files"]),
                tuple(raw["plan_pages"]["folders"]), raw.get("record"))
