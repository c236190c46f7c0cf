"""The plans of the archive: each folder plans/<id>/ with a mkdocs.yml is a plan.

What the archive lists of a plan comes from the plan's own data: the header of
data/plan.yml (number, place and date, kind, title, word for word as signed)
and data/site.yml (the department and the year the plan is for). Nothing about
a plan is written in code or in the archive's configuration.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kehoach.core import data
from kehoach.core.errors import SiteError

PLANS_FOLDER = "plans"
PLAN_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PLAN_ID_MAX = 60
# "<place>, ngày 12 tháng 11 năm 2021"; the day (or month) may be left blank
# in a signed text, as in ours ("ngày   tháng 11 năm 2021").
_DATE = re.compile(r"ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})")


@dataclass(frozen=True)
class Plan:
    id: str                 # the folder's name: the plan's address, /<id>/
    folder: Path
    number: str             # "Số: /KH-SNV", as signed
    place_and_date: str     # "<place>, ngày tháng 11 năm 2021", as signed
    kind: str               # "KẾ HOẠCH"
    title: str              # "Phát triển kinh tế - xã hội năm 2022"
    department: str         # the issuing department (data/site.yml)
    province: str           # the province (data/site.yml)
    year: int               # 2022: the year the plan is for (data/site.yml)
    signed: tuple[int, int, int]  # (year, month, day) read from place_and_date, 0 where blank

    @property
    def sort_key(self) -> tuple:
        """Newest first: by the year the plan is for, then the date it was signed."""
        return (-self.year, tuple(-n for n in self.signed), self.id)


def signed_date(text: str) -> tuple[int, int, int]:
    """(year, month, day) of "…, ngày 12 tháng 11 năm 2021"; 0 for a part left blank."""
    m = _DATE.search(text)
    if not m:
        return (0, 0, 0)
    day, month, year = (int(g) if g else 0 for g in m.groups())
    return (year, month, day)


def plan_folders(root: Path) -> list[Path]:
    """The folders under plans/ that hold a mkdocs.yml, by name."""
    base = Path(root) / PLANS_FOLDER
    if not base.is_dir():
        return []
    return sorted(p.parent for p in base.glob("*/mkdocs.yml"))


# The data files a plan's entry in the archive is read from (besides the schemas).
PLAN_FILES = ("plan.yml", "site.yml")


def load_plan(folder: Path, cache: data.DataCache | None = None, kept=None) -> Plan:
    """The plan of `folder`, read from its data. `kept`: the plans read by an
    earlier build, keyed by these files (kehoach/archive/cache.py `PlanModels`:
    `get(folder)`, a Plan or None, and `put(plan)`)."""
    plan_id = folder.name
    if len(plan_id) > PLAN_ID_MAX or not PLAN_ID.fullmatch(plan_id):
        raise SiteError(
            f"{PLANS_FOLDER}/{plan_id[:PLAN_ID_MAX]}", None,
            "Tên thư mục của một kế hoạch là địa chỉ của nó trên trang web: chỉ được dùng chữ thường "
            f"không dấu, chữ số và dấu gạch nối, tối đa {PLAN_ID_MAX} ký tự.",
            "A plan's folder name is its address on the site: lowercase ASCII letters, digits and "
            f"hyphens only, at most {PLAN_ID_MAX} characters.",
            "đổi tên thư mục, ví dụ plans/snv-2023.", "rename the folder, e.g. plans/snv-2023.",
        )
    plan = kept.get(folder) if kept is not None else None
    if plan is not None:
        return plan
    root = folder.parent.parent  # messages name the plan's files from the repository's root
    project = data.Project(root, folder / "data", data.schemas_of(root), cache or data.DataCache())
    header = data.load("plan", project).data
    site = data.load("site", project).data
    plan = Plan(plan_id, folder, header["number"], header["place_and_date"], header["kind"],
                header["title"], site["department"], site["province"], site["year"],
                signed_date(header["place_and_date"]))
    if kept is not None:
        kept.put(plan)
    return plan


def load_plans(root: Path, cache: data.DataCache | None = None, kept=None) -> list[Plan]:
    """Every plan of the archive at `root`, newest first (`kept`: as load_plan takes it)."""
    plans = sorted((load_plan(folder, cache, kept) for folder in plan_folders(root)), key=lambda p: p.sort_key)
    if kept is not None:
        kept.save()
    return plans
