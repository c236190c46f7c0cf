"""Incremental archive builds (issue 22, point 3): a plan whose inputs did not
change is restored from .cache/kehoach/, not built, and the site is the same."""
from __future__ import annotations

import json
import os
import re
import shutil

import pytest

from siteutil import PLAN_ID, build_fails, copy_project, edit, edit_file, repo_of, run_build, tree_differences

OTHER = "thu-2023"  # a synthetic plan, made here: never published


def _restored(output: str) -> set[str]:
    return set(re.findall(r"\(Plan ([a-z0-9-]+): unchanged, restored from the cache\.\)", output))


def _archive_of_two(tmp_path):
    plan = copy_project(tmp_path / "repo")
    repo = repo_of(plan)
    other = repo / "plans" / OTHER
    shutil.copytree(plan, other)
    edit(other, "data/site.yml", "year: 2022", "year: 2023")
    text = (other / "data/site.yml").read_text(encoding="utf-8")
    (other / "data/site.yml").write_text(re.sub(r"(?m)^record:.*\n", "", text), encoding="utf-8")  # not held to a signed text
    return repo, plan, other


def test_unchanged_plans_are_restored_and_the_site_is_the_same(tmp_path):
    repo, plan, other = _archive_of_two(tmp_path)
    first = run_build(repo, tmp_path / "site-1")
    assert first.returncode == 0, first.output
    assert _restored(first.output) == set()
    assert (repo / ".cache" / "kehoach" / "plans" / PLAN_ID).is_dir()

    again = run_build(repo, tmp_path / "site-2")
    assert again.returncode == 0, again.output
    assert _restored(again.output) == {PLAN_ID, OTHER}
    # The plans' outputs and the archive's own (its search index included) are
    # byte for byte the same.
    assert tree_differences(tmp_path / "site-1", tmp_path / "site-2") == []

    # One page of one plan changed: only that plan is built again.
    edit(other, "docs/ve-trang-nay/ghi-chu-van-ban.md", "do nhóm biên tập trang web viết", "do nhóm biên tập viết")
    third = run_build(repo, tmp_path / "site-3")
    assert third.returncode == 0, third.output
    assert _restored(third.output) == {PLAN_ID}
    page = (tmp_path / "site-3" / OTHER / "ve-trang-nay" / "ghi-chu-van-ban" / "index.html").read_text(encoding="utf-8")
    assert "do nhóm biên tập viết" in page
    kept = sorted(p.name for p in (repo / ".cache" / "kehoach" / "plans" / OTHER).iterdir())
    assert len(kept) == 2 and kept[1] == kept[0] + ".inodes.json"  # the last entry only, and its files' inodes

    # Shared code changed: every plan is built again.
    init = repo / "kehoach" / "archive" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    fourth = run_build(repo, tmp_path / "site-4")
    assert fourth.returncode == 0, fourth.output
    assert _restored(fourth.output) == set()


PAGES_KEPT = "(The archive's pages: unchanged, restored from the cache.)"


def _built_here(output: str) -> set[str]:
    return set(re.findall(r"\(Plan ([a-z0-9-]+): built in the archive's process", output))


