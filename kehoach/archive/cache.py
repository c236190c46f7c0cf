"""Plans whose inputs did not change are not built again (issue 22, point 3).

The archive's build (Material's projects plugin) builds every plan of plans/
in a process of its own. A plan's output depends only on:

- the plan's folder (plans/<id>/: pages, data, record, its mkdocs.yml);
- the code and configuration every plan shares (kehoach/, overrides/, schemas/,
  mkdocs-plan.yml, hooks.py, macros.py, and the lock of the tools, requirements.txt),
  and the engine that builds it (MkDocs or ProperDocs);
- the environment variables the build reads to write addresses and links, and the
  archive's own address;
- what git says of the plan's files (each page shows the date of its last change,
  its change log the content commits), from one read of the repository's history.

`key` hashes all of that. After a successful build each plan's output is kept
in .cache/kehoach/plans/<id>/<key>/ (the last one only); the next build restores
a plan whose key is kept instead of building it. A build that fails stores nothing.
Under `mkdocs serve` nothing is cached (the plugin rebuilds only the plan that changed).

The archive's search index (kehoach/archive/index.py over every plan's search
entries) is kept the same way, keyed by the plans' keys: each plan's part of it
(.cache/kehoach/search/segments/<id>.json) and the index itself
(.cache/kehoach/search/index/, whose files the site's copy shares); when some
plans' keys changed, only the files their words touch are written again
(`search_index`).

The places each plan cites a document (kehoach/archive/register.py, read from
the plan's built pages) are kept per plan too, keyed by the plan's key, and its
checked data/register.yml keyed by its data/ folder (`Places`).

The archive's own output (its home page, search page and register pages, the
theme's assets, 404 page and sitemap: all MkDocs writes besides the plans) is
kept too, keyed by all it is made of (`pages_key`): the shared code and theme,
the archive's configuration, folder and hooks, the environment, the day (the
sitemap's dates), what the register's pages and downloads are made of (each
plan's checked register and places, as `Places` keeps them) and what the
archive's hooks add to its pages (the list of plans, the search form's plans). When the key is kept, the
register across plans is not made again, MkDocs renders none of the archive's
pages and the kept output is put in place (kehoach/archive/build.py).

What the archive lists of each plan (its number, date, title, department and
year, from data/plan.yml and data/site.yml) is kept as JSON keyed by those two
files and the shared key (`PlanModels`).

The theme's templates, compiled by Jinja in every build (some 40 for the
archive's pages, 60 for a plan's: a tenth of a plan's build), are kept compiled
with Jinja's own bytecode cache (`templates`), which compiles a template again
when its source changed; its key here also holds what of the Jinja environment
changes the compiled code. Loading them runs the code the cache holds (Python
bytecode): .cache/kehoach/ must only ever be written by builds of this
repository's code, as CI's cache is (scoped to the branch, falling back to the
default branch's; the deploy workflow restores none).

`kehoach/archive/build.py` `CachingBuilder` is the projects plugin's builder with
two steps added: before a plan is scheduled, a kept output is restored and the
plan counts as built; after every plan is built, the new outputs are kept.

A kept output and the plan's folder of the site share their files (hard links,
both ways: `restore` and `store`), so a plan restored into the same site folder
as last time is already in place: `same_tree` sees it (the same files, each the
same inode) and nothing is removed or linked again. Nothing ever writes into
such a file: a plan built again has its folder removed first (`build.py`).
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

from kehoach.archive import model
from kehoach.changelog import model as changelog
from kehoach.core.errors import SiteError
from kehoach.core import files as kept_files
from kehoach.core.files import folder_stamp, folders_unchanged, write_aside
from kehoach.exports import offline

CACHE_FOLDER = Path(".cache") / "kehoach" / "plans"
SEARCH_FOLDER = Path(".cache") / "kehoach" / "search"
TEMPLATES_FOLDER = Path(".cache") / "kehoach" / "templates"
REGISTER_FOLDER = Path(".cache") / "kehoach" / "register"
PAGES_FOLDER = Path(".cache") / "kehoach" / "archive"
MODELS_FILE = Path(".cache") / "kehoach" / "plan-models.json"
CONFIGS_FILE = Path(".cache") / "kehoach" / "plan-configs.json"  # kehoach/patches/plan_configs.py
THEME_FILES = Path(".cache") / "kehoach" / "theme-files.json"  # kehoach/preview/build.py ThemeFiles
HASHES_FILE = Path(".cache") / "kehoach" / "file-hashes.json"  # FileHashes
GIT_LOG = Path(".cache") / "kehoach" / "git-log.json"  # kehoach/readers/source.py history
# What every plan's build reads besides its own folder, from the archive's root.
SHARED_INPUTS = ("kehoach", "overrides", "schemas", "mkdocs-plan.yml", "hooks.py", "macros.py", "requirements.txt")
# Environment variables that change what a plan's pages say.
ENVIRONMENT = ("KEHOACH_SITE_URL", "KEHOACH_REPO_URL", "KEHOACH_EDIT_BRANCH", "KEHOACH_DOWNLOADS",
               "GITHUB_SERVER_URL", "GITHUB_REPOSITORY")
SKIPPED = {"__pycache__", "site", ".cache"}  # never inputs: bytecode, a plan served alone writes site/


def _files(top: str):
    """Every file under `top` (or `top` itself, a file), in a stable order, as paths."""
    if os.path.isfile(top):
        yield top
        return
    for folder, dirs, files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED)
        for name in sorted(files):
            yield os.path.join(folder, name)


def _digest_tree(h, root: Path, top: Path, hashes: FileHashes | None = None) -> None:
    """Each file under `top` into `h`: its path relative to `root` and its content's hash."""
    start = len(os.path.join(str(root), ""))
    for path in _files(str(top)):
        h.update(path[start:].replace(os.sep, "/").encode("utf-8") + b"\0")
        h.update(_sha256(path) if hashes is None else hashes.digest(path))


