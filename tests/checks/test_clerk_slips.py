"""The slips a clerk makes editing in a browser, each refused by `mkdocs build`
with one Vietnamese message naming the file and line (issue 18).

The data file's messages and the code-block check are tested as units on the
function that raises them; built end to end: one indented paragraph, and the
child page in an old encoding (blamed on itself though its section's page
reads it: only a build shows which page is named).
"""
from __future__ import annotations

from types import SimpleNamespace

import markdown

from errorunit import data_copy, data_message, message, project_data
from kehoach import settings
from kehoach.core import htmltree
from kehoach.state import BuildState
from kehoach.plan import build as plan_build
from siteutil import PLAN, ROOT, broken_copy, build_fails, line_of

PAGE = "docs/phan-1/ket-qua/ton-giao.md"


def _where(out: str, rel: str, line: int) -> None:
    assert f"{rel}, dòng {line} (line {line}):" in out, out
    assert "Cách sửa:" in out and "[EN] Fix:" in out, out


def test_indented_plan_paragraph_would_be_a_code_block():
    for indent in ("    ", "\t"):
        source = (PLAN / PAGE).read_text(encoding="utf-8").replace("Triển khai nghiên cứu", indent + "Triển khai nghiên cứu", 1)
        html = markdown.markdown(source, extensions=["attr_list", "md_in_html", "tables", "footnotes"])
        state = BuildState(project=project_data(PLAN), docs="docs", site=settings.load_site(project_data(PLAN)))
        page = SimpleNamespace(file=SimpleNamespace(src_uri=PAGE[len("docs/"):], content_string=source))
        out = message(plan_build.check_no_code_block, state, htmltree.parse(html), page)
        _where(out, PAGE, line_of(source, "Triển khai nghiên cứu"))
        assert "bị thụt đầu dòng" in out and "khối mã" in out


def test_indented_plan_paragraph_stops_the_build(tmp_path):
    project = broken_copy(tmp_path, (PAGE, "Triển khai nghiên cứu", "\tTriển khai nghiên cứu"))
    out = build_fails(project, tmp_path)
    _where(out, PAGE, line_of(project / PAGE, "Triển khai nghiên cứu"))
    assert "bị thụt đầu dòng" in out and "khối mã" in out


def test_child_page_in_an_old_encoding_is_blamed_on_itself(tmp_path):
    project = broken_copy(tmp_path)
    page = project / PAGE
    page.write_bytes(page.read_text(encoding="utf-8").encode("cp1258", errors="replace"))
    out = build_fails(project, tmp_path)
    _where(out, PAGE, 1)
    assert "không được lưu bằng bảng mã UTF-8" in out
    assert "UnicodeDecodeError" not in out and "docs/phan-1/ket-qua/index.md" not in out


def test_unclosed_quote_is_reported_where_it_opens(tmp_path):
    project = data_copy(tmp_path, ("data/register.yml", 'date: "2015-04-17"', 'date: "2015-04-17'))
    out = data_message(project, "register")
    _where(out, "data/register.yml", line_of(project / "data/register.yml", 'date: "2015-04-17\n'))
    assert "Dấu ngoặc kép mở ở dòng này chưa được đóng" in out


def test_date_in_the_plan_s_form_shows_the_expected_form(tmp_path):
    project = data_copy(tmp_path, ("data/register.yml", 'date: "2021-07-15"', 'date: "15/7/2021"'))
    out = data_message(project, "register")
    _where(out, "data/register.yml", line_of(project / "data/register.yml", 'date: "15/7/2021"'))
    assert 'viết ngày theo dạng "2021-07-15" (năm-tháng-ngày' in out


def test_misspelled_field_in_vietnamese_with_the_nearest_name(tmp_path):
    project = data_copy(tmp_path, ("data/register.yml", "  issuer: Ban Chấp hành", "  isuer: Ban Chấp hành"))
    out = data_message(project, "register")
    _where(out, "data/register.yml", line_of(project / "data/register.yml", "  isuer:"))
    assert "Tên trường 'isuer' không có trong documents[1]." in out
    assert "Cách sửa: có phải là 'issuer'?" in out
