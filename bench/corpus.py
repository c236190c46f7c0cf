"""Make a synthetic archive of N plans from ours, as one MkDocs project.

Plan i is a copy of whatever docs/ and data/ hold, rewritten so that it reads
as another department's plan for another year: the department's name and code
replace "Sở Nội vụ"/"SNV"/"snv" everywhere (text, document numbers, ids), and
the plan's identity (data/plan.yml: number, date, title; its id, URL prefix and
place in the nav) carries its own year. The body keeps the years it cites:
moving them would invent documents that clash with a shared register (the same
number "39-NQ/TW" with two dates). Plan 0 is ours unchanged.

Layout of the corpus (all under one output folder, never in the repository):

    docs/index.md            archive home: a list of the plans (generated)
    docs/assets/...          site-wide assets, shared (copied once)
    docs/<plan>/...          one plan's pages, e.g. docs/stc-2021/phan-1/...
    data/<name>.yml          our data unchanged (the site's own plan)
    data/<plan>/<name>.yml   one plan's data: its header, register, ...
    mkdocs.yml               ours, with a nav of N plan sections

kehoach.plans resolves a page's data from its first folder, so each plan has
its own header and its own footnote numbering. Data files that a feature loads
site-wide (not through kehoach.plans) are shared: they see data/<name>.yml.

The synthetic text is for measuring only; it is not a plan of any department.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from .yamltags import dump_config, load_config

# What a copy of the project needs to build (same list as tests/siteutil.py).
CODE_ITEMS = ["macros.py", "hooks.py", "kehoach", "schemas", "overrides"]
SHARED_DOCS = ("assets/",)  # site-wide files under docs/, copied once
TEXT_SUFFIXES = {".md", ".markdown", ".yml", ".yaml", ".json", ".txt", ".csv", ".html"}

# The plan's identity (number, date, title): the only data whose years move.
IDENTITY_DATA = {"plan.yml"}
BASE_YEAR = 2022
# Departments of a province (codes as used in document numbers: KH-SNV ...).
DEPARTMENTS = [
    ("SNV", "Sở Nội vụ"),
    ("STC", "Sở Tài chính"),
    ("SKHĐT", "Sở Kế hoạch và Đầu tư"),
    ("SYT", "Sở Y tế"),
    ("SGDĐT", "Sở Giáo dục và Đào tạo"),
    ("SXD", "Sở Xây dựng"),
    ("SCT", "Sở Công Thương"),
    ("STNMT", "Sở Tài nguyên và Môi trường"),
    ("SNNPTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
    ("SGTVT", "Sở Giao thông vận tải"),
    ("STP", "Sở Tư pháp"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("SLĐTBXH", "Sở Lao động - Thương binh và Xã hội"),
    ("STTTT", "Sở Thông tin và Truyền thông"),
    ("SKHCN", "Sở Khoa học và Công nghệ"),
    ("SNgV", "Sở Ngoại vụ"),
    ("BDT", "Ban Dân tộc tỉnh"),
    ("TTT", "Thanh tra tỉnh"),
    ("VPUBND", "Văn phòng UBND tỉnh"),
    ("BQLKCN", "Ban Quản lý các khu công nghiệp tỉnh"),
]
_YEAR = re.compile(r"(?<!\d)20[0-4]\d(?!\d)")
_SNV = re.compile(r"(?<!\w)SNV(?!\w)")
_SNV_ID = re.compile(r"(?<![a-z0-9])snv(?![a-z0-9])")  # in ids and addresses: ...-kl-snv


@dataclass(frozen=True)
class Plan:
    index: int
    code: str
    department: str
    year: int

    @property
    def id(self) -> str:
        """URL prefix and data folder: "snv-2022", "stc-2022", ..., "snv-2021"."""
        from kehoach.vietnamese import slugify
        return f"{slugify(self.code)}-{self.year}"

    @property
    def title(self) -> str:
        return f"{self.department} — năm {self.year}"

    def rewrite(self, text: str, years: bool = False) -> str:
        """Our text as this plan's: department renamed, and with `years` every
        year moved by the plan's offset. Plan 0 is ours unchanged."""
        if self.index == 0:
            return text
        delta = self.year - BASE_YEAR
        if delta and years:
            text = _YEAR.sub(lambda m: str(int(m.group(0)) + delta), text)
        if self.code != "SNV":
            text = text.replace("Sở Nội vụ", self.department)
            text = text.replace("SỞ NỘI VỤ", self.department.upper())
            text = _SNV.sub(self.code, text)
            text = _SNV_ID.sub(self.id.rsplit("-", 1)[0], text)
        return text


