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

The first build runs before on_serve, and MkDocs stops serving when it fails:
`cover_first_build` (on_startup, under serve only) wraps that one call the
same way, so a site that is already broken when `make serve` starts is served
as its error page too, and recovers with the next save.
"""
from __future__ import annotations

import logging
import shutil
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


POLL_SECONDS = 0.1  # MkDocs polls the watched folders every 0.5 s: on average 0.25 s of every save


def poll_faster(server) -> None:
    """Look for saved files every POLL_SECONDS instead of every 0.5 s (MkDocs
    watches by polling; a poll of our folders stats a few hundred files)."""
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


def on_serve(server) -> None:
    poll_faster(server)
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
