"""Helpers shared by the tests: build a copy of the project, read built HTML.

One way to break a copy and build it (`broken_copy`, then `build_fails`), one
way to find the line a message should name (`line_of`). Builds of a copy skip
the PDF and the offline copy (KEHOACH_DOWNLOADS=0) unless a test asks for them:
only the session's build of the real site (conftest.py `built`) writes them.
Set KEHOACH_TEST_BUILD_LOG to a file to have every build counted there.
"""
from __future__ import annotations

import filecmp
import json
import os
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent  # the repository: the archive
PLAN_ID = "snv-2022"
PLAN = ROOT / "plans" / PLAN_ID  # the real plan's folder: what most tests build


def plan_url(plan_id: str = PLAN_ID) -> str:
    """The address a plan is published at: the archive's site_url, then its id."""
    from kehoach.readers.source import archive_site_url

    return archive_site_url(ROOT).rstrip("/") + f"/{plan_id}/"

# What a copy of a plan needs to build: the plan's own items (in plans/<id>/)
# and the code every plan shares (at the repository's root).
PLAN_ITEMS = ["mkdocs.yml", "docs", "data", "record"]  # "mkdocs.yml": the plan's own
SHARED_ITEMS = ["mkdocs.yml", "mkdocs-plan.yml", "macros.py", "hooks.py", "archive_hooks.py", "archive",
                "kehoach", "schemas", "overrides"]
PROJECT_ITEMS = PLAN_ITEMS + SHARED_ITEMS


def repo_of(project: Path) -> Path:
    """The repository (or copy) a plan folder `project` belongs to: two levels up."""
    project = Path(project).resolve()
    return project.parent.parent if project.parent.name == "plans" else project


@dataclass
class BuildResult:
    returncode: int
    output: str  # stdout + stderr of `mkdocs build`
    site: Path

    def page(self, url_path: str) -> BeautifulSoup:
        """Parsed HTML of a page by its public path, e.g. "phan-1/ket-qua/ton-giao/"."""
        path = self.site / url_path.strip("/") / "index.html" if not url_path.endswith(".html") else self.site / url_path
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def run_build(project: Path, site: Path, downloads: bool | None = None) -> BuildResult:
    """`mkdocs build --strict` of `project` into `site`. `downloads`: write the
    PDF and the offline copy (default: only for the repository itself)."""
    if downloads is None:
        downloads = Path(project).resolve() == PLAN
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(repo_of(project)))
    if not downloads:
        env["KEHOACH_DOWNLOADS"] = "0"
    _count_build(project, env.get("KEHOACH_DOWNLOADS") != "0")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)


def _count_build(project: Path, downloads: bool) -> None:
    log = os.environ.get("KEHOACH_TEST_BUILD_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps({"test": os.environ.get("PYTEST_CURRENT_TEST", "?"),
                                "project": str(project), "downloads": downloads}) + "\n")


def line_of(where: Path | str, needle: str) -> int:
    """The 1-based line where `needle` first starts: in the file `where`,
    or in `where` itself when it is text."""
    if isinstance(where, Path):
        where = where.read_text(encoding="utf-8")
    assert needle in where, f"{needle!r} not found: the test no longer matches the file"
    return where[: where.index(needle)].count("\n") + 1


def edit(project: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    """Break a copy on purpose: replace `old` by `new` in one of its files (a file
    of the plan, or of what every plan shares, such as schemas/ or mkdocs-plan.yml)."""
    edit_file(in_copy(project, rel), old, new, count)


def in_copy(project: Path, rel: str) -> Path:
    """`rel` in a copy: in the plan's folder, or at the copy's root for a shared item."""
    if rel.split("/", 1)[0] in SHARED_ITEMS and rel.split("/", 1)[0] not in PLAN_ITEMS:
        return repo_of(project) / rel
    return project / rel


def edit_file(path: Path, old: str, new: str, count: int = 1) -> None:
    """`edit` for a file named by its whole path."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}: the test no longer matches the file"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def build_fails(project: Path, tmp_path: Path, downloads: bool = False) -> str:
    """Build a broken copy into tmp_path/site: it must fail without a Python
    traceback and leave no pages behind. Returns what the build printed."""
    result = run_build(project, tmp_path / "site", downloads=downloads)
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    assert not (tmp_path / "site" / "index.html").exists(), "a failed build left pages behind"
    return result.output


def copy_project(dest: Path, items: list[str] = PROJECT_ITEMS) -> Path:
    """A throw-away copy of the real plan (or of some of its `items`) with the
    code it shares, laid out as the repository is: `dest` holds the shared
    items and dest/plans/<id>/ the plan's. Returns the plan's folder, which is
    what tests edit ("docs/...", "data/...") and build."""
    plan = dest / "plans" / PLAN_ID
    plan.mkdir(parents=True, exist_ok=True)
    for name in items:
        if name in PLAN_ITEMS:
            src, target = PLAN / name, plan / name
        else:
            src, target = ROOT / name, dest / name
        if name == "mkdocs.yml":  # the archive's too, so that the copy builds as the repository does
            shutil.copy2(ROOT / name, dest / name)
        if src.is_dir():
            shutil.copytree(src, target, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, target)
    return plan


def broken_copy(tmp_path: Path, *edits: tuple, name: str = "project") -> Path:
    """A copy of the project in tmp_path/name with `edits` made, each
    (file relative to the project, old text, new text[, count])."""
    project = copy_project(tmp_path / name)
    for rel, old, new, *count in edits:
        edit(project, rel, old, new, *count)
    return project


def not_held_to_record(project: Path) -> Path:
    """Let a copy's plan pages say what the signed text does not (a test that
    puts markup or a formula into the plan's words): `mkdocs build` holds
    them to record/ only when data/site.yml names it."""
    edit(project, "data/site.yml", 'record: "record/ke-hoach-2022-ban-ky.txt"\n', "")
    return project


def article(soup: BeautifulSoup):
    return soup.select_one("article.md-content__inner")


def serve_folder(folder: Path):
    """A quiet static HTTP server of `folder` on 127.0.0.1, in a thread; its port is
    `server_address[1]`; stop it with `shutdown()`."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def free_port() -> int:
    """A free TCP port of 127.0.0.1, for a server a test or the bench starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url: str, timeout: float) -> tuple[int, str]:
    """Status and body of a GET, an error status included (4xx/5xx raise nothing)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def start_serve(project: Path, port: int, log) -> subprocess.Popen:
    """`mkdocs serve` of the copy `project` on 127.0.0.1:`port`, its output to
    the open file `log`; stop it with `stop`."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(repo_of(project)))
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)


def stop(proc: subprocess.Popen) -> None:
    """Stop a server `start_serve` started, killing it if it does not end within 10 s."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def tree_differences(a: Path, b: Path) -> list[str]:
    """The files that differ between two built sites (byte for byte), or that one side lacks."""
    found = []

    def walk(cmp: filecmp.dircmp, rel: str) -> None:
        found.extend(f"{rel}{n}: only one side" for n in cmp.left_only + cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(f"{rel}{n}" for n in mismatch + errors + cmp.common_funny)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{rel}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return found
