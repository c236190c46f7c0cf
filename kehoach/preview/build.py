"""`mkdocs serve`: a failed rebuild shows its message in the browser, and pages
reload by themselves when the site is built again.

MkDocs' live-reload server holds every request until a rebuild succeeds: after
a failed one the browser waits (for minutes) while the message sits in the
terminal. `on_serve` wraps the server's builder: a build that fails writes the
error page (html.py) as every page of the served folder (index.html and
404.html, which MkDocs serves for any missing address) and returns normally,
so the server publishes it and the pages waiting reload onto it; the next save
that builds replaces it. `on_post_page` adds the reload script to every page
under serve (the one MkDocs injects is inline, which our CSP blocks).

What this relies on upstream (the builder attribute, the /livereload/ poll,
the epoch) is listed in kehoach/patches/__init__.py.

A save is served sooner (bench/serve.py measures it): the watched folders are
polled every 0.05 s and the rebuild starts after 0.05 s without a change
(`poll_faster`), and the watchers wait while a rebuild runs
(`QuietWhileBuilding`); the theme's templates are compiled once per session
and its template list kept, in every Jinja environment MkDocs makes
(`TemplateCache`, `ThemeEnvironments`); the theme's file list (`ThemeFiles`),
each page's Markdown converted to HTML (`RenderedPages`) and its search
entries (`SearchEntries`) are kept across rebuilds, keyed by all they are
made from (by content, never by time), so a rebuild redoes them only for what
changed; the site's folders are kept and only its files removed before a
rebuild (`KeptFolders`), and the site is served from a folder in memory
(`SiteInMemory`). All of it under serve only (`install_caches` and the rest
from on_serve, in the serving process): `mkdocs build` runs none of it, and
tests/preview/test_serve_cache.py holds a rebuild's site byte for byte to the
one a fresh build writes.

The first build runs before on_serve, and MkDocs stops serving when it fails:
`cover_first_build` (on_startup, under serve only) wraps that one call the
same way, so a site that is already broken when `make serve` starts is served
as its error page too, and recovers with the next save.
"""
from __future__ import annotations

import atexit
import copy
import hashlib
import json
import logging
import os
import posixpath
import re
import shutil
import signal
import sysconfig
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import jinja2.bccache
from mkdocs.exceptions import BuildError

from kehoach.core import files as kept_files
from kehoach.core.files import folder_stamp, folders_unchanged, write_aside
from kehoach.preview import html

_REMOVED = "Đã xóa thư mục"  # checks/build.py's note about the half-built site: not for the page


