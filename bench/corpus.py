"""Make a synthetic archive of N plans from ours: one archive, N plan folders.

The archive is laid out as the repository is: a copy of what every plan shares
(the list tests/siteutil.py keeps as SHARED_ITEMS: the archive's mkdocs.yml and
home page, mkdocs-plan.yml, our code, schemas, theme overrides) and one folder
plans/<id>/ per plan. `mkdocs build` at the archive's root builds every plan
with Material's projects plugin into site/<id>/, as for the public site.

Plan 0 is plans/snv-2022 copied unchanged (its signed record included). Plan i
is that plan rewritten so that it reads as another department's plan for
another year: the department's name and code replace "Sở Nội vụ", "SNV" and
"snv" everywhere (text, document numbers, ids), and the plan's identity
(data/plan.yml: number, date, title; data/site.yml: department and year; site
name; download name) carries its own year. The body keeps the years it cites:
moving them would invent documents that clash with each other (the same number
"39-NQ/TW" with two dates). A synthetic plan has no signed record (no
`record:` in data/site.yml): its words are not anyone's signed text.

The synthetic text is for measuring and testing only; it is not a plan of any
department, and it is never written into the repository's plans/ (only real
plans are published).
"""
from __future__ import annotations

import ast
import compileall
import py_compile
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from .yamltags import dump_config, load_config

# What every plan shares, at the archive's root: the list tests/siteutil.py keeps
# (SHARED_ITEMS), or this one.
SHARED_ITEMS = ["mkdocs.yml", "mkdocs-plan.yml", "macros.py", "hooks.py", "archive_hooks.py", "archive",
                "kehoach", "schemas", "overrides"]
PLANS = "plans"
SOURCE_PLAN = "snv-2022"  # the real plan every synthetic plan is made from
# A plan folder's items that are rewritten; record/ (the signed text) is plan 0's only.
PLAN_TEXT = ("docs", "data")
TEXT_SUFFIXES = {".md", ".markdown", ".yml", ".yaml", ".json", ".txt", ".csv", ".html"}

