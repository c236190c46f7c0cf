"""mkdocs-macros' `git` variable, computed only when a page reads it.

mkdocs-macros runs twelve `git` commands in every build to fill its `git`
variable (commit, tag, author, date of the last commit...): about 25 ms of CPU
per build here, more where starting a process is slow, and no page of ours
reads it. `install` (on_startup, before the plugin's on_config) makes the
plugin store a mapping that runs the plugin's own function the first time a
template reads the variable, so `{{ git.short_commit }}` still works.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import mkdocs_macros.context as macros_context

_GET_GIT_INFO = macros_context.get_git_info  # the plugin's own function


class LazyGitInfo(Mapping):
    """What mkdocs-macros' get_git_info returns, asked for on first read."""

    def __init__(self) -> None:
        self._info: dict[str, Any] | None = None

    def _load(self) -> dict[str, Any]:
        if self._info is None:
            self._info = _GET_GIT_INFO() or {}  # it returns None when git is not installed
        return self._info

    def __getitem__(self, key: str) -> Any:
        return self._load()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


def install() -> None:
    macros_context.get_git_info = LazyGitInfo