def _sha256(path: str) -> bytes:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).digest()


class FileHashes:
    """The sha256 of the inputs' files (every plan's folder and the shared code:
    4,400 files at 100 plans, read and hashed for the plans' keys in every
    build), kept across builds in HASHES_FILE by path while the file's size,
    modification and change times and inode are the same (the change time no
    program can set back: any write moves it). A file changed within
    kehoach/core/files.py SETTLED_NS of the build's start is not kept (a write
    within the same tick of the clock as its read would not show, as git's racy
    index). `save` writes the files read in this build."""

    VERSION = 1

    def __init__(self, root: Path):
        self.file = root / HASHES_FILE
        self.start = time.time_ns()
        self.kept: dict[str, list] = {}
        self.now: dict[str, list] = {}
        try:
            kept = json.loads(self.file.read_text(encoding="utf-8"))
            if isinstance(kept, dict) and kept.get("version") == self.VERSION and isinstance(kept.get("files"), dict):
                self.kept = kept["files"]
        except (OSError, ValueError):
            pass

    def digest(self, path: str) -> bytes:
        st = os.stat(path)
        stamp = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        old = self.kept.get(path)
        if isinstance(old, list) and len(old) == 5 and old[:4] == stamp and isinstance(old[4], str):
            try:
                digest = bytes.fromhex(old[4])
            except ValueError:
                digest = b""
            if len(digest) == 32:
                self.now[path] = old
                return digest
        digest = _sha256(path)
        if max(st.st_mtime_ns, st.st_ctime_ns) < self.start - kept_files.SETTLED_NS:
            self.now[path] = stamp + [digest.hex()]
        return digest

    def save(self) -> None:
        if self.now == self.kept:
            return
        write_aside(self.file, json.dumps({"version": self.VERSION, "files": self.now}))
        self.kept = dict(self.now)


def shared_key(root: Path, hashes: FileHashes | None = None) -> str:
    """The hash of what every plan shares: code, theme, schemas, the tools' lock."""
    h = hashlib.sha256(b"kehoach-archive-cache-1\0")
    h.update(offline.running_engine().encode("ascii") + b"\0")  # MkDocs or ProperDocs builds it
    for name in SHARED_INPUTS:
        if (root / name).exists():
            _digest_tree(h, root, root / name, hashes)
    return h.hexdigest()


