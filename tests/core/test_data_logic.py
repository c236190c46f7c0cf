"""The rules a datum meets beyond its type (issue 26, "figures that break their
own logic", and the same review of register.yml and indicators.yml): written
in the schema where JSON Schema can say them (a minimum), in the feature's
model where it cannot (a rank within ranked_among). Each break is refused
naming the file, the line and the rule, in Vietnamese then English.
"""
from __future__ import annotations

import pytest

from errorunit import assert_where, data_copy, message, project_data
from kehoach.indicators import model as indicators
from kehoach.figures import model as figures
from kehoach.register import model as register
from siteutil import PLAN, ROOT, build_fails, broken_copy, line_of

FIGURES = "data/figures.yml"
REGISTER = "data/register.yml"


def _figures(tmp_path, old, new) -> tuple[str, object]:
    project = data_copy(tmp_path, (FIGURES, old, new))
    return message(figures.load, project_data(project), PLAN / "docs"), project


@pytest.mark.parametrize("old,new,needle,rule", [
    ("ranked_among: 63", "ranked_among: 1", "ranked_among: 1",
     "nhỏ hơn mức thấp nhất cho phép là 2. Quy tắc của trường: Số tỉnh, thành phố được xếp hạng"),
    ("{year: 2020, score: 85.58, rank: 13}", "{year: 2020, score: 85.58, rank: 64}", "rank: 64",
     "Quy tắc: thứ hạng từ 1 đến ranked_among = 63."),
    ("{year: 2020, score: 85.58, rank: 13}", "{year: 2020, score: 100.5, rank: 13}", "score: 100.5",
     "Quy tắc: điểm không quá out_of = 100."),
    ("{year: 2020, score: 92.54, rank: 3}", "{year: 2020, score: 192.54, rank: 3}", "score: 192.54",
     "Quy tắc: điểm không quá 100 vì đơn vị là %."),
    ("{year: 2020, score: 92.54, rank: 3}", "{year: 2020, score: -1, rank: 3}", "score: -1",
     "nhỏ hơn mức thấp nhất cho phép là 0"),
    ("stated_change: {score: 3.74, rank: 12}", "stated_change: {score: 3.74, rank: 60}", "rank: 60}",
     "Quy tắc: thứ hạng suy ra từ mức thay đổi cũng từ 1 đến ranked_among = 63."),
    ("stated_change: {score: 3.74, rank: 12}", "stated_change: {score: 3.74, rank: -13}", "rank: -13}",
     "Quy tắc: thứ hạng suy ra từ mức thay đổi cũng từ 1 đến ranked_among = 63."),
    ("stated_change: {score: -1.72, rank: null}", "stated_change: {score: 50, rank: null}", "score: 50,",
     "Quy tắc: điểm suy ra từ mức thay đổi cũng không âm."),
    ("    value: 75\n", "    value: 76\n", "value: 76", "Quy tắc: con số không quá of = 75."),
    ("    value: 210\n", "    value: 209\n", "parts:", "Quy tắc: tổng các thành phần không quá value của mục."),
    ("out_of: 100", "out_of: 0", "out_of: 0", "phải lớn hơn 0"),
    ("{year: 2020, score: 85.58, rank: 13}", "{year: 20, score: 85.58, rank: 13}", "year: 20,",
     "nhỏ hơn mức thấp nhất cho phép là 1900"),
])
def test_a_figure_that_breaks_a_rule_is_refused_with_the_rule(tmp_path, old, new, needle, rule):
    out, project = _figures(tmp_path, old, new)
    assert_where(out, FIGURES, line_of(project / FIGURES, needle))
    assert rule in out, out
    assert "[EN]" in out and ("Rule:" in out or "below the allowed minimum" in out or "not above" in out)


def test_ranked_among_of_one_stops_the_build_naming_the_file(tmp_path):
    project = broken_copy(tmp_path, (FIGURES, "ranked_among: 63", "ranked_among: 1"))
    out = build_fails(project, tmp_path)
    assert_where(out, FIGURES, line_of(project / FIGURES, "ranked_among: 1"))
    assert "ZeroDivisionError" not in out


def _register(tmp_path, *edits) -> tuple[str, object]:
    project = data_copy(tmp_path, *edits)
    return message(register.load, project_data(project)), project


def test_a_document_dated_after_the_plan_is_refused(tmp_path):
    out, project = _register(tmp_path, (REGISTER, 'number: 61/2021/QĐ-UBND\n  date: "2021-11-08"',
                                        'number: 61/2021/QĐ-UBND\n  date: "2021-12-01"'))
    assert_where(out, REGISTER, line_of(project / REGISTER, 'date: "2021-12-01"'))
    assert "sau ngày của Kế hoạch (30/11/2021, data/plan.yml)" in out


def test_the_plan_s_own_date_sets_the_limit(tmp_path):
    out, project = _register(tmp_path, ("data/plan.yml", "ngày tháng 11 năm 2021", "ngày 5 tháng 11 năm 2021"))
    assert_where(out, REGISTER, line_of(project / REGISTER, 'date: "2021-11-08"'))


def test_a_plan_date_that_does_not_exist_is_refused(tmp_path):
    out, project = _register(tmp_path, ("data/plan.yml", "ngày tháng 11 năm 2021", "ngày 31 tháng 2 năm 2021"))
    assert_where(out, "data/plan.yml", line_of(project / "data/plan.yml", "place_and_date:"))
    assert "không có thật trên lịch" in out


def test_a_number_whose_year_is_not_its_date_s_is_refused(tmp_path):
    out, project = _register(tmp_path, (REGISTER, "number: 61/2021/QĐ-UBND", "number: 61/2020/QĐ-UBND"))
    assert_where(out, REGISTER, line_of(project / REGISTER, "number: 61/2020/QĐ-UBND"))
    assert "Năm trong số hiệu 61/2020/QĐ-UBND (2020) khác năm ban hành" in out


@pytest.mark.parametrize("number", [
    "６1/2021/QĐ-UBND",      # a fullwidth digit: Python's \d took it, ECMA's does not
    "61/２021/QĐ-UBND",
    "٦1/2021/QĐ-UBND",       # an Arabic-Indic digit
    "61/2O21/QĐ-UBND",       # letter O for digit 0
    "61/2021/QĐ-UВND",       # Cyrillic В
    "61/2021/QÐ-UBND",       # U+00D0 ETH, not U+0110 Đ
])
def test_look_alike_letters_and_digits_in_a_number_are_refused(tmp_path, number):
    out, project = _register(tmp_path, (REGISTER, "number: 61/2021/QĐ-UBND", f"number: {number}"))
    assert_where(out, REGISTER, line_of(project / REGISTER, f"number: {number}"))
    assert "không đúng định dạng" in out or "trộn chữ Latinh" in out


@pytest.mark.parametrize("value", ["13.5", "0", "-2"])
def test_an_indicator_rank_that_is_not_a_whole_positive_number_is_refused(tmp_path, value):
    project = data_copy(tmp_path, ("data/indicators.yml", "th2020: 13\n", f"th2020: {value}\n"))
    out = message(indicators.load_tables, project_data(project))
    assert_where(out, "data/indicators.yml", line_of(project / "data/indicators.yml", f"th2020: {value}\n"))
    assert "Quy tắc: thứ hạng là số nguyên dương" in out
