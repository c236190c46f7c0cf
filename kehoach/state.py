"""Everything one build remembers, in one object made anew for each build.

`kehoach/hooks.py` makes a `BuildState` for each build's config (in
mkdocs-macros' on_config or ours, whichever runs first) and hands it to the
feature that needs it; nothing is kept in module globals, so a second build in
the same process (`mkdocs serve`, the bench's in-process builds, two projects
one after the other) starts clean without anyone resetting anything by hand.
The project being built (`project`: where data/ and schemas/ are) and its
data/site.yml (`site`) are here, and passed to every loader. What a build
carries over from the one before: the cache of validated data files (owned by
the Dispatcher, shared through `project.cache`) and what a `--dirty` rebuild
does not redo: the search entries of the pages it does not render again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kehoach.core.fill import Markers
from kehoach.core.htmltree import Trees

if TYPE_CHECKING:  # names for the annotations only: the features import the state, not the other way
    from kehoach.abbreviations.html import Marker
    from kehoach.changelog.model import History
    from kehoach.checks.links import LinkWatch
    from kehoach.core.data import DataFile, Project
    from kehoach.indicators.model import Table
    from kehoach.register.model import Register
    from kehoach.settings import Site


@dataclass
class RegisterState:
    """The register of cited documents as this build knows it."""
    register: Register | None = None
    project: Project | None = None  # the BuildState's, set in on_config
    site: Site | None = None        # the BuildState's, set in on_config
    docs: str = "docs"              # the BuildState's docs_dir, as messages name it
    places: dict[str, list] = field(default_factory=dict)  # src_uri -> linker.Place, in page order
    order: list[str] = field(default_factory=list)          # src_uri of every page, in nav order
    directory_urls: bool = True  # False in the offline copy (pages are <name>.html)
    markers: Markers = field(default_factory=Markers)  # the BuildState's (core/fill.py)


@dataclass
class BuildState:
    project: Project           # the folder of the mkdocs.yml being built, its data/ and schemas/
    docs: str                  # docs_dir relative to root, e.g. "docs" (for messages)
    site: Site | None = None   # data/site.yml: the province, the plan's pages (on_config, once data is checked)
    command: str = "build"     # "build", "serve" or "gh-deploy" (on_startup)
    dirty: bool = False        # `--dirty`: only changed pages are rendered
    site_dir: Path | None = None
    dates: dict[str, datetime] = field(default_factory=dict)        # path from root -> last change (git)
    history: History | None = None  # the plan's git history (readers/source.py, on_config), for the change log
    page_sources: dict[str, list[str]] = field(default_factory=dict)  # src_uri -> the files its date is of
    footnote_pages: dict[str, str] = field(default_factory=dict)    # footnote label -> file holding its text
    search_entries: dict[str, list[dict]] = field(default_factory=dict)  # page url -> footnote entries
    search_prepared: dict[str, str] = field(default_factory=dict)   # page url -> its HTML as prepared for search
    trees: Trees = field(default_factory=Trees)  # page url -> its last tree, while its HTML is unchanged
    abbreviations: Marker | None = None
    glossary_pages: list[Any] = field(default_factory=list)         # pages holding the glossary marker
    register: RegisterState = field(default_factory=RegisterState)
    plan_html: str | None = None  # the whole plan as assembled for the print page (and the PDF)
    link_watch: LinkWatch | None = None  # MkDocs' link findings of this build (checks/, on_config)
    markers: Markers = field(default_factory=Markers)  # this build's markers of late-filled content (core/fill.py)
    csp_scripts: tuple[str, ...] = ()  # the bodies of our templates' inline scripts (readers/csp.py, on_env)
    # data/figures.yml and data/indicators.yml as checked for this build's macros (kehoach/macros.py),
    # drawn on again for the downloads (exports/build.py, on_files): checked once per build
    figures: DataFile | None = None
    indicator_tables: dict[str, Table] | None = None

    def __post_init__(self) -> None:
        self.register.markers = self.markers  # one secret per build

    @property
    def root(self) -> Path:
        """The folder of the mkdocs.yml being built."""
        return self.project.root

    def source_path(self, src_uri: str) -> str:
        """A docs page as a contributor names it: docs/phan-1/index.md."""
        return f"{self.docs}/{src_uri}"

    def carry_over(self, previous: BuildState | None) -> None:
        """A --dirty rebuild indexes only changed pages: keep the others' search entries."""
        if self.dirty and previous is not None:
            self.search_entries.update(previous.search_entries)
