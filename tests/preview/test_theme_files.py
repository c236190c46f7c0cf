"""ThemeFiles (kehoach/preview/build.py): the theme's file list, made once for
every build of one process while the theme folders are the same; the archive's
process installs it for its own pages and the one plan it builds itself, whose
configuration names the same overrides/ folder another way (../../overrides).
Each build gets the files MkDocs itself would add, under its own folder names."""
from __future__ import annotations

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from kehoach.preview.build import ThemeFiles
from siteutil import ROOT


def _listed(files: Files) -> list[tuple[str, str]]:
    return sorted((f.src_uri, f.abs_src_path) for f in files)


def test_one_list_serves_the_archive_and_a_plan_with_their_own_folder_names(monkeypatch):
    original = Files.add_files_from_theme
    made = []

    def counted(files, env, config):
        made.append(config.config_file_path)
        original(files, env, config)

    monkeypatch.setattr(Files, "add_files_from_theme", counted)
    ThemeFiles().install()
    archive = load_config(str(ROOT / "mkdocs.yml"))
    plan = load_config(str(ROOT / "plans" / "snv-2022" / "mkdocs.yml"))
    assert archive.theme.dirs != plan.theme.dirs  # the same folders, named two ways
    got = {}
    for name, config in (("archive", archive), ("plan", plan)):
        files = Files([])
        Files.add_files_from_theme(files, config.theme.get_env(), config)
        got[name] = files
    assert len(made) == 1  # listed for the archive only

    for name, config in (("archive", archive), ("plan", plan)):
        expected = Files([])
        original(expected, config.theme.get_env(), config)
        assert _listed(got[name]) == _listed(expected), name
        assert len(expected) > 40  # Material's assets (scripts, styles, fonts), ours
        assert {f.src_dir for f in got[name]} <= set(config.theme.dirs)



def _theme_copy(tmp_path):
    """The plan's configuration with its overrides/ copied to tmp_path."""
    import os
    import shutil

    plan = load_config(str(ROOT / "plans" / "snv-2022" / "mkdocs.yml"))
    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    ours = os.path.realpath(ROOT / "overrides")
    plan.theme.dirs = [str(overrides)] + [d for d in plan.theme.dirs if os.path.realpath(d) != ours]
    return plan, overrides


def _builds(monkeypatch, plan, store):
    """build(): a new process's ThemeFiles over MkDocs' own listing; `made` counts the listings."""
    original = Files.add_files_from_theme
    made = []

    def counted(files, env, config):
        made.append(1)
        original(files, env, config)

    def build() -> Files:
        monkeypatch.setattr(Files, "add_files_from_theme", counted)
        theme = ThemeFiles().install()
        theme.store = store
        files = Files([])
        Files.add_files_from_theme(files, plan.theme.get_env(), plan)
        theme.save()
        return files

    return build, made, original


def test_the_list_is_kept_across_builds_while_no_theme_folder_changed(monkeypatch, tmp_path):
    monkeypatch.setattr("kehoach.core.files.SETTLED_NS", 0)  # every folder settled at once
    plan, overrides = _theme_copy(tmp_path)
    store = tmp_path / "cache" / "theme-files.json"
    build, made, original = _builds(monkeypatch, plan, store)
    expected = Files([])
    original(expected, plan.theme.get_env(), plan)
    assert _listed(build()) == _listed(expected) and len(made) == 1 and store.is_file()
    assert _listed(build()) == _listed(expected) and len(made) == 1  # read from the store

    (overrides / "assets" / "moi.css").write_text("p {}\n", encoding="utf-8")  # a file added: listed again
    assert "assets/moi.css" in {f.src_uri for f in build()} and len(made) == 2
    build()
    assert len(made) == 2
    (overrides / "assets" / "moi.css").unlink()  # and removed
    assert "assets/moi.css" not in {f.src_uri for f in build()} and len(made) == 3


def test_a_folder_changed_just_now_is_not_kept(monkeypatch, tmp_path):
    plan, overrides = _theme_copy(tmp_path)  # copied just now
    store = tmp_path / "theme-files.json"
    build, made, _ = _builds(monkeypatch, plan, store)
    build()
    build()
    assert len(made) == 2 and not store.exists()


def test_a_store_naming_files_outside_the_theme_is_not_used(monkeypatch, tmp_path):
    import json

    monkeypatch.setattr("kehoach.core.files.SETTLED_NS", 0)
    plan, overrides = _theme_copy(tmp_path)
    store = tmp_path / "theme-files.json"
    build, made, _ = _builds(monkeypatch, plan, store)
    build()
    record = json.loads(store.read_text(encoding="utf-8"))
    record["listed"].append(["../../../etc/passwd", 0])
    store.write_text(json.dumps(record), encoding="utf-8")
    assert "../../../etc/passwd" not in {f.src_uri for f in build()} and len(made) == 2
