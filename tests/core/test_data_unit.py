"""Data files: schema errors name the file, the line and the field."""
import json

import pytest

from kehoach.core import data
from kehoach.core.errors import SiteError
from siteutil import PLAN, ROOT

SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["items"],
    "properties": {"items": {"type": "array", "items": {
        "type": "object", "required": ["id", "name"], "additionalProperties": False,
        "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}}},
}


def _load(tmp_path, text):
    (tmp_path / "schemas").mkdir(exist_ok=True)
    (tmp_path / "schemas" / "t.schema.json").write_text(json.dumps(SCHEMA))
    (tmp_path / "t.yml").write_text(text, encoding="utf-8")
    return data.load("t", data.Project(tmp_path, tmp_path, tmp_path / "schemas"))


def test_valid_file_loads(tmp_path):
    assert _load(tmp_path, "items:\n  - id: a\n    name: Một\n").data["items"][0]["name"] == "Một"


@pytest.mark.parametrize("text,line,needle", [
    ("items:\n  - id: a\n    name: [Một\n", 3, "Lỗi cú pháp YAML: dấu [ mở ở dòng này chưa được đóng"),  # where [ opens
    ("items:\n  - id: a\n    name: 12\n", 3, "kiểu sai"),
    ("items:\n  - id: a\n", 2, "Thiếu trường bắt buộc 'name'"),
    ("items:\n  - id: a\n    name: x\n    nam: y\n", 4, "Tên trường 'nam' không có trong items[0]"),
    ("items:\n  - id: a\n    id: b\n    name: x\n", 3, "duplicate key"),
])
def test_errors_point_at_the_line(tmp_path, text, line, needle):
    with pytest.raises(SiteError) as err:
        _load(tmp_path, text)
    assert f"dòng {line} (line {line})" in str(err.value)
    assert needle in str(err.value)


def test_duplicate_ids_point_at_the_second_item(tmp_path):
    datafile = _load(tmp_path, "items:\n  - id: a\n    name: x\n  - id: a\n    name: y\n")
    with pytest.raises(SiteError) as err:
        datafile.check_unique(["items"], "id")
    assert "dòng 4 (line 4)" in str(err.value) and "'a'" in str(err.value)


def test_plan_data_matches_schema():
    plan = data.load("plan", data.Project.at(PLAN)).data
    assert plan["signer_name"] == "Vũ Mạnh Hùng"


def test_misspelled_field_names_the_nearest_valid_one(tmp_path):
    with pytest.raises(SiteError) as err:
        _load(tmp_path, "items:\n  - id: a\n    nmae: x\n")
    message = str(err.value)
    assert "dòng 3 (line 3)" in message
    first_line = message.splitlines()[1]  # the Vietnamese sentence, no English mixed in
    assert first_line == "  Tên trường 'nmae' không có trong items[0].", message
    assert "Cách sửa: có phải là 'name'?" in message


@pytest.mark.parametrize("text,line", [
    ('items:\n  - id: "a\n    name: x\n  - id: "b"\n    name: y\n', 2),   # runs on to the next quote
    ('items:\n  - id: a\n    name: "x\n', 3),                            # runs to the end of the file
])
def test_unclosed_quote_is_reported_where_it_opens(tmp_path, text, line):
    with pytest.raises(SiteError) as err:
        _load(tmp_path, text)
    assert f"dòng {line} (line {line})" in str(err.value)
    assert "Dấu ngoặc kép mở ở dòng này chưa được đóng" in str(err.value)


def test_date_in_the_wrong_form_shows_the_right_one(tmp_path):
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "d.schema.json").write_text(json.dumps(
        {"type": "object", "properties": {"date": {"type": "string", "pattern": data.DATE_PATTERN}}}))
    (tmp_path / "d.yml").write_text('\ndate: "15/7/2021"\n', encoding="utf-8")
    with pytest.raises(SiteError) as err:
        data.load("d", data.Project(tmp_path, tmp_path, tmp_path / "schemas"))
    assert "dòng 2 (line 2)" in str(err.value)
    assert 'viết ngày theo dạng "2021-07-15" (năm-tháng-ngày' in str(err.value)
