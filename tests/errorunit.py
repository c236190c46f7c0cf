"""Helpers for testing a contributor's error message as a unit: call the
check that raises it on the broken input, without building the site.

Every message is a kehoach.core.errors.SiteError; `message` returns the text
the build would print for it (MkDocs prints str(error) as it is). The promises
only a build can show (exit code, no traceback, nothing half-made published)
are kept by one end-to-end failing build per mechanism (siteutil.build_fails).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.core import data
from kehoach.core.errors import SiteError
from kehoach.state import BuildState
from siteutil import PLAN, ROOT, copy_project, edit


def message(fn, *args, **kwargs) -> str:
    """What `fn(*args)` says when it refuses the input: one SiteError with a fix."""
    with pytest.raises(SiteError) as info:
        fn(*args, **kwargs)
    text = str(info.value)
    assert "Cách sửa:" in text and "[EN] Fix:" in text, text
    assert "Traceback" not in text
    return text


def assert_where(out: str, rel: str, line: int | None) -> None:
    where = f"{rel}, dòng {line} (line {line}):" if line else f"{rel}:"
    assert where in out, f"expected {where!r} in:\n{out}"


def project_data(project: Path) -> data.Project:
    """data/ and schemas/ of `project` (its files named in messages relative to
    it), as a build of that project reads them (BuildState.project)."""
    return data.Project.at(project)


def data_copy(tmp_path: Path, *edits: tuple) -> Path:
    """A copy of data/ and schemas/ only, with `edits` made (as siteutil.broken_copy)."""
    project = copy_project(tmp_path / "project", ["data", "schemas"])
    for rel, old, new, *count in edits:
        edit(project, rel, old, new, *count)
    return project


def data_message(project: Path, name: str | None = None) -> str:
    """The message loading data/<name>.yml of `project` gives (every file when no name)."""
    if name is None:
        return message(data.check_all, project_data(project))
    return message(data.load, name, project_data(project))


class Config(dict):
    """An MkDocs config as the code reads it: keys, and the file it came from."""

    def __init__(self, project: Path, **items):
        super().__init__(items)
        self.config_file_path = str(Path(project) / "mkdocs.yml")


class MacrosEnv:
    """The macros plugin as kehoach.macros.register uses it: the config, the
    page being rendered, `macro` (here collecting each function by name)."""

    def __init__(self, page=None):
        self.conf = Config(ROOT, docs_dir=str(PLAN / "docs"), use_directory_urls=True)
        self.page = page
        self.macros: dict = {}

    def macro(self, func):
        self.macros[func.__name__] = func
        return func


def site_macro_env(page=None) -> MacrosEnv:
    """The site's real macros, registered by kehoach.macros.register on a
    stand-in of the plugin (the repository's data); `page` is env.page."""
    from kehoach import macros

    env = MacrosEnv(page)
    state = BuildState(project=project_data(PLAN), docs="docs")
    macros.register(env, lambda: state)
    return env


def site_macros() -> set[str]:
    """The names of the macros pages may call, as kehoach.macros.register
    defines them on the macros plugin (here on a stand-in that only collects)."""
    return set(site_macro_env().macros)
