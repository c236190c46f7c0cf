"""Compare two builds of the site: same pages, same text.

    python tools/compare_builds.py SITE_A SITE_B

Used by CI to check that ProperDocs (a fork of MkDocs 1.x) builds the same
site as MkDocs, so the project always has a tested way to move. It fails
(exit 1) and lists the differences when:
- a file exists in one build and not the other ("pages");
- an HTML page's title or visible text differs ("text");
- a data download (.csv, .json, .txt) differs byte for byte;
- the search index holds different entries;
- the offline copy (a .zip of a whole site) differs in any of the above,
  compared page by page inside the two archives.
Markup may differ (e.g. the generator <meta> tag names the tool): only what a
reader sees or searches is compared.
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bs4 import BeautifulSoup

SEARCH_INDEX = "search/search_index.json"
_SPACE = re.compile(r"\s+")


def files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def page_text(path: Path) -> tuple[str, str]:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    return title, _SPACE.sub(" ", soup.get_text(" ")).strip()


def first_difference(a: str, b: str, width: int = 60) -> str:
    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = max(0, i - width // 2)
    return f"at character {i}:\n      A: …{a[start:i + width]}…\n      B: …{b[start:i + width]}…"


def search_entries(site: Path) -> list:
    path = site / SEARCH_INDEX
    if not path.exists():
        return []
    docs = json.loads(path.read_text(encoding="utf-8")).get("docs", [])
    return sorted(json.dumps(d, sort_keys=True, ensure_ascii=False) for d in docs)


def compare(a: Path, b: Path) -> list[str]:
    problems: list[str] = []
    fa, fb = files(a), files(b)
    for name in sorted(fa - fb):
        problems.append(f"page/file only in A: {name}")
    for name in sorted(fb - fa):
        problems.append(f"page/file only in B: {name}")
    for name in sorted(n for n in fa & fb if n.endswith(".html")):
        (ta, xa), (tb, xb) = page_text(a / name), page_text(b / name)
        if ta != tb:
            problems.append(f"{name}: title differs: {ta!r} != {tb!r}")
        if xa != xb:
            problems.append(f"{name}: text differs {first_difference(xa, xb)}")
    for name in sorted(n for n in fa & fb if n.endswith((".csv", ".json", ".txt")) and n != SEARCH_INDEX):
        if (a / name).read_bytes() != (b / name).read_bytes():
            problems.append(f"{name}: content differs")
    if search_entries(a) != search_entries(b):
        problems.append(f"{SEARCH_INDEX}: search entries differ")
    for name in sorted(n for n in fa & fb if n.endswith(".zip")):
        problems += [f"{name}: {p}" for p in compare_zips(a / name, b / name)]
    return problems


@contextmanager
def unpacked(za: Path, zb: Path) -> Iterator[tuple[Path, Path]]:
    """The two archives unpacked into a temporary folder each (removed afterwards)."""
    with tempfile.TemporaryDirectory() as tmp:
        ua, ub = Path(tmp) / "a", Path(tmp) / "b"
        for archive, dest in ((za, ua), (zb, ub)):
            with zipfile.ZipFile(archive) as zf:
                zf.extractall(dest)
        yield ua, ub


def compare_zips(za: Path, zb: Path) -> list[str]:
    """The two archives unpacked, compared as two sites (the PDF inside aside)."""
    with unpacked(za, zb) as (ua, ub):
        return compare(ua, ub)


def two_sites(argv: list[str], usage: str) -> tuple[Path, Path] | None:
    """The two built sites named on the command line, or None (said on stderr)."""
    if len(argv) != 2:
        print(usage, file=sys.stderr)
        return None
    a, b = Path(argv[0]), Path(argv[1])
    for site in (a, b):
        if not (site / "index.html").is_file():
            print(f"{site}: not a built site (no index.html)", file=sys.stderr)
            return None
    return a, b


def main(argv: list[str]) -> int:
    sites = two_sites(argv, __doc__.strip().splitlines()[2].strip())
    if sites is None:
        return 2
    a, b = sites
    problems = compare(a, b)
    pages = sum(1 for n in files(a) if n.endswith(".html"))
    if problems:
        print(f"The two builds differ ({len(problems)} difference(s)):")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print(f"Same pages and text: {pages} HTML pages, {len(files(a))} files in each build.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