def claim(root: Path):
    """This build's exclusive hold of .cache/kehoach/ of the archive at `root`
    (an open file locked with flock; the system lets it go when the process
    ends), or None when another build holds it: two builds writing the same
    entries at once would each remove what the other writes. Give it back with
    release()."""
    folder = root / ".cache" / "kehoach"
    folder.mkdir(parents=True, exist_ok=True)
    handle = open(folder / "lock", "ab")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


def release(handle) -> None:
    """Give back a hold of claim() (None: nothing held)."""
    if handle is not None:
        handle.close()  # closing the file drops its lock


def trusted(root: Path) -> bool:
    """Whether .cache/ of the archive at `root` may be used: it holds outputs
    restored without any check and compiled templates run as code, so only a
    build on this machine may have written it. A file of it that git tracks came
    with the sources (a pull request can commit one, keyed to match its own
    inputs): the build stops, naming it. A folder that is no git work tree (a
    copy made on this machine: the tests', the bench's) has nothing a pull
    request brought; without git at all, the cache is not used."""
    try:
        done = subprocess.run(["git", "-C", str(root), "ls-files", "-z", "--", ".cache"],
                              capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    if done.returncode != 0:  # not a work tree
        return True
    tracked = [name for name in done.stdout.decode("utf-8", "replace").split("\0") if name]
    if tracked:
        raise SiteError(
            tracked[0], None,
            "Thư mục .cache/ là bộ nhớ đệm do máy dựng trang tự ghi; tệp này lại nằm trong kho mã nguồn, "
            "nên bản dựng có thể lấy trang chưa qua kiểm tra nào từ đó.",
            ".cache/ is the build's own cache; this file is tracked in the repository, so a build "
            "could publish pages from it that no check has seen.",
            "xóa nó khỏi kho: git rm -r --cached .cache (thư mục .cache/ đã có trong .gitignore).",
            "remove it from the repository: git rm -r --cached .cache (.cache/ is in .gitignore).",
        )
    return True


def plan_cache_root(config_file: str) -> Path | None:
    """The archive root whose .cache/kehoach/ may keep what is made from the plan
    configured by `config_file`: a plan built alone keeps the engine's work there
    (its compiled templates, theme file list and git log: kehoach/archive/alone.py),
    the archive's process each plan's parsed mkdocs.yml (build.configs_store).
    None when `config_file` is no plan's, with KEHOACH_CACHE=0, where the cache
    may not be written (a read-only checkout) or may not be used (`trusted`: a file
    of it that git tracks raises SiteError, naming it)."""
    plan = Path(config_file).resolve().parent
    if plan.parent.name != model.PLANS_FOLDER or os.environ.get("KEHOACH_CACHE", "1") == "0":
        return None
    root = plan.parent.parent
    if not trusted(root):
        return None
    folder = root / TEMPLATES_FOLDER
    try:  # a checkout the build may not write to (read-only) builds as before, keeping nothing
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return root if os.access(folder, os.W_OK) and os.access(folder.parent, os.W_OK) else None


def git_state(history, plan_id: str) -> str:
    """What git says of plan `plan_id` that its pages show, from the repository's
    history read once for every plan (`source.history` of the archive's root): the
    date of each of its files' last change (the pages' dates) and its content
    commits (the change log: sha, date, subject)."""
    return git_states(history, [plan_id])[plan_id]


def git_states(history, plan_ids) -> dict[str, str]:
    """`git_state` of each plan of `plan_ids`, in one pass over the history (a
    filter of the whole history per plan took 0.035 s a build at 100 plans).
    Each plan's commits are those `changelog.of_plan` keeps: a change to a file
    under its docs/ or data/."""
    ids = set(plan_ids)
    base = f"{model.PLANS_FOLDER}/"
    content = tuple(f"{folder}/" for folder in changelog.PLAN_CONTENT)
    dates: dict[str, list] = {i: [] for i in ids}
    for path, when in history.dates.items():
        plan, found, rest = path[len(base):].partition("/") if path.startswith(base) else ("", "", "")
        if found and plan in ids:
            dates[plan].append((rest, when.isoformat()))
    commits: dict[str, list] = {i: [] for i in ids}
    for commit in history.commits or []:
        touched = set()
        for change in commit.changes:
            if change.path.startswith(base):
                plan, found, rest = change.path[len(base):].partition("/")
                if found and plan in ids and rest.startswith(content):
                    touched.add(plan)
        for plan in touched:
            commits[plan].append((commit.sha, commit.when.isoformat(), commit.subject))
    return {i: json.dumps([history.reason, sorted(dates[i]), commits[i]]) for i in ids}


def key(root: Path, plan: Path, shared: str, site_url: str | None, git: str, environ=os.environ,
        hashes: FileHashes | None = None) -> str:
    """The hash of everything plan `plan`'s output depends on (`git`: `git_state`)."""
    h = hashlib.sha256(shared.encode("ascii"))
    _digest_tree(h, root, plan, hashes)
    h.update(json.dumps({name: environ.get(name) for name in ENVIRONMENT}, sort_keys=True).encode("utf-8"))
    h.update(json.dumps(site_url).encode("utf-8"))
    h.update(git.encode("utf-8"))
    return h.hexdigest()


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def same_tree(entry: Path, site_dir: Path) -> bool:
    """Whether `site_dir` holds exactly the files of `entry`, each the same file
    (hard links made by `restore` or `store`): then it is that output, in place.
    Files are told apart by their inode numbers as the folders list them (no
    stat of each file: 100 plans of 110 files each are checked in every
    rebuild); both trees are on one device (a hard link cannot cross one), and
    a folder of either that is a mount point makes them differ.

    Once a check by listing has found them the same, the change time and inode
    of every folder of `site_dir` are kept with the entry's list (`_placed`):
    a file or folder added, removed or renamed anywhere in it changes its
    folder's change time, which no program can set back. While every folder
    has the same, the tree is the same, told by one stat a folder instead of a
    listing (kehoach/core/files.py). Folders changed in the last SETTLED_NS are
    not kept: the next check lists them again."""
    try:
        if (site_dir.is_symlink() or not site_dir.is_dir()
                or os.lstat(entry).st_dev != os.lstat(site_dir).st_dev):
            return False
        kept = _kept_list(entry)
        site = os.path.realpath(site_dir)
        if kept is not None and _placed(kept.get("placed"), site):
            return True
        start = time.time_ns()
        files, folders = _scan(str(site_dir))
        if files != (kept["files"] if kept is not None else _inodes(str(entry))):
            return False
        if kept is not None and all(changed < start - kept_files.SETTLED_NS for changed, _ in folders.values()):
            kept["placed"] = {"site": site, "folders": folders}
            _write_list(entry, kept)
        return True
    except OSError:
        return False


def _placed(placed, site: str) -> bool:
    """Whether every folder `same_tree` kept of the site folder `site` has the same change time and inode."""
    if not isinstance(placed, dict) or placed.get("site") != site or not isinstance(placed.get("folders"), dict):
        return False
    return folders_unchanged(placed["folders"], site)


def _inodes_file(entry: Path) -> Path:
    """Beside a kept output: its files' inode numbers, written when it is kept (`store`)."""
    return entry.with_name(entry.name + ".inodes.json")


def _kept_list(entry: Path) -> dict | None:
    """What `store` wrote of a kept output (its files' inodes, a kept output being
    never written into), and what `same_tree` added; None if missing or damaged."""
    try:
        kept = json.loads(_inodes_file(entry).read_text(encoding="utf-8"))
        if isinstance(kept, dict) and kept.get("device") == os.lstat(entry).st_dev and isinstance(
                kept.get("files"), dict):
            return kept
    except (OSError, ValueError):
        pass
    return None


def _write_list(entry: Path, kept: dict) -> None:
    write_aside(_inodes_file(entry), json.dumps(kept))


def _inodes(top: str) -> dict[str, int]:
    """Every file under `top` (relative path -> inode number, as the folder lists
    it); a symbolic link counts as a file of its own; a mount point below `top`
    raises OSError."""
    return _scan(top)[0]


def _scan(top: str) -> tuple[dict[str, int], dict[str, list[int]]]:
    """`_inodes` of `top`, and [change time, inode] of every folder of it
    (relative path, "" for `top` itself)."""
    found: dict[str, int] = {}
    st = os.lstat(top)
    device = st.st_dev
    folders = {"": folder_stamp(st)}
    stack = [("", top)]
    while stack:
        rel, folder = stack.pop()
        with os.scandir(folder) as entries:
            for item in entries:
                name = f"{rel}{item.name}"
                if item.is_dir(follow_symlinks=False):
                    st = item.stat(follow_symlinks=False)
                    if st.st_dev != device:
                        raise OSError(f"{item.path}: another device")
                    folders[name] = folder_stamp(st)
                    stack.append((f"{name}/", item.path))
                else:
                    found[name] = item.inode()
    return found, folders


def restore(entry: Path, site_dir: Path) -> None:
    """Put a kept output in place (hard links where the file system allows: the
    site folder is removed, never written in place, before the next build)."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    shutil.copytree(entry, site_dir, copy_function=_link_or_copy)


def entry_of(root: Path, plan_id: str, digest: str) -> Path:
    return root / CACHE_FOLDER / plan_id / digest


def store(site_dir: Path, entry: Path) -> None:
    """Keep a plan's output under `entry` (hard links where the file system allows,
    as `restore`), and drop its older entries."""
    tmp = entry.with_name(entry.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    shutil.copytree(site_dir, tmp, copy_function=_link_or_copy)
    for old in entry.parent.iterdir():
        if old == tmp:
            continue
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)
    tmp.rename(entry)
    _write_list(entry, {"device": os.lstat(entry).st_dev, "files": _inodes(str(entry))})


def search_index(root: Path, site: Path, plans: list[tuple[str, str]], digests: dict[str, str]) -> dict:
    """search.build_index with each plan's part (index.Segment) kept under
    SEARCH_FOLDER/segments/<id>.json, and the index itself under SEARCH_FOLDER/index/:
    when only some plans' keys changed (same plans, same order, same names), only
    the files their words touch are written again (index.update), in the kept
    index and in the site's copy of it, which stays in place between builds
    (build.clean_site keeps it; hard links of the kept files). `plans`: (id, name)
    as build_index takes them; `digests`: the plans' keys (CachingBuilder, slug -> key)."""
    import time

    from kehoach.archive import index, search

    started = time.perf_counter()
    folder = root / SEARCH_FOLDER
    state_file, kept, parts = folder / "keys.json", folder / "index", folder / "segments"
    keys = {plan_id: hashlib.sha256(json.dumps([digests.get(f".{plan_id}"), name, index.VERSION])
                                    .encode("utf-8")).hexdigest()
            for plan_id, name in plans}
    try:
        before = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = {}
    if not isinstance(before, dict) or not isinstance(before.get("plans"), dict):
        before = {"plans": {}}
    state_file.unlink(missing_ok=True)  # until this build's parts and index are complete
    output = site / search.FOLDER
    order = [[plan_id, name] for plan_id, name in plans]
    fresh = {plan_id for plan_id, k in keys.items()
             if before["plans"].get(plan_id) == k and (parts / f"{plan_id}.json").is_file()}
    new = {plan_id: search.plan_segment(site, plan_id, name) for plan_id, name in plans if plan_id not in fresh}

    def kept_part(plan_id: str) -> index.Segment:
        return index.Segment.from_json((parts / f"{plan_id}.json").read_text(encoding="utf-8"))

    if (before.get("order") == order and before.get("index") and kept.is_dir()
            and all((parts / f"{plan_id}.json").is_file() for plan_id in new)):
        in_place = _same_file(kept / index.PLANS_FILE, output / index.PLANS_FILE)
        changed = index.update(kept, plans, {plan_id: kept_part(plan_id) for plan_id in new}, new) if new else []
        if in_place:
            _mirror(kept, output, changed)
        else:
            restore(kept, output)
    else:
        index.write(kept, plans, {plan_id: new[plan_id] if plan_id in new else kept_part(plan_id)
                                  for plan_id, _ in plans})
        restore(kept, output)
    _keep_parts(parts, new)
    for old_file in parts.iterdir():
        if old_file.stem not in keys:
            old_file.unlink()
    state_file.write_text(json.dumps({"plans": keys, "order": order, "index": True}), encoding="utf-8")
    return {"pages": _pages(kept), "seconds": time.perf_counter() - started}


