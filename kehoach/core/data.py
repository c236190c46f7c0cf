"""Load YAML data files, validate them against their JSON Schema, and say
exactly where a file is wrong (file, line, field) when it is.

Every data file under data/ has a schema under schemas/ with the same stem:
data/plan.yml -> schemas/plan.schema.json.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from kehoach.checks import paths as inputcheck
from kehoach.core import yamlguard
from kehoach.core.errors import SiteError, excerpt
from kehoach.checks.files import decode

# The project whose data/ and schemas/ are read: the folder of the mkdocs.yml
# being built (set by the macros' register and the hooks' on_config, whichever
# runs first), by default the project this package sits in (tests, tools). One
# process can so build several projects in turn.
_project = [Path(__file__).resolve().parents[2]]


def use_project_of(config) -> Path:
    """Read data/ and schemas/ (and name files in messages) next to the mkdocs.yml
    of `config`; returns that folder."""
    _project[0] = Path(config.config_file_path).resolve().parent
    return _project[0]


def _data_dir() -> Path:
    return _project[0] / "data"


def _schema_dir() -> Path:
    return _project[0] / "schemas"


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """SafeLoader (libyaml's parser when present) that refuses a key written twice in one mapping."""

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"khóa {excerpt(key)} được viết hai lần (duplicate key {excerpt(key)})",
                    key_node.start_mark
                )
            seen[key] = True
        return super().construct_mapping(node, deep=deep)


# Dates stay text ("2021-05-18"), so the schema and the loaders check them with a
# line number instead of PyYAML turning them into objects, or crashing on 2021-02-30.
_UniqueKeyLoader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _parse(text: str) -> tuple[Any, yaml.Node | None]:
    """Parse once: the data, and the node tree that knows each field's line."""
    loader = _UniqueKeyLoader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(_project[0]))
    except ValueError:
        return str(path)


def _line_for(node: yaml.Node | None, path: list) -> int | None:
    """Walk the composed YAML tree along a JSON path; return the 1-based line."""
    line = node.start_mark.line + 1 if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == step:
                    line = key_node.start_mark.line + 1
                    node = value_node
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _field_name(path: list) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(gốc tệp / file root)"


def _describe(error: jsonschema.ValidationError) -> tuple[str, str, str, str]:
    """Vietnamese and English wording of one schema error, with what to do."""
    field = _field_name(list(error.absolute_path))
    v = error.validator
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return (
            f"Thiếu trường bắt buộc '{missing}' trong {field}.",
            f"Required field '{missing}' is missing in {field}.",
            f"thêm trường '{missing}'.",
            f"add the field '{missing}'.",
        )
    if v == "type":
        return (
            f"Trường {field} có kiểu sai: cần {error.validator_value}, đang là {excerpt(error.instance)}.",
            f"Field {field} has the wrong type: expected {error.validator_value}, got {excerpt(error.instance)}.",
            "sửa giá trị cho đúng kiểu (chuỗi chữ đặt trong dấu ngoặc kép).",
            "correct the value's type (quote text values).",
        )
    if v == "additionalProperties":
        return (
            f"Trường không được phép trong {field}: {excerpt(error.message, quote=False)}.",
            f"Unknown field in {field}: {excerpt(error.message, quote=False)}.",
            "xóa trường này hoặc sửa lỗi chính tả của tên trường.",
            "remove the field or fix its spelling.",
        )
    if v in ("pattern", "format"):
        breaks = isinstance(error.instance, str) and any(c in error.instance for c in "\n\r")
        return (
            f"Giá trị {excerpt(error.instance)} của {field} không đúng định dạng"
            + (" (giá trị có dấu xuống dòng, thường do viết | hoặc > sau dấu hai chấm)." if breaks else "."),
            f"Value {excerpt(error.instance)} of {field} does not have the expected format ({error.validator_value})"
            + (" (the value holds a line break, often from | or > after the colon)." if breaks else "."),
            "xem mô tả trường trong tệp schemas/ tương ứng.",
            "see the field's description in the matching schemas/ file.",
        )
    return (
        f"Giá trị của {field} không hợp lệ: {excerpt(error.message, quote=False)}.",
        f"Invalid value in {field}: {excerpt(error.message, quote=False)}.",
        "xem mô tả trường trong tệp schemas/ tương ứng.",
        "see the field's description in the matching schemas/ file.",
    )


