"""core/schemacheck.py gives jsonschema's answer, or none: a data file it calls
valid has no error under jsonschema (Draft202012Validator with core/data.py's
`pattern`), and where `not`, `if` and `oneOf` need it, it calls invalid what
jsonschema refuses. Checked on every plan's data files and on broken variants
of them: each value replaced by values of every type and edge (empty, negative,
a near miss of a pattern), keys removed and added, items dropped and repeated."""
from __future__ import annotations

import copy
import json
import random

import jsonschema
import pytest

from kehoach.core import data, schemacheck
from siteutil import ROOT

SCHEMAS = sorted((ROOT / "schemas").glob("*.schema.json"))
PLANS = sorted(p for p in (ROOT / "plans").iterdir() if (p / "data").is_dir())


def _jsonschema_valid(schema, instance) -> bool:
    validator = data._validator_class()(schema, format_checker=data._formats())
    return next(iter(validator.iter_errors(instance)), None) is None


def _fast(schema, instance) -> bool:
    return schemacheck.valid(schema, instance, data._python_regex)


def _agree(schema, instance, where: str) -> None:
    expected = _jsonschema_valid(schema, instance)
    assert _fast(schema, instance) == expected, f"{where}: jsonschema says valid={expected} for {instance!r}"[:2000]


def test_the_keywords_are_jsonschemas():
    assert schemacheck.KEYWORDS == set(jsonschema.Draft202012Validator.VALIDATORS)
    assert schemacheck.DIALECT == jsonschema.Draft202012Validator.META_SCHEMA["$id"]


