"""How long `mkdocs serve` takes to show a saved page: the clerk's edit loop.

    .venv/bin/python bench/serve.py [RUNS]

The measure of issue 26: from the moment a page file is written until an HTTP
GET of that page returns the new text, polling every 50 ms, the median of
RUNS saves (default 3), with the server `make serve` starts (`mkdocs serve`
with mkdocs.yml, nothing added but a free port of 127.0.0.1).

Copies the project to a temporary folder and makes it a git repository of one
commit (as a clone is: the build then asks git for page dates, as `make
serve` does), starts the server in it, then RUNS times for each of a plan
page and a page of the site's own: writes the page with one word's emphasis
toggled (the plan's words stay the same, so the build passes) and times from
the write until the served page has changed (the server holds requests while
it rebuilds). Also times a broken save (a changed word of the plan) until the
error page is served, and the fix until the page is back. Prints every run
and a Markdown table (median, min, max), and the load average (1, 5, 15
minutes) before and after; the numbers are recorded by hand in
bench/results-serve.md. The machine may be shared: run it several times and
report the spread and the load.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from siteutil import copy_project, free_port, http_get, start_serve, stop  # noqa: E402

PAGES = {
    "plan page": ("docs/phan-1/ket-qua/ton-giao.md", "phan-1/ket-qua/ton-giao/", "Triển khai nghiên cứu"),
    "site page": ("docs/ve-trang-nay/ghi-chu-van-ban.md", "ve-trang-nay/ghi-chu-van-ban/", "Trang này"),
}
TIMEOUT = 60.0
POLL = 0.05  # seconds between two GETs of the page
SETTLE = 0.5  # seconds between a page served and the next write


def fetch(url: str) -> tuple[int, str]:
    """Status and body, without the script MkDocs injects (new on every request)."""
    status, body = http_get(url, TIMEOUT)
    cut = body.rfind("<script>", 0, body.rfind("livereload(")) if "livereload(" in body else -1
    return status, body[:cut] if cut >= 0 else body


def mount_path(project: Path) -> str:
    """The path MkDocs serves the site under: site_url's (/snv-2022/)."""
    for line in (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            return "/" + line.split("//", 1)[1].split("/", 1)[1].strip().strip("/") + "/"
    return "/"


def start(project: Path, port: int, log) -> subprocess.Popen:
    proc = start_serve(project, port, log)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            fetch(f"http://127.0.0.1:{port}/")
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("mkdocs serve did not start")


def until(url: str, saved_at: float, ready) -> float:
    """Seconds from the save until the served page satisfies `ready(status, body)`."""
    while time.monotonic() - saved_at < TIMEOUT:
        if ready(*fetch(url)):
            return time.monotonic() - saved_at
        time.sleep(POLL)
    status, body = fetch(url)
    shown = body[body.find("<pre>"):][:400]
    raise RuntimeError(f"{url} was not as expected within {TIMEOUT} s: {status} {shown!r}")


def toggle(path: Path, word: str):
    """Emphasize `word` or take its emphasis away; returns a test of the page then served."""
    text = path.read_text(encoding="utf-8")
    marked = f"*{word}*"
    emphasized = marked not in text
    path.write_text(text.replace(word, marked, 1) if emphasized else text.replace(marked, word, 1), encoding="utf-8")
    return lambda status, body: (f"<em>{word}</em>" in body) == emphasized


def as_a_clone(project: Path) -> None:
    """One commit of the copy, so the build finds a git history as in a clone."""
    git = ["git", "-C", str(project), "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "bench"]):
        subprocess.run([*git, *args], check=True, capture_output=True)


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def main(runs: int = 3) -> None:
    print("before:", load(), flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp, \
            open(os.environ.get("BENCH_SERVE_LOG", os.devnull), "w", encoding="utf-8") as log:
        project = copy_project(Path(tmp) / "project")
        as_a_clone(project)
        port = free_port()
        proc = start(project, port, log)
        try:
            rows = []
            for label, (rel, url_path, word) in PAGES.items():
                url = f"http://127.0.0.1:{port}{mount_path(project)}{url_path}"
                times = []
                for _ in range(runs):
                    time.sleep(SETTLE)  # let the watcher settle
                    saved = time.monotonic()
                    times.append(until(url, saved, toggle(project / rel, word)))
                rows.append((f"save a {label}, until it is served anew", times))
                print(rows[-1][0], [round(x, 2) for x in times], flush=True)
            rel, url_path, word = PAGES["plan page"]
            url = f"http://127.0.0.1:{port}{mount_path(project)}{url_path}"
            broken, fixed = [], []
            for _ in range(runs):
                page = project / rel
                good = page.read_text(encoding="utf-8")
                time.sleep(SETTLE)
                saved = time.monotonic()
                page.write_text(good.replace(word, "Triển khai tìm hiểu", 1), encoding="utf-8")
                broken.append(until(url, saved, lambda status, body: "Chữ của Kế hoạch khác văn bản đã ký" in body))
                time.sleep(SETTLE)
                saved = time.monotonic()
                page.write_text(good, encoding="utf-8")
                fixed.append(until(url, saved, lambda status, body: status == 200 and word in body))
            print("broken", [round(x, 2) for x in broken], "fixed", [round(x, 2) for x in fixed], flush=True)
            rows.append(("save a broken plan page, until the error page is served", broken))
            rows.append(("fix it, until the page is served again", fixed))
        finally:
            stop(proc)
    print("after:", load(), flush=True)
    print(f"| what ({runs} runs) | median s | min s | max s |")
    print("| --- | --- | --- | --- |")
    for what, times in rows:
        print(f"| {what} | {statistics.median(times):.2f} | {min(times):.2f} | {max(times):.2f} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
