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
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

from . import corpus, measure, profile, report, variants, weight

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


def run_n(n: int, reps: int, out: Path, do_profile: bool, log) -> dict:
    base = out / f"n{n}"
    if base.exists():
        shutil.rmtree(base)
    ours, plain = base / "ours", base / "plain"
    t0 = time.perf_counter()
    plans = corpus.generate(ROOT, ours, n)
    log(f"N={n}: corpus of {len(plans)} plans, {corpus.page_count(ours)} pages "
        f"({time.perf_counter() - t0:.1f} s)")

    # Capture pass (untimed): Markdown after macros -> the plain corpus's docs/.
    plain.mkdir(parents=True)
    cfg = variants.write_capture_config(ours, BENCH / "capture_hook.py")
    prof_file = base / "ours.prof"
    args = ("-m", "cProfile", "-o", str(prof_file)) if do_profile else ()
    capture = measure.build(ours, cfg.name, base / "site-capture", {"KH_BENCH_CAPTURE": str(plain / "docs")}, args)
    log(f"N={n}: capture pass{' under cProfile' if do_profile else ''} {capture.seconds:.1f} s")
    variants.make_plain(ours, plain / "docs", plain)

    runs = {"ours": [], "plain": []}
    for rep in range(reps):
        for name, project in (("ours", ours), ("plain", plain)) if rep % 2 == 0 else (("plain", plain), ("ours", ours)):
            b = measure.build(project, "mkdocs.yml", base / f"site-{name}")
            runs[name].append(b)
            log(f"N={n}: {name} build {rep + 1}/{reps}: {b.seconds:.2f} s wall, {b.cpu_seconds:.2f} s CPU, "
                f"{b.peak_rss_mib:.0f} MiB")

    result = {"n": n, "plans": len(plans), "reps": reps}
    for name in runs:
        secs = [b.seconds for b in runs[name]]
        sizes = measure.site_sizes(base / f"site-{name}")
        result[name] = {
            "seconds": statistics.median(secs), "all_seconds": secs,
            "cpu_seconds": statistics.median([b.cpu_seconds for b in runs[name]]),
            "all_cpu_seconds": [b.cpu_seconds for b in runs[name]],
            "mkdocs_seconds": statistics.median([b.mkdocs_seconds or 0 for b in runs[name]]),
            "peak_rss_mib": max(b.peak_rss_mib for b in runs[name]),
            "sizes": asdict(sizes),
        }
    first = plans[0].id
    # The plan's home page and its longest page, as a reader opens them.
    site = base / "site-ours"
    longest = max((p for p in (site / first).rglob("index.html")), key=lambda p: p.stat().st_size)
    url_paths = [f"{first}/", longest.parent.relative_to(site).as_posix() + "/"]
    result["weights"] = [
        {"url_path": w.url_path, "raw": w.raw, "gzip": w.gzip, "files": w.files,
         "index_on_load": w.index_on_load, "index_on_search": w.index_on_search,
         "third_party": w.third_party}
        for w in weight.measure(site, url_paths)
    ]
    log(f"N={n}: page weight " + ", ".join(f"{w['url_path']} {w['gzip'] / 1024:.0f} KiB gz" for w in result["weights"]))
    if do_profile:
        result["profile"] = asdict(profile.summarise(prof_file))
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100", help="comma-separated N (default 1,10,100)")
    parser.add_argument("--reps", default="3,3,2", help="timed builds per variant for each N")
    parser.add_argument("--out", type=Path, default=BENCH / "out")
    parser.add_argument("--results", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    reps = [int(r) for r in args.reps.split(",")]
    reps += [reps[-1]] * (len(sizes) - len(reps))
    args.out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()

    def log(message):
        print(f"[bench {time.perf_counter() - start:6.1f}s] {message}", flush=True)

    results = {"machine": machine(), "runs": [], "load_before": os.getloadavg()}
    for n, r in zip(sizes, reps):
        results["runs"].append(run_n(n, r, args.out, n == max(sizes), log))
    results["bench_seconds"] = time.perf_counter() - start
    results["load_after"] = os.getloadavg()
    (args.out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    args.results.write_text(report.markdown(results), encoding="utf-8")
    log(f"wrote {args.results.relative_to(ROOT) if args.results.is_relative_to(ROOT) else args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