class DataFile:
    """A loaded, validated data file that can say on which line a field is."""

    def __init__(self, rel: str, data: Any, node: yaml.Node | None):
        self.rel = rel
        self.data = data
        self._node = node

    def line(self, path: list) -> int | None:
        return _line_for(self._node, path)

    def error(self, path: list, vi: str, en: str, fix_vi: str = "", fix_en: str = "") -> SiteError:
        return SiteError(self.rel, self.line(path), vi, en, fix_vi, fix_en)

    def check_unique(self, list_path: list, key: str) -> None:
        """Fail on the first item under `list_path` whose `key` repeats an earlier one."""
        items = self.data
        for step in list_path:
            items = items[step]
        seen: dict[Any, int] = {}
        for index, item in enumerate(items):
            value = item.get(key)
            if value in seen:
                raise self.error(
                    [*list_path, index, key],
                    f"Mã '{value}' bị trùng: mục thứ {seen[value] + 1} và mục thứ {index + 1} có cùng '{key}'.",
                    f"Duplicate id '{value}': items {seen[value] + 1} and {index + 1} share the same '{key}'.",
                    "đặt cho mỗi mục một mã riêng.",
                    "give each item its own id.",
                )
            seen[value] = index


def load(name: str, data_dir: Path | None = None, schema_dir: Path | None = None) -> DataFile:
    """Load data/<name>.yml, validated against schemas/<name>.schema.json."""
    data_dir = data_dir or _data_dir()
    schema_dir = schema_dir or _schema_dir()
    path = data_dir / f"{name}.yml"
    rel = _rel(path)
    if path.is_symlink() or (schema_dir / f"{name}.schema.json").is_symlink():
        raise inputcheck.symlink_error(rel if path.is_symlink() else _rel(schema_dir / f"{name}.schema.json"))
    try:
        raw = path.read_bytes()
        inputcheck.check_size(rel, raw)
        text = decode(rel, raw)
    except FileNotFoundError:
        raise SiteError(rel, None, "Không tìm thấy tệp dữ liệu.", "Data file not found.",
                        f"tạo tệp {rel}.", f"create {rel}.") from None
    schema_path = schema_dir / f"{name}.schema.json"
    schema_text = schema_path.read_text(encoding="utf-8")
    key = (rel, text, schema_text)
    if key in _checked:  # several modules load the same file in one build; data is never modified
        return _checked[key]
    inputcheck.check_text(rel, text)
    yamlguard.check(rel, text)  # no anchors or aliases, bounded nesting: before PyYAML composes
    try:
        data, node = _parse(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        detail = excerpt(getattr(exc, "problem", None) or str(exc), quote=False)
        raise SiteError(
            rel, line,
            f"Lỗi cú pháp YAML: {detail}.",
            f"YAML syntax error: {detail}.",
            "kiểm tra thụt lề (dùng dấu cách, không dùng Tab), dấu hai chấm và dấu ngoặc kép ở dòng này và dòng trên.",
            "check indentation (spaces, not tabs), colons and quotes on this line and the one above.",
        ) from None
    datafile = DataFile(rel, data, node)
    try:
        schema = json.loads(schema_text)
    except json.JSONDecodeError as exc:
        raise SiteError(_rel(schema_path), exc.lineno, f"Lỗi cú pháp JSON: {exc.msg}.", f"JSON syntax error: {exc.msg}.",
                        "kiểm tra dấu phẩy, dấu ngoặc và dấu ngoặc kép ở dòng này và dòng trên.",
                        "check commas, brackets and quotes on this line and the one above.") from None
    validator = _Validator(schema, format_checker=_FORMATS)
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        error = errors[0]
        vi, en, fix_vi, fix_en = _describe(error)
        raise datafile.error(list(error.absolute_path), vi, en, fix_vi, fix_en)
    _check_unique_keys(datafile, schema, schema, data, [])
    if len(_checked) >= 64:  # `mkdocs serve` rebuilds after every edit: keep the cache small
        _checked.clear()
    _checked[key] = datafile
    return datafile


@lru_cache(maxsize=64)
def _python_regex(pattern: str) -> re.Pattern:
    r"""A schema's `pattern` (ECMA-262, as editors read it) for Python's `re`:
    ECMA's `$` (no multiline flag) matches only at the very end, Python's also
    before a final line break, so an id "abc\n" would pass. Each `$` outside a
    character class becomes `\Z`."""
    out, escaped, in_class = [], False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == "$" and not in_class:
            ch = r"\Z"
        out.append(ch)
    return re.compile("".join(out))


def _pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not _python_regex(pattern).search(instance):
        yield jsonschema.ValidationError(f"{excerpt(instance)} does not match {pattern!r}")


_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _pattern})


