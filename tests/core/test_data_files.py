"""Every data file has a JSON Schema and names it on its first line, so that
editors (VS Code with the YAML extension) complete fields and underline
mistakes while a clerk types; and every data file passes its schema."""
from __future__ import annotations

import json

import jsonschema
import pytest

from kehoach.core import data
from siteutil import PLAN, ROOT

DATA = PLAN / "data"
SCHEMAS = ROOT / "schemas"


def data_files():
    return sorted(p.name for p in DATA.iterdir() if p.is_file() and not p.name.startswith("."))


def test_there_are_data_files():
    assert "plan.yml" in data_files()


@pytest.mark.parametrize("name", data_files())
def test_data_file_is_yaml_with_yml_suffix(name):
    assert name.endswith(".yml"), f"data/{name}: data/ holds YAML files ending in .yml only"


@pytest.mark.parametrize("name", data_files())
def test_data_file_names_its_schema_on_the_first_line(name):
    stem = name.removesuffix(".yml")
    first = (DATA / name).read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../../schemas/{stem}.schema.json", (
        f"data/{name} must start with: # yaml-language-server: $schema=../../../schemas/{stem}.schema.json"
    )


@pytest.mark.parametrize("name", data_files())
def test_schema_exists_and_is_a_valid_json_schema(name):
    schema_path = SCHEMAS / f"{name.removesuffix('.yml')}.schema.json"
    assert schema_path.is_file(), f"data/{name} has no schema {schema_path.relative_to(ROOT)}"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", data_files())
def test_data_file_passes_its_schema(name):
    data.load(name.removesuffix(".yml"), data.Project.at(PLAN))  # raises SiteError with file and line otherwise
