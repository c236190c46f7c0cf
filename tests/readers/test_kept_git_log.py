"""git's log kept under the commit it was read at (kehoach/readers/source.py
`history`, `kept`): the next build reads the same history without running
`git log`, a new commit is read from git, and a kept file that does not match is
never used."""
from __future__ import annotations

import json
import subprocess

import pytest

from kehoach.readers import source


def git(cwd, *args, date="2022-01-02T09:00:00+07:00"):
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "PATH": "/usr/bin:/bin",
           "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-c", "user.name=Thử", "-c", "user.email=thu@example.invalid", *args],
                   cwd=cwd, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    plan = root / "plans" / "p"
    (plan / "docs").mkdir(parents=True)
    (plan / "docs" / "index.md").write_text("Một\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Trang đầu")
    return root, plan


def _calls(monkeypatch) -> list[str]:
    made = []
    real = source._git

    def counted(root, *args):
        made.append(args[0])
        return real(root, *args)

    monkeypatch.setattr(source, "_git", counted)
    return made


def _same(a, b) -> None:
    assert (a.commits, a.prefix, a.dates, a.reason) == (b.commits, b.prefix, b.dates, b.reason)


def test_the_log_is_read_once_per_commit(repo, tmp_path, monkeypatch):
    root, plan = repo
    kept = tmp_path / "cache" / "git-log.json"
    fresh = source.history(plan)
    assert fresh.known and fresh.prefix == "plans/p/" and "docs/index.md" in fresh.dates

    made = _calls(monkeypatch)
    _same(source.history(plan, kept), fresh)
    assert made == ["rev-parse", "log"] and kept.is_file()
    made.clear()
    _same(source.history(plan, kept), fresh)
    assert made == ["rev-parse"]  # the log kept under this commit

    (plan / "docs" / "index.md").write_text("Hai\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "Trang sửa", date="2022-03-04T10:00:00+07:00")
    made.clear()
    after = source.history(plan, kept)
    assert made == ["rev-parse", "log"]
    assert [c.subject for c in after.commits] == ["Trang sửa", "Trang đầu"]
    monkeypatch.undo()
    _same(after, source.history(plan))


def test_a_kept_log_of_another_commit_or_broken_is_not_used(repo, tmp_path, monkeypatch):
    root, plan = repo
    kept = tmp_path / "git-log.json"
    source.history(plan, kept)
    record = json.loads(kept.read_text(encoding="utf-8"))
    forged = record["log"].replace("Trang đầu", "Trang giả")
    for text in (json.dumps({"key": "0" * 64, "log": forged}), "{", json.dumps({"key": record["key"], "log": 3})):
        kept.write_text(text, encoding="utf-8")
        made = _calls(monkeypatch)
        got = source.history(plan, kept)
        assert made == ["rev-parse", "log"] and [c.subject for c in got.commits] == ["Trang đầu"]
        monkeypatch.undo()


def test_without_a_commit_or_outside_git_there_is_no_history(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "-q")
    outside = tmp_path / "outside"
    outside.mkdir()
    for folder in (empty, outside):
        got = source.history(folder, tmp_path / "git-log.json")
        assert not got.known and got.reason == source.NO_GIT
    assert not (tmp_path / "git-log.json").exists()