# Files loaded and validated in this process, by (path, file text, schema
# text): a build loads some files from several modules, and `mkdocs serve`
# rebuilds; an edited file or schema is a new key, parsed and checked again.
_checked: dict[tuple[str, str, str], DataFile] = {}
_FORMATS = jsonschema.FormatChecker()


def _resolve(root: dict, schema: dict) -> dict:
    ref = schema.get("$ref", "") if isinstance(schema, dict) else ""
    if not ref.startswith("#/"):
        return schema
    for step in ref[2:].split("/"):
        root = root.get(step, {})
    return root


def _check_unique_keys(datafile: DataFile, root: dict, schema: dict, value: Any, path: list) -> None:
    """Apply `"x-unique-key": "<key>"` written on an array in a schema: no two
    items of that list may share the same value of <key> (JSON Schema has no
    keyword for that)."""
    schema = _resolve(root, schema)
    if not isinstance(schema, dict):
        return
    if isinstance(value, list):
        if "x-unique-key" in schema:
            datafile.check_unique(path, schema["x-unique-key"])
        items = schema.get("items")
        if isinstance(items, dict):
            for index, item in enumerate(value):
                _check_unique_keys(datafile, root, items, item, [*path, index])
    elif isinstance(value, dict):
        for key, sub in (schema.get("properties") or {}).items():
            if key in value:
                _check_unique_keys(datafile, root, sub, value[key], [*path, key])


def names(data_dir: Path | None = None) -> list[str]:
    """Names of every data file: data/<name>.yml."""
    return sorted(p.stem for p in (data_dir or _data_dir()).glob("*.yml"))


def check_all(data_dir: Path | None = None, schema_dir: Path | None = None) -> list[str]:
    """Load and validate every file under data/ (stops at the first bad one)."""
    data_dir = data_dir or _data_dir()
    schema_dir = schema_dir or _schema_dir()
    for path in sorted(data_dir.iterdir()):
        if path.is_file() and path.suffix != ".yml" and not path.name.startswith("."):
            raise SiteError(
                _rel(path), None,
                "Thư mục data/ chỉ chứa tệp dữ liệu có đuôi .yml.",
                "The data/ folder holds only data files ending in .yml.",
                "đổi tên tệp cho có đuôi .yml, hoặc chuyển nó ra khỏi data/.",
                "rename the file to end in .yml, or move it out of data/.",
            )
    for name in names(data_dir):
        if not (schema_dir / f"{name}.schema.json").is_file():
            raise SiteError(
                _rel(data_dir / f"{name}.yml"), 1,
                f"Tệp dữ liệu không có lược đồ kiểm tra (schemas/{name}.schema.json).",
                f"The data file has no JSON Schema (schemas/{name}.schema.json).",
                f"nhờ nhóm kỹ thuật viết schemas/{name}.schema.json, hoặc sửa tên tệp cho đúng tệp đã có.",
                f"write schemas/{name}.schema.json, or correct the file name to an existing one.",
            )
        load(name, data_dir, schema_dir)
    return names(data_dir)
