"""Broken copies of the project: the build stops with one message a clerk understands.

The register's own checks (kehoach/register/model.py) and the citation
linker's (kehoach/register/linker.py) are tested as units on the broken
input; built end to end: one unknown citation (the linker, in a page) and the
integrity checks that need every page's citations (register/build.py on_env).
"""
from __future__ import annotations

import markdown

from errorunit import data_copy, message, project_data
from kehoach.core import htmltree
from kehoach.core.errors import SiteError
from kehoach.register import build as register_build
from kehoach.register import linker
from kehoach.register import model as register_model
from siteutil import PLAN, ROOT, build_fails, copy_project, edit_file, line_of


def register_message(tmp_path, old: str, new: str) -> tuple[str, object]:
    """What loading a copy of data/register.yml with `old` made `new` says."""
    project = data_copy(tmp_path, ("data/register.yml", old, new))
    return message(register_model.load, project_data(project)), project / "data/register.yml"


def page_message(rel: str, old: str, new: str) -> tuple[str, str]:
    """What linking the citations of a plan page (with `old` made `new`) says,
    located in its source as register/build.py on_page_content does."""
    source = (PLAN / rel).read_text(encoding="utf-8")
    assert old in source
    source = source.replace(old, new, 1)
    reg = register_model.load(project_data(PLAN))
    result = linker.link_page(htmltree.parse(markdown.markdown(source)), reg, lambda e: "#")
    assert result.problems, "the linker found nothing wrong"
    p = result.problems[0]

    def raise_it():
        raise SiteError(rel, register_build._source_line(source, p.text), p.problem_vi, p.problem_en, p.fix_vi, p.fix_en)
    return message(raise_it), source


def test_unknown_citation(tmp_path):
    project = copy_project(tmp_path / "p")
    page = project / "docs/phan-2/noi-dung-2022/ton-giao.md"
    edit_file(page, "Luật Tín ngưỡng, tôn giáo", "Luật Tín ngưỡng, tôn giáo, Nghị định số 162/2017/NĐ-CP")
    out = build_fails(project, tmp_path)
    line = line_of(page, "Nghị định số 162/2017/NĐ-CP")
    assert f"docs/phan-2/noi-dung-2022/ton-giao.md, dòng {line}" in out
    assert "Văn bản \"Nghị định số 162/2017/NĐ-CP\" được trích dẫn nhưng chưa có trong danh mục văn bản." in out
    assert "Cách sửa: thêm một mục cho Nghị định số 162/2017/NĐ-CP vào data/register.yml" in out
    assert "not in the register of cited documents" in out


def test_unknown_law_by_name():
    out, source = page_message("docs/phan-2/noi-dung-2022/ton-giao.md", "Luật Tín ngưỡng, tôn giáo", "Luật Đất đai")
    assert f"docs/phan-2/noi-dung-2022/ton-giao.md, dòng {line_of(source, 'Luật Đất đai')}" in out
    assert "\"Luật Đất đai\" trông như trích dẫn một văn bản nhưng danh mục văn bản không có văn bản này." in out


def test_a_citation_thousands_of_characters_long_is_quoted_one_line_at_most():
    number = "162/2017/NĐ-CP" + "X" * 5000
    rel = "docs/phan-2/noi-dung-2022/ton-giao.md"
    out, source = page_message(rel, "Luật Tín ngưỡng, tôn giáo", f"Luật Tín ngưỡng, tôn giáo, Nghị định số {number}")
    assert f"{rel}, dòng {line_of(source, number)}" in out  # found by the whole citation
    assert f"Văn bản \"Nghị định số {number[:107]}…\" được trích dẫn nhưng chưa có" in out
    assert len(out) < 2000


def test_entry_cited_nowhere(tmp_path):
    project = copy_project(tmp_path / "p")
    reg = project / "data/register.yml"
    edit_file(reg, "documents:\n", "documents:\n- id: nghi-dinh-2017-162-nd-cp\n  kind: Nghị định\n  number: 162/2017/NĐ-CP\n")
    out = build_fails(project, tmp_path)
    assert f"data/register.yml, dòng {line_of(reg, '- id: nghi-dinh-2017-162-nd-cp')}" in out
    assert "Mục 'nghi-dinh-2017-162-nd-cp' (Nghị định số 162/2017/NĐ-CP) không được trích dẫn ở đâu trong Kế hoạch." in out
    assert "is cited nowhere in the plan" in out


def test_duplicate_id(tmp_path):
    out, reg = register_message(tmp_path, "- id: nghi-dinh-2014-108-nd-cp\n", "- id: nghi-dinh-2020-107-nd-cp\n")
    second = [i for i, line in enumerate(reg.read_text(encoding="utf-8").splitlines(), 1)
              if line == "- id: nghi-dinh-2020-107-nd-cp"][1]
    assert f"data/register.yml, dòng {second}" in out
    assert "Mã 'nghi-dinh-2020-107-nd-cp' bị trùng" in out


def test_two_entries_for_one_document(tmp_path):
    out, reg = register_message(tmp_path, "documents:\n", "documents:\n- id: nghi-dinh-107\n  kind: Nghị định\n  number: 107/2020/NĐ-CP\n")
    assert "Mục 'nghi-dinh-2020-107-nd-cp' trùng với mục 'nghi-dinh-107': cùng là Nghị định số 107/2020/NĐ-CP." in out


def test_impossible_date(tmp_path):
    out, reg = register_message(tmp_path, 'date: "2021-08-21"', 'date: "2021-02-30"')
    line = line_of(reg, 'date: "2021-02-30"')
    assert f"data/register.yml, dòng {line}" in out
    assert "Ngày 2021-02-30 của mục 'ke-hoach-2021-402-kh-ubnd' không có thật trên lịch." in out


def test_impossible_date_unquoted(tmp_path):
    out, reg = register_message(tmp_path, 'date: "2021-08-21"', "date: 2021-02-30")
    assert f"data/register.yml, dòng {line_of(reg, 'date: 2021-02-30')}" in out
    assert "không có thật trên lịch" in out


def test_date_the_plan_does_not_give(tmp_path):
    project = copy_project(tmp_path / "p")
    reg = project / "data/register.yml"
    edit_file(reg, "  number: 143/2020/NĐ-CP\n", '  number: 143/2020/NĐ-CP\n  date: "2020-12-01"\n')
    out = build_fails(project, tmp_path)
    assert "Mục 'nghi-dinh-2020-143-nd-cp' ghi ngày 2020-12-01 nhưng không chỗ trích dẫn nào trong Kế hoạch ghi ngày này." in out
