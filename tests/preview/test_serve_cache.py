"""Under `mkdocs serve`, what a rebuild keeps from the last one (the theme's
file list, each page's search entries, each page's Markdown converted, the
site's folders: kehoach/preview/build.py) changes nothing in the site served:
after pages, their headings and a theme file changed, the site is byte for
byte the one a fresh serve build writes, and only the changed pages were
parsed again. A save of one page that changes what another page shows (its
contents list, a link to one of its anchors) updates or fails that other page
as a fresh build does.

The builds run in a process of their own (tests/preview/serve_rebuild.py), as
`mkdocs serve` would: the caches patch MkDocs and Material for that process.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from siteutil import copy_project, repo_of, tree_differences

HERE = Path(__file__).parent
PAGE = "docs/phan-1/ket-qua/ton-giao.md"
EDITS = [
    [PAGE, "Triển khai nghiên cứu", "Triển khai *nghiên cứu*"],
    ["docs/ve-trang-nay/ghi-chu-van-ban.md", "do nhóm biên tập trang web viết", "do nhóm biên tập viết lại"],
    ["../../overrides/assets/xem-thu-moi.css", None, "body { margin: 0; }\n"],  # a theme file added
]


def serve_build(project: Path, out: Path, mode: str, steps: list = (EDITS,)) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(repo_of(project)))
    proc = subprocess.run([sys.executable, str(HERE / "serve_rebuild.py"), str(project), str(out), mode,
                           json.dumps(list(steps))], env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.errors
def test_a_rebuild_under_serve_writes_the_site_a_fresh_build_writes(tmp_path):
    cached = serve_build(copy_project(tmp_path / "cached"), tmp_path / "site-cached", "cached")
    fresh = serve_build(copy_project(tmp_path / "fresh"), tmp_path / "site-fresh", "plain")
    assert tree_differences(tmp_path / "site-cached", tmp_path / "site-fresh") == []
    assert (tmp_path / "site-cached" / "assets" / "xem-thu-moi.css").is_file()  # the new theme file is there
    assert "<em>nghiên cứu</em>" in (tmp_path / "site-cached" / "phan-1/ket-qua/ton-giao/index.html").read_text("utf-8")
    assert "do nhóm biên tập viết lại" in (tmp_path / "site-cached" / "search" / "search_index.json").read_text("utf-8")
    # Only what changed was parsed for search again: the saved pages (and the few pages that show them).
    # Every page was converted from Markdown again: a file was added to the site, which links may name.
    assert cached["pages"] == fresh["pages"] > 50
    assert 2 <= cached["parsed"][0] <= 6, cached
    assert cached["converted"][0] >= cached["pages"], cached
    assert cached["failures"] == [None] == fresh["failures"]


NOTES = "docs/ve-trang-nay/ghi-chu-van-ban.md"
NEW_PAGE = "docs/ve-trang-nay/trang-thu.md"
NAV = ["mkdocs.yml", "      - ve-trang-nay/ghi-chu-van-ban.md\n",
       "      - ve-trang-nay/ghi-chu-van-ban.md\n      - ve-trang-nay/trang-thu.md\n"]
LINK = "ghi-chu-van-ban.md#cach-trinh-bay"
STEPS = [
    # A heading that the section's index page lists (its contents list, made by a macro from the
    # pages' headings); a new page that links to an anchor of the notes page.
    [[PAGE, "# 7. Công tác quản lý nhà nước về tôn giáo", "# 7. Công tác quản lý nhà nước về *tôn giáo*"],
     [NEW_PAGE, None, f"# Trang thử\n\nXem [cách trình bày]({LINK}).\n"], NAV],
    # The anchor renamed on the notes page: the new page, unchanged, now links to nothing.
    [[NOTES, "{: #cach-trinh-bay }", "{: #cach-trinh-bay-web }"]],
    [[NOTES, "{: #cach-trinh-bay-web }", "{: #cach-trinh-bay }"]],
    # The new page removed again: its folder goes too.
    [[NEW_PAGE, None, None], [NAV[0], NAV[2], NAV[1]]],
]


def without_site_dir(message: str) -> str:
    """The message without the note that the half-built site was removed (only a build into a
    folder that held a site before has it)."""
    return "\n".join(line for line in message.splitlines() if not line.startswith("Đã xóa thư mục"))


@pytest.mark.errors
def test_a_save_updates_the_pages_that_show_what_it_changed(tmp_path):
    cached = serve_build(copy_project(tmp_path / "cached"), tmp_path / "site-cached", "cached", STEPS)
    broken = serve_build(copy_project(tmp_path / "broken"), tmp_path / "site-broken", "plain", STEPS[:2])
    fresh = serve_build(copy_project(tmp_path / "fresh"), tmp_path / "site-fresh", "plain", STEPS)
    added, renamed, back, removed = cached["failures"]
    assert added is None and back is None and removed is None, cached["failures"]
    # The page whose Markdown did not change is checked against the other page as it is now: the
    # build fails, with the message a fresh build of the same files gives.
    assert renamed is not None and "trang-thu.md" in renamed and "#cach-trinh-bay" in renamed, renamed
    assert without_site_dir(renamed) == without_site_dir(broken["failures"][0])
    # A page added or removed: every page converted again (its links may name it); else only the saved one.
    assert cached["converted"][1:3] == [1, 1], cached
    assert tree_differences(tmp_path / "site-cached", tmp_path / "site-fresh") == []
    index = (tmp_path / "site-cached" / "phan-1/ket-qua/index.html").read_text("utf-8")
    assert "quản lý nhà nước về <em>tôn giáo</em>" in index  # the contents list shows the new heading
    assert not (tmp_path / "site-cached" / "ve-trang-nay" / "trang-thu").exists()


def test_kept_folders_removes_files_then_the_folders_a_build_left_empty(tmp_path):
    from kehoach.preview.build import KeptFolders

    site = tmp_path / "site"
    for rel in ("index.html", "a/index.html", "a/b/index.html", "c/d/index.html", ".git/x", ".git/e/f"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("x", encoding="utf-8")
    (site / "link").symlink_to(site / "c")
    KeptFolders.clean(site)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if not p.is_dir()) == [".git/e/f", ".git/x"]
    assert (site / "a" / "b").is_dir() and not (site / "link").exists()
    (site / "a" / "index.html").write_text("y", encoding="utf-8")  # what the next build writes
    KeptFolders.prune(site)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == [
        ".git", ".git/e", ".git/e/f", ".git/x", "a", "a/index.html"]


class _Server:
    def __init__(self, root):
        self.root = str(root)
        self.stopped = False

    def shutdown(self):
        self.stopped = True


@pytest.mark.skipif(not os.path.isdir("/dev/shm"), reason="no folder in memory")
def test_the_served_site_moves_to_memory_and_back(tmp_path):
    from kehoach.preview.build import MEMORY, SiteInMemory

    root = tmp_path / "mkdocs_site"
    (root / "a").mkdir(parents=True)
    (root / "a" / "index.html").write_text("trang", encoding="utf-8")
    server = _Server(root)
    ram = SiteInMemory.move(server)
    assert ram is not None and ram.parent == Path(MEMORY)
    try:
        assert root.is_symlink() and (root / "a" / "index.html").read_text("utf-8") == "trang"
        assert not (tmp_path / "mkdocs_site.on-disk").exists()
        assert SiteInMemory.move(_Server(root)) is None  # already there
    finally:
        server.shutdown()
    assert server.stopped and root.is_dir() and not root.is_symlink() and not any(root.iterdir())
    assert not ram.exists()


def test_a_folder_in_memory_left_by_a_dead_process_is_removed(tmp_path):
    from kehoach.preview.build import SiteInMemory

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    orphan = tmp_path / f"kehoach-serve-{dead.stdout.strip()}-x"
    mine = tmp_path / f"kehoach-serve-{os.getpid()}-y"
    other = tmp_path / "kehoach-serve-notes"
    for folder in (orphan, mine, other):
        folder.mkdir()
    SiteInMemory.remove_orphans(str(tmp_path))
    assert not orphan.exists() and mine.exists() and other.exists()


def test_a_file_saved_while_the_watchers_wait_is_seen_when_they_resume(tmp_path):
    """QuietWhileBuilding holds MkDocs' watchers (watchdog's polling emitters)
    during a rebuild: a save made then is reported as soon as they resume."""
    import threading
    import time

    import watchdog.events
    from watchdog.observers.polling import PollingObserver

    from kehoach.preview.build import QuietWhileBuilding

    class Server:
        observer = PollingObserver(timeout=0.05)

    seen = threading.Event()
    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = lambda event: seen.set() if event.src_path.endswith("page.md") else None
    Server.observer.schedule(handler, str(tmp_path), recursive=True)
    Server.observer.start()
    try:
        time.sleep(0.2)  # the first snapshot taken
        held = QuietWhileBuilding.hold(Server)
        assert held, "no watcher lock held"
        try:
            (tmp_path / "page.md").write_text("saved during the rebuild", encoding="utf-8")
            assert not seen.wait(0.3), "a watcher polled while the rebuild ran"
        finally:
            QuietWhileBuilding.release(held)
        assert seen.wait(2), "the save made during the rebuild was never reported"
    finally:
        Server.observer.stop()
        Server.observer.join(5)
