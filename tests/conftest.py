"""Fixtures: one strict build of the real site per test session, and a browser;
and the tier of every test (pytest markers, see pyproject.toml):

- unit: no build; pure functions and the repository's files;
- site: reads the session's build of the real site (the `built` fixture);
- errors: builds a copy of its own, most often broken (siteutil.build_fails);
- browser: drives chromium (the `browser` or `page` fixture).

A test gets the highest tier it needs (browser > errors > site > unit), found
from the fixtures it uses and from what its code (and the module's helpers and
fixtures it calls) runs; a test may also carry one tier marker itself.
"""
from __future__ import annotations

import functools
import http.server
import inspect
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from siteutil import PLAN, ROOT, plan_url, run_build, serve_folder

TIERS = ("unit", "site", "errors", "browser")
# What starts a build of a copy (or a server that builds): the errors tier.
BUILDS_A_COPY = re.compile(r"\b(build_fails|run_build|build_in_process|broken_copy)\(|\"mkdocs\", \"serve\"")


def _source(obj) -> str:
    try:
        return inspect.getsource(obj)
    except (OSError, TypeError):
        return ""


def _code_of(item) -> str:
    """The test's source, its module's helpers it names, and the sources of
    the fixtures it uses that are not conftest's (`built` builds the real site)."""
    func = getattr(item, "function", None)
    parts, seen = [], set()

    def add(f):
        if f is None or f in seen:
            return
        seen.add(f)
        parts.append(_source(f))
        module = inspect.getmodule(f)
        for name in getattr(getattr(f, "__code__", None), "co_names", ()):
            helper = getattr(module, name, None)
            if inspect.isfunction(helper) and inspect.getmodule(helper) is module:
                add(helper)

    add(func)
    for name in item.fixturenames:
        for fixturedef in getattr(item, "_fixtureinfo").name2fixturedefs.get(name, ()):
            if Path(inspect.getfile(fixturedef.func)).name != "conftest.py":
                add(getattr(fixturedef.func, "__wrapped__", fixturedef.func))
    return "\n".join(parts)


def tier_of(item) -> str:
    names = set(item.fixturenames)
    if names & {"browser", "page"}:
        return "browser"
    if BUILDS_A_COPY.search(_code_of(item)):
        return "errors"
    if names & {"built", "server", "archive", "archive_server"}:
        return "site"
    return "unit"


def pytest_collection_modifyitems(config, items):
    for item in items:
        marked = [t for t in TIERS if item.get_closest_marker(t)]
        if len(marked) > 1:
            raise pytest.UsageError(f"{item.nodeid} has several tiers: {marked}")
        if not marked:
            item.add_marker(getattr(pytest.mark, tier_of(item)))


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The site built from the repository with `mkdocs build --strict`."""
    result = run_build(PLAN, tmp_path_factory.mktemp("site") / "site")
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def archive(tmp_path_factory):
    """The whole public site: the archive (the repository's mkdocs.yml), every plan
    built by Material's projects plugin into site/<id>/, downloads included."""
    result = run_build(ROOT, tmp_path_factory.mktemp("archive") / "site", downloads=True)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def synthetic_archive(tmp_path_factory):
    """An archive of the real plan and two synthetic plans made at test time by
    bench/corpus.py (the real plan rewritten as another department's, for a later
    year; no signed record), built with `mkdocs build --strict` at its root in a
    temporary folder. The synthetic plans are never written into the repository.
    Yields .build (the BuildResult), .root (the archive's folder) and .plans
    (bench.corpus.Plan, the real plan first)."""
    import sys
    from types import SimpleNamespace

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # the bench package lives at the repository root
    from bench import corpus

    root = tmp_path_factory.mktemp("synthetic") / "archive"
    plans = corpus.generate(ROOT, root, chosen=[
        corpus.plans(1)[0], corpus.Plan(1, "STC", "Sở Tài chính", 2024), corpus.Plan(2, "SYT", "Sở Y tế", 2023)])
    result = run_build(root, root.parent / "site")
    assert result.returncode == 0, result.output
    return SimpleNamespace(build=result, root=root, plans=plans)


@pytest.fixture(scope="session")
def synthetic_server(synthetic_archive):
    """The synthetic archive's site served on 127.0.0.1; yields the base URL."""
    from siteutil import serve_folder

    httpd = serve_folder(synthetic_archive.build.site)
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def archive_server(archive):
    """The built archive served on 127.0.0.1; yields the base URL."""
    httpd = serve_folder(archive.site)
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def server(built):
    """The built site served on 127.0.0.1; yields the base URL."""
    httpd = serve_folder(built.site)
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN")
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="session")
def copy(built, tmp_path_factory) -> Path:
    """The offline copy: the zip linked from the home page, unpacked as a reader would
    (tests/exports/test_offline.py, tests/security/test_csp_browser.py)."""
    import zipfile

    folder = "ke-hoach-2022-so-noi-vu-bac-giang"  # mkdocs.yml extra.download_name: a public address
    zip_path = built.site / f"tai-ve/{folder}-ban-ngoai-tuyen.zip"
    assert zip_path.is_file(), f"the build wrote no offline copy at /{zip_path.relative_to(built.site)}"
    dest = tmp_path_factory.mktemp("usb")
    with zipfile.ZipFile(zip_path) as zf:
        assert {name.split("/", 1)[0] for name in zf.namelist()} == {folder}
        zf.extractall(dest)
    return dest / folder


def _site_path_prefix() -> str:
    """The path part of the plan's address, e.g. "/snv-2022/"."""
    path = urlsplit(plan_url()).path
    return path if path.endswith("/") else path + "/"


@pytest.fixture(scope="session")
def hosted(built):
    """The site as a web host serves it: under site_url's path, 404.html for a wrong address."""
    prefix = _site_path_prefix()
    site = built.site

    class Host(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_head(self):
            path = urlsplit(self.path).path
            if not path.startswith(prefix):
                return self._not_found()
            self.path = "/" + path[len(prefix):]
            target = Path(self.translate_path(self.path))
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                return self._not_found()
            return super().send_head()

        def _not_found(self):
            body = (site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Host, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    httpd.shutdown()
