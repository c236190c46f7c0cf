"""Load YAML data files, validate them against their JSON Schema, and say
exactly where a file is wrong (file, line, field) when it is.

Every data file under data/ has a schema under schemas/ with the same stem:
data/plan.yml -> schemas/plan.schema.json. Which data/ and schemas/ is a
`Project` passed to every call (`load(name, project)`): the BuildState's in a
build (kehoach/state.py), `Project.at(folder)` in tools and tests. Nothing is
kept in this module; the cache of checked files is the project's `DataCache`.
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from collections.abc import Callable, Iterator
from typing import Any

import jsonschema
import yaml

from kehoach.core import yamlguard
from kehoach.core.errors import SiteError, excerpt
from kehoach.core import textfile
from kehoach.core.textfile import decode

class DataCache:
    """Data files already loaded and validated, by (path, file text, schema text).

    A build loads some files from several modules, and `mkdocs serve` rebuilds
    after every edit: a file whose text and schema are unchanged is not parsed
    and checked again; an edited file or schema is a new key. Whoever outlives
    builds owns one (the Dispatcher of kehoach/hooks.py, for every build of a
    `mkdocs serve`); a `Project` made without one gets its own, so nothing is
    shared between owners. Data is never modified once loaded.
    """

    LIMIT = 64  # `mkdocs serve` rebuilds after every edit: keep the cache small

    def __init__(self) -> None:
        self._files: dict[tuple[str, str, str], DataFile] = {}

    def get(self, key: tuple[str, str, str]) -> DataFile | None:
        return self._files.get(key)

    def put(self, key: tuple[str, str, str], datafile: DataFile) -> None:
        if len(self._files) >= self.LIMIT:
            self._files.clear()
        self._files[key] = datafile

    def __len__(self) -> int:
        return len(self._files)


@dataclass(frozen=True)
class Project:
    """The project whose data/ and schemas/ are read: the folder of the mkdocs.yml
    being built. Files are named in messages relative to `root`."""
    root: Path
    data_dir: Path
    schema_dir: Path
    cache: DataCache = field(default_factory=DataCache, compare=False, repr=False)

    @classmethod
    def at(cls, root: str | Path, cache: DataCache | None = None) -> Project:
        """root/data and root/schemas; `cache` shared with other builds, or a new one."""
        root = Path(root).resolve()
        return cls(root, root / "data", root / "schemas", cache if cache is not None else DataCache())

    @classmethod
    def of(cls, config, cache: DataCache | None = None) -> Project:
        """The project next to the mkdocs.yml of `config`."""
        return cls.at(Path(config.config_file_path).resolve().parent, cache)

    def rel(self, path: Path) -> str:
        """`path` as messages name it: relative to the project's folder."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


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


DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"  # the schemas' dates: "2021-07-15"
_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def _as_iso_date(value) -> str | None:
    """"15/7/2021" (day/month/year, as the plan writes dates) as "2021-07-15"."""
    found = _DMY.match(value) if isinstance(value, str) else None
    if not found:
        return None
    day, month, year = (int(g) for g in found.groups())
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def _unknown_key(error: jsonschema.ValidationError):
    """The first field of an additionalProperties error that the schema does not name."""
    known = (error.schema.get("properties") or {}).keys()
    instance = error.instance if isinstance(error.instance, dict) else {}
    return next((k for k in instance if k not in known), "?")


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
        known = sorted((error.schema.get("properties") or {}).keys())
        name = _unknown_key(error)
        near = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
        fix_vi = (f"có phải là '{near[0]}'? Sửa tên trường cho đúng." if near else
                  f"xóa trường này; các trường được dùng ở đây: {', '.join(known)}.")
        fix_en = (f"did you mean '{near[0]}'? Correct the field's name." if near else
                  f"remove it; the fields allowed here: {', '.join(known)}.")
        return (
            f"Tên trường {excerpt(name)} không có trong {field}.",
            f"Unknown field {excerpt(name)} in {field}.",
            fix_vi, fix_en,
        )
    if v == "pattern" and error.validator_value == DATE_PATTERN:
        example = _as_iso_date(error.instance) or "2021-07-15"
        return (
            f"Ngày {excerpt(error.instance)} của {field} không viết đúng dạng năm-tháng-ngày.",
            f"The date {excerpt(error.instance)} of {field} is not written year-month-day.",
            f'viết ngày theo dạng "{example}" (năm-tháng-ngày: 4 chữ số năm, 2 chữ số tháng, 2 chữ số ngày), '
            "trong dấu ngoặc kép.",
            f'write the date as "{example}" (year-month-day), in quotes.',
        )
    if v in ("pattern", "format"):
        breaks = isinstance(error.instance, str) and any(c in error.instance for c in "\n\r")
        return (
            f"Giá trị {excerpt(error.instance)} của {field} không đúng định dạng"
            + (" (giá trị có dấu xuống dòng, thường do viết | hoặc > sau dấu hai chấm)." if breaks else "."),
            f"Value {excerpt(error.instance)} of {field} does not have the expected format ({error.validator_value})"
            + (" (the value holds a line break, often from | or > after the colon)." if breaks else "."),
            f"viết theo mô tả của trường: {error.schema['description']}" if error.schema.get("description")
            else "xem mô tả trường trong tệp schemas/ tương ứng.",
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


def load(name: str, project: Project) -> DataFile:
    """Load data/<name>.yml of `project`, validated against schemas/<name>.schema.json."""
    data_dir, schema_dir, _rel = project.data_dir, project.schema_dir, project.rel
    path = data_dir / f"{name}.yml"
    rel = _rel(path)
    if path.is_symlink() or (schema_dir / f"{name}.schema.json").is_symlink():
        raise textfile.symlink_error(rel if path.is_symlink() else _rel(schema_dir / f"{name}.schema.json"))
    try:
        raw = path.read_bytes()
        textfile.check_size(rel, raw)
        text = decode(rel, raw)
    except FileNotFoundError:
        raise SiteError(rel, None, "Không tìm thấy tệp dữ liệu.", "Data file not found.",
                        f"tạo tệp {rel}.", f"create {rel}.") from None
    schema_path = schema_dir / f"{name}.schema.json"
    schema_text = schema_path.read_text(encoding="utf-8")
    key = (rel, text, schema_text)
    cached = project.cache.get(key)
    if cached is not None:  # several modules load the same file in one build, serve rebuilds
        return cached
    textfile.check_text(rel, text)
    yamlguard.check(rel, text)  # no anchors or aliases, bounded nesting: before PyYAML composes
    try:
        data, node = _parse(text)
    except yaml.YAMLError as exc:
        quote = yamlguard.unclosed_quote(text, exc)
        if quote is not None:
            raise SiteError(
                rel, quote + 1,
                "Dấu ngoặc kép mở ở dòng này chưa được đóng: mọi chữ sau nó bị đọc như một giá trị.",
                "The quote opened on this line is never closed: everything after it is read as one value.",
                "thêm dấu ngoặc kép đóng \" ở cuối giá trị trên dòng này (mỗi giá trị mở \" thì đóng \" trên cùng dòng).",
                'add the closing quote " at the end of the value on this line.',
            ) from None
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
    # A misspelled required field is also a missing one: name the misspelling first.
    errors = sorted(validator.iter_errors(data),
                    key=lambda e: ([str(p) for p in e.absolute_path], e.validator != "additionalProperties"))
    if errors:
        error = errors[0]
        vi, en, fix_vi, fix_en = _describe(error)
        path = list(error.absolute_path)
        if error.validator == "additionalProperties":
            path.append(_unknown_key(error))  # the misspelled key's own line
        raise datafile.error(path, vi, en, fix_vi, fix_en)
    _check_unique_keys(datafile, schema, schema, data, [])
    project.cache.put(key, datafile)
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


def names(project: Project) -> list[str]:
    """Names of every data file: data/<name>.yml."""
    return sorted(p.stem for p in project.data_dir.glob("*.yml"))


def sources(project: Project) -> Iterator[tuple[str, Callable[[], str]]]:
    """Each data/*.yml as (its name from the project's folder, a function reading it),
    for a message looking for the line of an offence: read only when asked."""
    for path in sorted(project.data_dir.glob("*.yml")):
        yield path.relative_to(project.root).as_posix(), lambda p=path: p.read_text(encoding="utf-8")


def check_all(project: Project) -> list[str]:
    """Load and validate every file under data/ (stops at the first bad one)."""
    data_dir, schema_dir, _rel = project.data_dir, project.schema_dir, project.rel
    for path in sorted(data_dir.iterdir()):
        if path.is_file() and path.suffix != ".yml" and not path.name.startswith("."):
            raise SiteError(
                _rel(path), None,
                "Thư mục data/ chỉ chứa tệp dữ liệu có đuôi .yml.",
                "The data/ folder holds only data files ending in .yml.",
                "đổi tên tệp cho có đuôi .yml, hoặc chuyển nó ra khỏi data/.",
                "rename the file to end in .yml, or move it out of data/.",
            )
    for name in names(project):
        if not (schema_dir / f"{name}.schema.json").is_file():
            raise SiteError(
                _rel(data_dir / f"{name}.yml"), 1,
                f"Tệp dữ liệu không có lược đồ kiểm tra (schemas/{name}.schema.json).",
                f"The data file has no JSON Schema (schemas/{name}.schema.json).",
                f"nhờ nhóm kỹ thuật viết schemas/{name}.schema.json, hoặc sửa tên tệp cho đúng tệp đã có.",
                f"write schemas/{name}.schema.json, or correct the file name to an existing one.",
            )
        load(name, project)
    return names(project)