def plans(n: int) -> list[Plan]:
    out = []
    for i in range(n):
        code, name = DEPARTMENTS[i % len(DEPARTMENTS)]
        out.append(Plan(i, code, name, BASE_YEAR - i // len(DEPARTMENTS)))
    return out


def _is_text(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES


def _copy_rewritten(src: Path, dest: Path, plan: Plan, years: bool = False) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if _is_text(src):
        dest.write_text(plan.rewrite(src.read_text(encoding="utf-8"), years), encoding="utf-8")
    else:
        shutil.copy2(src, dest)


def _nav(items, plan: Plan):
    """Our nav with every page path under the plan's folder, titles rewritten."""
    if isinstance(items, str):
        return f"{plan.id}/{plan.rewrite(items)}" if not re.match(r"^\w+://", items) else items
    if isinstance(items, list):
        return [_nav(item, plan) for item in items]
    if isinstance(items, dict):
        return {plan.rewrite(str(k)): _nav(v, plan) for k, v in items.items()}
    return items


def _merge(values: list):
    """Union of the plans' versions of one value: lists joined (items with the same
    `id`, or equal items, once), anything else as in plan 0 (ours)."""
    first = values[0]
    if isinstance(first, list):
        out, seen = [], set()
        for value in values:
            for item in value:
                key = item.get("id") if isinstance(item, dict) and "id" in item else repr(item)
                if key not in seen:
                    seen.add(key)
                    out.append(item)
        return out
    if isinstance(first, dict):
        return {k: _merge([v.get(k, first[k]) for v in values if isinstance(v, dict)]) for k in first}
    return first


def _has_records(value) -> bool:
    if isinstance(value, list):
        return any(isinstance(item, dict) for item in value)
    return isinstance(value, dict) and any(_has_records(v) for v in value.values())


def _write_shared(src: Path, dest: Path, all_plans: list[Plan]) -> None:
    """Site-wide data file: ours, its lists of records joined over all plans.

    A site-wide register or glossary then knows every plan's documents or
    terms. A file without lists of records (data/plan.yml) stays ours.
    """
    text = src.read_text(encoding="utf-8")
    ours = yaml.safe_load(text)
    if not _has_records(ours) or len(all_plans) == 1:
        return
    merged = _merge([yaml.safe_load(plan.rewrite(text)) for plan in all_plans])
    head = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        head.append(line + "\n")
    body = yaml.safe_dump(merged, allow_unicode=True, sort_keys=False, width=1000)
    dest.write_text("".join(head) + body, encoding="utf-8")


def archive_nav(nav, all_plans: list[Plan]) -> list:
    """Archive home, then one section per year holding that year's plans.

    Grouping by year keeps the navigation each page renders short: with
    navigation.prune a page renders the top level (years) and its own
    branch, instead of one entry per plan of the whole archive.
    """
    years: dict[int, list] = {}
    for plan in all_plans:
        years.setdefault(plan.year, []).append({plan.department: _nav(nav, plan)})
    return [{"Kho kế hoạch": "index.md"}] + [{f"Năm {year}": items} for year, items in years.items()]


def _archive_home(all_plans: list[Plan]) -> str:
    lines = [
        "---", "title: Kho kế hoạch", "---", "",
        "# Kho kế hoạch phát triển kinh tế - xã hội {: #kho-ke-hoach }", "",
        "Bộ dữ liệu tổng hợp dùng để đo hiệu năng; mỗi kế hoạch là một bản sao đã đổi tên cơ quan và năm.", "",
    ]
    lines += [f"- [{p.title}]({p.id}/index.md)" for p in all_plans]
    return "\n".join(lines) + "\n"


def generate(root: Path, out: Path, n: int) -> list[Plan]:
    """Write the corpus of n plans to `out` (emptied first); return the plans."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in CODE_ITEMS:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, out / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, out / name)
    all_plans = plans(n)
    docs_src, data_src = root / "docs", root / "data"

    # docs: shared assets once, every other file once per plan.
    for src in sorted(p for p in docs_src.rglob("*") if p.is_file()):
        rel = src.relative_to(docs_src).as_posix()
        if rel.startswith(SHARED_DOCS):
            (out / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, out / "docs" / rel)
            continue
        for plan in all_plans:
            _copy_rewritten(src, out / "docs" / plan.id / plan.rewrite(rel), plan)
    (out / "docs" / "index.md").write_text(_archive_home(all_plans), encoding="utf-8")

    # data: a rewritten copy per plan; site-wide data/ = ours, with its lists
    # holding every plan's items (for features that load data site-wide).
    shutil.copytree(data_src, out / "data")
    for src in sorted(data_src.rglob("*.yml")):
        _write_shared(src, out / "data" / src.relative_to(data_src), all_plans)
    for src in sorted(p for p in data_src.rglob("*") if p.is_file()):
        rel = src.relative_to(data_src).as_posix()
        for plan in all_plans:
            dest = out / "data" / plan.id / rel
            _copy_rewritten(src, dest, plan, years=rel in IDENTITY_DATA)
            if dest.suffix in (".yml", ".yaml"):  # schema hint one folder deeper
                text = dest.read_text(encoding="utf-8")
                dest.write_text(text.replace("$schema=../schemas/", "$schema=../../schemas/"), encoding="utf-8")

    # mkdocs.yml: same configuration, nav = archive home + one section per plan.
    config = load_config(root / "mkdocs.yml")
    if config.get("nav"):
        config["nav"] = archive_nav(config["nav"], all_plans)
    config["site_name"] = "Kho kế hoạch (bộ dữ liệu đo hiệu năng)"
    dump_config(config, out / "mkdocs.yml")
    return all_plans


def page_count(project: Path) -> int:
    return sum(1 for _ in (project / "docs").rglob("*.md"))


if __name__ == "__main__":  # python -m bench.corpus N OUT
    import sys
    made = generate(Path(__file__).resolve().parent.parent, Path(sys.argv[2]), int(sys.argv[1]))
    print(yaml.safe_dump([p.id for p in made]))
