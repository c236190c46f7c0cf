"""Content filled in after every page is rendered, and the one kind of marker
that holds its place.

Some content needs what only the whole build knows: the glossary's counts, the
register's overview and each entry's "Được trích dẫn tại" (every citing
paragraph), the whole plan on the print page. A macro or a generated page
writes `markers.marker(name, key)` where it goes, an HTML comment that Markdown
passes through untouched and no reader sees; the feature's build step (on_env,
or on_page_context for the print page) replaces it with `markers.fill`.

Only the markers our own code wrote are filled: each build draws a secret
(`Markers.nonce`, from `secrets`) that every marker it issues carries, and that
no page or data file can know in advance, so a marker typed in a page's
Markdown or raw HTML is an inert comment, never filled. And each marker is
filled once per page: a page that calls the same macro a thousand times gets
the content once (the other copies are removed), so what a page may grow to is
bounded by the few kinds of content the build fills in, once each.
"""
from __future__ import annotations

import re
import secrets

# Any marker of any build, e.g. for the bench's capture of late-filled content.
PATTERN = re.compile(r"<!-- kh-fill-[0-9a-f]+ ([a-z-]+)(?: ([a-z0-9-]+))? -->")


class Markers:
    """The markers of one build (kept in its BuildState)."""

    def __init__(self, nonce: str | None = None) -> None:
        self.nonce = nonce or secrets.token_hex(16)
        self._pattern = re.compile(rf"<!-- kh-fill-{self.nonce} ([a-z-]+)(?: ([a-z0-9-]+))? -->")

    def marker(self, name: str, key: str = "") -> str:
        """`name` says what goes there; `key` which one (a register entry's id)."""
        return f"<!-- kh-fill-{self.nonce} {name}{' ' + key if key else ''} -->"

    def holds(self, html: str, name: str) -> bool:
        """The page has a marker of this build for `name` (any key)."""
        return any(m.group(1) == name for m in self._pattern.finditer(html))

    def keys(self, html: str, name: str) -> list[str]:
        """The keys of this build's markers for `name`, in page order, each once."""
        return list(dict.fromkeys(m.group(2) or "" for m in self._pattern.finditer(html) if m.group(1) == name))

    def fill(self, html: str, name: str, content: str, key: str = "") -> str:
        """`html` with the first marker for (`name`, `key`) replaced by `content`,
        and any further copy of that marker removed."""
        mark = self.marker(name, key)
        head, found, tail = html.partition(mark)
        if not found:
            return html
        return head + content + tail.replace(mark, "")
