"""The history of a plan's content, from `git log` (pure: the text of the log in, values out).

kehoach/readers/source.py asks git once per build for the whole repository's
log (`LOG_FORMAT`, `--name-status -M`, newest first); `parse_log` reads it into
commits, each with the files it changed, named as they are named today: a file
renamed in an older commit is followed back to its older name (as
`git log --follow` does), and a rename at 100% similarity (a file moved
without a change of its words, as when the plan moved into plans/<id>/) is not
a change of content. From the commits come the page dates (`dates`) and the
change log of one plan (`of_plan`: only the commits that changed its docs/ or
data/; a change of code alone is not listed).

A commit's subject is text anyone with a pull request writes: `clean_subject`
makes it plain, one line, without control or direction characters, and
bounded; kehoach/changelog/html.py escapes it. It never passes through
Markdown or the macros (the page is filled in after rendering).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7), "ICT")

# One header line per commit: NUL, committer time, NUL, hash, NUL, subject;
# then its `--name-status` lines (status TAB path, or R<score> TAB old TAB new).
LOG_FORMAT = "%x00%ct%x00%H%x00%s"
SUBJECT_KEPT = 1000  # characters of a subject kept from the log (a 10 KB subject is cut here first)
SUBJECT_MAX = 200    # characters of a subject shown on the page
LIMIT = 200          # commits listed on the change log page; older ones are in the repository

_SHA = re.compile(r"[0-9a-f]{40}(?:[0-9a-f]{24})?")  # SHA-1 or SHA-256


@dataclass(frozen=True)
class Change:
    status: str  # A (added), M (changed), D (deleted), R (renamed and changed), T (type changed)
    path: str    # the file's name today (its last name in the log), posix, from the repository's root


@dataclass(frozen=True)
class Commit:
    sha: str
    when: datetime
    subject: str  # as git gave it, cut at SUBJECT_KEPT characters: untrusted
    changes: tuple[Change, ...]


@dataclass
class History:
    """What git says of one plan folder. `commits` is None without history
    (`reason` says why, in Vietnamese, for the page)."""
    commits: list[Commit] | None = None
    prefix: str = ""  # the plan folder from the repository's root, "plans/<id>/" (or "")
    reason: str = ""
    dates: dict[str, datetime] = field(default_factory=dict)  # path from the plan folder -> last change
    plan: list[Commit] = field(default_factory=list)  # the commits of the plan's content (`of_plan`), newest first

    @property
    def known(self) -> bool:
        return self.commits is not None


def parse_log(out: str) -> list[Commit]:
    """The commits of `git log --format=LOG_FORMAT --name-status -M` (newest
    first), each with its changes of content under today's names."""
    commits: list[Commit] = []
    now_named: dict[str, str] = {}  # a name in older history -> the file's name today
    head: tuple[str, datetime, str] | None = None
    changes: list[Change] = []

    def close() -> None:
        if head is not None:
            commits.append(Commit(head[0], head[1], head[2], tuple(changes)))

    for line in out.split("\n"):  # not splitlines(): a subject's \r, \x1c or U+2028 would end its line
        if line.startswith("\x00"):
            close()
            head, changes = None, []
            parts = line[1:].split("\x00", 2)
            if len(parts) == 3 and parts[0].isdigit() and _SHA.fullmatch(parts[1]):
                head = (parts[1], datetime.fromtimestamp(int(parts[0]), VIETNAM), parts[2][:SUBJECT_KEPT])
            continue
        fields = line.split("\t")
        if head is None or len(fields) < 2 or not fields[0]:
            continue
        status, path = fields[0], fields[-1]
        current = now_named.setdefault(path, path)
        if status.startswith("R") and len(fields) == 3:
            now_named[fields[1]] = current  # its older history is this file's
            if status == "R100":
                continue  # moved only: no change of content
        changes.append(Change(status[0], current))
    close()
    return commits


def dates(commits: list[Commit]) -> dict[str, datetime]:
    """Path -> date of its last change of content (the newest commit that changed it)."""
    found: dict[str, datetime] = {}
    for commit in commits:
        for change in commit.changes:
            found.setdefault(change.path, commit.when)
    return found


# The folders of a plan whose changes its change log lists (its pages and data).
PLAN_CONTENT = ("docs", "data")


def of_plan(commits: list[Commit], prefix: str, folders: tuple[str, ...] = PLAN_CONTENT) -> list[Commit]:
    """The commits that changed the plan's content: a file under `prefix` + one
    of `folders`; their changes limited to those files, named from the plan's
    folder ("docs/phan-1/index.md"). Newest first, as given."""
    under = tuple(f"{prefix}{folder.strip('/')}/" for folder in folders)
    kept: list[Commit] = []
    for commit in commits:
        changes = tuple(Change(c.status, c.path[len(prefix):]) for c in commit.changes if c.path.startswith(under))
        if changes:
            kept.append(Commit(commit.sha, commit.when, commit.subject, changes))
    return kept


_HIDDEN = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})  # controls, direction marks, zero-width, unassigned


def clean_subject(subject: str, limit: int = SUBJECT_MAX) -> str:
    """A commit's subject as plain text for the page: NFC, no control, format
    (bidi overrides and isolates, zero-width) or unassigned characters, spaces
    collapsed, at most `limit` characters (cut at a word, with "…")."""
    text = unicodedata.normalize("NFC", subject)
    text = "".join(" " if unicodedata.category(ch) in _HIDDEN else ch for ch in text)
    text = " ".join(text.split())
    if len(text) <= limit:
        return text or "(không có mô tả)"
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def entry_anchor(sha: str) -> str:
    """The id of a change on the change log page."""
    return f"thay-doi-{sha[:12]}"


def page_anchor(src_uri: str) -> str:
    """The id of a page's own list of changes on the change log page, from its
    Markdown file, the same online and offline ("phan-1/ket-qua/index.md" ->
    "trang-phan-1-ket-qua"; the home page "trang-chu")."""
    stem = src_uri.removesuffix(".md")
    stem = "" if stem == "index" else stem.removesuffix("/index")
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return f"trang-{slug}"[:120] if slug else "trang-chu"
