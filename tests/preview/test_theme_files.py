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
