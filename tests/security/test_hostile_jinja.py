"""Hostile Jinja (issue 14, "data is never template"): data and generated pages
are never rendered by Jinja, and a page in docs/ may only call the site's own
macros with literal values (kehoach/checks/templates.py)."""
from __future__ import annotations

import re
from types import SimpleNamespace

import jinja2
import pytest
import yaml

from kehoach.checks import templates as jinja_guard
from kehoach.core.errors import SiteError
from siteutil import PLAN, ROOT, broken_copy, build_fails, copy_project, edit, line_of, not_held_to_record, run_build

MACROS = {"section_contents", "indicator_table", "document_header"}
SEVEN_TIMES_191 = "1337"  # what {{ 7*191 }} would print if Jinja evaluated it


# --- the checker -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Chữ thường, không có Jinja.",
    "{{ section_contents() }}",
    'Đoạn.\n\n{{ indicator_table("bieu-mau-06") }}\n',
    "{{ indicator_table('bieu-mau-06') }}{{ section_contents() }}",
    "{{- section_contents() -}}",
    '{{ indicator_table("a", 1, -2, 3.5, true, none, cot="x") }}',
    '{{ indicator_table(\n    "bieu-mau-06"\n) }}',
    '{{ indicator_table("{{ environment }}") }}',  # a literal argument is a value, never a template
    "{% raw %}{{ environment }} {% for x in y %}{% endraw %}",
    "{# ghi chú cho người biên tập #}{{ document_header() }}",
])
def test_accepted_forms(text):
    assert jinja_guard.check(text, MACROS) is None


@pytest.mark.parametrize("text, line, problem", [
    ("\n\n{{ environment }}", 3, "Trang không được đọc biến 'environment'"),
    ("{{ config.site_name|upper }}", 1, "Trang không được dùng bộ lọc '|upper'"),
    ("{{ git.author_email }}", 1, "Trang không được đọc thuộc tính hay phần tử"),
    ("{{ page['title'] }}", 1, "Trang không được đọc thuộc tính hay phần tử"),
    ("a\n{% for i in range(10) %}x{% endfor %}", 2, "Trang không được dùng lệnh Jinja {% for %}"),
    ("{% set x = 1 %}", 1, "lệnh Jinja {% set %}"),
    ('{% include "index.md" %}', 1, "lệnh Jinja {% include %}"),
    ('{% import "x" as y %}', 1, "lệnh Jinja {% import %}"),
    ("{% if true %}x{% endif %}", 1, "lệnh Jinja {% if %}"),
    ("{% macro m() %}x{% endmacro %}", 1, "lệnh Jinja {% macro %}"),
    ("{{ 7*191 }}", 1, "Trang chỉ được gọi macro"),
    ('{{ "chữ" }}', 1, "Trang chỉ được gọi macro"),
    ("{{ section_contents }}", 1, "Thiếu cặp ngoặc ( ) sau tên macro 'section_contents'"),
    ("{{ context() }}", 1, "Không có macro hay biến nào tên 'context'"),
    ("{{ macros_info() }}", 1, "Không có macro hay biến nào tên 'macros_info'"),
    ("{{ range(10**9) }}", 1, "Không có macro hay biến nào tên 'range'"),
    ("{{ indicator_table(x) }}", 1, "Giá trị truyền cho macro 'indicator_table' phải là chữ"),
    ('{{ indicator_table("a" ~ environment) }}', 1, "Giá trị truyền cho macro 'indicator_table' phải là chữ"),
    ('{{ indicator_table("a"|upper) }}', 1, "Giá trị truyền cho macro 'indicator_table' phải là chữ"),
    ("{{ indicator_table(cot=page.title) }}", 1, "Giá trị truyền cho macro 'indicator_table' phải là chữ"),
    ("{{ indicator_table(*args) }}", 1, "Giá trị truyền cho macro 'indicator_table' phải là chữ"),
    ('{{ indicator_table(["a"]) }}', 1, "Giá trị truyền cho macro 'indicator_table' phải là chữ"),
    ("{{ section_contents().x }}", 1, "Trang không được đọc thuộc tính hay phần tử"),
    ("{{ section_contents()() }}", 1, "Trang chỉ được gọi macro"),
    ("x\n\n{{ section_contents( }}", 3, "Lỗi cú pháp khi gọi macro"),
    ("{{ section_contents() }} {{ environment }}", 1, "Trang không được đọc biến 'environment'"),
])
def test_refused_forms(text, line, problem):
    refusal = jinja_guard.check(text, MACROS)
    assert refusal is not None
    assert refusal.line == line
    assert problem in refusal.problem_vi