VARIANTS = 600  # per file, drawn from all (the seed is the file's name): a few seconds in all
REPLACEMENTS = [None, True, False, 0, 1, -1, 0.5, 1.0, -0.0, 2**53, "", "x", "abc", " a", "a\n",
                "2021-07-15", "15/7/2021", "16/2021/QĐ-UBND", "nd-cp", "A", [], [None], ["x"], {}, {"x": 1}]


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _paths(sub, (*path, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from _paths(sub, (*path, index))


def _at(value, path):
    for step in path:
        value = value[step]
    return value


def _changes(instance, rng: random.Random):
    """Changes that break (or sometimes keep valid) `instance`, one each: (path, what, value)."""
    for path in _paths(instance):
        if path:
            current = _at(instance, path)
            for replacement in rng.sample(REPLACEMENTS, 6):
                yield path, "set", replacement
            yield path, "delete", None
            if isinstance(current, str) and current:  # near misses of patterns and lengths
                for text in (current[:-1], current + "x", current.upper(), current.lower(), current[1:],
                             current + "\n", "-" + current):
                    yield path, "set", text
            elif isinstance(current, (int, float)) and not isinstance(current, bool):
                for number in (current - 1, current + 1, -current, current + 0.5, float(current), 0):
                    yield path, "set", number
        value = _at(instance, path)
        if isinstance(value, dict):
            for key in ("x", "id", "name", "number", "group", "link", "href", "note", 2021):
                yield (*path, key), "set", "x"
        elif isinstance(value, list) and value:
            yield path, "append", value[0]
            yield path, "set", []


def _changed(instance, change):
    path, what, value = change
    changed = copy.deepcopy(instance)
    if not path:
        return copy.deepcopy(value)
    holder = _at(changed, path[:-1])
    if what == "set":
        holder[path[-1]] = copy.deepcopy(value)
    elif what == "delete":
        del holder[path[-1]]
    else:
        holder[path[-1]].append(copy.deepcopy(value))
    return changed


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.name)
@pytest.mark.parametrize("schema_path", SCHEMAS, ids=lambda p: p.name)
def test_agrees_with_jsonschema_on_data_and_broken_data(plan, schema_path):
    name = schema_path.name.removesuffix(".schema.json")
    file = plan / "data" / f"{name}.yml"
    if not file.is_file():
        pytest.skip(f"{plan.name} has no data/{name}.yml")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    instance = data.parse(file.name, file.read_text(encoding="utf-8")).data
    assert _fast(schema, instance), f"{file}: the real data is not found valid (jsonschema would be imported)"
    _agree(schema, instance, str(file))
    rng = random.Random(f"{plan.name}/{name}")
    changes = list(_changes(instance, rng))
    assert len(changes) > 50
    for change in rng.sample(changes, min(len(changes), VARIANTS)):
        _agree(schema, _changed(instance, change), f"{file} {change}")


@pytest.mark.parametrize("schema,instance", [
    ({"type": "integer"}, 1.0), ({"type": "integer"}, True), ({"type": "number"}, False),
    ({"enum": [1]}, True), ({"enum": [1]}, 1.0), ({"enum": [[1, "a"]]}, [1.0, "a"]), ({"const": False}, 0),
    ({"const": {"a": [True]}}, {"a": [1]}), ({"const": None}, None),
    ({"minimum": 1}, True), ({"exclusiveMinimum": 0}, 0), ({"maximum": 3}, 3.5),
    ({"minLength": 2}, "ạ"), ({"minLength": 2}, "a\u0323"), ({"maxLength": 1}, ["a", "b"]),
    ({"pattern": "^a$"}, "a\n"), ({"pattern": r"^\d+$"}, "١٠٧"), ({"pattern": "^a"}, 1),
    ({"required": ["a"]}, []), ({"required": ["a"]}, {"a": None}),
    ({"properties": {"a": False}}, {"b": 1}), ({"properties": {"a": False}}, {"a": 1}),
    ({"additionalProperties": False, "properties": {"a": True}}, {2021: 1}),
    ({"additionalProperties": {"type": "string"}}, {"a": 1}),
    ({"prefixItems": [{"type": "string"}], "items": False}, ["a"]),
    ({"prefixItems": [{"type": "string"}], "items": False}, ["a", "b"]),
    ({"prefixItems": [{"type": "string"}], "items": {"type": "integer"}}, ["a", 1, "b"]),
    ({"oneOf": [{"type": "string"}, {"minLength": 1}]}, "a"), ({"oneOf": [{"type": "string"}, {"minLength": 2}]}, "a"),
    ({"anyOf": [{"type": "string"}, {"type": "null"}]}, 1),
    ({"not": {"required": ["a"]}}, {"a": 1}), ({"not": {"required": ["a"]}}, {}),
    ({"if": {"required": ["g"]}, "then": {"required": ["c"]}, "else": {"required": ["d"]}}, {"g": 1, "d": 1}),
    ({"if": {"required": ["g"]}, "then": {"required": ["c"]}}, {"d": 1}),
    ({"dependentRequired": {"a": ["b"]}}, {"a": 1}), ({"dependentRequired": {"a": ["b"]}}, {"b": 1}),
    ({"$ref": "#/$defs/x", "$defs": {"x": {"type": "string"}}, "minLength": 2}, "a"),
    ({"allOf": [True, {"type": "array", "minItems": 1, "maxItems": 1}]}, []),
    (False, 1), (True, 1),
])
def test_agrees_with_jsonschema_on_edges(schema, instance):
    if not (isinstance(schema, dict) and "$defs" in schema):  # the same below a $ref
        _agree({"$defs": {"s": schema}, "$ref": "#/$defs/s"}, instance, "edge")
    if isinstance(schema, dict):
        _agree(schema, instance, "edge")


@pytest.mark.parametrize("schema,instance", [
    ({"format": "date"}, "x"), ({"uniqueItems": True}, [1]), ({"patternProperties": {"^a": True}}, {"a": 1}),
    ({"$ref": "other.json#/x"}, 1), ({"$ref": "#/$defs/a~1b", "$defs": {"a/b": True}}, 1), ({"type": "strange"}, 1),
    ({"properties": {"a": {"$id": "x.json", "type": "string"}}}, {"a": "x"}), ({"minLength": 1.5}, "xy"),
    ({"$schema": "http://json-schema.org/draft-07/schema#"}, 1), ({"type": "string"}, b"x"),
])
def test_what_it_cannot_judge_is_left_to_jsonschema(schema, instance):
    assert schemacheck.valid(schema, instance, data._python_regex) is False
