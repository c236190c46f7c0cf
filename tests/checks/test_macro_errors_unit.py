"""kehoach.checks.macro_calls turns whatever a page's macro call raised into one SiteError."""
from __future__ import annotations

from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.exceptions import PluginError

from kehoach.checks import macro_calls as macro_errors
from kehoach.core.errors import SiteError

SOURCE = "---\ntitle: Thử\n---\n\n# Trang {: #trang }\n\nCâu một.\n\n{{ cite('x') }}\n"
MARKDOWN = SOURCE.split("---\n", 2)[2]  # what mkdocs-macros renders: the page without its front matter


def page():
    return SimpleNamespace(file=SimpleNamespace(src_uri="phan-1/thu.md", content_string=SOURCE))


def render_error(func):
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.globals["cite"] = func
    macro_errors.install(SimpleNamespace(macros={"cite": func}), "docs")
    try:
        env.from_string(MARKDOWN).render()
    except Exception as error:  # noqa: BLE001 - what mkdocs-macros catches
        return error
    raise AssertionError("the template rendered")


def test_site_error_without_line_gets_the_page_line():
    def cite(number):
        raise SiteError("phan-1/thu.md", None, "Văn bản không có trong danh mục.", "Not in the register.")

    with pytest.raises(SiteError) as caught:
        macro_errors.raise_site_error(render_error(cite), MARKDOWN, page())
    assert caught.value.path == "docs/phan-1/thu.md"
    assert caught.value.line == 9  # the line of {{ cite('x') }} in the file, front matter included
    assert "Văn bản không có trong danh mục." in str(caught.value)


def test_site_error_with_its_own_place_passes_unchanged():
    original = SiteError("data/register.yml", 3, "Sai.", "Wrong.")

    def cite(number):
        raise original

    with pytest.raises(SiteError) as caught:
        macro_errors.raise_site_error(render_error(cite), MARKDOWN, page())
    # The same error (place, message) as MkDocs' own kind, so it prints without a traceback.
    assert (caught.value.path, caught.value.line, str(caught.value)) == (original.path, original.line, str(original))
    assert isinstance(caught.value, PluginError)


def test_wrong_argument_names_the_expected_call():
    def cite():
        return ""

    with pytest.raises(SiteError) as caught:
        macro_errors.raise_site_error(render_error(cite), MARKDOWN, page())
    assert caught.value.line == 9
    assert caught.value.problem_vi == "Macro 'cite' được gọi với tham số sai. Cách gọi đúng: {{ cite() }}."


def test_a_bug_inside_a_macro_is_not_blamed_on_the_call():
    def cite(number):
        return {}["missing"]

    with pytest.raises(SiteError) as caught:
        macro_errors.raise_site_error(render_error(cite), MARKDOWN, page())
    assert "Macro gặp lỗi khi chạy: KeyError" in caught.value.problem_vi
    assert caught.value.line == 9