def _same_file(a: Path, b: Path) -> bool:
    try:
        sa, sb = os.lstat(a), os.lstat(b)
    except OSError:
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def _mirror(kept: Path, output: Path, changed: list[str]) -> None:
    """The files `changed` (relative; a folder as one) of `kept` put in `output`
    as they are now in `kept` (removed, or hard links): never written into."""
    for rel in changed:
        src, dest = kept / rel, output / rel
        if dest.is_dir() and not dest.is_symlink():
            shutil.rmtree(dest)
        elif dest.exists() or dest.is_symlink():
            dest.unlink()
        if src.is_dir():
            shutil.copytree(src, dest, copy_function=_link_or_copy)
        elif src.is_file():
            dest.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(str(src), str(dest))


def _keep_parts(parts: Path, new: dict) -> None:
    parts.mkdir(parents=True, exist_ok=True)
    for plan_id, seg in new.items():
        write_aside(parts / f"{plan_id}.json", seg.to_json())


def _pages(kept: Path) -> int:
    from kehoach.archive import index

    data = json.loads((kept / index.PLANS_FILE).read_text(encoding="utf-8"))
    return sum(row[2] for row in data["n"])


def _compile_settings(environment) -> str:
    """What of a Jinja environment changes the code it compiles a template to."""
    settings = [sorted(environment.extensions), environment.autoescape if isinstance(environment.autoescape, bool)
                else repr(environment.autoescape)]
    settings += [str(getattr(environment, name, None)) for name in (
        "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
        "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
        "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
        "is_async", "finalize")]
    return hashlib.sha256(json.dumps(settings, default=str).encode("utf-8")).hexdigest()[:16]


