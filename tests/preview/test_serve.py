"""`make serve` (mkdocs serve): a failed rebuild shows its message in the
browser at once, and the site comes back by itself when the file is fixed.

Each test runs `mkdocs serve` on a free port of 127.0.0.1 in a copy of the
project, with bounded waits, and always stops the server.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from siteutil import copy_project, edit, free_port, http_get, line_of, start_serve, stop

PAGE = "docs/phan-1/ket-qua/ton-giao.md"
URL_PATH = "/snv-2022/phan-1/ket-qua/ton-giao/"
WAIT = 60  # seconds: a rebuild takes about one


def _get(url: str) -> tuple[int, str]:
    return http_get(url, WAIT)


def _until(url: str, ready, what: str) -> tuple[int, str]:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            status, body = _get(url)
        except OSError:
            status, body = 0, ""
        if ready(status, body):
            return status, body
        time.sleep(0.1)
    pytest.fail(f"{what}: not within {WAIT} s; last answer {status}: {body[:500]}")


@contextmanager
def serving(project: Path, first=lambda s, b: s == 200, what="the first build served"):
    port = free_port()
    with open(project / "serve.log", "w", encoding="utf-8") as log:
        proc = start_serve(project, port, log)
        try:
            base = f"http://127.0.0.1:{port}"
            _until(base + URL_PATH, first, what)
            yield base
        finally:
            stop(proc)


@pytest.mark.errors  # starts `mkdocs serve` (siteutil.start_serve), which conftest's scan does not see
def test_a_failed_rebuild_shows_its_message_and_the_fix_brings_the_page_back(tmp_path):
    project = copy_project(tmp_path / "project")
    with serving(project) as base:
        edit(project, PAGE, "Triển khai nghiên cứu", "Triển khai tìm hiểu")
        line = line_of(project / PAGE, "Triển khai tìm hiểu")
        status, body = _until(base + URL_PATH, lambda s, b: "Chưa dựng được trang web" in b, "the error page")
        assert f"{PAGE}, dòng {line} (line {line}):" in body
        assert "văn bản gốc viết «nghiên cứu», trang này viết «tìm hiểu»" in body
        assert "Cách sửa:" in body
        # Every address shows it, the home page too: nothing of the broken build is served.
        assert "Chưa dựng được trang web" in _get(base + "/snv-2022/")[1]
        # The same slip again in the same session is shown again (MkDocs logs a message only once).
        edit(project, PAGE, "Triển khai tìm hiểu", "Triển khai nghiên cứu")
        _until(base + URL_PATH, lambda s, b: s == 200 and "Triển khai nghiên cứu" in b, "the page back")
        edit(project, PAGE, "Triển khai nghiên cứu", "Triển khai tìm hiểu")
        _, body = _until(base + URL_PATH, lambda s, b: "Chưa dựng được trang web" in b, "the error page again")
        assert "trang này viết «tìm hiểu»" in body
        edit(project, PAGE, "Triển khai tìm hiểu", "Triển khai nghiên cứu")
        status, body = _until(base + URL_PATH, lambda s, b: s == 200 and "Triển khai nghiên cứu" in b,
                              "the page back after the fix")
        assert "Chưa dựng được" not in body


def test_pages_and_the_error_page_reload_by_themselves(tmp_path, page):
    """In chromium, under the site's Content-Security-Policy: the open page turns
    into the error page when a save breaks the build, and back when it is fixed."""
    project = copy_project(tmp_path / "project")
    with serving(project) as base:
        page.goto(base + URL_PATH)
        assert "Triển khai nghiên cứu" in page.inner_text("article")
        edit(project, PAGE, "Triển khai nghiên cứu", "Triển khai tìm hiểu")
        page.wait_for_function("() => document.title.startsWith('Chưa dựng được')", timeout=WAIT * 1000)
        assert "trang này viết «tìm hiểu»" in page.inner_text("pre")
        edit(project, PAGE, "Triển khai tìm hiểu", "Triển khai nghiên cứu")
        page.wait_for_function("() => !!document.querySelector('article')", timeout=WAIT * 1000)
        assert "Triển khai nghiên cứu" in page.inner_text("article")


@pytest.mark.errors  # starts `mkdocs serve` (siteutil.start_serve), which conftest's scan does not see
def test_a_site_already_broken_at_start_is_served_as_its_error_page_and_recovers(tmp_path):
    """`make serve` on a broken site: the first build fails before MkDocs starts
    serving; the session still serves the message, and the fix brings the site."""
    project = copy_project(tmp_path / "project")
    edit(project, PAGE, "Triển khai nghiên cứu", "Triển khai tìm hiểu")
    line = line_of(project / PAGE, "Triển khai tìm hiểu")
    with serving(project, lambda s, b: "Chưa dựng được trang web" in b, "the error page of the first build") as base:
        _, body = _get(base + URL_PATH)
        assert f"{PAGE}, dòng {line} (line {line}):" in body
        assert "Cách sửa:" in body
        edit(project, PAGE, "Triển khai tìm hiểu", "Triển khai nghiên cứu")
        status, body = _until(base + URL_PATH, lambda s, b: s == 200 and "Triển khai nghiên cứu" in b,
                              "the page after the fix")
        assert "Chưa dựng được" not in body
