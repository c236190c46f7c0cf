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
(`poll_faster`); the theme's templates are compiled once per session
(`TemplateCache`); the theme's file list (`ThemeFiles`) and each page's search
entries (`SearchEntries`) are kept across rebuilds, keyed by all they are made
from, so a rebuild redoes them only for what changed. All of it under serve
only: `mkdocs build` runs none of it.

The first build runs before on_serve, and MkDocs stops serving when it fails:
`cover_first_build` (on_startup, under serve only) wraps that one call the
same way, so a site that is already broken when `make serve` starts is served
as its error page too, and recovers with the next save.
"""
from __future__ import annotations

import copy
import logging
import os
import shutil
import sysconfig
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import jinja2.bccache
from mkdocs.exceptions import BuildError

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
    shutil.rmtree(root, ignore_errors=True)  # nothing half-built is served
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
    is written into the served folder and serving goes on."""
    import mkdocs.commands.serve as serve_module  # under ProperDocs: properdocs.commands.serve

    build = serve_module.build
    if getattr(build, "kh_first_build", False):
        return

    def first_build(config, *args, **kwargs):
        serve_module.build = build  # later builds: on_serve's builder shows their failures
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
    a dozen patterns, about 0.07 s a build. Under serve the list is kept: the
    theme folders of installed packages do not change while serving; a theme
    folder of the project (overrides/) is listed again each build, and any
    change to it makes the whole list anew."""

    def __init__(self) -> None:
        self.key = None
        self.listed: list[tuple[str, str]] = []  # (path in the theme, the theme folder that holds it)

    def key_of(self, config) -> tuple:
        dirs = tuple(config.theme.dirs)
        return (dirs, tuple(config.theme.static_templates),
                tuple(None if _installed(d) else _listing(d) for d in dirs))

    def install(self) -> None:
        from mkdocs.structure.files import File, Files

        original = Files.add_files_from_theme
        if getattr(original, "kh_cached", False):
            return
        cache = self

        def add_files_from_theme(files, env, config) -> None:
            key = cache.key_of(config)
            if key != cache.key:
                probe = Files([])  # nothing from docs/ in the way: every theme file, where MkDocs finds it
                original(probe, env, config)
                cache.key, cache.listed = key, [(f.src_uri, f.src_dir) for f in probe]
            for path, folder in cache.listed:
                if files.get_file_from_path(path) is None:  # theme files do not override docs/ (as upstream)
                    files.append(File(path, folder, config.site_dir, config.use_directory_urls))

        add_files_from_theme.kh_cached = True
        Files.add_files_from_theme = add_files_from_theme


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


def on_serve(server) -> None:
    poll_faster(server)
    ThemeFiles().install()  # the rebuilds of this session (this process only serves)
    SearchEntries().install()
    build = server.builder

    def builder(*args, **kwargs):
        collect = _Collect()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collect)
        try:
            build(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - every failed build is shown, whatever raised it
            _show_failure(exc, collect, Path(server.root), mount_path_of(server), epoch_of(server))
        finally:
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
    env.bytecode_cache = cache


def on_post_build(site_dir: Path) -> None:
    write_script(site_dir)
