"""Under `mkdocs serve`, what a rebuild keeps from the last one (the theme's
file list, each page's search entries: kehoach/preview/build.py) changes
nothing in the site served: after a page, its headings and a theme file
changed, the site is byte for byte the one a fresh serve build writes, and
only the changed page was parsed again for search.

The builds run in a process of their own (tests/preview/serve_rebuild.py), as
`mkdocs serve` would: the caches patch MkDocs and Material for that process.
"""
from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from siteutil import copy_project, repo_of

HERE = Path(__file__).parent
PAGE = "docs/phan-1/ket-qua/ton-giao.md"
EDITS = [
    [PAGE, "Triển khai nghiên cứu", "Triển khai *nghiên cứu*"],
    ["docs/ve-trang-nay/ghi-chu-van-ban.md", "do nhóm biên tập trang web viết", "do nhóm biên tập viết lại"],
    ["../../overrides/assets/xem-thu-moi.css", None, "body { margin: 0; }\n"],  # a theme file added
]


def serve_build(project: Path, out: Path, mode: str) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(repo_of(project)))
    proc = subprocess.run([sys.executable, str(HERE / "serve_rebuild.py"), str(project), str(out), mode,
                           json.dumps(EDITS)], env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def differences(a: Path, b: Path) -> list[str]:
    found = []

    def walk(cmp: filecmp.dircmp, rel: str) -> None:
        found.extend(f"{rel}{n}: only one side" for n in cmp.left_only + cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(f"{rel}{n}" for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{rel}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return found


@pytest.mark.errors
def test_a_rebuild_under_serve_writes_the_site_a_fresh_build_writes(tmp_path):
    cached = serve_build(copy_project(tmp_path / "cached"), tmp_path / "site-cached", "cached")
    fresh = serve_build(copy_project(tmp_path / "fresh"), tmp_path / "site-fresh", "plain")
    assert differences(tmp_path / "site-cached", tmp_path / "site-fresh") == []
    assert (tmp_path / "site-cached" / "assets" / "xem-thu-moi.css").is_file()  # the new theme file is there
    assert "<em>nghiên cứu</em>" in (tmp_path / "site-cached" / "phan-1/ket-qua/ton-giao/index.html").read_text("utf-8")
    assert "do nhóm biên tập viết lại" in (tmp_path / "site-cached" / "search" / "search_index.json").read_text("utf-8")
    # Only what changed was parsed for search again: the saved pages (and the few pages that show them).
    assert cached["pages"] == fresh["pages"] > 50
    assert 2 <= cached["parsed"] <= 6, cached