def test_one_plan_rebuilt_in_the_same_site_folder_gives_the_site_of_a_clean_build(tmp_path):
    """The usual rebuild: one page of one plan changed, the archive built again into
    the same site folder. The unchanged plan stays in place (its files are the kept
    output's), the changed one is built in the archive's own process (no worker to
    start), and the site is the one a clean build writes, archive pages included."""
    repo, plan, other = _archive_of_two(tmp_path)
    site = tmp_path / "site"
    first = run_build(repo, site)
    assert first.returncode == 0, first.output
    assert _built_here(first.output) == set()  # two plans to build: the pool builds them
    kept = (site / PLAN_ID / "index.html").stat().st_ino
    # The archive's search index: the unchanged plan's pages stay in place too.
    page_file = site / "chi-muc" / "p" / PLAN_ID / "0.json"
    kept_page_file = page_file.stat().st_ino

    edit(other, "docs/ve-trang-nay/ghi-chu-van-ban.md", "do nhóm biên tập trang web viết", "do nhóm biên tập viết")
    again = run_build(repo, site)
    assert again.returncode == 0, again.output
    assert _restored(again.output) == {PLAN_ID}
    assert _built_here(again.output) == {OTHER}
    assert PAGES_KEPT in again.output  # that page cites no document: the register is the same
    assert (site / PLAN_ID / "index.html").stat().st_ino == kept  # left in place, not copied again
    assert page_file.stat().st_ino == kept_page_file  # only the changed plan's part written again
    assert "do nhóm biên tập viết" in (site / OTHER / "ve-trang-nay" / "ghi-chu-van-ban" / "index.html").read_text(
        encoding="utf-8")

    # The archive's own page changed: its pages are made and kept again, without the
    # search index, which stays in place (a kept copy of it would later be put back
    # over the index in place, stale).
    edit_file(repo / "archive" / "index.md", "mới nhất trước.", "mới nhất ở trên.")
    third = run_build(repo, site)
    assert third.returncode == 0, third.output
    assert PAGES_KEPT not in third.output
    fourth = run_build(repo, site)
    assert fourth.returncode == 0, fourth.output
    assert PAGES_KEPT in fourth.output
    assert not list((repo / ".cache" / "kehoach" / "archive").glob("*/chi-muc"))
    assert page_file.stat().st_ino == kept_page_file

    shutil.rmtree(repo / ".cache")
    clean = run_build(repo, tmp_path / "site-clean")
    assert clean.returncode == 0, clean.output
    assert _restored(clean.output) == set()
    differ = tree_differences(tmp_path / "site-clean", site)
    assert differ == []

    # Built here, the plan's failure still stops the build, named; it wrote into no
    # kept output (its folder's files are the cache's: removed before, never written
    # into), so once the page is put back, the plans are restored as they were.
    edit(other, "docs/ve-trang-nay/ghi-chu-van-ban.md", "do nhóm biên tập viết", "{{ environment }}")
    failed = run_build(repo, site)
    assert failed.returncode != 0
    assert _built_here(failed.output) == {OTHER}
    assert f"project://.{OTHER}" in failed.output
    edit(other, "docs/ve-trang-nay/ghi-chu-van-ban.md", "{{ environment }}", "do nhóm biên tập viết")
    fixed = run_build(repo, site)
    assert fixed.returncode == 0, fixed.output
    assert _restored(fixed.output) == {PLAN_ID, OTHER}
    assert PAGES_KEPT in fixed.output
    differ = tree_differences(tmp_path / "site-clean", site)
    assert differ == []

    # The archive's own pages are kept only while what they are made of is the same.
    home = repo / "archive" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nMột câu mới của trang chủ.\n", encoding="utf-8")
    words = run_build(repo, site)
    assert words.returncode == 0, words.output
    assert PAGES_KEPT not in words.output
    assert "Một câu mới của trang chủ." in (site / "index.html").read_text(encoding="utf-8")


def test_archive_pages_of_a_refused_build_are_not_kept(tmp_path):
    """MkDocs' strict mode refuses a build after on_post_build (a warning was counted):
    the archive's pages of that build are not kept, or the next build would restore
    them without rendering them, and pass."""
    repo, plan, other = _archive_of_two(tmp_path)
    assert run_build(repo, tmp_path / "site-1").returncode == 0
    home = repo / "archive" / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\n[Trang không có](khong-co.md)\n", encoding="utf-8")
    for attempt in ("site-2", "site-3"):
        refused = run_build(repo, tmp_path / attempt)
        assert refused.returncode != 0, refused.output
        assert PAGES_KEPT not in refused.output
        assert "khong-co.md" in refused.output


def test_a_failed_build_keeps_nothing_new(tmp_path):
    repo, plan, other = _archive_of_two(tmp_path)
    assert run_build(repo, tmp_path / "site-1").returncode == 0
    kept = sorted(p.name for p in (repo / ".cache" / "kehoach" / "plans" / OTHER).iterdir())
    edit(other, "docs/ve-trang-nay/ghi-chu-van-ban.md", "do nhóm biên tập trang web viết", "{{ environment }}")
    build_fails(repo, tmp_path)
    assert sorted(p.name for p in (repo / ".cache" / "kehoach" / "plans" / OTHER).iterdir()) == kept
    assert not any(p.name.endswith(".tmp") for p in (repo / ".cache" / "kehoach" / "plans").rglob("*"))


