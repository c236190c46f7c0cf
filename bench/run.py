"""Run the whole bench and write bench/RESULTS.md.   Usage: make bench

For N = 1, 10, 100 plans: generate the corpus, record the Markdown after macros
(capture pass, untimed), build ours and the plain build alternately (timed),
measure sizes and a reader's download in chromium; profile ours at the largest N.
Everything is written under bench/out/ (git-ignored) except bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

from . import archive, corpus, costs, index_fetch, measure, profile, report, variants, weight
from .yamltags import dump_config, load_config

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    versions = subprocess.run(
        [sys.executable, "-c", "import importlib.metadata as m; print(', '.join(f'{p} {m.version(p)}' for p in "
         "['mkdocs', 'mkdocs-material', 'mkdocs-macros-plugin', 'Markdown']))"],
        capture_output=True, text=True).stdout.strip()
    return {
        "cpu": cpu, "nproc": os.cpu_count(), "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "python": platform.python_version(), "os": platform.platform(), "versions": versions,
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "commit": subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                 capture_output=True, text=True).stdout.strip(),
    }


def build_paired(ours: list[Path], plain: list[Path], base: Path, workers: int, plain_first: bool) -> dict:
    """Every plan built once by ours and once plain, each build its own process, `workers` at a
    time, taken in pairs (plan i ours, plan i plain): on a shared machine a busy moment weighs on
    both variants alike. Per variant: CPU and wall seconds summed over its builds, peak memory."""
    tasks = []
    for o, p in zip(ours, plain):
        pair = [("ours", o), ("plain", p)]
        tasks += pair[::-1] if plain_first else pair

    def one(task):
        name, project = task
        # Without the PDF and offline copy, which the plain build does not make (costs.downloads
        # measures them). Plain is not --strict: links to files our hooks generate have no target there.
        return name, measure.build(project, "mkdocs.yml", base / f"site-{name}" / project.name,
                                   {"KEHOACH_DOWNLOADS": "0"}, strict=name == "ours")

    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        builds = list(pool.map(one, tasks))
    batch = time.perf_counter() - start
    out = {}
    for name in ("ours", "plain"):
        mine = [b for n, b in builds if n == name]
        out[name] = {"seconds": sum(b.seconds for b in mine), "cpu_seconds": sum(b.cpu_seconds for b in mine),
                     "peak_rss_mib": max(b.peak_rss_mib for b in mine), "batch_seconds": batch}
    return out


def build_archive_pair(ours: Path, plain: Path, base: Path) -> dict:
    """Both archives built as the public site is (`mkdocs build` at the root, the projects plugin
    building every plan), clean (no cache), ours and plain at the same time: the same busy moments."""
    with ThreadPoolExecutor(2) as pool:
        futures = {name: pool.submit(archive.build, root, base / f"site-archive-{name}", strict=name == "ours")
                   for name, root in (("ours", ours), ("plain", plain))}
        return {name: asdict(f.result()) for name, f in futures.items()}


def _medians(runs: list[dict]) -> dict:
    """Median wall and CPU seconds of timed runs, every run's numbers, and the largest peak memory."""
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "all_seconds": [r["seconds"] for r in runs],
        "cpu_seconds": statistics.median(r["cpu_seconds"] for r in runs),
        "all_cpu_seconds": [r["cpu_seconds"] for r in runs],
        "peak_rss_mib": max(r["peak_rss_mib"] for r in runs),
        **({"peak_tree_mib": max(r["peak_tree_mib"] for r in runs)} if "peak_tree_mib" in runs[0] else {}),
        **({"site_bytes": runs[-1]["site_bytes"], "plans_built": runs[-1]["plans_built"]}
           if "site_bytes" in runs[0] else {}),
    }


def differences(one_each: Path, together: Path, plan_ids: list[str]) -> list[str]:
    """A plan built in the archive (the projects plugin's workers build plan after plan in one
    process) should come out as when built alone: no state of one plan's build may leak into
    the next. Files that differ or exist in one only, for up to 10 plans."""
    out = []
    for plan_id in plan_ids[:10]:
        a, b = one_each / plan_id, together / plan_id
        files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
        files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
        out += [f"{plan_id}/{rel} (only in one)" for rel in sorted(files_a ^ files_b)]
        out += [f"{plan_id}/{rel}" for rel in sorted(files_a & files_b)
                if (a / rel).read_bytes() != (b / rel).read_bytes()]
    return out


