"""Time citation linking of one paragraph holding many citations.

    PYTHONPATH=. python -m bench.citations [1000 5000 10000 ...]

Each paragraph cites the register's numbered documents in turn, separated by
"; ", so every citation links. Prints one Markdown table row per size (the
time of `linker.link_page` on that paragraph, best of the runs); the numbers
before and after the linear rewrite are kept in bench/RESULTS-security.md.
Not a test: speed is never asserted in tests.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from kehoach.core.data import Project
from kehoach.core import htmltree
from kehoach.register import linker
from kehoach.register import model as register


def paragraph(reg: register.Register, count: int) -> str:
    """One <p> with `count` citations of the register's numbered entries."""
    numbered = [e for e in reg.entries if e.number]
    cites = [f"{e.kind} số {e.number}" for e in (numbered[i % len(numbered)] for i in range(count))]
    return "<h2 id=\"muc\">Mục</h2>\n<p>Theo " + "; ".join(cites) + ".</p>"


def measure(count: int, runs: int = 1) -> tuple[float, int]:
    reg = register.load(Project.at(Path(__file__).resolve().parents[1]))
    html = paragraph(reg, count)
    best, linked = float("inf"), 0
    for _ in range(runs):
        t0 = time.perf_counter()
        root = htmltree.parse(html)
        result = linker.link_page(root, reg, lambda e: f"../van-ban/{e.id}/")
        htmltree.serialize(root)
        best = min(best, time.perf_counter() - t0)
        linked = len(result.places)
    return best, linked


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [1000, 5000, 10000]
    print("| Citations in one paragraph | Linked | Time (s) |")
    print("|---:|---:|---:|")
    for count in sizes:
        seconds, linked = measure(count)
        print(f"| {count} | {linked} | {seconds:.2f} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
