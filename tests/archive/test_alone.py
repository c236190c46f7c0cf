"""A plan built alone keeps what MkDocs makes anew in every process, the
theme's compiled templates and its file list, in the archive's cache
(kehoach/archive/alone.py): the next build process loads them, the site is the
one a build without the cache writes, an edited template is compiled again, and
with KEHOACH_CACHE=0 nothing is kept."""
from __future__ import annotations

from pathlib import Path
import subprocess

import pytest

from siteutil import copy_project, edit_file, repo_of, run_build, tree_differences


def _kept(repo) -> dict[str, bytes]:
    folder = repo / ".cache" / "kehoach" / "templates"
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.is_dir() else {}


def test_a_plan_built_alone_keeps_its_compiled_templates_and_builds_the_same_site(tmp_path, monkeypatch):
    plan = copy_project(tmp_path / "repo")
    repo = repo_of(plan)

    monkeypatch.setenv("KEHOACH_CACHE", "0")
    without = run_build(plan, tmp_path / "site-without")
    assert without.returncode == 0, without.output
    assert _kept(repo) == {}  # the cache turned off: nothing written
    monkeypatch.delenv("KEHOACH_CACHE")

    first = run_build(plan, tmp_path / "site-1")
    assert first.returncode == 0, first.output
    kept = _kept(repo)
    assert len(kept) >= 40  # Material's templates and ours, compiled
    second = run_build(plan, tmp_path / "site-2")
    assert second.returncode == 0, second.output
    assert _kept(repo) == kept  # loaded, not compiled and written again
    assert tree_differences(tmp_path / "site-without", tmp_path / "site-1") == []
    assert tree_differences(tmp_path / "site-without", tmp_path / "site-2") == []

    # A template edited: Jinja finds its source changed and compiles it again.
    edit_file(repo / "overrides" / "partials" / "copyright.html", "Trang web được dựng bằng",
              "Trang web này được dựng bằng")
    third = run_build(plan, tmp_path / "site-3")
    assert third.returncode == 0, third.output
    assert "Trang web này được dựng bằng" in (tmp_path / "site-3" / "index.html").read_text(encoding="utf-8")
    now = _kept(repo)  # the edited template's code in place of the old, under the same name
    assert now.keys() == kept.keys() and sum(now[name] != kept[name] for name in kept) == 1


def test_a_plan_built_alone_refuses_a_cache_the_repository_tracks(tmp_path):
    """The compiled templates are run as code: a plan built alone trusts the
    archive's cache on the same terms as the archive's build (cache.trusted)."""
    plan = copy_project(tmp_path / "repo")
    repo = repo_of(plan)
    forged = repo / ".cache" / "kehoach" / "templates" / "forged.cache"
    forged.parent.mkdir(parents=True)
    forged.write_bytes(b"j2")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "-f", ".cache"], check=True)
    result = run_build(plan, tmp_path / "site")
    assert result.returncode != 0
    assert ".cache/kehoach/templates/forged.cache" in result.output
    assert "git rm -r --cached .cache" in result.output
    assert "Traceback" not in result.output


def test_the_theme_list_is_kept_for_the_next_process_and_dropped_with_the_cache_off(tmp_path, monkeypatch):
    """The theme's file list goes to the archive's store only where the cache is
    used; a process that builds again without it (tests, the bench) must not go on
    writing to the store an earlier build named."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from kehoach.archive import cache
    from kehoach.archive.alone import KeptEngineWork
    from kehoach.preview.build import ThemeFiles

    monkeypatch.setattr("kehoach.core.files.SETTLED_NS", 0)
    # ThemeFiles is installed class-wide: put MkDocs' own back after the test.
    monkeypatch.setattr(Files, "add_files_from_theme", Files.add_files_from_theme)
    plan = copy_project(tmp_path / "repo")
    repo = repo_of(plan)
    config = load_config(str(plan / "mkdocs.yml"))
    work = KeptEngineWork()
    work.on_config(config, "build")
    assert work.root == repo
    listing = ThemeFiles.installed()
    assert listing is not None and listing.store == repo / cache.THEME_FILES

    work.on_config(config, "serve")  # serve keeps its own, in memory
    assert work.root is None and listing.store is None
    monkeypatch.setenv("KEHOACH_CACHE", "0")
    work.on_config(config, "build")
    assert work.root is None and listing.store is None

    class Env:
        bytecode_cache = None

    env = Env()
    work.on_env(env)
    assert env.bytecode_cache is None


@pytest.mark.parametrize("folder", ["elsewhere", "plans-not"])
def test_a_configuration_outside_plans_keeps_nothing(tmp_path, folder):
    from kehoach.archive import cache

    config_file = tmp_path / folder / "p" / "mkdocs.yml"
    config_file.parent.mkdir(parents=True)
    config_file.write_text("site_name: x\n", encoding="utf-8")
    assert cache.plan_cache_root(str(config_file)) is None


def test_a_checkout_the_build_cannot_write_to_keeps_nothing(tmp_path, monkeypatch):
    """A plan built alone from a checkout it may not write to (a read-only mount)
    builds as before, without the cache, instead of failing on it."""
    import os

    from kehoach.archive import cache

    plan = copy_project(tmp_path / "repo", ["mkdocs.yml"])
    repo = repo_of(plan)
    config_file = str(plan / "mkdocs.yml")
    assert cache.plan_cache_root(config_file) == repo
    folder = repo / cache.TEMPLATES_FOLDER
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if Path(path) == folder else real_access(path, mode, **kw))
    assert cache.plan_cache_root(config_file) is None
    monkeypatch.undo()
    folder.rmdir()
    folder.parent.chmod(0o500)  # .cache/kehoach/ read-only: the templates' folder cannot be made
    try:
        if real_access(folder.parent, os.W_OK):  # root ignores permissions: nothing to see here
            return
        assert cache.plan_cache_root(config_file) is None
    finally:
        folder.parent.chmod(0o700)