def test_a_plans_key_follows_what_git_says_of_it_and_only_of_it():
    """The pages show each file's last date and the change log the plan's content
    commits (sha, date, subject): all three are in the key, read from one history
    of the repository; a commit that touches another plan changes nothing."""
    from datetime import datetime, timezone

    from kehoach.archive import cache
    from kehoach.changelog.model import Change, Commit, History

    def history(*commits):
        found = {}
        for c in commits:
            for ch in c.changes:
                found.setdefault(ch.path, c.when)
        return History(commits=list(commits), dates=found)

    when = datetime(2022, 1, 2, tzinfo=timezone.utc)
    ours = Commit("a" * 40, when, "Sửa trang", (Change("M", f"plans/{PLAN_ID}/docs/index.md"),))
    state = cache.git_state(history(ours), PLAN_ID)
    assert state != cache.git_state(history(Commit("b" * 40, when, "Sửa trang", ours.changes)), PLAN_ID)
    assert state != cache.git_state(history(Commit("a" * 40, when, "Sửa lại trang", ours.changes)), PLAN_ID)
    assert state != cache.git_state(history(Commit("a" * 40, when.replace(day=3), "Sửa trang", ours.changes)), PLAN_ID)
    other = Commit("c" * 40, when.replace(day=5), "Khác", (Change("M", f"plans/{OTHER}/docs/index.md"),))
    assert cache.git_state(history(other, ours), PLAN_ID) == state
    assert cache.git_state(History(reason="không có git"), PLAN_ID) != cache.git_state(History(reason="nông"), PLAN_ID)


def test_a_cache_committed_to_the_repository_stops_the_build_naming_it(tmp_path):
    """.cache/ holds outputs restored unchecked (and compiled templates): a file of
    it that a pull request commits must never be used (kehoach/archive/cache.py
    `trusted`); the archive's build stops at on_config, naming the file."""
    import subprocess

    import pytest

    from kehoach.archive import cache
    from kehoach.core.errors import SiteError

    repo = tmp_path / "repo"
    forged = repo / ".cache" / "kehoach" / "plans" / "abc" / "snv-2022" / "index.html"
    forged.parent.mkdir(parents=True)
    forged.write_text("<script>alert(1)</script>", encoding="utf-8")
    (repo / "README.md").write_text("x", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "README.md"], check=True)
    assert cache.trusted(repo)  # untracked: written by a build here
    subprocess.run(["git", "-C", str(repo), "add", "-f", ".cache"], check=True)
    with pytest.raises(SiteError) as refused:
        cache.trusted(repo)
    assert refused.value.path == ".cache/kehoach/plans/abc/snv-2022/index.html"
    assert "git rm -r --cached .cache" in str(refused.value)


def test_the_published_build_restores_nothing_from_a_cache():
    """The deploy builds the public site from the sources alone: no cache step, and
    the build itself told not to use .cache/ (a second guard beside `trusted`)."""
    import yaml

    from siteutil import ROOT

    deploy = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    steps = [s for job in deploy["jobs"].values() for s in job.get("steps", [])]
    publish = [s for s in steps if s.get("run", "").strip() == "make build"]
    assert len(publish) == 1 and publish[0].get("env", {}).get("KEHOACH_CACHE") == "0", publish


def test_one_build_at_a_time_holds_the_cache(tmp_path):
    """Two builds of one archive at once (two test workers, a build beside
    another) must not write the same cache entries: the second finds the cache
    held and builds without it; once given back, it can be held again."""
    from kehoach.archive import cache

    first = cache.claim(tmp_path)
    assert first is not None
    assert cache.claim(tmp_path) is None
    cache.release(first)
    again = cache.claim(tmp_path)
    assert again is not None
    cache.release(again)


