"""Files published as they are (issue 26): a plan's docs/ publishes its pages and
the images they show (the site's own assets are in overrides/assets/); any other file (.html,
.js, .svg, ...) would be copied to the site verbatim, on its own address and
without the Content-Security-Policy, so the build refuses it by name."""
from __future__ import annotations

import pytest

from kehoach.checks import paths
from kehoach.core.errors import SiteError
from siteutil import build_fails, copy_project, run_build

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 8
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 12
WEBP = b"RIFF\0\0\0\0WEBPVP8 "


def check(*files: tuple[str, bytes]) -> None:
    paths.check_published([(rel, lambda b=body: b[:16]) for rel, body in files], "docs")


@pytest.mark.parametrize("rel", [
    "trang.html", "phan-1/a.htm", "x.js", "hinh.svg", "Hinh.SVG", "kieu.css", "tai-lieu.pdf",
    "phan-1/x.md/script.js", "assets.js", "Assets/x.js", "khong-duoi", "bieu.xhtml",
])
def test_a_file_that_is_neither_page_nor_image_is_refused_by_name(rel):
    with pytest.raises(SiteError) as err:
        check(("index.md", b"# x"), (rel, b"<script>alert(1)</script>"))
    assert err.value.path == f"docs/{rel}"
    assert "đăng nguyên văn" in err.value.problem_vi and "published as it is" in err.value.problem_en


@pytest.mark.parametrize("rel, body", [("a.png", b"<svg onload=alert(1)>"), ("b.jpg", b"<html>"),
                                       ("c.webp", b"RIFF\0\0\0\0<htm"), ("d.gif", PNG)])
def test_an_image_whose_bytes_are_not_that_image_is_refused(rel, body):
    with pytest.raises(SiteError) as err:
        check((rel, body))
    assert err.value.path == f"docs/{rel}" and "không phải ảnh" in err.value.problem_vi


def test_pages_and_images_pass():
    check(("index.md", b"# x"), ("phan-1/hinh.png", PNG), ("anh.JPG", JPEG), ("a.jpeg", JPEG),
          ("b.webp", WEBP), ("c.gif", b"GIF89a" + b"\0" * 10), ("assets/x.md", b"# x"))


@pytest.mark.parametrize("rel", ["assets/javascripts/tim-kiem.js", "assets/logo.svg", "assets/stylesheets/x.css"])
def test_no_folder_of_a_plan_is_exempt(rel):
    """The site's own scripts and styles are in overrides/assets/, shared by every
    plan; a plan's docs/assets/ is content like the rest of its docs/."""
    with pytest.raises(SiteError) as err:
        check((rel, b"x"))
    assert err.value.path == f"docs/{rel}"


@pytest.mark.parametrize("rel, body", [
    ("docs/trang.html", "<html><script>alert(1)</script></html>"),
    ("docs/phan-1/hinh.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ("docs/ve-trang-nay/x.md/script.js", "alert(1)"),
], ids=["html", "svg", "js-in-a-folder-named-like-a-page"])
def test_the_build_refuses_a_file_it_would_publish_as_it_is(tmp_path, rel, body):
    project = copy_project(tmp_path / "project")
    (project / rel).parent.mkdir(parents=True, exist_ok=True)
    (project / rel).write_text(body, encoding="utf-8")
    out = build_fails(project, tmp_path)
    assert f"ERROR   -  {rel}:" in out, out
    assert "Thư mục docs/ chỉ nhận trang Markdown" in out and "[EN] This file" in out, out


def test_an_image_beside_a_page_is_published(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs/phan-1/hinh.png").write_bytes(PNG)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert (tmp_path / "site/phan-1/hinh.png").read_bytes() == PNG
