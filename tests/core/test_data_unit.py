"""Data files: schema errors name the file, the line and the field."""
import json

import pytest

from kehoach.core import data
from kehoach.core.errors import SiteError

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
    return data.load("t", data_dir=tmp_path, schema_dir=tmp_path / "schemas")


def test_valid_file_loads(tmp_path):
    assert _load(tmp_path, "items:\n  - id: a\n    name: Một\n").data["items"][0]["name"] == "Một"


@pytest.mark.parametrize("text,line,needle", [
    ("items:\n  - id: a\n    name: [Một\n", 4, "Lỗi cú pháp YAML"),
    ("items:\n  - id: a\n    name: 12\n", 3, "kiểu sai"),
    ("items:\n  - id: a\n", 2, "Thiếu trường bắt buộc 'name'"),
    ("items:\n  - id: a\n    name: x\n    nam: y\n", 2, "không được phép"),
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
    plan = data.load("plan").data
    assert plan["signer_name"] == "Vũ Mạnh Hùng"
