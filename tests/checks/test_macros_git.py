"""mkdocs-macros' `git` variable: no page may read it (kehoach/checks/templates.py),
so it is left empty and its twelve `git` commands never run (kehoach/patches/macros_git.py)."""
from __future__ import annotations

import mkdocs_macros.context as macros_context

from kehoach.patches import macros_git
from siteutil import build_fails, copy_project, edit


def test_the_plugin_runs_no_git_command(monkeypatch):
    calls = []
    monkeypatch.setattr(macros_context.subprocess, "check_output", lambda *a, **k: calls.append(a) or "x")
    monkeypatch.setattr(macros_context, "get_git_info", macros_context.get_git_info)  # undone after the test
    assert macros_context.get_git_info()["short_commit"] == "x" and calls, "the plugin's own function runs git"
    calls.clear()
    macros_git.install()
    assert macros_context.get_git_info() == {}
    assert calls == []


def test_a_page_that_reads_git_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    rel = "docs/ve-trang-nay/ghi-chu-van-ban.md"
    edit(project, rel, "nguyên và ghi lại dưới đây để người đọc biết.\n",
         "nguyên và ghi lại dưới đây để người đọc biết.\n\nPhiên bản {{ git.short_commit }}.\n")
    out = build_fails(project, tmp_path)
    assert f"{rel}, dòng" in out and "({{ git.short_commit }})" in out
    assert "Trang không được đọc thuộc tính hay phần tử" in out
