"""mkdocs-macros' `git` variable: always empty, so no `git` command runs.

mkdocs-macros runs twelve `git` commands in every build to fill its `git`
variable (commit, tag, author and author's e-mail of the last commit...):
about 25 ms of CPU per build here, and it puts the committer's e-mail within
reach of any page. A page may not read any variable (kehoach/checks/templates.py:
only calls of the site's macros with literal values), so nothing can read
`git`; `install` (on_startup, before the plugin's on_config) makes the plugin
store an empty mapping instead of running git.

What this relies on upstream is listed in kehoach/patches/__init__.py.
"""
from __future__ import annotations

import mkdocs_macros.context as macros_context


def no_git_info() -> dict:
    """Stands in for mkdocs_macros.context.get_git_info: no command, nothing to leak."""
    return {}


def install() -> None:
    macros_context.get_git_info = no_git_info
