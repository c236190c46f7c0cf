"""A broken data file stops the build with one message naming file, line and field.

Each message is tested as a unit on the loader that raises it (indicators'
load_tables, figures' load); one broken copy is built end to end for the
indicator table a page asks for by name (the macro's own check).
"""
from __future__ import annotations

import pytest

from errorunit import message, project_data
from kehoach.figures import model as figures
from kehoach.indicators import model as indicators
from siteutil import PLAN, ROOT, build_fails, copy_project


def break_file(tmp_path, rel: str, old: str, new: str, count: int = 1, nth: int = 1, items=None):
    """Copy the project (or its `items`), replace the nth occurrence of `old`
    in `rel`; return (project, 1-based line where the change starts)."""
    project = copy_project(tmp_path / "project", *([items] if items else []))
    path = project / rel
    text = path.read_text(encoding="utf-8")
    pos = -1
    for _ in range(nth):
        pos = text.index(old, pos + 1)
    path.write_text(text[:pos] + new + text[pos + len(old):], encoding="utf-8")
    return project, text.count("\n", 0, pos) + 1


CASES = {
    "missing field": (
        "data/indicators.yml",
        '        name: "Thứ hạng chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)"\n', "",
        "Thiếu trường bắt buộc 'name' trong tables[0].rows[1]", -1,
    ),
    "wrong type in schema": (
        "data/indicators.yml", '        number: "3"\n', "        number: 3\n",
        "Trường tables[0].rows[2].number có kiểu sai", 0,
    ),
    "figure given as text": (
        "data/indicators.yml", "          th2020: 13\n", '          th2020: "13"\n',
        "Trường values.th2020 của dòng 'papi' có kiểu sai: cần một số", 0,
    ),
    "duplicate id": (
        "data/indicators.yml", "      - id: papi\n", "      - id: pci\n",
        "Mã 'pci' bị trùng: mục thứ 1 và mục thứ 2 có cùng 'id'", 0,
    ),
    "empty cell written as nothing": (
        "data/indicators.yml", "          th2021: null\n", "",
        "Dòng 'pci' thiếu giá trị cho cột 'th2021' (Thực hiện cả năm)", -1,
    ),
    "comparison naming no column": (
        "data/indicators.yml", "compares: [th2021, th2020]", "compares: [th2021, th2019]",
        "Cột 'th2021_th2020' nhắc tới cột 'th2019'", 0,
    ),
    "duplicate index": (
        "data/figures.yml", "  - id: sipas\n", "  - id: par-index\n",
        "Mã 'par-index' bị trùng", 0,
    ),
    "source paragraph without id": (
        "data/figures.yml", 'anchor: "chi-so-papi"', 'anchor: "chi-so-papy"',
        "Trang phan-1/ket-qua/cai-cach-hanh-chinh.md không có đoạn nào mang mã '#chi-so-papy'", 0,
    ),
    "score as text": (
        "data/figures.yml", "{year: 2020, score: 92.54, rank: 3}", '{year: 2020, score: "92,54", rank: 3}',
        "Trường indices[1].results[1].score có kiểu sai", 0,
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_broken_data_names_file_line_and_field(tmp_path, case):
    rel, old, new, expected, line_offset = CASES[case]
    project, line = break_file(tmp_path, rel, old, new, items=["data", "schemas"])
    if rel == "data/indicators.yml":
        output = message(indicators.load_tables, project_data(project))
    else:
        output = message(figures.load, project_data(project), PLAN / "docs")
    assert expected in output, output
    if line_offset == -1:
        # a missing field is reported at the line of the item that lacks it
        text = (project / rel).read_text(encoding="utf-8").splitlines()
        reported = int(output.split(f"{rel}, dòng ")[1].split(" ")[0])
        assert reported < line and text[reported - 1].strip().startswith(("- id:", "values:")), output
    else:
        assert f"{rel}, dòng {line + line_offset} (line {line + line_offset}):" in output, output


def test_unknown_table_in_page(tmp_path):
    project, line = break_file(tmp_path, "docs/bieu-mau-06.md", 'indicator_table("bieu-mau-06")',
                               'indicator_table("bieu-mau-07")')
    output = build_fails(project, tmp_path)
    assert f"docs/bieu-mau-06.md, dòng {line} (line {line}):" in output, output
    assert "Không có biểu 'bieu-mau-07' trong data/indicators.yml." in output
