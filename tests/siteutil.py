"""Helpers shared by the tests: build a copy of the project, read built HTML."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent

# What a copy of the project needs to build.
PROJECT_ITEMS = ["mkdocs.yml", "mkdocs-offline.yml", "macros.py", "hooks.py", "kehoach", "docs", "data", "schemas", "overrides"]


@dataclass
class BuildResult:
    returncode: int
    output: str  # stdout + stderr of `mkdocs build`
    site: Path

    def page(self, url_path: str) -> BeautifulSoup:
        """Parsed HTML of a page by its public path, e.g. "phan-1/ket-qua/ton-giao/"."""
        path = self.site / url_path.strip("/") / "index.html" if not url_path.endswith(".html") else self.site / url_path
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def run_build(project: Path, site: Path) -> BuildResult:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project))
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)


def edit(project: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    """Break a copy on purpose: replace `old` by `new` in one of its files."""
    edit_file(project / rel, old, new, count)


def edit_file(path: Path, old: str, new: str, count: int = 1) -> None:
    """`edit` for a file named by its whole path."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}: the test no longer matches the file"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def build_fails(project: Path, tmp_path: Path) -> str:
    """Build a broken copy into tmp_path/site: it must fail without a Python
    traceback and leave no pages behind. Returns what the build printed."""
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    assert not (tmp_path / "site" / "index.html").exists(), "a failed build left pages behind"
    return result.output


def copy_project(dest: Path) -> Path:
    """A throw-away copy of the project to break on purpose."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_ITEMS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def article(soup: BeautifulSoup):
    return soup.select_one("article.md-content__inner")