# Written into every synthetic plan's folder: the repository's plans/ must never hold
# it (tests/archive/test_synthetic_archive.py).
MARKER = "SYNTHETIC.txt"
MARKER_TEXT = ("Synthetic plan made by bench/corpus.py for tests and the bench: not a plan of any "
               "department. Never commit it under plans/.\n")

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
        """The plan's folder and address: "snv-2022", "stc-2022", ..., "snv-2023"."""
        from kehoach.core.vietnamese import slugify
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
    """Plan 0 is ours; then each department of DEPARTMENTS, then the next year
    forward (never back: the plan would then cite documents issued after it,
    which the build refuses)."""
    out = []
    for i in range(n):
        code, name = DEPARTMENTS[i % len(DEPARTMENTS)]
        out.append(Plan(i, code, name, BASE_YEAR + i // len(DEPARTMENTS)))
    return out


def _is_text(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES


def _copy_tree(src_dir: Path, dest_dir: Path, plan: Plan, identity: set[str] = frozenset()) -> None:
    for src in sorted(p for p in src_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        rel = src.relative_to(src_dir).as_posix()
        dest = dest_dir / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if _is_text(src):
            dest.write_text(plan.rewrite(src.read_text(encoding="utf-8"), years=rel in identity), encoding="utf-8")
        else:
            shutil.copy2(src, dest)


def shared_items(root: Path) -> list[str]:
    """What every plan shares: SHARED_ITEMS of the repository's tests/siteutil.py."""
    siteutil = root / "tests" / "siteutil.py"
    m = re.search(r"^SHARED_ITEMS = (\[.*?\])", siteutil.read_text(encoding="utf-8"), re.S | re.M) \
        if siteutil.exists() else None
    return ast.literal_eval(m.group(1)) if m else SHARED_ITEMS


def write_shared(root: Path, archive: Path) -> None:
    """The archive's root: a copy of what the repository's plans share (what a
    copy there holds already is replaced: the code measured is the repository's)."""
    archive.mkdir(parents=True, exist_ok=True)
    for name in shared_items(root):
        old = archive / name
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old)
        elif old.exists() or old.is_symlink():
            old.unlink()
        src = root / name
        if src.is_dir():
            shutil.copytree(src, archive / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, archive / name)
    _byte_compile(archive)


def generate_plan(root: Path, archive: Path, plan: Plan) -> Path:
    """Write plan's folder archive/plans/<plan id>/ and return it."""
    source = root / PLANS / SOURCE_PLAN
    folder = archive / PLANS / plan.id
    if plan.index == 0:  # ours, word for word
        shutil.copytree(source, folder, ignore=shutil.ignore_patterns("__pycache__"))
        return folder
    folder.mkdir(parents=True)
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    _copy_tree(source / "docs", folder / "docs", plan)
    _copy_tree(source / "data", folder / "data", plan, IDENTITY_DATA)
    site_yml = folder / "data" / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^record:.*\n", "", text)  # a synthetic plan has no signed record to be held to
    text = re.sub(r"(?m)^department:.*$", lambda m: f'department: "{plan.department}"', text)
    text = re.sub(r"(?m)^year:.*$", lambda m: f"year: {plan.year}", text)
    site_yml.write_text(text, encoding="utf-8")
    config = load_config(source / "mkdocs.yml")
    for key in ("site_name", "site_description", "copyright", "site_author"):
        if isinstance(config.get(key), str):
            config[key] = plan.rewrite(config[key], years=True)
    if isinstance((config.get("extra") or {}).get("download_name"), str):  # the PDF's file name
        config["extra"]["download_name"] = f"ke-hoach-{plan.year}-{plan.id.rsplit('-', 1)[0]}-bac-giang"
    if isinstance(config.get("site_url"), str):
        config["site_url"] = re.sub(r"[^/]+/?$", f"{plan.id}/", config["site_url"])
    dump_config(config, folder / "mkdocs.yml")
    return folder


def _byte_compile(archive: Path) -> None:
    """Write the archive's Python bytecode now, as pip does for every installed package.

    A build imports our code from the archive's folder; with PYTHONDONTWRITEBYTECODE
    set (this machine sets it) Python would compile it from source in every
    build, while MkDocs, Material and the plugins load from bytecode pip wrote.
    """
    for path in archive.glob("*.py"):
        py_compile.compile(str(path), doraise=True)
    for package in (p for p in archive.iterdir() if (p / "__init__.py").is_file()):
        if not compileall.compile_dir(str(package), quiet=1):
            raise SystemExit(f"{package}: Python files that do not compile")


def generate(root: Path, archive: Path, n: int | None = None, chosen: list[Plan] | None = None) -> list[Plan]:
    """Write one archive at `archive` (emptied first) holding n plans (or the
    `chosen` ones); return the plans. Plan folders: archive/plans/<id>/."""
    if archive.exists():
        shutil.rmtree(archive)
    all_plans = chosen if chosen is not None else plans(n or 0)
    ids = [p.id for p in all_plans]
    if len(set(ids)) != len(ids):
        raise ValueError(f"two plans with one id: {ids}")
    write_shared(root, archive)
    for plan in all_plans:
        generate_plan(root, archive, plan)
    return all_plans


def plan_folder(archive: Path, plan: Plan | str) -> Path:
    return archive / PLANS / (plan if isinstance(plan, str) else plan.id)


def page_count(archive: Path) -> int:
    return sum(1 for _ in (archive / PLANS).glob("*/docs/**/*.md"))


if __name__ == "__main__":  # python -m bench.corpus N OUT
    import sys
    made = generate(Path(__file__).resolve().parent.parent, Path(sys.argv[2]), int(sys.argv[1]))
    print(yaml.safe_dump([p.id for p in made]))