def make_plain_projects(ours: Path, plain: Path, plans: list, log) -> list[Path]:
    """Plan 0's Markdown after macros (capture pass), and a plain archive: its root
    (bench/variants.py make_plain_root) and a plain plan folder per plan.

    Plans 1..N-1 get plan 0's captured Markdown rewritten the way the corpus
    rewrote their sources (department and codes): the same text as their own
    pages except the year in the header, at a fraction of the time.
    """
    first = corpus.plan_folder(ours, plans[0])
    cfg = variants.write_capture_config(first, BENCH / "capture_hook.py", BENCH / "capture_late_hook.py")
    first_plain = corpus.plan_folder(plain, plans[0])
    captured = first_plain / "docs"
    # Without the PDF and offline copy: they change no page (kehoach/exports/build.py only skips them).
    b = measure.build(first, cfg.name, plain / "site-capture", {"KH_BENCH_CAPTURE": str(captured),
                                                                 "KEHOACH_DOWNLOADS": "0"})
    cfg.unlink()
    log(f"capture pass (plan 0) {b.seconds:.1f} s")
    variants.make_plain_root(ours, plain)
    variants.make_plain(first, captured, first_plain)
    for plan in plans[1:]:
        dest = corpus.plan_folder(plain, plan)
        shutil.copytree(first_plain, dest)
        for md in dest.rglob("*.md"):
            md.write_text(plan.rewrite(md.read_text(encoding="utf-8")), encoding="utf-8")
        config = load_config(dest / "mkdocs.yml")
        config["site_name"] = plan.rewrite(config["site_name"], years=True)
        # The projects plugin places a plan by its site_url: each its own, as in ours.
        config["site_url"] = re.sub(r"[^/]+/?$", f"{plan.id}/", config["site_url"])
        dump_config(config, dest / "mkdocs.yml")
    shutil.rmtree(plain / "site-capture", ignore_errors=True)
    return [corpus.plan_folder(plain, p) for p in plans]


