"""Content filled in after every page is rendered, and the one kind of marker
that holds its place.

Some content needs what only the whole build knows: the glossary's counts, the
register's overview and each entry's "Được trích dẫn tại" (every citing
paragraph), the whole plan on the print page. A macro or a generated page
writes `marker(name, key)` where it goes, an HTML comment that Markdown passes
through untouched and no reader sees; the feature's build step (on_env, or
on_page_context for the print page) replaces it with `fill`.
"""
from __future__ import annotations

import re

_MARKER = re.compile(r"<!-- kh-fill ([a-z-]+)(?: ([a-z0-9-]+))? -->")
PATTERN = _MARKER  # any marker, e.g. for the bench's capture of late-filled content


def marker(name: str, key: str = "") -> str:
    """`name` says what goes there; `key` which one (a register entry's id)."""
    return f"<!-- kh-fill {name}{' ' + key if key else ''} -->"


def holds(html: str, name: str) -> bool:
    """The page has a marker for `name` (any key)."""
    return any(m.group(1) == name for m in _MARKER.finditer(html))


def keys(html: str, name: str) -> list[str]:
    """The keys of the markers for `name`, in page order."""
    return [m.group(2) or "" for m in _MARKER.finditer(html) if m.group(1) == name]


def fill(html: str, name: str, content: str, key: str = "") -> str:
    """`html` with the marker for (`name`, `key`) replaced by `content`."""
    return html.replace(marker(name, key), content)
