"""kehoach.checks.macro_calls turns whatever a page's macro call raised into one SiteError.

Without a build: the page is rendered by Jinja as mkdocs-macros renders it
(strict undefined, the macros as globals), with the site's real macros
(registered by kehoach.macros.register on a stand-in of the plugin,
tests/errorunit.py), and what it raises goes to a MacroErrors of the test's
own, as mkdocs-macros hands it to format_error. test_errors.py builds one
broken copy end to end (a wrong argument), for what only a build shows:
mkdocs-macros calls our stand-in, no traceback, nothing published.
"""
from __future__ import annotations

from types import SimpleNamespace

import jinja2
import pytest
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

from errorunit import assert_where, site_macro_env
from kehoach.checks import macro_calls
from kehoach.core.errors import SiteError
from siteutil import PLAN, ROOT, line_of

SOURCE = "---\ntitle: Thử\n---\n\n# Trang {: #trang }\n\nCâu một.\n\n{{ cite('x') }}\n"


def page(src_uri: str = "phan-1/thu.md", source: str = SOURCE):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, content_string=source))


def rendered_error(source: str, macros: dict) -> tuple[Exception, str]:
    """What rendering the page `source` raises, as mkdocs-macros renders it:
    the Markdown without its front matter (MkDocs' own split), the macros as
    Jinja globals, undefined names an error (mkdocs.yml on_undefined: strict)."""
    markdown = get_data(source)[0]
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    env.globals.update(macros)
    try:
        env.from_string(markdown).render()
    except Exception as error:  # noqa: BLE001 - what mkdocs-macros catches
        return error, markdown
    raise AssertionError("the page rendered")


def site_error(source: str, macros: dict, src_uri: str = "phan-1/thu.md") -> SiteError:
    """The SiteError raise_site_error gives for the page `source` (docs/`src_uri`)."""
    error, markdown = rendered_error(source, macros)
    with pytest.raises(SiteError) as caught:
        macro_calls.MacroErrors(macros, "docs").raise_site_error(error, markdown, page(src_uri, source))
    assert "Traceback" not in str(caught.value)
    return caught.value


def edited(rel: str, old: str, new: str) -> str:
    text = (PLAN / rel).read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}: the test no longer matches the file"
    return text.replace(old, new, 1)


# --- the site's own macros, on the site's own pages ---------------------------

SIGNED = "docs/phan-2/to-chuc-thuc-hien.md"


def test_macro_called_with_wrong_argument():
    source = edited(SIGNED, "{{ signature_block() }}", '{{ signature_block("Giám đốc") }}')
    error = site_error(source, site_macro_env().macros, SIGNED.removeprefix("docs/"))
    out = str(error)
    assert_where(out, SIGNED, line_of(source, "{{ signature_block("))
    assert error.problem_vi == "Macro 'signature_block' được gọi với tham số sai. Cách gọi đúng: {{ signature_block() }}."
    assert error.problem_en == ("Macro 'signature_block' was called with wrong arguments "
                                "(signature_block() takes 0 positional arguments but 1 was given). "
                                "Expected: {{ signature_block() }}.")
    assert "Cách sửa: sửa các giá trị trong ngoặc ( ) cho đúng số lượng và tên tham số." in out
    assert "[EN] Fix: correct the arguments in ( ) to the expected number and names." in out


def test_macro_called_without_its_argument_shows_its_parameters():
    rel = "docs/bieu-mau-06.md"
    source = edited(rel, '{{ indicator_table("bieu-mau-06") }}', "{{ indicator_table() }}")
    error = site_error(source, site_macro_env().macros, rel.removeprefix("docs/"))
    assert_where(str(error), rel, line_of(source, "{{ indicator_table() }}"))
    assert error.problem_vi == "Macro 'indicator_table' được gọi với tham số sai. Cách gọi đúng: {{ indicator_table(table_id) }}."
    assert "missing 1 required positional argument: 'table_id'" in error.problem_en


def test_unknown_macro_lists_the_site_s_macros():
    # The Jinja guard (checks/templates.py) refuses this before rendering; this
    # is the message should a name ever reach Jinja undefined.
    source = edited("docs/index.md", "{{ document_header() }}", "{{ document_heading() }}")
    macros = site_macro_env().macros
    error = site_error(source, macros, "index.md")
    out = str(error)
    assert_where(out, "docs/index.md", line_of(source, "{{ document_heading() }}"))
    assert error.problem_vi == "Không có macro hay biến nào tên 'document_heading'."
    assert error.problem_en == "There is no macro or variable named 'document_heading'."
    known = ", ".join(sorted(macros))
    assert "document_header" in known and "signature_block" in known
    assert f"Cách sửa: kiểm tra chính tả tên macro. Các macro có sẵn: {known}." in out
    assert f"[EN] Fix: check the macro's spelling. Available macros: {known}." in out


def test_macro_syntax_error():
    source = edited("docs/index.md", "{{ document_header() }}", "{{ document_header( }}")
    error = site_error(source, site_macro_env().macros, "index.md")
    assert_where(str(error), "docs/index.md", line_of(source, "{{ document_header( }}"))
    assert error.problem_vi.startswith("Lỗi cú pháp khi gọi macro: ")
    assert error.problem_en.startswith("Macro syntax error: ")
    assert "kiểm tra đủ cặp ngoặc {{ }} và ( )" in error.fix_vi