def test_deep_nesting_is_refused_not_crashed():
    refusal = jinja_guard.check("{{ section_contents(" + "(" * 5000 + ")" * 5000 + ") }}", MACROS)
    assert refusal is not None and "lồng quá sâu" in refusal.problem_vi


def test_a_loop_is_refused_before_anything_runs():
    calls = []
    env = jinja2.Environment()
    env.globals["section_contents"] = lambda: calls.append(1) or ""
    text = "{% for i in range(10**12) %}{{ section_contents() }}{% endfor %}"
    assert jinja_guard.check(text, MACROS, env) is not None
    assert calls == []  # checking parses; it never renders


def test_message_names_file_line_excerpt_and_what_to_write():
    source = "---\ntitle: Thử\n---\n\n# Trang\n\nNăm {{ config.site_name|upper }}.\n"
    body = source.split("---\n", 2)[2].lstrip("\n")  # what mkdocs-macros renders
    error = jinja_guard.refuse("docs/thu.md", source, body, jinja_guard.check(body, MACROS))
    text = str(error)
    assert error.path == "docs/thu.md" and error.line == 7
    assert text.startswith("docs/thu.md, dòng 7 (line 7):")
    assert "({{ config.site_name|upper }})" in error.problem_vi
    assert "Pages may not use the filter '|upper'" in error.problem_en
    assert "Cách sửa: chỉ viết lời gọi macro của trang web" in text
    assert "document_header, indicator_table, section_contents" in text  # the macros that exist
    assert "{% raw %}...{% endraw %}" in error.fix_vi and "[EN] Fix: write only calls" in text


def test_long_offending_text_is_shortened():
    refusal = jinja_guard.check("{{ environment" + " " * 10 + "x" * 500 + " }}", MACROS)
    assert refusal is not None and len(refusal.excerpt) <= 80


# --- where the guard sits: mkdocs-macros' render ----------------------------

def _plugin(page):
    rendered = []
    plugin = SimpleNamespace(
        _page=page, env=jinja2.Environment(),
        has_j2=lambda s: any(m in s for m in ("{{", "{%", "{#")),
        render=lambda markdown, force_rendering=False: rendered.append(markdown) or "RENDERED",
    )
    jinja_guard.install(plugin, "docs", lambda: MACROS)
    return plugin, rendered


def _page(src_uri="thu.md", generated_by=None, meta=None, source="{{ x }}"):
    file = SimpleNamespace(src_uri=src_uri, generated_by=generated_by, content_string=source)
    return SimpleNamespace(file=file, meta=meta or {})


def test_a_generated_page_is_never_given_to_jinja():
    plugin, rendered = _plugin(_page("van-ban/x.md", generated_by="hooks"))
    assert plugin.render("{{ 7*191 }} {% for i in range(9) %}") == "{{ 7*191 }} {% for i in range(9) %}"
    assert rendered == []


def test_a_hand_written_page_with_literal_calls_is_rendered():
    plugin, rendered = _plugin(_page(source="{{ section_contents() }}"))
    assert plugin.render("{{ section_contents() }}") == "RENDERED"
    assert rendered == ["{{ section_contents() }}"]


def test_a_hand_written_page_with_other_jinja_stops_before_rendering():
    plugin, rendered = _plugin(_page(source="---\ntitle: T\n---\n{{ environment }}"))
    with pytest.raises(SiteError) as caught:
        plugin.render("{{ environment }}")
    assert caught.value.path == "docs/thu.md" and caught.value.line == 4
    assert rendered == []


