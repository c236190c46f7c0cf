"""Every built page is valid HTML, as the W3C Nu HTML Checker (vnu) judges it.

The checker (npm package vnu-jar, pinned in package.json and package-lock.json,
installed by `make vnu`) runs once, in one Java process, over the whole built
site. Its errors are grouped by message: none may come from our own markup.
What Material's templates write and we keep on purpose is listed below by
name, with the reason, and must still occur (a stale entry fails too).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass

import pytest

from siteutil import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# The checker needs a deep thread stack (its schema is recursive); C1 only and the
# serial collector: half the CPU time of the defaults for one short run.
JAVA_FLAGS = ["-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


@dataclass(frozen=True)
class Known:
    name: str
    why: str
    message: str   # the start of vnu's message
    extract: str   # a regular expression the flagged markup matches
    per_page: int  # how often it occurs on every page


KNOWN_THEME_ERRORS = [
    Known(
        "material-toggle-autocomplete",
        "Material's base.html writes autocomplete=\"off\" on its two checkbox toggles (the drawer and "
        "the search), outside any template block, so only a copy of the whole page skeleton could drop "
        "it; the attribute keeps Firefox from restoring a toggle's checked state on reload (the menu "
        "or search open by itself). Harmless to every reader.",
        "Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" '
        r'autocomplete="off">',
        2,
    ),
]


def _vnu_json(site) -> dict:
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail("the W3C HTML checker is not installed: run `make vnu` (npm ci, and Java from apt)")
    result = subprocess.run(
        [java, *JAVA_FLAGS, "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", "--format", "json",
         "--exit-zero-always", "--stdout", str(site)],
        capture_output=True, text=True, timeout=600,
    )
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"the HTML checker failed (exit {result.returncode}):\n{result.stderr[-2000:]}")


def _page(url: str, site) -> str:
    """'file:/tmp/.../site/chi-so/index.html' -> 'chi-so/index.html'."""
    return re.sub(r"^file:(//)?", "", url).removeprefix(str(site)).lstrip("/")


def _check(site, pages: list[str], themed: set[str]) -> None:
    """vnu over `site`: no error from our own markup on `pages`; the theme's known
    patterns on each of the `themed` pages exactly (the pages Material drew)."""
    report = _vnu_json(site)
    known: dict[str, defaultdict[str, int]] = {k.name: defaultdict(int) for k in KNOWN_THEME_ERRORS}
    ours: dict[str, list[str]] = defaultdict(list)
    for m in report["messages"]:
        where = _page(m.get("url", ""), site)
        if where not in pages:
            continue
        if m["type"] == "non-document-error":
            pytest.fail(f"the HTML checker could not read {where}: {m['message']}")
        if m["type"] != "error":
            continue
        extract = m.get("extract", "")
        match = next((k for k in KNOWN_THEME_ERRORS
                      if m["message"].startswith(k.message) and re.search(k.extract, extract)), None)
        if match:
            known[match.name][where] += 1
        else:
            ours[m["message"]].append(f"{where}, dòng {m.get('lastLine')}: {extract.strip()[:160]}")
    summary = [f"{len(places)} × {message}\n    " + "\n    ".join(places[:5]) for message, places in ours.items()]
    assert not ours, "invalid HTML from our own markup:\n" + "\n".join(summary)
    for k in KNOWN_THEME_ERRORS:
        # Each page reported once per toggle: proof the checker read every page,
        # and a listed pattern that disappears (Material fixed it) is removed here.
        assert dict(known[k.name]) == {p: k.per_page for p in sorted(themed)}, (
            f"{k.name}: no longer on every page as listed; update KNOWN_THEME_ERRORS")


def test_every_page_is_valid_html(built):
    site = built.site.resolve()
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 100
    _check(site, pages, set(pages))


def test_every_page_of_the_archive_itself_is_valid_html(archive):
    """The archive's own pages (home, 404, the pages kept at the old addresses);
    the plans inside it are the pages of the test above."""
    site = archive.site.resolve()
    plan_dirs = {d.name for d in site.iterdir() if d.is_dir() and (d / "search").is_dir()}
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if p.relative_to(site).parts[0] not in plan_dirs)
    assert "index.html" in pages and "phan-1/ket-qua/ton-giao/index.html" in pages
    themed = {p for p in pages if 'class="md-toggle"' in (site / p).read_text(encoding="utf-8")}
    assert {"index.html", "404.html"} <= themed
    _check(site, pages, themed)
