"""Build a project and measure it: time, peak memory, sizes of what was built."""
from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml

INPROCESS = Path(__file__).resolve().parent / "inprocess.py"


@dataclass
class Build:
    seconds: float      # wall time of the whole `mkdocs build` process
    cpu_seconds: float  # user + system CPU time of that process (steady on a busy machine)
    mkdocs_seconds: float | None  # what MkDocs reports ("Documentation built in ...")
    peak_rss_mib: float  # peak resident memory of the build process
    output: str


def run(args: list[str], cwd: Path, env: dict, log: Path) -> tuple[int, float, float, float, str]:
    """Run a child process, its output to `log` (a file, so a long output cannot
    fill a pipe while we wait); return exit code, wall seconds, CPU seconds
    (user + system, its own children included), peak memory in MiB, output."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    output = log.read_text(encoding="utf-8", errors="replace")
    return (os.waitstatus_to_exitcode(status), seconds, usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024, output)


def archive_of(project: Path) -> Path:
    """The archive a plan folder (archive/plans/<id>) belongs to; an archive is its own."""
    project = Path(project)
    return project.parent.parent if project.parent.name == "plans" else project


def env_for(project: Path, extra: dict | None = None) -> dict:
    """The environment a child process of the bench runs in: the archive's own package first."""
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(archive_of(project)), **(extra or {}))


def build(project: Path, config: str, site: Path, extra_env: dict | None = None,
          python_args: tuple[str, ...] = (), strict: bool = True) -> Build:
    """`mkdocs build [--strict]` of `project` in a child process; fail loudly if it fails."""
    env = env_for(project, extra_env)
    code, seconds, cpu, peak, output = run(
        [sys.executable, *python_args, "-m", "mkdocs", "build", *(["--strict"] if strict else []),
         "-f", str(project / config), "-d", str(site)],
        project, env, site.parent / f"{site.name}.log")
    if code != 0:
        raise SystemExit(f"build of {project / config} failed ({code}):\n{output[-4000:]}")
    m = re.search(r"Documentation built in ([\d.]+) seconds", output)
    return Build(seconds, cpu, float(m.group(1)) if m else None, peak, output)


def json_tail(output: str) -> list:
    """The JSON list a child printed on its last such line (the rest of `output` is its log)."""
    return json.loads(next(line for line in reversed(output.splitlines()) if line.startswith("[")))


def build_in_process(projects: list[Path], config: str, site_root: Path, strict: bool,
                     extra_env: dict | None = None) -> Build:
    """Every project built into site_root/<project name>, one after another, by one Python
    process (bench/inprocess.py); its output ends with the CPU seconds of each build (`json_tail`).
    The same project may be given several times (warm rebuilds)."""
    args = [sys.executable, str(INPROCESS), *(["--strict"] if strict else []),
            *[str(a) for p in projects for a in (p / config, site_root / p.name)]]
    # Our package is imported once, from the first project's copy (the same code in every copy).
    code, seconds, cpu, peak, output = run(args, projects[0], env_for(projects[0], extra_env),
                                           site_root.parent / f"{site_root.name}.log")
    if code != 0:
        raise SystemExit(f"in-process build of {len(projects)} projects failed ({code}):\n{output[-4000:]}")
    return Build(seconds, cpu, None, peak, output)


class _ArticleText(HTMLParser):
    """Visible text inside <article>: what a reader reads on the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in ("script", "style", "svg"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1
        elif self.depth and tag in ("script", "style", "svg") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def article_text(html: str) -> str:
    parser = _ArticleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@dataclass
class SiteSizes:
    pages: int            # HTML pages built from Markdown (404 excluded)
    raw_text_bytes: int   # UTF-8 bytes of the article text of every page
    index_bytes: int      # search/search_index.json
    index_gzip_bytes: int
    site_bytes: int


def search_excluded(project: Path) -> set[str]:
    """Built pages (`x/index.html`) whose Markdown says `search: exclude: true` (the print page)."""
    out = set()
    docs = project / "docs"
    for md in docs.rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        if not text.startswith("---"):
            continue
        meta = yaml.safe_load(text.split("---", 2)[1]) or {}
        if (meta.get("search") or {}).get("exclude"):
            rel = md.relative_to(docs).with_suffix("").as_posix()  # "in-toan-van", "phan-1/index"
            is_index = rel == "index" or rel.endswith("/index")
            out.add(rel[:-len("index")] + "index.html" if is_index else rel + "/index.html")
    return out


def site_sizes(site: Path, not_indexed: set[str] = frozenset()) -> SiteSizes:
    """Raw text counts the pages the search index covers (not those in `not_indexed`)."""
    pages = raw = 0
    for html in site.rglob("index.html"):
        pages += 1
        if html.relative_to(site).as_posix() in not_indexed:
            continue
        raw += len(article_text(html.read_text(encoding="utf-8")).encode("utf-8"))
    index = (site / "search" / "search_index.json").read_bytes()
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return SiteSizes(pages, raw, len(index), len(gzip.compress(index, 6)), total)
