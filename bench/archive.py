"""The archive built as the public site is built: `mkdocs build` at the archive's root.

Material's projects plugin (root mkdocs.yml) builds every plan of plans/<id>/ in
a pool of spawned processes (its `concurrency`, by default one less than the
machine's cores), then the archive's own pages. Measured from outside, on the
whole process tree: CPU (user + system of the build and every process it
waited for: the pool's workers, git), wall time, the largest resident set of
one process (`wait4`) and the largest total of the tree at one moment (sampled
from /proc every SAMPLE seconds), and what was written.

Rebuilds: the same archive built again into the same site folder, first with
nothing changed, then after one page of one plan was changed; against that
plan's own build (`mkdocs build -f plans/<id>/mkdocs.yml`, one process). The
target (issue 22 point 3) is a rebuild after one change of at most
REBUILD_TARGET times that plan's own build: a cache of plans whose inputs did
not change (kept under CACHE_DIRS of the archive's folder) is what meets it.
A clean build removes CACHE_DIRS first, so it never profits from an earlier run.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from . import measure

SAMPLE = 0.2  # seconds between two samples of the process tree's memory
# Where a cache of built plans lives, relative to the archive's folder: Material's
# projects plugin keeps its manifest under .cache/plugin/projects; ours keeps under
# .cache/kehoach/ the plans' outputs, the archive search's sources and index, the
# register's places, the archive's own pages and the compiled templates
# (kehoach/archive/cache.py). A clean build removes all of it.
CACHE_DIRS = [".cache"]
REBUILD_TARGET = 1.3
# The page changed for the rebuild: not one of the plan's signed pages (plan 0's are
# held to its record word for word), present in every plan of the corpus.
EDITED_PAGE = "docs/ve-trang-nay/ghi-chu-van-ban.md"
EDIT = "\n\nĐoạn thêm để đo thời gian dựng lại (bench/archive.py).\n"
_BUILT = re.compile(r"\[[^\]]*project://\.([a-z0-9-]+)[^\]]*\] Documentation built in")


@dataclass
class ArchiveBuild:
    seconds: float          # wall time of `mkdocs build`
    cpu_seconds: float      # user + system of the whole tree (children waited for included)
    peak_rss_mib: float     # largest resident set of one process of the tree
    peak_tree_mib: float    # largest sum of the tree's resident sets at one sample
    site_bytes: int         # everything written under the site folder
    plans_built: int        # plans the projects plugin built (not restored from a cache)


def _children() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        out.setdefault(ppid, []).append(int(entry.name))
    return out


def tree_rss(pid: int) -> int:
    """Bytes resident in `pid` and all its descendants now."""
    children, total, todo = _children(), 0, [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * page
        except OSError:
            pass
    return total


def run_sampled(args: list[str], cwd: Path, env: dict, log: Path) -> tuple[int, float, float, float, float, str]:
    """measure.run, and the peak memory of the whole process tree (MiB)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    peak = [0]
    with open(log, "w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        done = threading.Event()

        def sample():
            while not done.wait(SAMPLE):
                peak[0] = max(peak[0], tree_rss(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
    output = log.read_text(encoding="utf-8", errors="replace")
    return (os.waitstatus_to_exitcode(status), seconds, usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024, peak[0] / 2 ** 20, output)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def clear_cache(archive: Path) -> None:
    for name in CACHE_DIRS:
        shutil.rmtree(archive / name, ignore_errors=True)


def build(archive: Path, site: Path, strict: bool = True, clean: bool = True,
          extra_env: dict | None = None) -> ArchiveBuild:
    """`mkdocs build` of the archive at `archive` into `site`; `clean`: no cache, no earlier site."""
    if clean:
        clear_cache(archive)
        shutil.rmtree(site, ignore_errors=True)
    env = measure.env_for(archive, {"KEHOACH_DOWNLOADS": "0", **(extra_env or {})})
    log = site.parent / f"{site.name}-{time.strftime('%H%M%S')}.log"
    code, seconds, cpu, peak, tree, output = run_sampled(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []),
         "-f", str(archive / "mkdocs.yml"), "-d", str(site)], archive, env, log)
    if code != 0:
        raise SystemExit(f"archive build of {archive} failed ({code}):\n{output[-4000:]}")
    return ArchiveBuild(seconds, cpu, peak, tree, folder_bytes(site), len(set(_BUILT.findall(output))))


REBUILD_REPS = 5  # the rebuild's CPU varies by ±15 % from one run to the next on a shared machine


def rebuilds(archive: Path, site: Path, plan: Path, alone_site: Path, reps: int = REBUILD_REPS) -> dict:
    """After a build of `archive` into `site`, `reps` times: rebuild unchanged, then
    with one page of `plan` changed (another paragraph each time), and `plan` built
    alone after the change; the page is restored and the archive built again
    (not timed) before the next. The run reported is the one of the median ratio
    (changed / alone); every run's figures are kept in `runs`."""
    page = plan / EDITED_PAGE
    before = page.read_text(encoding="utf-8")
    build(archive, site, clean=False)  # not timed: what the code or the corpus changed since, built first
    runs = []
    for rep in range(reps):
        unchanged = build(archive, site, clean=False)
        page.write_text(before + EDIT + f"Lần đo {rep + 1}.\n", encoding="utf-8")
        try:
            changed = build(archive, site, clean=False)
            alone = measure.build(plan, "mkdocs.yml", alone_site, {"KEHOACH_DOWNLOADS": "0"})
            # And without the build's cache (kehoach/archive/alone.py), as a plan built alone
            # was before it kept its compiled templates, theme list and git log.
            uncached = measure.build(plan, "mkdocs.yml", alone_site, {"KEHOACH_DOWNLOADS": "0", "KEHOACH_CACHE": "0"})
        finally:
            page.write_text(before, encoding="utf-8")
        build(archive, site, clean=False)  # back to the state before the change
        runs.append({"unchanged": asdict(unchanged), "changed": asdict(changed),
                     "plan_alone_cpu_seconds": alone.cpu_seconds, "plan_alone_seconds": alone.seconds,
                     "plan_alone_uncached_cpu_seconds": uncached.cpu_seconds,
                     "ratio": changed.cpu_seconds / alone.cpu_seconds,
                     "ratio_uncached": changed.cpu_seconds / uncached.cpu_seconds})
    median = sorted(runs, key=lambda r: r["ratio"])[len(runs) // 2]
    return {"plan": plan.name, "page": EDITED_PAGE, **median, "runs": [
        {"unchanged": r["unchanged"]["cpu_seconds"], "changed": r["changed"]["cpu_seconds"],
         "alone": r["plan_alone_cpu_seconds"], "ratio": r["ratio"],
         "alone_uncached": r["plan_alone_uncached_cpu_seconds"], "ratio_uncached": r["ratio_uncached"]}
        for r in runs]}


def plan_bytes(site: Path, plan_ids: list[str]) -> dict:
    """Output size per plan folder and of what the archive writes beside them."""
    per_plan = {p: folder_bytes(site / p) for p in plan_ids}
    return {"plans": sum(per_plan.values()), "largest_plan": max(per_plan.values()),
            "archive_own": folder_bytes(site) - sum(per_plan.values())}