def run_n(n: int, reps: int, out: Path, profile_plans: int, workers: int, log, with_costs: bool = False) -> dict:
    base = out / f"n{n}"
    if base.exists():
        shutil.rmtree(base)
    ours, plain = base / "ours", base / "plain"
    t0 = time.perf_counter()
    plans = corpus.generate(ROOT, ours, n)
    ours_projects = [corpus.plan_folder(ours, p) for p in plans]
    plain_projects = make_plain_projects(ours, plain, plans, lambda m: log(f"N={n}: {m}"))
    log(f"N={n}: an archive of {len(plans)} plans, {corpus.page_count(ours)} pages ({time.perf_counter() - t0:.1f} s)")

    runs = {"ours": [], "plain": []}
    for rep in range(reps):
        r = build_paired(ours_projects, plain_projects, base, workers, plain_first=rep % 2 == 1)
        for name in runs:
            runs[name].append(r[name])
        log(f"N={n}: per-plan processes {rep + 1}/{reps} ({workers} at a time, ours and plain paired): "
            f"{r['ours']['batch_seconds']:.1f} s wall; CPU ours {r['ours']['cpu_seconds']:.1f} s, plain "
            f"{r['plain']['cpu_seconds']:.1f} s; peak ours {r['ours']['peak_rss_mib']:.0f} MiB")

    # The archive as the public site is built: `mkdocs build` at its root (projects plugin).
    arch = {"ours": [], "plain": []}
    for rep in range(reps):
        r = build_archive_pair(ours, plain, base)
        for name in arch:
            arch[name].append(r[name])
        log(f"N={n}: archive (projects plugin) {rep + 1}/{reps}: CPU ours {r['ours']['cpu_seconds']:.1f} s, "
            f"plain {r['plain']['cpu_seconds']:.1f} s; wall ours {r['ours']['seconds']:.1f} s; peak tree ours "
            f"{r['ours']['peak_tree_mib']:.0f} MiB; {r['ours']['plans_built']} plans built")
    result = {"n": n, "plans": len(plans), "reps": reps, "workers": workers,
              "archive": {name: _medians(arch[name]) for name in arch}}
    ids = [p.id for p in plans]
    result["archive"]["differs_from_alone"] = differences(base / "site-ours", base / "site-archive-ours", ids)
    result["archive"]["output"] = archive.plan_bytes(base / "site-archive-ours", ids)
    result["rebuild"] = archive.rebuilds(ours, base / "site-archive-ours", ours_projects[-1], base / "site-alone")
    rb = result["rebuild"]
    log(f"N={n}: rebuild unchanged {rb['unchanged']['cpu_seconds']:.1f} s CPU, one page of {rb['plan']} changed "
        f"{rb['changed']['cpu_seconds']:.1f} s ({rb['changed']['plans_built']} plans built), that plan alone "
        f"{rb['plan_alone_cpu_seconds']:.1f} s: {rb['ratio']:.2f}x")
    result["index_fetch"] = index_fetch.measure(base / "site-archive-ours", ids)
    for name in runs:
        sizes = [measure.site_sizes(base / f"site-{name}" / p.id, measure.search_excluded(corpus.plan_folder(ours, p)))
                 for p in plans]
        result[name] = dict(_medians(runs[name]),
                            sizes={key: sum(getattr(s, key) for s in sizes) for key in asdict(sizes[0])},
                            largest_index_bytes=max(s.index_bytes for s in sizes))
    first = plans[0].id
    site = base / "site-ours"
    longest = max((p for p in (site / first).rglob("index.html")), key=lambda p: p.stat().st_size)
    url_paths = [f"{first}/", longest.parent.relative_to(site).as_posix() + "/"]
    result["weights"] = [
        {"url_path": w.url_path, "raw": w.raw, "gzip": w.gzip, "files": w.files,
         "index_on_load": w.index_on_load, "index_on_search": w.index_on_search,
         "third_party": w.third_party}
        for w in weight.measure(site, url_paths)
    ]
    log(f"N={n}: page weight " + ", ".join(f"{w['url_path']} {w['gzip'] / 1000:.0f} KB gz" for w in result["weights"]))
    if with_costs:
        result["costs"] = costs.measure_all(ours_projects[0], plain_projects[0], base)
        c = result["costs"]
        log(f"N={n}: costs: start-up {c['startup']['ours'] - c['startup']['base']:.2f} s, warm build ours "
            f"{c['warm']['ours']['later']:.2f} s / plain {c['warm']['plain']['later']:.2f} s, downloads "
            f"{c['downloads']['with'] - c['downloads']['without']:.1f} s")
    if profile_plans:
        profs = []
        for project in ours_projects[:profile_plans]:
            prof = base / f"{project.name}.prof"
            measure.build(project, "mkdocs.yml", base / "site-profile" / project.name, {"KEHOACH_DOWNLOADS": "0"},
                          python_args=("-m", "cProfile", "-o", str(prof)))
            profs.append(prof)
        result["profile"] = asdict(profile.summarise(profs))
        result["profile"]["plans"] = len(profs)
        log(f"N={n}: profiled {len(profs)} plan builds")
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100", help="comma-separated N (default 1,10,100)")
    parser.add_argument("--reps", default="3,3,2", help="timed builds per variant for each N")
    parser.add_argument("--profile-plans", type=int, default=5,
                        help="plan builds profiled (cProfile) at the largest N")
    parser.add_argument("--workers", type=int, default=os.cpu_count(), help="plan builds at a time")
    parser.add_argument("--out", type=Path, default=BENCH / "out")
    parser.add_argument("--results", type=Path, default=BENCH / "RESULTS.md")
    parser.add_argument("--rebuild-only", action="store_true",
                        help="measure again only the rebuild after one change, on the last run's corpora "
                             "(bench/out), and rewrite the results")
    parser.add_argument("--report-only", action="store_true",
                        help="rewrite the results table from the last run (bench/out/results.json), no build")
    args = parser.parse_args(argv)
    args.out = args.out.resolve()  # builds run in each project's folder
    if args.rebuild_only:
        results = json.loads((args.out / "results.json").read_text(encoding="utf-8"))
        for r in results["runs"]:
            if r.get("rebuild"):
                base = args.out / f"n{r['n']}"
                plan = base / "ours" / "plans" / r["rebuild"]["plan"]
                corpus.write_shared(ROOT, base / "ours")  # the code of this checkout, not the last run's
                r["rebuild"] = archive.rebuilds(base / "ours", base / "site-archive-ours", plan, base / "site-alone")
                rb = r["rebuild"]
                print(f"N={r['n']}: rebuild / plan alone, each run: "
                      + ", ".join(f"{x['ratio']:.2f}" for x in rb["runs"]) + f"; median {rb['ratio']:.2f}x", flush=True)
        results["rebuild_measured"] = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                                       "commit": machine()["commit"], "load_after": os.getloadavg()}
        (args.out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
        args.results.write_text(report.markdown(results), encoding="utf-8")
        return 0
    if args.report_only:
        results = json.loads((args.out / "results.json").read_text(encoding="utf-8"))
        for r in results["runs"]:
            if r.get("profile"):  # summarised again, in case profile.py changed
                plans = r["profile"].get("plans", 1)
                r["profile"] = asdict(profile.summarise(sorted((args.out / f"n{r['n']}").glob("*.prof"))))
                r["profile"]["plans"] = plans
        args.results.write_text(report.markdown(results), encoding="utf-8")
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    reps = [int(r) for r in args.reps.split(",")]
    reps += [reps[-1]] * (len(sizes) - len(reps))
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()

    def log(message):
        print(f"[bench {time.perf_counter() - start:6.1f}s] {message}", flush=True)

    results = {"machine": machine(), "runs": [], "load_before": os.getloadavg()}
    for n, r in zip(sizes, reps):
        results["runs"].append(run_n(n, r, args.out, args.profile_plans if n == max(sizes) else 0,
                                     args.workers, log, with_costs=n == min(sizes)))
    results["bench_seconds"] = time.perf_counter() - start
    results["load_after"] = os.getloadavg()
    (args.out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    args.results.write_text(report.markdown(results), encoding="utf-8")
    log(f"wrote {args.results.relative_to(ROOT) if args.results.is_relative_to(ROOT) else args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
