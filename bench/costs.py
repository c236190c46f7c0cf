"""Where our overhead goes, measured on one plan project: start-up, warm builds, downloads.

- start-up: CPU time of a Python process that imports what a plain build
  imports, against one that also imports our hooks (kehoach) and
  mkdocs-macros: paid once per build process, whatever the plan's size.
- warm builds: the same project built several times in one process
  (bench/inprocess.py); the builds after the first are the cost per build once
  everything is imported and compiled.
- downloads: the PDF and the offline copy (a second build, zipped) that a
  public build adds (the timed builds run with KEHOACH_DOWNLOADS=0, as the
  plain build makes neither).
"""
from __future__ import annotations

import statistics
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import measure

# What `mkdocs build` imports before it reads a config, and Material's search plugin.
BASE_IMPORTS = "import mkdocs.__main__, mkdocs.commands.build, material.plugins.search.plugin"
# As a build loads it: after our package, which MkDocs imports first (the YAML tag in
# mkdocs-plan.yml) and which defers what the plugin imports but never uses (requests).
MACROS_IMPORT = "import kehoach; import mkdocs_macros.plugin"
OUR_IMPORTS = "import hooks"  # the project's hooks.py: kehoach and what it imports


def _cpu(args: list[str], cwd: Path, env: dict, log: Path) -> float:
    code, _, cpu, _, output = measure.run(args, cwd, env, log)
    if code != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{output[-3000:]}")
    return cpu


def startup(project: Path, log: Path, reps: int = 7) -> dict:
    """Median CPU s of importing a plain build's modules, and of those plus ours."""
    env = measure.env_for(project)
    variants = {"base": BASE_IMPORTS, "macros": f"{BASE_IMPORTS}; {MACROS_IMPORT}",
                "ours": f"{BASE_IMPORTS}; {MACROS_IMPORT}; {OUR_IMPORTS}"}
    times: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(reps):  # alternated, so a busy moment hits all
        for name, code in variants.items():
            times[name].append(_cpu([sys.executable, "-c", code], project, env, log))
    return {name: statistics.median(t) for name, t in times.items()}


def warm(project: Path, site: Path, builds: int, strict: bool) -> dict:
    """CPU s of the first build in a process and the median of the later ones."""
    b = measure.build_in_process([project] * builds, "mkdocs.yml", site, strict, {"KEHOACH_DOWNLOADS": "0"})
    times = measure.json_tail(b.output)
    return {"first": times[0], "later": statistics.median(times[1:]), "all": times}


def downloads(project: Path, site: Path, without: float) -> dict:
    """CPU s of a public build (PDF and offline copy made) against `without` them."""
    b = measure.build(project, "mkdocs.yml", site, {"KEHOACH_DOWNLOADS": "1"})
    files = {p.name: p.stat().st_size for p in (site / "tai-ve").glob("*") if p.is_file()}
    return {"with": b.cpu_seconds, "without": without, "files": files}


def uncached(ours: Path, plain: Path, out: Path, reps: int = 5) -> dict:
    """CPU s of ours built with KEHOACH_CACHE=0 (what the build keeps across processes,
    kehoach/archive/alone.py, made again in each: as the deploy builds) against plain,
    one process each, alternated: medians of `reps` each."""
    times = {"ours": [], "plain": []}
    for rep in range(reps):
        pair = [("ours", ours), ("plain", plain)]
        for name, project in pair if rep % 2 == 0 else pair[::-1]:
            env = {"KEHOACH_DOWNLOADS": "0", **({"KEHOACH_CACHE": "0"} if name == "ours" else {})}
            times[name].append(measure.build(project, "mkdocs.yml", out / f"site-uncached-{name}", env,
                                             strict=name == "ours").cpu_seconds)
    return {name: statistics.median(t) for name, t in times.items()} | {"all": times}


def measure_all(ours: Path, plain: Path, out: Path, builds: int = 6) -> dict:
    result = {"startup": startup(ours, out / "startup.log"), "warm": {}}
    result["uncached"] = uncached(ours, plain, out)
    for rep in range(2):  # ours and plain at the same time, one core each: the same busy moments
        with ThreadPoolExecutor(2) as pool:
            futures = {name: pool.submit(warm, project, out / f"site-warm-{name}", builds, strict=name == "ours")
                       for name, project in (("ours", ours), ("plain", plain))}
        for name, future in futures.items():
            w = future.result()
            prev = result["warm"].get(name)
            if prev is None or w["later"] < prev["later"]:  # the quieter of two runs
                result["warm"][name] = w
    cold = [measure.build(ours, "mkdocs.yml", out / "site-cold", {"KEHOACH_DOWNLOADS": "0"}).cpu_seconds
            for _ in range(3)]
    result["downloads"] = downloads(ours, out / "site-downloads", statistics.median(cold))
    return result