def templates(root: Path):
    """Jinja's bytecode cache for the theme's templates, under TEMPLATES_FOLDER."""
    import jinja2
    from jinja2.bccache import Bucket

    class Templates(jinja2.FileSystemBytecodeCache):
        def get_bucket(self, environment, name, filename, source):
            key = f"{self.get_cache_key(name, filename)}-{_compile_settings(environment)}"
            bucket = Bucket(environment, key, self.get_source_checksum(source))
            self.load_bytecode(bucket)
            return bucket

        def dump_bytecode(self, bucket) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:  # a full disk: the template is compiled again next time, the build goes on
                pass

    folder = root / TEMPLATES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return Templates(str(folder))


def _write_json(path: Path, value) -> None:
    """A new file (written aside, then put in place)."""
    write_aside(path, json.dumps(value, ensure_ascii=False))


class Places:
    """What the register across plans is made of, kept per plan under REGISTER_FOLDER.

    - The places each plan cites a document (register.read_places, read from the
      plan's built pages), as JSON in <id>.json, with the plan's key (`digests`:
      slug -> key): valid while the plan's key is the same. The keys and digest
      of every plan are also in one small file (SUMMARY).
    - Each plan's data/register.yml as loaded and checked (register.plan_register:
      some 16 ms a plan, 1.6 s of every build at 100 plans), as a pickle
      <id>.<data key>.pickle, keyed by the plan's data/ folder and the shared key
      (`data_key`), so a change to a page of the plan does not check it again.
      Like the compiled templates, loading it runs what the cache holds, which
      only builds of this repository write (the module's docstring; a build
      stops when git tracks anything under .cache/).
    - A digest of both (`digest`): the register across plans is the same while
      every plan's digest is (and the plans' list), so the archive's kept pages
      are keyed by these digests instead of the register made again."""

    def __init__(self, root: Path, digests: dict[str, str], shared: str = ""):
        self.root = root
        self.folder = root / REGISTER_FOLDER
        self.digests = digests
        self.shared = shared
        self._summary: dict | None = None  # SUMMARY: plan id -> {key, data, digest}
        self._summary_changed = False  # put since the last save
        self._data_keys: dict[str, str] = {}

    SUMMARY = "digests.json"

    def _meta(self, plan_id: str) -> dict | None:
        """The plan's keys and digest as kept (one small file for every plan, so
        an unchanged plan's places are not read), if kept under this build's key."""
        if self._summary is None:
            try:
                kept = json.loads((self.folder / self.SUMMARY).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                kept = None
            self._summary = kept if isinstance(kept, dict) else {}
        meta = self._summary.get(plan_id)
        digest = self.digests.get(f".{plan_id}")
        if (digest is None or not isinstance(meta, dict) or meta.get("key") != digest
                or not all(isinstance(meta.get(name), str) for name in ("data", "digest"))):
            return None
        return meta

    def data_key(self, plan_id: str) -> str:
        """The hash of the plan's data/ folder and the shared key."""
        if plan_id not in self._data_keys:
            meta = self._meta(plan_id)
            if meta is not None:
                self._data_keys[plan_id] = meta["data"]
            else:
                h = hashlib.sha256(b"kehoach-register-data-1\0" + self.shared.encode("ascii"))
                data_folder = self.root / model.PLANS_FOLDER / plan_id / "data"
                if data_folder.is_dir():
                    _digest_tree(h, data_folder, data_folder)
                self._data_keys[plan_id] = h.hexdigest()
        return self._data_keys[plan_id]

    def digest(self, plan_id: str) -> str | None:
        """What the plan gives the register across plans (its checked register and
        its places), as a hash; None when not kept for this build's key."""
        meta = self._meta(plan_id)
        return meta["digest"] if meta is not None else None

    def get(self, plan_id: str):
        from kehoach.archive.register import Place

        digest = self.digests.get(f".{plan_id}")
        try:
            kept = json.loads((self.folder / f"{plan_id}.json").read_text(encoding="utf-8"))
            if digest is None or kept["key"] != digest:
                return None
            return {entry: [Place(**place) for place in places] for entry, places in kept["places"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, plan_id: str, places) -> None:
        from dataclasses import asdict

        digest = self.digests.get(f".{plan_id}")
        if digest is None:
            return
        found = {entry: [asdict(place) for place in items] for entry, items in places.items()}
        data_key = self.data_key(plan_id)
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_json(self.folder / f"{plan_id}.json", {"key": digest, "places": found})
        self._meta(plan_id)  # the summary read
        self._summary[plan_id] = {"key": digest, "data": data_key, "digest": hashlib.sha256(
            json.dumps([data_key, found], ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()}
        self._summary_changed = True

    def save(self) -> None:
        """Write the summary, once the plans' places are all put (not once per plan)."""
        if self._summary_changed:
            _write_json(self.folder / self.SUMMARY, self._summary)
            self._summary_changed = False

    def register(self, plan_id: str):
        import pickle

        try:
            return pickle.loads((self.folder / f"{plan_id}.{self.data_key(plan_id)}.pickle").read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
            return None

    def keep_register(self, plan_id: str, reg) -> None:
        import pickle

        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob(f"{plan_id}.*.pickle"):
            old.unlink(missing_ok=True)
        tmp = self.folder / f"{plan_id}.pickle.tmp"
        tmp.write_bytes(pickle.dumps(reg, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(self.folder / f"{plan_id}.{self.data_key(plan_id)}.pickle")


class PlanModels:
    """What the archive lists of each plan (model.load_plan, from its data/plan.yml
    and data/site.yml: two YAML files parsed and checked against their schemas,
    some 8 ms a plan), kept in MODELS_FILE keyed by those files' bytes and the
    shared key (the code and schemas that read them). Plain JSON of the plan's
    fields: nothing in it runs. A plan whose files changed is read again."""

    def __init__(self, root: Path, shared: str):
        self.file = root / MODELS_FILE
        self.shared = shared
        self.changed = False
        try:
            kept = json.loads(self.file.read_text(encoding="utf-8"))
            self.kept = kept if isinstance(kept, dict) else {}
        except (OSError, ValueError):
            self.kept = {}
        self.now: dict[str, dict] = {}

    def _key(self, folder: Path) -> str | None:
        h = hashlib.sha256(self.shared.encode("ascii"))
        for name in model.PLAN_FILES:
            try:
                h.update(hashlib.sha256((folder / "data" / name).read_bytes()).digest())
            except OSError:
                return None  # missing or not a file: read as usual, which names the problem
        return h.hexdigest()

    def get(self, folder: Path):
        digest = self._key(folder)
        kept = self.kept.get(folder.name)
        if digest is None or not isinstance(kept, dict) or kept.get("key") != digest:
            return None
        try:
            fields = dict(kept["plan"], folder=folder)
            fields["signed"] = tuple(fields["signed"])
            plan = model.Plan(**fields)
        except (KeyError, TypeError):
            return None
        self.now[folder.name] = kept
        return plan

    def put(self, plan) -> None:
        digest = self._key(plan.folder)
        if digest is None:
            return
        fields = {name: getattr(plan, name) for name in plan.__dataclass_fields__ if name != "folder"}
        self.now[plan.id] = {"key": digest, "plan": dict(fields, signed=list(plan.signed))}
        self.changed = True

    def save(self) -> None:
        """Keep what this build read (the plans of now only)."""
        if not self.changed and set(self.now) == set(self.kept):
            return
        write_aside(self.file, json.dumps(self.now, ensure_ascii=False, sort_keys=True))


def pages_key(root: Path, config, shared: str, files, added: list[str], build_date: str,
              environ=os.environ) -> str:
    """The key of the archive's own output (see the module's docstring): `files`
    MkDocs' files as the archive's on_files receives them (its pages, the theme's
    files), `added` what the archive's hooks add to its pages' Markdown and what
    the register across plans is made of (register.inputs: each plan's digest of
    its checked register and places), `build_date` the date MkDocs writes into pages
    (the glue passes mkdocs.utils.get_build_date(): this module does not import
    the engine)."""
    h = hashlib.sha256(b"kehoach-archive-pages-2\0" + shared.encode("ascii"))
    for path in (Path(config.config_file_path), root / "archive_hooks.py", Path(config["docs_dir"])):
        if path.exists():
            _digest_tree(h, path.parent if path.is_file() else path, path)
    h.update(json.dumps({name: environ.get(name) for name in ENVIRONMENT}, sort_keys=True).encode("utf-8"))
    h.update(json.dumps([config.get("site_url"), build_date]).encode("utf-8"))
    for file in sorted(files, key=lambda f: f.src_uri):  # every file's content: generated, docs, theme
        h.update(file.src_uri.encode("utf-8") + b"\0" + hashlib.sha256(file.content_bytes).digest())
    for text in added:
        h.update(hashlib.sha256(text.encode("utf-8")).digest())
    return h.hexdigest()


def pages_entry(root: Path, digest: str) -> Path:
    return root / PAGES_FOLDER / digest


def put_in_place(entry: Path, site: Path) -> None:
    """The kept archive output `entry` into `site`, each file replacing what is
    there (removed first, never written into: it may be a link to a kept file)."""
    for folder, dirs, files in os.walk(entry):
        rel = Path(folder).relative_to(entry)
        (site / rel).mkdir(parents=True, exist_ok=True)
        for name in files:
            dest = site / rel / name
            if dest.exists() or dest.is_symlink():
                dest.unlink()
            _link_or_copy(os.path.join(folder, name), str(dest))


def store_pages(site: Path, entry: Path, skip: set[str]) -> None:
    """Keep what MkDocs wrote for the archive itself (all of `site` but the folders
    named in `skip`: the plans', the search index's) for `entry`, pending: MkDocs' strict mode may still refuse the build
    after on_post_build (a warning counted). `commit_pages` makes it the entry once
    the build succeeded, and drops the older ones; `drop_pages` throws it away."""
    tmp = entry.with_name(entry.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    for item in site.iterdir():
        if item.name in skip and item.is_dir():
            continue
        if item.is_dir():
            shutil.copytree(item, tmp / item.name, copy_function=_link_or_copy)
        else:
            _link_or_copy(str(item), str(tmp / item.name))


def commit_pages(entry: Path) -> None:
    tmp = entry.with_name(entry.name + ".tmp")
    if not tmp.is_dir():
        return
    for old in entry.parent.iterdir():
        if old != tmp:
            shutil.rmtree(old, ignore_errors=True)
    tmp.rename(entry)


def drop_pages(entry: Path) -> None:
    shutil.rmtree(entry.with_name(entry.name + ".tmp"), ignore_errors=True)