def test_a_macro_s_own_error_with_its_place_passes_unchanged():
    rel = "docs/bieu-mau-06.md"
    source = edited(rel, '{{ indicator_table("bieu-mau-06") }}', '{{ indicator_table("bieu-mau-99") }}')
    env = site_macro_env(page(rel.removeprefix("docs/"), source))
    error = site_error(source, env.macros, rel.removeprefix("docs/"))
    assert error.line == line_of(source, "bieu-mau-99")
    assert error.path == rel  # the page as a contributor names it, docs/ included
    assert error.problem_vi == "Không có biểu 'bieu-mau-99' trong data/indicators.yml."


# --- what raise_site_error does with each kind of error ---------------------------

def test_site_error_without_line_gets_the_page_line():
    def cite(number):
        raise SiteError("phan-1/thu.md", None, "Văn bản không có trong danh mục.", "Not in the register.")

    error = site_error(SOURCE, {"cite": cite})
    assert error.path == "docs/phan-1/thu.md"
    assert error.line == 9  # the line of {{ cite('x') }} in the file, front matter included
    assert "Văn bản không có trong danh mục." in str(error)


def test_site_error_with_its_own_place_passes_unchanged():
    original = SiteError("data/register.yml", 3, "Sai.", "Wrong.")

    def cite(number):
        raise original

    error = site_error(SOURCE, {"cite": cite})
    # The same error (place, message) as MkDocs' own kind, so it prints without a traceback.
    assert (error.path, error.line, str(error)) == (original.path, original.line, str(original))


def test_wrong_argument_names_the_expected_call():
    def cite():
        return ""

    error = site_error(SOURCE, {"cite": cite})
    assert error.line == 9
    assert error.problem_vi == "Macro 'cite' được gọi với tham số sai. Cách gọi đúng: {{ cite() }}."


def test_a_bug_inside_a_macro_is_not_blamed_on_the_call():
    def cite(number):
        return {}["missing"]

    error = site_error(SOURCE, {"cite": cite})
    assert error.problem_vi == "Macro gặp lỗi khi chạy: KeyError: 'missing'."
    assert error.problem_en == "A macro failed: KeyError: 'missing'."
    assert error.line == 9


def test_each_build_has_its_own_stand_in():
    """checks/build.py (the glue) puts each build's stand-in in mkdocs-macros'
    place; what it raises is an error MkDocs prints (a PluginError)."""
    import mkdocs_macros.plugin as plugin_module

    from kehoach.checks import build as checks

    before = plugin_module.format_error
    try:
        first = checks.route_macro_errors(SimpleNamespace(macros={"a": lambda: ""}), "docs")
        second = checks.route_macro_errors(SimpleNamespace(macros={"b": lambda: ""}), "tai-lieu")
        assert (first.macros.keys(), first.docs) == ({"a"}, "docs")
        assert (second.macros.keys(), second.docs) == ({"b"}, "tai-lieu")
        with pytest.raises(PluginError) as caught:
            plugin_module.format_error(NameError("x"), SOURCE, page())
        assert isinstance(caught.value, SiteError) and caught.value.path == "tai-lieu/phan-1/thu.md"
    finally:
        plugin_module.format_error = before


def test_the_stand_in_raises_a_plain_site_error_without_the_glue():
    """macro_calls.py imports nothing from the engine: its error is ours only."""
    with pytest.raises(SiteError) as caught:
        macro_calls.MacroErrors({}, "docs").raise_site_error(NameError("x"), SOURCE, page())
    assert not isinstance(caught.value, PluginError)


def test_a_name_thousands_of_characters_long_is_quoted_one_line_at_most():
    """Should such a name ever reach Jinja: the build log quotes it as any value
    a file wrote (core.errors.excerpt: one line, 120 characters, "…")."""
    long_name = "document_heading" + "x" * 5000
    source = edited("docs/index.md", "{{ document_header() }}", "{{ " + long_name + "() }}")
    error = site_error(source, site_macro_env().macros, "index.md")
    assert len(error.problem_vi) < 300 and len(error.problem_en) < 300
    assert error.problem_vi.startswith("Không có macro hay biến nào tên 'document_headingxxx")
    assert "…" in error.problem_vi


def test_an_unknown_table_id_thousands_of_characters_long_is_quoted_one_line_at_most():
    from kehoach.core.data import Project
    from kehoach.indicators import model as indicators

    table_id = "bieu-mau-" + "9" * 5000
    source = edited("docs/bieu-mau-06.md", 'indicator_table("bieu-mau-06")', f'indicator_table("{table_id}")')
    with pytest.raises(SiteError) as caught:
        indicators.check_page_calls(Project.at(PLAN), "docs/bieu-mau-06.md", source)
    error = caught.value
    assert error.line == line_of(source, table_id)
    assert error.problem_vi.startswith("Không có biểu 'bieu-mau-999") and "…" in error.problem_vi
    assert len(error.problem_vi) < 300 and len(error.problem_en) < 300
