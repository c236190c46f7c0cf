"""Make a synthetic archive of N plans from ours: one MkDocs project per plan.

Plan i is a copy of the whole project (whatever docs/ and data/ hold, our code,
schemas, theme overrides), rewritten so that it reads as another department's
plan for another year: the department's name and code replace "Sở Nội vụ",
"SNV" and "snv" everywhere (text, document numbers, ids), and the plan's
identity (data/plan.yml: number, date, title; site name; id and URL prefix)
carries its own year. The body keeps the years it cites: moving them would
invent documents that clash with each other (the same number "39-NQ/TW" with
two dates). Plan 0 is ours unchanged.

Each plan is built on its own into <site>/<plan id>/ (site_url .../<plan id>/):
every feature that is global today (register of cited documents, glossary of
abbreviations, indicator tables, search index) is then per plan, namespaced by
the URL prefix, with no change to our code. One project holding N plans would
need every such feature to resolve data and page paths per plan; the notes in
RESULTS.md say what that costs.

The synthetic text is for measuring only; it is not a plan of any department.
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

# What a copy of the project needs to build besides docs/, data/ and mkdocs.yml:
# the list tests/siteutil.py keeps (PROJECT_ITEMS), or this one.
CODE_ITEMS = ["macros.py", "hooks.py", "kehoach", "schemas", "overrides"]
REWRITTEN = {"docs", "data", "mkdocs.yml"}
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
    out = []
    for i in range(n):
        code, name = DEPARTMENTS[i % len(DEPARTMENTS)]
        out.append(Plan(i, code, name, BASE_YEAR - i // len(DEPARTMENTS)))
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


def code_items(root: Path) -> list[str]:
    siteutil = root / "tests" / "siteutil.py"
    m = re.search(r"^PROJECT_ITEMS = (\[.*?\])", siteutil.read_text(encoding="utf-8"), re.S | re.M) \
        if siteutil.exists() else None
    items = ast.literal_eval(m.group(1)) if m else CODE_ITEMS
    return [item for item in items if item not in REWRITTEN]


def generate_plan(root: Path, out: Path, plan: Plan) -> Path:
    """Write plan's project to out/<plan id>/ and return that folder."""
    project = out / plan.id
    project.mkdir(parents=True)
    for name in code_items(root):
        src = root / name
        if src.is_dir():
            shutil.copytree(src, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, project / name)
    _copy_tree(root / "docs", project / "docs", plan)
    _copy_tree(root / "data", project / "data", plan, IDENTITY_DATA)
    site_yml = project / "data" / "site.yml"
    if plan.index and site_yml.exists():  # a synthetic plan has no signed record to be held to
        site_yml.write_text(re.sub(r"(?m)^record:.*\n", "", site_yml.read_text(encoding="utf-8")), encoding="utf-8")
    config = load_config(root / "mkdocs.yml")
    for key in ("site_name", "site_description", "copyright", "site_author"):
        if isinstance(config.get(key), str):
            config[key] = plan.rewrite(config[key], years=True)
    if plan.index and isinstance((config.get("extra") or {}).get("download_name"), str):  # the PDF's file name
        config["extra"]["download_name"] = f"ke-hoach-{plan.year}-{plan.id.rsplit('-', 1)[0]}-bac-giang"
    if isinstance(config.get("site_url"), str):
        config["site_url"] = re.sub(r"[^/]+/?$", f"{plan.id}/", config["site_url"])
    dump_config(config, project / "mkdocs.yml")
    _byte_compile(project)
    return project


def _byte_compile(project: Path) -> None:
    """Write the project's Python bytecode now, as pip does for every installed package.

    A build imports our code from the project folder; with PYTHONDONTWRITEBYTECODE
    set (this machine sets it) Python would compile it from source in every
    build, while MkDocs, Material and the plugins load from bytecode pip wrote.
    """
    for path in project.glob("*.py"):
        py_compile.compile(str(path), doraise=True)
    for package in (p for p in project.iterdir() if (p / "__init__.py").is_file()):
        if not compileall.compile_dir(str(package), quiet=1):
            raise SystemExit(f"{package}: Python files that do not compile")


def generate(root: Path, out: Path, n: int) -> list[Plan]:
    """Write n plan projects under `out` (emptied first); return the plans."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    all_plans = plans(n)
    for plan in all_plans:
        generate_plan(root, out, plan)
    return all_plans


def page_count(out: Path) -> int:
    return sum(1 for _ in out.glob("*/docs/**/*.md"))


if __name__ == "__main__":  # python -m bench.corpus N OUT
    import sys
    made = generate(Path(__file__).resolve().parent.parent, Path(sys.argv[2]), int(sys.argv[1]))
    print(yaml.safe_dump([p.id for p in made]))