class _Collect(logging.Handler):
    """The warnings and errors logged during one build: the messages to show."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.strip() and not message.startswith(_REMOVED):
            self.messages.append(message)


def _cause(exc: BaseException) -> str | None:
    """The message of the error that stopped the build: MkDocs logs it and
    raises Abort("Aborted with a BuildError!") from within its handler, and
    logs the same message only once per process (a second identical slip in
    one `mkdocs serve` session would show nothing)."""
    seen = exc
    while seen is not None:
        if isinstance(seen, BuildError):
            return str(seen)
        seen = seen.__cause__ or seen.__context__
    return None


def epoch_of(server) -> int | None:
    return getattr(server, "_wanted_epoch", None)


def mount_path_of(server) -> str:
    return getattr(server, "mount_path", "/")


def write_error_page(root: Path, messages: list[str], mount_path: str, epoch: int | None) -> None:
    KeptFolders.clean(root)  # nothing half-built is served (its folders kept: the fix then makes none)
    (root / html.SCRIPT).parent.mkdir(parents=True, exist_ok=True)
    page = html.error_page(messages, mount_path, epoch)
    for name in ("index.html", "404.html"):
        (root / name).write_text(page, encoding="utf-8")
    write_script(root)


def write_script(root: Path) -> None:
    path = root / html.SCRIPT
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html.RELOAD_JS, encoding="utf-8")


POLL_SECONDS = 0.05  # MkDocs polls the watched folders every 0.5 s: on average 0.25 s of every save


def poll_faster(server) -> None:
    """Look for saved files every POLL_SECONDS instead of every 0.5 s (MkDocs
    watches by polling; a poll of our folders stats about 200 files, 2 ms),
    and start the rebuild once no change has been seen for POLL_SECONDS
    instead of 0.1 s (changes are only seen at a poll, so a shorter quiet
    time could not tell one save from two)."""
    if hasattr(server, "build_delay"):
        server.build_delay = POLL_SECONDS
    observer = getattr(server, "observer", None)
    if observer is None or not hasattr(observer, "_timeout"):
        return
    observer._timeout = POLL_SECONDS  # for the folders watched after on_serve (data/, kehoach/, ...)
    for emitter in observer.emitters:  # docs/ and mkdocs.yml, watched already
        if hasattr(emitter, "_timeout"):
            emitter._timeout = POLL_SECONDS


def _show_failure(exc: BaseException, collect: _Collect, root: Path, mount_path: str, epoch: int | None) -> None:
    cause = _cause(exc)
    messages = [cause] if cause else collect.messages or [str(exc)]
    write_error_page(root, messages, mount_path, epoch)
    log = logging.getLogger("mkdocs.plugins.kehoach")
    if cause and cause not in collect.messages:  # MkDocs logs a message once per process
        log.error(cause)
    log.error("Trình duyệt đang hiện thông báo lỗi; sửa tệp rồi lưu lại. "
              "(The browser shows the error; fix the file and save.)")


def cover_first_build() -> None:
    """`mkdocs serve` builds once before it serves (and before on_serve); a
    failure there would end the session. Wrap that one call: the error page
    is written into the served folder and serving goes on. The session's
    caches (install_caches) are installed for that build already."""
    import mkdocs.commands.serve as serve_module  # under ProperDocs: properdocs.commands.serve

    build = serve_module.build
    if getattr(build, "kh_first_build", False):
        return

    def first_build(config, *args, **kwargs):
        serve_module.build = build  # later builds: on_serve's builder shows their failures
        install_caches()  # filled by the first build, so that the first save is served as soon as the next
        collect = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collect)
        try:
            build(config, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - every failed build is shown, whatever raised it
            mount = urlsplit(config["site_url"] or "/").path or "/"
            _show_failure(exc, collect, Path(config["site_dir"]), mount, None)
        finally:
            logger.removeHandler(collect)

    first_build.kh_first_build = True
    serve_module.build = first_build


def _installed(path: str) -> bool:
    """A folder of an installed package (Material's theme): it does not change while serving."""
    roots = {sysconfig.get_paths()[k] for k in ("purelib", "platlib")}
    return any(Path(path).resolve().is_relative_to(Path(root).resolve()) for root in roots)


def _listing(path: str) -> tuple:
    return tuple(sorted((d, tuple(sorted(f))) for d, _, f in os.walk(path)))


class ThemeFiles:
    """MkDocs lists every file of the theme on every build to copy its assets:
    Material's folder holds about 14,500 (its icons), each name matched against
    a dozen patterns, about 0.055 s a build. Where one process builds more than
    once, the list is kept: under serve (each rebuild), and in the archive's
    process (its own pages and the one plan it builds itself, kehoach/archive/
    build.py). The theme folders of installed packages do not change meanwhile;
    a theme folder of the project (overrides/) is listed again each build, and
    any change to it makes the whole list anew. Folders are compared as real
    paths (a plan names the archive's overrides/ as ../../overrides), and each
    file is given the folder as the building configuration names it.

    Across builds (`store`, a JSON file the archive names in its trusted cache),
    the list is kept with the change time and inode of every folder under the
    theme folders: a file or folder added, removed or renamed anywhere changes
    its folder's change time, so the list is used only while every one is the
    same (kehoach/core/files.py: a folder changed in the last SETTLED_NS is not
    trusted to show it yet, and then nothing is kept)."""

    def __init__(self) -> None:
        self.key = None
        self.listed: list[tuple[str, int]] = []  # (path in the theme, index of the theme folder that holds it)
        self.store: Path | None = None  # where the list is kept across builds, when it is
        self.record: dict | None = None  # what `save` writes to `store`

    def key_of(self, config) -> tuple:
        dirs = tuple(os.path.realpath(d) for d in config.theme.dirs)
        return (dirs, tuple(config.theme.static_templates),
                tuple(None if _installed(d) else _listing(d) for d in dirs))

    @staticmethod
    def installed() -> ThemeFiles | None:
        """The instance installed in this process, if any."""
        from mkdocs.structure.files import Files

        return getattr(Files.add_files_from_theme, "kh_theme_files", None)

    def install(self) -> ThemeFiles:
        """Replace MkDocs' listing (once per process); the instance installed."""
        from mkdocs.structure.files import File, Files

        original = Files.add_files_from_theme
        if getattr(original, "kh_cached", False):
            return original.kh_theme_files
        cache = self

        def add_files_from_theme(files, env, config) -> None:
            key = cache.key_of(config)
            dirs = list(config.theme.dirs)
            if key != cache.key:
                listed = cache.kept(key)
                if listed is None:
                    probe = Files([])  # nothing from docs/ in the way: every theme file, where MkDocs finds it
                    original(probe, env, config)
                    listed = [(f.src_uri, dirs.index(f.src_dir)) for f in probe]
                    cache.keep(key, listed)
                cache.key, cache.listed = key, listed
            for path, folder in cache.listed:
                if files.get_file_from_path(path) is None:  # theme files do not override docs/ (as upstream)
                    files.append(File(path, dirs[folder], config.site_dir, config.use_directory_urls))

        add_files_from_theme.kh_cached = True
        add_files_from_theme.kh_theme_files = self
        Files.add_files_from_theme = add_files_from_theme
        return self

    @staticmethod
    def _same(key: tuple) -> list:
        return [list(key[0]), list(key[1])]

    def kept(self, key: tuple) -> list[tuple[str, int]] | None:
        """The list kept in `store` for these theme folders, if none of their folders changed."""
        if self.store is None:
            return None
        try:
            record = json.loads(self.store.read_text(encoding="utf-8"))
            if record["theme"] != self._same(key) or not folders_unchanged(record["folders"]):
                return None
            listed = [(str(path), int(index)) for path, index in record["listed"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        if not all(0 <= index < len(key[0]) and _inside(path) for path, index in listed):
            return None
        self.record = record
        return listed

    def keep(self, key: tuple, listed: list[tuple[str, int]]) -> None:
        """What `save` writes: the list, and the change time and inode of every folder under the theme folders."""
        if self.store is None:
            return
        folders = {}
        settled = time.time_ns() - kept_files.SETTLED_NS
        for top in key[0]:
            for folder, _, _ in os.walk(top):
                st = os.lstat(folder)
                if st.st_ctime_ns > settled:
                    self.record = None
                    return
                folders[folder] = folder_stamp(st)
        self.record = {"theme": self._same(key), "folders": folders, "listed": [list(item) for item in listed]}

    def save(self) -> None:
        """Write what `keep` made to `store`, if it is not there already."""
        if self.store is None or self.record is None:
            return
        text = json.dumps(self.record, ensure_ascii=False, sort_keys=True)
        try:
            if self.store.read_text(encoding="utf-8") == text:
                return
        except OSError:
            pass
        write_aside(self.store, text)


def _inside(path: str) -> bool:
    """A path of a file inside a theme folder, as MkDocs lists them (relative, normalised)."""
    return bool(path) and not path.startswith("/") and posixpath.normpath(path) == path and not path.startswith("..")


def _toc_key(toc) -> tuple:
    return tuple((item.id, item.url, item.title, _toc_key(item.children)) for item in toc)


class SearchEntries:
    """Material's search plugin parses every page's HTML again on every build
    (about 0.1 s a build). Under serve a page's entries are kept, keyed by all
    that `add_entry_from_context` reads: the page's address, title, HTML,
    table of contents and the front matter's search, title and tags. A page
    unchanged since the last build gets copies of the same entries."""

    def __init__(self) -> None:
        self.by_url: dict[str, tuple[tuple, list[dict]]] = {}

    def install(self) -> None:
        from material.plugins.search.plugin import SearchIndex

        original = SearchIndex.add_entry_from_context
        if getattr(original, "kh_cached", False):
            return
        cache = self

        def add_entry_from_context(index, page) -> None:
            meta = page.meta
            key = (page.title, page.content, _toc_key(page.toc),
                   repr(meta.get("search")), repr(meta.get("title")), repr(meta.get("tags")))
            kept = cache.by_url.get(page.url)
            if kept is None or kept[0] != key:
                start = len(index.entries)
                original(index, page)
                kept = (key, copy.deepcopy(index.entries[start:]))
                cache.by_url[page.url] = kept
            else:
                index.entries.extend(copy.deepcopy(kept[1]))

        add_entry_from_context.kh_cached = True
        SearchIndex.add_entry_from_context = add_entry_from_context


def _unlink_files(path: str) -> None:
    for root, dirs, names in os.walk(path):  # a link to a folder is listed in dirs, and not followed
        for name in names + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            os.unlink(os.path.join(root, name))


class KeptFolders:
    """MkDocs empties the site folder before every build (`clean_directory`)
    and makes its folders again as it writes: about 120 folders, and removing
    them is slow on this machine's disk when it is busy (0.02 s a build on a
    quiet disk, 0.1-0.35 s on a busy one, most of it rmdir; unlinking the
    files alone takes 0.005 s). Under serve the files
    are removed as upstream does (hidden entries at the top kept, as upstream)
    but the folders stay; after the build `prune` removes the folders left
    empty (a page deleted or moved), so the folder served holds exactly what a
    fresh build writes. Requests wait while a rebuild runs (MkDocs holds them
    until the build is done), so no half-written folder is ever served."""

    def install(self) -> None:
        import mkdocs.utils as mkdocs_utils

        if getattr(mkdocs_utils.clean_directory, "kh_kept_folders", False):
            return

        def clean_directory(directory: str) -> None:
            KeptFolders.clean(directory)

        clean_directory.kh_kept_folders = True
        mkdocs_utils.clean_directory = clean_directory

    @staticmethod
    def clean(directory: str | Path) -> None:
        """Every file under `directory` removed, its folders kept (upstream's
        clean_directory removes both)."""
        if not os.path.exists(directory):
            return
        for entry in os.listdir(directory):
            if entry.startswith("."):  # as upstream: hidden entries are never written, nor removed
                continue
            path = os.path.join(directory, entry)
            if os.path.isdir(path) and not os.path.islink(path):
                _unlink_files(path)
            else:
                os.unlink(path)

    @staticmethod
    def prune(directory: str | Path) -> None:
        """Remove the folders this build left empty (deepest first; the top one stays)."""
        top = os.path.abspath(directory)
        if not os.path.isdir(top):
            return
        for root, dirs, names in os.walk(top, topdown=False):
            if root == top or names or os.path.relpath(root, top).startswith("."):  # hidden: not ours
                continue
            try:
                os.rmdir(root)  # fails if a subfolder is still there: then it is not empty
            except OSError:
                pass


class _Capture(logging.Handler):
    """Every record logged while one page is converted (by the converting
    thread: not the server's, which answers requests meanwhile)."""

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.records.append(record)


_LOGGERS = ("mkdocs", "MARKDOWN")  # MkDocs' link checks log under mkdocs.*; Python-Markdown under MARKDOWN
_SECRET = re.compile(r"<!-- kh-fill-([0-9a-f]+) ")  # a marker of late-filled content (kehoach/core/fill.py)


def _digest(parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


class RenderedPages:
    """Python-Markdown converts every page on every build: 0.16-0.25 s of a
    rebuild, most of it for pages that did not change. Under serve the result
    of `Page.render` is kept per page, keyed by everything it reads: the
    page's Markdown as the page_markdown event left it (macros, footnotes and
    edit links already in it: a macro showing another page's heading changes
    it), the page file's path, address and inclusion, every file of the site
    (path, address, inclusion: its links are resolved against them), the
    Markdown extensions and their configuration, `use_directory_urls`, the
    link validation levels and the log level that decides whether links to
    anchors are kept. A page whose key is the same as at its last conversion
    gets what `render` sets: the HTML, a copy of the table of contents, the
    title of its first heading, the anchors it holds and its links to anchors
    of other pages (mapped to this build's files, so MkDocs checks them
    against the other pages as converted now); what the conversion logged is
    logged again. A conversion that logged a warning is not kept, so the
    warning (which stops a strict build) comes back with every build. What
    depends on other pages (the register's back-links, the contents lists,
    the checks across pages) is made after the conversion, in every build.

    Each build draws a new secret for its markers of late-filled content
    (kehoach/core/fill.py): about 75 pages (the register's, the change log)
    hold one in their Markdown, so it would change their key every build. In
    the key, the one marker secret a page holds is replaced by a placeholder
    (and its length kept); on a hit the kept HTML gets this build's secret in
    place of the one it was converted with. Markdown passes an HTML comment
    through untouched, so converting the page with one hex string or another
    in that comment gives the same HTML but for that string. A page with two
    different secrets in it, or one in its headings, is keyed and kept as
    it is."""

    def __init__(self) -> None:
        self.by_page: dict[str, tuple[tuple, dict]] = {}
        self.files = None  # the Files of the build being converted, and its key
        self.files_count = -1
        self.files_key = ""
        self.hits = self.misses = 0

    def key_of_files(self, files) -> str:
        if files is not self.files or len(files) != self.files_count:
            self.files, self.files_count = files, len(files)
            self.files_key = _digest(f"{f.src_uri}\t{f.url}\t{f.inclusion.name}" for f in files)
        return self.files_key

    @staticmethod
    def key_of_config(config) -> str:
        links = config.validation.links
        level = logging.getLogger("mkdocs.structure.pages").getEffectiveLevel()
        return _digest(map(repr, (config["markdown_extensions"], config["mdx_configs"],
                                  config["use_directory_urls"], links.absolute_links, links.not_found,
                                  links.unrecognized_links, links.anchors, level > logging.DEBUG)))

    def key_of(self, page, config, files) -> tuple[tuple, str | None]:
        """The page's key, and the marker secret its Markdown holds (None: none or several)."""
        file = page.file
        markdown = page.markdown
        secrets = {m.group(1) for m in _SECRET.finditer(markdown)}
        secret = secrets.pop() if len(secrets) == 1 and "\0" not in markdown else None
        if secret is not None:
            markdown = markdown.replace(secret, "\0") + f"\0{len(secret)}"
        return (markdown, file.src_uri, file.url, file.dest_uri, file.inclusion.name,
                self.key_of_files(files), self.key_of_config(config)), secret

    def install(self) -> None:
        from mkdocs.structure.pages import Page

        original = Page.render
        if getattr(original, "kh_cached", False):
            return
        cache = self

        def render(page, config, files) -> None:
            if page.markdown is None:
                return original(page, config, files)  # raises as upstream
            key, secret = cache.key_of(page, config, files)
            kept = cache.by_page.get(page.file.src_uri)
            if kept is not None and kept[0] == key:
                cache.hits += 1
                cache.restore(page, files, kept[1], secret)
                return None
            cache.misses += 1
            capture = _Capture()
            loggers = [logging.getLogger(name) for name in _LOGGERS]
            for logger in loggers:
                logger.addHandler(capture)
            try:
                original(page, config, files)
            finally:
                for logger in loggers:
                    logger.removeHandler(capture)
            result = cache.result_of(page, capture.records, secret)
            if result is None or any(r.levelno >= logging.WARNING for r in capture.records):
                cache.by_page.pop(page.file.src_uri, None)
            else:
                cache.by_page[page.file.src_uri] = (key, result)
            return None

        render.kh_cached = True
        Page.render = render

    @staticmethod
    def result_of(page, records: list[logging.LogRecord], secret: str | None) -> dict | None:
        links = page.__dict__.get("links_to_anchors")  # set by render only when anchors are checked
        if secret is not None and secret in repr((_toc_key(page.toc), page._title_from_render,
                                                  sorted(page.present_anchor_ids or ()), links)):
            return None  # the secret outside the HTML: not kept
        return {
            "secret": secret,
            "content": page.content,
            "toc": copy.deepcopy(page.toc),
            "title": page._title_from_render,
            "anchors": frozenset(page.present_anchor_ids or ()),
            "links": None if links is None else [(f.src_uri, dict(v)) for f, v in links.items()],
            "records": records,
        }

    @staticmethod
    def restore(page, files, kept: dict, secret: str | None) -> None:
        content = kept["content"]
        page.content = content if secret is None else content.replace(kept["secret"], secret)
        page.toc = copy.deepcopy(kept["toc"])
        page._title_from_render = kept["title"]
        page.present_anchor_ids = set(kept["anchors"])
        if kept["links"] is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): dict(v) for uri, v in kept["links"]}
        for record in kept["records"]:
            logging.getLogger(record.name).handle(record)


class ThemeEnvironments:
    """MkDocs makes a new Jinja environment for each build, and Material's
    search plugin one more on every build (its on_config, for one word of the
    theme's language); each compiles the templates it loads, and lists every
    file of the theme folders when asked for its templates (the CSP's list of
    inline scripts, readers/csp.py: Material's folder holds about 14,500
    files). Under serve every environment `Theme.get_env` makes gets the
    session's compiled templates (`TemplateCache`: Jinja checks each
    template's source against the cached code, so an edited template is
    compiled again), and the list of templates of a theme folder is kept
    while the folder is unchanged (an installed package's folder: for the
    session; a folder of the project, overrides/: listed again each time,
    and any change makes the whole list anew, as ThemeFiles does)."""

    def __init__(self, cache: TemplateCache) -> None:
        self.cache = cache
        self.templates: dict[tuple, list[str]] = {}

    def install(self) -> None:
        from mkdocs.theme import Theme

        original = Theme.get_env
        if getattr(original, "kh_cached", False):
            return
        environments = self

        def get_env(theme):
            env = original(theme)
            env.bytecode_cache = environments.cache
            if isinstance(env.loader, jinja2.FileSystemLoader):
                env.loader = _ListedLoader(env.loader.searchpath, env.loader.encoding,
                                           env.loader.followlinks, environments.templates)
            return env

        get_env.kh_cached = True
        Theme.get_env = get_env


class _ListedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader whose list of templates is kept (ThemeEnvironments)."""

    def __init__(self, searchpath, encoding: str, followlinks: bool, kept: dict[tuple, list[str]]) -> None:
        super().__init__(searchpath, encoding=encoding, followlinks=followlinks)
        self.kept = kept

    def list_templates(self) -> list[str]:
        key = (tuple(self.searchpath), self.followlinks,
               tuple(None if _installed(d) else _listing(d) for d in self.searchpath))
        if key not in self.kept:
            self.kept.clear()
            self.kept[key] = super().list_templates()
        return list(self.kept[key])


class QuietWhileBuilding:
    """MkDocs watches by polling: every POLL_SECONDS each watched folder
    (docs/, data/, schemas/, kehoach/, overrides/, about 200 files) is listed
    and stat'ed again, each by a thread of its own, in Python: the rebuild
    shares the interpreter lock with them, and took 0.04 s longer while
    they polled (bench/results-serve.md). While a
    rebuild runs, the builder holds each watcher's own lock (watchdog's
    PollingEmitter takes it around every snapshot), so they wait; when it is
    released each takes its snapshot and compares it with the one before the
    rebuild, so a file saved during the rebuild is seen at once then (the
    next rebuild could not start earlier: MkDocs builds one at a time)."""

    WAIT = 1.0  # seconds at most to wait for a watcher's snapshot under way

    @classmethod
    def hold(cls, server) -> list:
        held = []
        observer = getattr(server, "observer", None)
        for emitter in getattr(observer, "emitters", ()):
            lock = getattr(emitter, "_lock", None)
            if lock is not None and lock.acquire(timeout=cls.WAIT):
                held.append(lock)
        return held

    @staticmethod
    def release(held: list) -> None:
        for lock in held:
            lock.release()


def install_caches() -> None:
    """What the rebuilds of this `mkdocs serve` session keep from one another
    (this process only serves): each patches MkDocs or Material class-wide."""
    ThemeFiles().install()
    SearchEntries().install()
    KeptFolders().install()
    RenderedPages().install()
    ThemeEnvironments(TemplateCache()).install()


MEMORY = "/dev/shm"  # a folder in memory (tmpfs), where Linux has one
_PREFIX = "kehoach-serve-"


class SiteInMemory:
    """MkDocs serves from a folder of the system's temporary folder (/tmp),
    on disk here, which every rebuild empties and fills again (about 600
    files): on this shared machine the disk made the same save 0.65 s one
    minute and 1.1 s the next, and made the error page slower (removing
    folders). Under serve, once the first build is written, the site is moved
    to a folder in memory (MEMORY, when there is one and the site is not in
    it already) and the served folder's path becomes a link to it: MkDocs,
    the server and every hook keep the path they were given, and the bytes
    served are the same. When serving ends (Ctrl-C, or SIGTERM, which ends it
    the same way while the site is in memory) the link is made an empty
    folder again, which MkDocs removes as usual, and the folder in memory is
    removed; one left by a process that was killed is removed by the next
    session (its name holds the process id)."""

    @staticmethod
    def move(server, memory: str = MEMORY) -> Path | None:
        root = Path(server.root)
        try:
            if (not os.path.isdir(memory) or not os.access(memory, os.W_OK) or root.is_symlink()
                    or not root.is_dir() or os.stat(root).st_dev == os.stat(memory).st_dev):
                return None
        except OSError:
            return None
        SiteInMemory.remove_orphans(memory)
        ram = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-", dir=memory))
        disk = root.with_name(root.name + ".on-disk")
        try:
            shutil.copytree(root, ram, symlinks=True, dirs_exist_ok=True)
            os.rename(root, disk)
            try:
                os.symlink(ram, root, target_is_directory=True)
            except OSError:
                os.rename(disk, root)
                raise
        except OSError:
            shutil.rmtree(ram, ignore_errors=True)
            return None
        shutil.rmtree(disk, ignore_errors=True)
        shutdown = server.shutdown

        def shutdown_then_restore(*args, **kwargs):
            try:
                return shutdown(*args, **kwargs)
            finally:
                SiteInMemory.restore(root, ram)

        server.shutdown = shutdown_then_restore
        return ram

    @staticmethod
    def clean_up_at_exit(root: Path, ram: Path) -> None:
        """However serving ends; and SIGTERM ends it as Ctrl-C does (MkDocs then
        cleans up) rather than at once (which would leave the folder in memory)."""
        atexit.register(SiteInMemory.restore, root, ram)
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, _interrupt)

    @staticmethod
    def restore(root: Path, ram: Path) -> None:
        if root.is_symlink():
            root.unlink()
            root.mkdir()  # MkDocs removes the folder it made when serving ends
        shutil.rmtree(ram, ignore_errors=True)

    @staticmethod
    def remove_orphans(memory: str) -> None:
        """Folders in memory left by serving processes that no longer run."""
        try:
            names = os.listdir(memory)
        except OSError:
            return
        for name in names:
            pid = name[len(_PREFIX):].split("-", 1)[0]
            if not name.startswith(_PREFIX) or not pid.isdigit() or int(pid) == os.getpid():
                continue
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                shutil.rmtree(os.path.join(memory, name), ignore_errors=True)
            except OSError:
                continue  # runs, as another user


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt  # MkDocs' serve ends on it as on Ctrl-C, and cleans up


def on_serve(server) -> None:
    poll_faster(server)
    install_caches()
    ram = SiteInMemory.move(server)
    if ram is not None:
        SiteInMemory.clean_up_at_exit(Path(server.root), ram)
    build = server.builder

    def builder(*args, **kwargs):
        collect = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collect)
        held = QuietWhileBuilding.hold(server)
        try:
            build(*args, **kwargs)
            KeptFolders.prune(server.root)
        except Exception as exc:  # noqa: BLE001 - every failed build is shown, whatever raised it
            _show_failure(exc, collect, Path(server.root), mount_path_of(server), epoch_of(server))
        finally:
            QuietWhileBuilding.release(held)
            logger.removeHandler(collect)

    server.builder = builder


def on_post_page(output: str, config, server) -> str:
    """Every page served under `mkdocs serve` reloads itself after a rebuild
    (the first build runs before on_serve: no server yet, the mount path from
    site_url, which `mkdocs serve` sets to the address it serves)."""
    mount = mount_path_of(server) if server is not None else (urlsplit(config["site_url"] or "/").path or "/")
    tag = html.script_tag(mount, epoch_of(server) if server is not None else None)
    at = output.rfind("</body>")
    return output[:at] + tag + output[at:] if at >= 0 else output + tag


class TemplateCache(jinja2.BytecodeCache):
    """The theme's templates compiled once per `mkdocs serve` session, not once
    per rebuild (MkDocs makes a new Jinja environment for every build; Jinja
    checks each template's source against the cached code, so an edited
    template is compiled again). About 0.3 s of every rebuild."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def on_env(env, cache: TemplateCache) -> None:
    if env.bytecode_cache is None:  # after on_serve, ThemeEnvironments gave it the session's already
        env.bytecode_cache = cache


def on_post_build(site_dir: Path) -> None:
    write_script(site_dir)