def test_a_plans_checked_register_is_kept_under_its_data_folder(tmp_path):
    """The checked data/register.yml of a plan (register.plan_register) is kept with
    the hash of the plan's data/ folder: the same data gives it back, line numbers
    and all, whatever else of the plan changed (its key); a changed data file, other
    shared code, or a damaged file gives nothing (the register is then read and
    checked again)."""
    from pathlib import Path

    from kehoach.archive import cache, model, register
    from kehoach.core import data

    root = Path(__file__).resolve().parents[2]
    plan = next(p for p in model.load_plans(root, data.DataCache()) if p.id == PLAN_ID)
    reg = register.plan_register(plan)
    shutil.copytree(root / "plans" / PLAN_ID / "data", tmp_path / "plans" / PLAN_ID / "data")
    kept = cache.Places(tmp_path, {f".{PLAN_ID}": "k1"}, "shared-1")
    assert kept.register(PLAN_ID) is None
    kept.keep_register(PLAN_ID, reg)
    back = cache.Places(tmp_path, {f".{PLAN_ID}": "k2"}, "shared-1").register(PLAN_ID)  # a page changed
    assert [e.id for e in back.entries] == [e.id for e in reg.entries]
    assert back.line_of(back.entries[3], "number") == reg.line_of(reg.entries[3], "number") > 0
    assert back.rel == reg.rel == f"plans/{PLAN_ID}/data/register.yml"
    assert cache.Places(tmp_path, {f".{PLAN_ID}": "k2"}, "shared-2").register(PLAN_ID) is None
    figures = tmp_path / "plans" / PLAN_ID / "data" / "figures.yml"
    figures.write_text(figures.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cache.Places(tmp_path, {f".{PLAN_ID}": "k3"}, "shared-1").register(PLAN_ID) is None
    kept = cache.Places(tmp_path, {f".{PLAN_ID}": "k3"}, "shared-1")
    kept.keep_register(PLAN_ID, reg)
    (path,) = (tmp_path / cache.REGISTER_FOLDER).glob(f"{PLAN_ID}.*.pickle")  # the older one dropped
    path.write_bytes(b"not a pickle")
    assert kept.register(PLAN_ID) is None


def test_a_plans_places_and_digest_are_kept_under_its_key(tmp_path):
    """The places a plan cites documents, and the digest of what it gives the register
    across plans, are given back for the plan's key only; the digest changes with the
    places and with the plan's data/ folder."""
    from kehoach.archive import cache
    from kehoach.archive.register import Place

    (tmp_path / "plans" / PLAN_ID / "data").mkdir(parents=True)
    register_file = tmp_path / "plans" / PLAN_ID / "data" / "register.yml"
    register_file.write_text("a: 1\n", encoding="utf-8")
    fields = {name: "x" for name in Place.__dataclass_fields__}
    places = {"nd-107-2020": [Place(**fields)]}
    kept = cache.Places(tmp_path, {f".{PLAN_ID}": "k1"}, "s")
    assert kept.get(PLAN_ID) is None and kept.digest(PLAN_ID) is None
    kept.put(PLAN_ID, places)
    kept.save()  # the summary of every plan's digest, written once after the puts
    again = cache.Places(tmp_path, {f".{PLAN_ID}": "k1"}, "s")
    assert again.get(PLAN_ID) == places
    first = again.digest(PLAN_ID)
    assert first
    assert cache.Places(tmp_path, {f".{PLAN_ID}": "k2"}, "s").digest(PLAN_ID) is None
    other = cache.Places(tmp_path, {f".{PLAN_ID}": "k2"}, "s")
    other.put(PLAN_ID, {"nd-107-2020": [Place(**dict(fields, text="y"))]})
    assert other.digest(PLAN_ID) not in (None, first)
    register_file.write_text("a: 2\n", encoding="utf-8")
    third = cache.Places(tmp_path, {f".{PLAN_ID}": "k3"}, "s")
    third.put(PLAN_ID, places)
    assert third.digest(PLAN_ID) not in (None, first)


def _kept_and_restored(tmp_path):
    """A plan's output of two pages (index.html, a/b/index.html) kept by cache.store
    and restored into tmp_path/site/plan: (entry, site folder)."""
    from kehoach.archive import cache

    out = tmp_path / "built"
    (out / "a" / "b").mkdir(parents=True)
    (out / "index.html").write_text("1", encoding="utf-8")
    (out / "a" / "b" / "index.html").write_text("2", encoding="utf-8")
    entry = tmp_path / "cache" / "plan" / "k1"
    entry.parent.mkdir(parents=True)
    cache.store(out, entry)
    site = tmp_path / "site" / "plan"
    cache.restore(entry, site)
    return entry, site


@pytest.mark.parametrize("settled", ["as built", "at once"])
def test_a_kept_plan_counts_as_in_place_only_with_exactly_its_files(tmp_path, monkeypatch, settled):
    """cache.same_tree: the site's folder of a plan is the kept output when it holds
    exactly the kept files (hard links), whatever the list kept beside the output says;
    a file added, removed or replaced by a copy, or a folder that is a link, is not.
    "at once": every folder counts as settled, so each check after a listing that
    found the tree the same goes by the folders' change times first."""
    from kehoach.archive import cache

    if settled == "at once":
        monkeypatch.setattr("kehoach.core.files.SETTLED_NS", 0)

    entry, site = _kept_and_restored(tmp_path)
    assert cache.same_tree(entry, site)

    extra = site / "a" / "new.html"
    extra.write_text("3", encoding="utf-8")
    assert not cache.same_tree(entry, site)
    extra.unlink()
    assert cache.same_tree(entry, site)

    page = site / "a" / "b" / "index.html"
    page.unlink()
    assert not cache.same_tree(entry, site)
    page.write_text("2", encoding="utf-8")  # the same words, another file
    assert not cache.same_tree(entry, site)

    cache.restore(entry, site)
    listed = entry.with_name(entry.name + ".inodes.json")
    listed.write_text("not json", encoding="utf-8")
    assert cache.same_tree(entry, site)  # listed again from the kept output itself
    listed.write_text('{"device": 0, "files": {}}', encoding="utf-8")
    assert cache.same_tree(entry, site)

    link = tmp_path / "site" / "linked"
    link.symlink_to(site, target_is_directory=True)
    assert not cache.same_tree(entry, link)


def test_a_tree_found_in_place_is_checked_next_time_by_its_folders_change_times(tmp_path, monkeypatch):
    """cache.same_tree lists the site folder again only when a folder of it changed."""
    from kehoach.archive import cache

    entry, site = _kept_and_restored(tmp_path)
    scans = []
    scan = cache._scan
    monkeypatch.setattr(cache, "_scan", lambda top: scans.append(top) or scan(top))

    assert cache.same_tree(entry, site) and cache.same_tree(entry, site)
    assert len(scans) == 2  # folders made just now: listed each time, nothing kept
    monkeypatch.setattr("kehoach.core.files.SETTLED_NS", 0)
    assert cache.same_tree(entry, site) and cache.same_tree(entry, site) and cache.same_tree(entry, site)
    assert len(scans) == 3  # listed once, then told by the folders
    listed = json.loads(entry.with_name(entry.name + ".inodes.json").read_text(encoding="utf-8"))
    assert set(listed["placed"]["folders"]) == {"", "a", "a/b"}

    (site / "a" / "b" / "x.html").write_text("3", encoding="utf-8")  # deep in the tree
    assert not cache.same_tree(entry, site) and len(scans) == 4
    (site / "a" / "b" / "x.html").unlink()
    assert cache.same_tree(entry, site) and len(scans) == 5
    moved = tmp_path / "elsewhere"
    site.rename(moved)  # the same folders at another address: not the kept site
    assert cache.same_tree(entry, moved) and len(scans) == 6


def test_file_hashes_are_kept_while_a_file_is_the_same_file(tmp_path, monkeypatch):
    """cache.FileHashes: a file's hash is read back while its size, times and inode
    are the same; an edit is seen even when its size and modification time are set
    back (the change time moves); a file changed just now is not kept."""
    import hashlib
    import os

    from kehoach.archive import cache

    page = tmp_path / "plans" / "p" / "a.md"
    page.parent.mkdir(parents=True)
    page.write_text("một", encoding="utf-8")
    path = str(page)
    first = cache.FileHashes(tmp_path)
    assert first.digest(path) == hashlib.sha256("một".encode()).digest()
    first.save()
    assert not (tmp_path / cache.HASHES_FILE).exists()  # written just now: nothing kept

    monkeypatch.setattr("kehoach.core.files.SETTLED_NS", 0)
    kept = cache.FileHashes(tmp_path)
    kept.digest(path)
    kept.save()
    read = []
    monkeypatch.setattr(cache, "_sha256", lambda p: read.append(p) or hashlib.sha256(open(p, "rb").read()).digest())
    again = cache.FileHashes(tmp_path)
    assert again.digest(path) == hashlib.sha256("một".encode()).digest() and read == []

    st = os.stat(path)
    page.write_text("mọt", encoding="utf-8")  # as many bytes, and the modification time set back
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(path).st_size == st.st_size and os.stat(path).st_mtime_ns == st.st_mtime_ns
    edited = cache.FileHashes(tmp_path)
    assert edited.digest(path) == hashlib.sha256("mọt".encode()).digest() and read == [path]

    (tmp_path / cache.HASHES_FILE).write_text("{", encoding="utf-8")  # damaged: read as empty
    assert cache.FileHashes(tmp_path).digest(path) == hashlib.sha256("mọt".encode()).digest()


def test_every_plans_git_state_is_read_in_one_pass_as_one_plan_at_a_time():
    """cache.git_states gives each plan what cache.git_state gives it alone: its
    files' dates and the commits that changed its docs/ or data/ (changelog.of_plan)."""
    from datetime import datetime, timezone

    from kehoach.archive import cache
    from kehoach.changelog.model import Change, Commit, History, dates, of_plan

    when = datetime(2026, 1, 2, tzinfo=timezone.utc)
    commits = [
        Commit("a" * 40, when.replace(day=5), "Hai kế hoạch", (
            Change("M", f"plans/{PLAN_ID}/docs/index.md"), Change("M", f"plans/{OTHER}/data/site.yml"))),
        Commit("b" * 40, when.replace(day=4), "Mã", (Change("M", "kehoach/hooks.py"),
                                                     Change("M", f"plans/{PLAN_ID}/mkdocs.yml"))),
        Commit("c" * 40, when.replace(day=3), "Đổi tên", (Change("R100", f"plans/{OTHER}/docs/moi.md"),)),
        Commit("d" * 40, when.replace(day=2), "Tiền tố", (Change("A", f"plans/{PLAN_ID}-cu/docs/index.md"),
                                                         Change("A", "plans/x"))),
    ]
    history = History(commits=commits, dates=dates(commits))
    ids = [PLAN_ID, OTHER, f"{PLAN_ID}-cu", "khong-co"]
    together = cache.git_states(history, ids)
    assert together == {i: cache.git_state(history, i) for i in ids}
    for i in ids:  # the same commits as the change log's own filter
        expected = [c.sha for c in of_plan(commits, f"plans/{i}/")]
        assert [sha for sha, _, _ in json.loads(together[i])[2]] == expected
    assert [sha for sha, _, _ in json.loads(together[PLAN_ID])[2]] == ["a" * 40]
    assert [sha for sha, _, _ in json.loads(together[OTHER])[2]] == ["a" * 40, "c" * 40]
    assert dict(json.loads(together[PLAN_ID])[1]) == {"docs/index.md": when.replace(day=5).isoformat(),
                                                      "mkdocs.yml": when.replace(day=4).isoformat()}


def test_each_plan_is_resolved_once_per_build(tmp_path, monkeypatch):
    """Material's projects plugin walks every plan's configuration in its on_config
    (for its manifest) and again to build: the CachingBuilder builds from the jobs
    that walk resolved (kehoach/patches/plan_configs.py keep_last_jobs)."""
    from material.plugins.projects.structure import Project
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    # The archive's on_startup patches these class-wide (once per process): put back after
    # the test, so that other tests of this process install their own.
    for owner, name in ((Project, "_resolve_config"), (Project, "jobs"), (Files, "add_files_from_theme")):
        monkeypatch.setattr(owner, name, getattr(owner, name))
    repo, plan, other = _archive_of_two(tmp_path)
    monkeypatch.chdir(repo)
    resolved = []
    original = Project._resolve

    def counted(self, file, plugin):
        resolved.append(os.path.relpath(file, repo))
        return original(self, file, plugin)

    monkeypatch.setattr(Project, "_resolve", counted)
    config = load_config(str(repo / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        plans = sorted(f"plans/{p}/mkdocs.yml" for p in (PLAN_ID, OTHER))
        assert sorted(r for r in resolved if r.startswith("plans/")) == plans
        builder = next(p.builder for name, p in config.plugins.items() if name.endswith("projects"))
        assert type(builder).__name__ == "CachingBuilder"
        walked = [job.project.config.config_file_path for job in builder.root.jobs()]
        assert sorted(os.path.relpath(w, repo) for w in walked) == plans
        assert sorted(r for r in resolved if r.startswith("plans/")) == plans  # none resolved again
    finally:
        config.plugins.on_shutdown()
