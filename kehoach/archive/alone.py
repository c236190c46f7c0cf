"""A plan built alone (`mkdocs build -f plans/<id>/mkdocs.yml`) keeps what
MkDocs makes anew in every build process though it rarely changes: the theme's
templates compiled (about 0.15 s of each process: Material's 43 templates and
ours, which a plain MkDocs build compiles too) and the theme's file list
(about 0.055 s); and git's log of the whole history with renames, which
the page dates and the change log are read from (about 0.04 s, the same until
the next commit). They are kept in the archive's own cache, as the archive's
build keeps them (kehoach/archive/build.py): git's log under the commit it was
read at (cache.GIT_LOG, kehoach/readers/source.py history), the compiled code under
cache.TEMPLATES_FOLDER (Jinja checks each template's source against its
checksum, so an edited template is compiled again), the list in
cache.THEME_FILES (kehoach/preview/build.py ThemeFiles: used only while no
theme folder changed). Only where the cache may be used at all
(cache.plan_cache_root: KEHOACH_CACHE, `trusted`); the published build runs
with KEHOACH_CACHE=0 and keeps nothing. Under `mkdocs serve` the session keeps
the templates and the list in memory instead (kehoach/preview/build.py).
What this relies on upstream is listed in kehoach/patches/__init__.py.
"""
from __future__ import annotations

from pathlib import Path

from kehoach.archive import cache
from kehoach.preview.build import ThemeFiles


class KeptEngineWork:
    def __init__(self) -> None:
        self.root: Path | None = None  # the archive whose cache is used, for this build
        self.theme_files: ThemeFiles | None = None

    def on_config(self, config, command: str) -> None:
        self.root = cache.plan_cache_root(config.config_file_path) if command == "build" else None
        # The list is kept per process (the archive's, and tests', build more than once in one).
        listing = ThemeFiles().install() if self.root is not None else ThemeFiles.installed()
        if listing is not None:
            listing.store = self.root / cache.THEME_FILES if self.root is not None else None
        self.theme_files = listing if self.root is not None else None

    @property
    def git_log(self) -> Path | None:
        """Where git's log is kept for this build (kehoach/readers/source.py history), if it is."""
        return self.root / cache.GIT_LOG if self.root is not None else None

    def on_env(self, env) -> None:
        if self.root is not None and env.bytecode_cache is None:  # the archive's build gave it one already
            env.bytecode_cache = cache.templates(self.root)

    def on_post_build(self) -> None:
        if self.theme_files is not None:
            self.theme_files.save()
