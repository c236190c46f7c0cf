"""mkdocs-macros' `git` variable: its git commands run only when a page reads
it (kehoach/macros_git.py), and a page that reads it still gets the last commit."""
from __future__ import annotations

import subprocess

from kehoach import macros_git
from siteutil import copy_project, edit, run_build


def test_git_runs_only_when_the_variable_is_read(monkeypatch):
    calls = []
    monkeypatch.setattr(macros_git, "_GET_GIT_INFO",
                        lambda: calls.append(1) or {"short_commit": "abc1234", "status": True})
    info = macros_git.LazyGitInfo()
    assert calls == []
    assert info["short_commit"] == "abc1234"
    assert dict(info) == {"short_commit": "abc1234", "status": True}
    assert calls == [1]  # asked once, then kept


def test_without_git_the_variable_is_empty(monkeypatch):
    monkeypatch.setattr(macros_git, "_GET_GIT_INFO", lambda: None)  # what the plugin returns without git
    assert dict(macros_git.LazyGitInfo()) == {}


def test_a_page_that_reads_git_shows_the_last_commit(tmp_path, monkeypatch):
    monkeypatch.setenv("KEHOACH_DOWNLOADS", "0")  # no PDF or offline copy needed here
    project = copy_project(tmp_path / "project")
    identity = ["-c", "user.name=Kiểm thử", "-c", "user.email=kiem-thu@example.invalid"]
    for args in (["init", "-q"], ["add", "-A"], [*identity, "commit", "-q", "-m", "Bản thử"]):
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=project, check=True,
                            capture_output=True, text=True).stdout.strip()
    rel = "docs/ve-trang-nay/ghi-chu-van-ban.md"
    edit(project, rel, "nguyên và ghi lại dưới đây để người đọc biết.\n",
         "nguyên và ghi lại dưới đây để người đọc biết.\n\nPhiên bản {{ git.short_commit }} ({{ git.author }}).\n")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    text = result.page("ve-trang-nay/ghi-chu-van-ban/").get_text()
    assert f"Phiên bản {commit} (Kiểm thử)." in text