@pytest.mark.parametrize("key", ["section_contents", "ignore_macros"])
def test_front_matter_cannot_replace_a_macro(key):
    source = f"---\ntitle: T\n{key}: x\n---\n{{{{ section_contents() }}}}"
    plugin, rendered = _plugin(_page(source=source, meta={"title": "T", key: "x"}))
    with pytest.raises(SiteError) as caught:
        plugin.render("{{ section_contents() }}")
    assert caught.value.line == 3 and f"khóa '{key}'" in caught.value.problem_vi
    assert rendered == []


@pytest.mark.parametrize("config", ["mkdocs-plan.yml"])
def test_macros_plugin_reads_no_data_as_variables_or_includes(config):
    """No include_yaml / modules / include_dir: the only names a page sees are the site's macros."""
    text = (ROOT / config).read_text(encoding="utf-8")
    plugins = yaml.load(re.sub(r"!!python/\S+|!ENV", "", text), Loader=yaml.SafeLoader)["plugins"]
    options = next(p["macros"] for p in plugins if isinstance(p, dict) and "macros" in p)
    assert options == {"module_name": "../../macros", "on_error_fail": True, "on_undefined": "strict"}


# --- end to end: data is never template ---------------------------------------

FIELDS = {  # field of data/register.yml -> (entry id, hostile text, what Jinja would have printed)
    "note": ("nghi-dinh-2014-108-nd-cp", "Ghi chú {{ 7*191 }} {{ environment }}", "python_version"),
    "subject": ("nghi-quyet-2021-76-nq-cp", "về {{ config.site_name|upper }} {% raw %}x{% endraw %}",
                "KẾ HOẠCH PHÁT TRIỂN"),
    "issuer": ("nghi-dinh-2014-108-nd-cp", "Chính phủ {% for i in range(3) %}lặp{% endfor %}", "lặplặp"),
}


