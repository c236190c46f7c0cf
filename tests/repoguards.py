"""Readers for the repository guards: .github/CODEOWNERS (who must review a
path) and the hashed lock files (requirements*.txt)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from siteutil import ROOT

CODEOWNERS = ROOT / ".github" / "CODEOWNERS"
TEAM = "@bacgiang-snv/maintainers"


def codeowner_rules(text: str | None = None) -> list[tuple[str, list[str]]]:
    """(pattern, owners) per line, in file order; owners may be empty."""
    text = CODEOWNERS.read_text(encoding="utf-8") if text is None else text
    rules = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


def _pattern_regex(pattern: str) -> re.Pattern:
    """GitHub's CODEOWNERS syntax (gitignore's, without `!` and `[]`) as a regex
    over a path relative to the repository root."""
    anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
    directory = pattern.endswith("/")
    body = pattern.strip("/")
    out = []
    i = 0
    while i < len(body):
        if body.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif body.startswith("**", i):
            out.append(".*")
            i += 2
        elif body[i] == "*":
            out.append("[^/]*")
            i += 1
        elif body[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(body[i]))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    suffix = "/.*" if directory else "(?:/.*)?"
    return re.compile(f"{prefix}{''.join(out)}{suffix}")


def owners_of(path: str, rules: list[tuple[str, list[str]]] | None = None) -> list[str]:
    """The owners GitHub asks for on `path`: the last matching line wins."""
    found: list[str] = []
    for pattern, owners in rules if rules is not None else codeowner_rules():
        if _pattern_regex(pattern).fullmatch(path):
            found = owners
    return found


def repository_files() -> list[str]:
    """Tracked files and new files not ignored: what a pull request can touch."""
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return sorted({p for p in out.split("\0") if p and (ROOT / p).exists()})


def is_plan_content(path: str) -> bool:
    """What clerks edit without a code owner: Markdown in a plan's docs/, YAML in
    its data/ (but data/site.yml, which decides which pages are held to the record)."""
    m = re.fullmatch(r"plans/[^/]+/(.+)", path)
    if m is None or m.group(1) == "data/site.yml":
        return False
    rest = m.group(1)
    return (rest.startswith("docs/") and rest.endswith(".md")) or re.fullmatch(r"data/[^/]+\.yml", rest) is not None


def lock_entries(path: Path) -> list[str]:
    """The requirement lines of a lock, backslash continuations joined."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# `name==version` or `name[extra,...]==version` at the start of a requirement line.
PINNED = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[([A-Za-z0-9._,-]*)\])?==([^\s;\\]+)")


def pins(path: Path) -> dict[str, str]:
    """{normalized name: version} of every `name==version` line of a requirements file."""
    return {name: version for name, (version, _) in pinned(path).items()}


def pinned(path: Path) -> dict[str, tuple[str, frozenset[str]]]:
    """{normalized name: (version, extras)} of every pinned line of a requirements file."""
    found = {}
    for line in lock_entries(path):
        m = PINNED.match(line)
        if m:
            extras = frozenset(_norm(e) for e in (m.group(2) or "").split(",") if e)
            found[_norm(m.group(1))] = (m.group(3), extras)
    return found
