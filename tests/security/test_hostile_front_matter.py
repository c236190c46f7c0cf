"""A page's front matter sets only what the site uses: title, description, hide,
search, render_macros. Any other key would reach a theme template unescaped
(Material prints `subtitle`, `status`, `icon`; our partials print the `kh_*`
values the build sets itself) or change how the page is built (`template`)."""
from __future__ import annotations

import pytest

from errorunit import assert_where, message
from kehoach.checks.files import check_front_matter
from siteutil import broken_copy, build_fails

PAGE = "---\ndescription: Thử\n{key}: {value}\n---\n\nChữ.\n"


@pytest.mark.parametrize("key,value", [
    ("subtitle", '"<img src=x onerror=alert(1)>"'),
    ("kh_updated", '"<meta http-equiv=refresh content=0;url=//example.invalid>"'),
    ("kh_edit_links", "[{url: 'javascript:alert(1)', label: x, title: x}]"),
    ("template", "404.html"),
    ("status", "new"),
    ("icon", "material/alert"),
])
def test_a_key_the_site_does_not_use_is_refused_at_its_line(key, value):
    out = message(check_front_matter, "docs/thu.md", PAGE.format(key=key, value=value))
    assert_where(out, "docs/thu.md", 3)
    assert f"Phần đầu trang không được có khóa '{key}'." in out
    assert "title, description, hide, search, render_macros" in out
    assert "<img" not in out and "<meta" not in out  # the message names the key, not the value


@pytest.mark.parametrize("key,value", [
    ("title", "[1, 2]"),
    ("hide", '["<b>toc</b>"]'),
    ("search", "{boost: true}"),
    ("search", '{exclude: true, template: "x"}'),
    ("render_macros", '"no"'),
])
def test_a_known_key_with_a_value_of_the_wrong_form_is_refused(key, value):
    out = message(check_front_matter, "docs/thu.md", PAGE.format(key=key, value=value))
    assert_where(out, "docs/thu.md", 3)
    assert f"Giá trị của khóa '{key}' trong phần đầu trang không đúng dạng." in out


@pytest.mark.parametrize("key,value", [
    ("title", "Một tiêu đề"), ("hide", "[toc, navigation]"), ("search", "{exclude: true}"),
    ("search", "{boost: 0.5}"), ("render_macros", "false"),
])
def test_what_the_site_uses_passes(key, value):
    check_front_matter("docs/thu.md", PAGE.format(key=key, value=value))


def test_the_build_stops_on_a_subtitle_in_front_matter(tmp_path):
    page = "docs/in-toan-van.md"
    project = broken_copy(tmp_path, (page, "hide:\n", 'subtitle: "<b>x</b>"\nhide:\n'))
    out = build_fails(project, tmp_path)
    assert_where(out, page, 4)
    assert "Phần đầu trang không được có khóa 'subtitle'." in out