@pytest.fixture(scope="module")
def hostile_register(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile-register")
    project = not_held_to_record(copy_project(tmp / "project"))  # the plan's page cites a name the record lacks
    reg = "data/register.yml"
    edit(project, reg, "  subject: về chương trình tổng thể CCHC nhà nước giai đoạn 2021-2030\n",
         f"  subject: \"{FIELDS['subject'][1]}\"\n")
    edit(project, reg, "  number: 108/2014/NĐ-CP\n  date: \"2014-11-20\"\n  issuer: Chính phủ\n",
         f"  number: 108/2014/NĐ-CP\n  date: \"2014-11-20\"\n  issuer: \"{FIELDS['issuer'][1]}\"\n"
         f"  note: \"{FIELDS['note'][1]}\"\n")
    # A name must be cited word for word: the plan's page writes it in {% raw %} so that it may hold {{ }}.
    edit(project, reg, "  name: Nghị quyết TW 6 khóa XII\n", "  name: \"Nghị quyết TW 6 khóa XII {{ 7*191 }}\"\n")
    edit(project, "docs/phan-1/ket-qua/to-chuc-bo-may-bien-che.md", "theo Nghị quyết TW 6 khóa XII,",
         "theo {% raw %}Nghị quyết TW 6 khóa XII {{ 7*191 }}{% endraw %},")
    edit(project, "docs/van-ban/index.md", "“Nghị quyết TW 6 khóa XII”",
         "“{% raw %}Nghị quyết TW 6 khóa XII {{ 7*191 }}{% endraw %}”")
    result = run_build(project, tmp / "site")
    assert result.returncode == 0, result.output
    return result


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_register_text_is_published_as_written(hostile_register, field):
    entry_id, text, evaluated = FIELDS[field]
    page = hostile_register.page(f"van-ban/{entry_id}/")
    table = page.select_one(".kh-doc-meta table").get_text(" ")
    assert text in table
    html = str(page)
    assert evaluated not in html and SEVEN_TIMES_191 not in html


def test_register_name_is_published_as_written(hostile_register):
    page = hostile_register.page("van-ban/nghi-quyet-tw-6-khoa-xii/")
    assert page.select_one("h1").get_text().strip().startswith("Nghị quyết TW 6 khóa XII {{ 7*191 }}")
    assert "Nghị quyết TW 6 khóa XII {{ 7*191 }}" in page.title.get_text()
    assert SEVEN_TIMES_191 not in str(page)


def test_no_register_text_ran_anywhere(hostile_register):
    """Not on the entry pages, nor the overview, nor the downloads."""
    for path in hostile_register.site.rglob("*"):
        if path.suffix in (".html", ".json", ".csv", ".txt", ".xml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert SEVEN_TIMES_191 not in text and "python_version" not in text, path


# --- end to end: a docs page with other Jinja stops the build ---------------

PAGE = "docs/ve-trang-nay/ghi-chu-van-ban.md"
ANCHOR = "nguyên và ghi lại dưới đây để người đọc biết.\n"


PAGE_JINJA = [
    ("{{ environment }}", "Trang không được đọc biến 'environment'"),
    ("{{ config.site_name|upper }}", "Trang không được dùng bộ lọc '|upper'"),
    ("{% for i in range(10) %}lặp {% endfor %}", "Trang không được dùng lệnh Jinja {% for %}"),
    ("{{ git.author_email }}", "Trang không được đọc thuộc tính hay phần tử"),
]


def _assert_page_message(out: str, source: str, jinja: str, problem_vi: str) -> None:
    line = line_of(source, jinja)
    assert f"{PAGE}, dòng {line} (line {line}):" in out, out
    assert problem_vi in out and f"({jinja.split('%}')[0]}" in out
    assert "Cách sửa: chỉ viết lời gọi macro của trang web" in out and "[EN] Fix:" in out
    assert out.count("Cách sửa:") == 1, out  # one message


@pytest.mark.parametrize("jinja, problem_vi", PAGE_JINJA)
def test_docs_page_jinja_message(jinja, problem_vi):
    """The message, from the guard as mkdocs-macros' render meets it (the page's whole text)."""
    text = (PLAN / PAGE).read_text(encoding="utf-8")
    assert ANCHOR in text
    source = text.replace(ANCHOR, f"{ANCHOR}\nPhiên bản {jinja}.\n", 1)
    plugin, rendered = _plugin(_page(src_uri=PAGE[len("docs/"):], source=source))
    with pytest.raises(SiteError) as caught:
        plugin.render(source)
    _assert_page_message(str(caught.value), source, jinja, problem_vi)
    assert rendered == []


def test_docs_page_jinja_stops_the_build(tmp_path):
    jinja, problem_vi = PAGE_JINJA[0]
    project = broken_copy(tmp_path, (PAGE, ANCHOR, f"{ANCHOR}\nPhiên bản {jinja}.\n"))
    out = build_fails(project, tmp_path)
    _assert_page_message(out, (project / PAGE).read_text(encoding="utf-8"), jinja, problem_vi)
    assert "Aborted with a BuildError!" in out


def test_jinja_in_a_front_matter_title_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    text = (project / PAGE).read_text(encoding="utf-8")
    assert not text.startswith("---"), "the test adds the page's front matter"
    (project / PAGE).write_text("---\ntitle: \"Ghi chú {{ environment }}\"\n---\n\n" + text, encoding="utf-8")
    out = build_fails(project, tmp_path)
    assert f"{PAGE}, dòng 2 (line 2):" in out, out
    assert "Trang không được đọc biến 'environment'" in out


@pytest.mark.parametrize("text", [
    "{{ " + "a" * 5000 + " }}",            # a variable
    "{{ " + "a" * 5000 + "() }}",          # an unknown macro
    "{{ x|" + "f" * 5000 + " }}",          # a filter
    "{{ section_contents() " + "x" * 5000 + " }}",  # a syntax error quoting what follows
])
def test_a_name_thousands_of_characters_long_is_quoted_one_line_at_most(text):
    """The build log is public and read by people: a name a page wrote is quoted
    as core.errors.excerpt quotes any value (one line, 120 characters, "…")."""
    refusal = jinja_guard.check(text, MACROS)
    assert refusal is not None
    for problem in (refusal.problem_vi, refusal.problem_en):
        assert len(problem) < 300, problem[:200]
        assert "…" in problem
