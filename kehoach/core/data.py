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
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from collections.abc import Callable, Iterator
from typing import Any

import yaml

from kehoach.core import schemacheck, yamlguard
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
        return cls(root, root / "data", schemas_of(root), cache if cache is not None else DataCache())

    @classmethod
    def of(cls, config, cache: DataCache | None = None) -> Project:
        """The project next to the mkdocs.yml of `config`."""
        return cls.at(Path(config.config_file_path).resolve().parent, cache)

    def rel(self, path: Path) -> str:
        """`path` as messages name it: relative to the project's folder (a plan's
        folder), or for what every plan shares (schemas/), to the repository's root."""
        for base in (self.root, self.schema_dir.parent):
            try:
                return str(path.relative_to(base))
            except ValueError:
                continue
        return str(path)


def schemas_of(root: Path) -> Path:
    """The schemas every plan shares: schemas/ of the repository, two levels above a
    plan's folder (plans/<id>/), or beside `root` itself when it is the repository."""
    own = root / "schemas"
    return own if own.is_dir() else root.parent.parent / "schemas"


class _Refused(Exception):
    """A value the loader will not build, with the file line it is on and what
    to say (problem and fix, Vietnamese and English). Not a YAMLError: the
    file is well-formed YAML, the value breaks one of the rules below."""

    def __init__(self, line: int, vi: str, en: str, fix_vi: str, fix_en: str):
        super().__init__(en)
        self.line, self.sentences = line, (vi, en, fix_vi, fix_en)


# The largest whole number a JSON reader (the site's JavaScript, a spreadsheet)
# keeps exactly; the data holds nothing near it (the largest figure is 5,165).
MAX_NUMBER = 2**53 - 1
# How the site writes a number: decimal, an optional minus, no leading zero, an
# optional fraction and exponent. Not what YAML 1.1 also reads as a number:
# 010 (octal: 8), 0x1F, 1_000, 1:30 (sexagesimal: 90), +5, 1., .5, .inf, .nan.
_DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?\Z")

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    """SafeLoader (libyaml's parser when present) that builds only what the site's
    data may hold, one rule for every file and front matter: every key once in
    its mapping, keys are plain values, every number finite, decimal and within
    MAX_NUMBER, every string (value or key) meets textfile.value_problem.
    `first_line`: the file line where the parsed text starts."""

    first_line = 1

    def _line(self, node: yaml.Node, below: int = 0) -> int:
        return node.start_mark.line + self.first_line + below

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(
                    self._line(key_node),
                    "Tên trường là một danh sách hoặc một nhóm trường: tên trường phải là một chữ.",
                    "A key is a list or a mapping: a key must be a plain name.",
                    "viết tên trường dạng tên: giá trị, bỏ dấu ? [ { trước tên.",
                    "write name: value, without ? [ { before the name.",
                )
            key = self.construct_object(key_node, deep=deep)
            line = self._line(key_node)
            if key in seen:
                raise _Refused(
                    line,
                    f"Khóa {excerpt(key)} được viết hai lần trong cùng một nhóm: ở dòng {seen[key]} và ở dòng {line}. "
                    "YAML chỉ giữ giá trị viết sau và bỏ giá trị viết trước mà không báo.",
                    f"The key {excerpt(key)} is written twice in one mapping (duplicate key {excerpt(key)}): "
                    f"on line {seen[key]} and on line {line}. YAML would silently keep only the last value.",
                    f"giữ một trong hai dòng {seen[key]} và {line} (dòng có giá trị đúng), xóa dòng kia.",
                    f"keep one of lines {seen[key]} and {line} (the one with the right value), delete the other.",
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)

    def _refuse_number(self, node, how_vi: str, how_en: str) -> _Refused:
        literal = excerpt(node.value)
        return _Refused(
            self._line(node),
            f"Số {literal} không phải là một số hữu hạn viết ở dạng thập phân{how_vi}.",
            f"The number {literal} is not a finite number written in decimal{how_en}.",
            "viết số ở dạng thập phân, dùng dấu chấm thập phân (12.5), không có số 0 ở đầu, trị tuyệt đối không quá "
            f"{MAX_NUMBER}; chỗ không có số ghi null; nếu đây là chữ thì đặt trong dấu ngoặc kép.",
            f"write a decimal number with a decimal point (12.5), no leading zero, at most {MAX_NUMBER} "
            "in size; null where there is no number; quote it if it is text.",
        )

    def construct_number(self, node):
        literal = node.value
        if literal.lower().lstrip("+-") in (".inf", ".nan"):
            raise self._refuse_number(node, " (YAML đọc nó là vô cực hoặc “không phải số”)",
                                      " (YAML reads it as infinity or not-a-number)")
        if len(literal) > 40 or not _DECIMAL.match(literal):
            try:
                read = repr(self._yaml_number(node)) if len(literal) <= 40 else None
            except ValueError:
                read = None
            raise self._refuse_number(node, f" (YAML đọc nó là {read})" if read is not None else "",
                                      f" (YAML reads it as {read})" if read is not None else "")
        value = self._yaml_number(node)
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            raise self._refuse_number(node, " (quá lớn)", " (it is too large)")
        return value

    def _yaml_number(self, node):
        if node.tag == "tag:yaml.org,2002:int":
            return yaml.constructor.SafeConstructor.construct_yaml_int(self, node)
        return yaml.constructor.SafeConstructor.construct_yaml_float(self, node)

    def construct_text(self, node):
        value = yaml.constructor.SafeConstructor.construct_yaml_str(self, node)
        problem = textfile.value_problem(value)
        if problem is not None:
            offset, vi, en, fix_vi, fix_en = problem
            # A literal block value (|) starts on the line after its indicator, line for line.
            below = (1 + value.count("\n", 0, offset)) if node.style == "|" else 0
            raise _Refused(self._line(node, below), vi, en, fix_vi, fix_en)
        return value

    def construct_date(self, node):
        try:
            return yaml.constructor.SafeConstructor.construct_yaml_timestamp(self, node)
        except (ValueError, OverflowError):
            raise _Refused(
                self._line(node),
                f"Ngày {excerpt(node.value)} không có thật trên lịch (hoặc giờ không có thật).",
                f"The date {excerpt(node.value)} does not exist (or its time does not).",
                "sửa ngày cho đúng (năm-tháng-ngày), hoặc đặt giá trị trong dấu ngoặc kép nếu đó là chữ.",
                "correct the date (year-month-day), or quote the value if it is text.",
            ) from None


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_number)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_number)
_Loader.add_constructor("tag:yaml.org,2002:str", _Loader.construct_text)


class _FrontMatterLoader(_Loader):
    """Front matter is read by MkDocs too, with dates as dates: this loader
    reads them the same way, so a value is judged as MkDocs will see it, and
    refuses a date that does not exist (MkDocs' own parser would drop the
    whole front matter silently; PyYAML's safe_load raised a ValueError)."""


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_date)

# In data files, dates stay text ("2021-05-18"), so the schema and the loaders
# check them with a line number instead of PyYAML turning them into objects.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_FrontMatterLoader.yaml_implicit_resolvers = yaml.SafeLoader.yaml_implicit_resolvers


# What `make new-plan` (tools/new_plan.py) writes where a new plan's own words go:
# "<<ĐIỀN: số, ký hiệu văn bản>>", the words after the colon saying what to fill
# in. One rule, checked on the saved text of every data file and front matter
# (`parse`) and of every page (checks/files.py `check_page`): a placeholder left
# anywhere stops the build, naming the file, the line and what to fill.
PLACEHOLDER = re.compile("<<ĐIỀN", re.IGNORECASE)  # a page or data file as saved, not HTML
PLACEHOLDER_HINT_MAX = 200  # characters of "what to fill" read after the mark


def placeholder_error(rel: str, text: str, first_line: int = 1) -> SiteError | None:
    """The first placeholder of `text` (a file, or front matter starting on
    `first_line` of the file `rel`) as the message that names it, or None.
    Linear: one search for the mark, then at most PLACEHOLDER_HINT_MAX
    characters of its line."""
    found = PLACEHOLDER.search(text)
    if found is None:
        return None
    line_end = text.find("\n", found.end())
    rest = text[found.end(): line_end if line_end >= 0 else len(text)][:PLACEHOLDER_HINT_MAX]
    close = rest.find(">>")
    hint = (rest[:close] if close >= 0 else rest).lstrip(" :").strip()
    shown = text[found.start(): found.end() + (close + 2 if close >= 0 else len(rest))]
    line = text.count("\n", 0, found.start()) + first_line
    what = excerpt(hint, quote=False) if hint else "nội dung được yêu cầu"
    return SiteError(
        rel, line,
        f"Còn một chỗ chưa điền: {excerpt(shown)}. Trang web không được dựng khi còn chỗ <<ĐIỀN: …>> nào "
        "(kế hoạch mới tạo bằng make new-plan để sẵn những chỗ này).",
        f"A placeholder is left unfilled: {excerpt(shown)}. The site is not built while any <<ĐIỀN: …>> "
        "is left (a new plan made by make new-plan starts with them).",
        f"thay cả cụm <<ĐIỀN: …>> bằng: {what}, chép đúng như bản đã ký; trong tệp .yml chữ để trong "
        "dấu ngoặc kép, số và null thì không. Xem mục \"Thêm một kế hoạch mới\" trong CONTRIBUTING.md.",
        "replace the whole <<ĐIỀN: …>> with what its words ask for (after the colon), as in the signed "
        "text; in a .yml file text stays in quotes, a number or null takes none. See \"Thêm một kế hoạch "
        "mới\" in CONTRIBUTING.md.",
    )


def check_placeholders(rel: str, text: str, first_line: int = 1) -> None:
    error = placeholder_error(rel, text, first_line)
    if error is not None:
        raise error


_FRONT_MATTER_SYNTAX = ("Phần thông tin đầu trang (giữa hai dòng ---) có lỗi cú pháp YAML",
                        "The page's front matter (between the --- lines) has a YAML syntax error")
_DATA_SYNTAX = ("Lỗi cú pháp YAML", "YAML syntax error")
_FLOW = {"while parsing a flow sequence": "[]", "while parsing a flow mapping": "{}"}


def parse(rel: str, text: str, first_line: int = 1, front_matter: bool = False) -> DataFile:
    """The one way YAML is read (a data file, or a page's front matter, which
    starts on `first_line`): the limits of yamlguard.py, the rules of `_Loader`,
    and a syntax error reported where the broken construct opens. Every
    refusal is a SiteError naming `rel` and the line; the first a placeholder
    of `make new-plan` left unfilled."""
    check_placeholders(rel, text, first_line)
    yamlguard.check(rel, text, first_line)
    loader = (_FrontMatterLoader if front_matter else _Loader)(text)
    loader.first_line = first_line
    try:
        node = loader.get_single_node()
        value = loader.construct_document(node) if node is not None else None
    except _Refused as refused:
        raise SiteError(rel, refused.line, *refused.sentences) from None
    except yaml.YAMLError as exc:
        raise _syntax_error(rel, text, exc, first_line, front_matter) from None
    finally:
        loader.dispose()
    return DataFile(rel, value, node, first_line)


def _syntax_error(rel: str, text: str, exc: yaml.YAMLError, first_line: int, front_matter: bool) -> SiteError:
    what_vi, what_en = _FRONT_MATTER_SYNTAX if front_matter else _DATA_SYNTAX
    quote = yamlguard.unclosed_quote(text, exc)
    if quote is not None:
        return SiteError(
            rel, quote + first_line,
            "Dấu ngoặc kép mở ở dòng này chưa được đóng" + (" (phần thông tin đầu trang)" if front_matter else "")
            + ": mọi chữ sau nó bị đọc như một giá trị.",
            "The quote opened on this line is never closed" + (" (the page's front matter)" if front_matter else "")
            + ": everything after it is read as one value.",
            "thêm dấu ngoặc kép đóng \" ở cuối giá trị trên dòng này (mỗi giá trị mở \" thì đóng \" trên cùng dòng).",
            'add the closing quote " at the end of the value on this line.',
        )
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    if context in _FLOW and context_mark is not None:
        opening, closing = _FLOW[context]
        return SiteError(
            rel, context_mark.line + first_line,
            f"{what_vi}: dấu {opening} mở ở dòng này chưa được đóng bằng {closing} "
            "(hoặc thiếu dấu phẩy giữa các phần tử).",
            f"{what_en}: the {opening} opened on this line is never closed with {closing} "
            "(or a comma is missing between its items).",
            f"thêm dấu {closing} ở cuối danh sách mở ở dòng này, hoặc đặt giá trị có dấu {opening} trong dấu ngoặc kép.",
            f"add the closing {closing} at the end of the list opened on this line, or quote a value holding {opening}.",
        )
    mark = (context_mark if context == "while scanning a simple key" and context_mark is not None
            else getattr(exc, "problem_mark", None))
    line = mark.line + first_line if mark else first_line
    detail = excerpt(getattr(exc, "problem", None) or str(exc), quote=False)
    if front_matter:
        return SiteError(
            rel, line, f"{what_vi}: {detail}.", f"{what_en}: {detail}.",
            "mỗi dòng viết dạng tên: giá trị; giá trị có dấu [ ] { } : # thì đặt trong ngoặc kép.",
            "write one name: value per line; quote values that contain [ ] { } : or #.",
        )
    return SiteError(
        rel, line, f"{what_vi}: {detail}.", f"{what_en}: {detail}.",
        "kiểm tra thụt lề (dùng dấu cách, không dùng Tab), dấu hai chấm và dấu ngoặc kép ở dòng này và dòng trên.",
        "check indentation (spaces, not tabs), colons and quotes on this line and the one above.",
    )


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
    if v in _BOUNDS:
        vi_bound, en_bound = _BOUNDS[v]
        rule = error.schema.get("description")
        return (
            f"Giá trị {excerpt(error.instance)} của {field} {vi_bound} {error.validator_value}."
            + (f" Quy tắc của trường: {rule}" if rule else ""),
            f"Value {excerpt(error.instance)} of {field} is {en_bound} {error.validator_value}.",
            "sửa giá trị cho đúng như Kế hoạch ghi và đúng quy tắc của trường (xem tệp schemas/ tương ứng).",
            "correct the value to what the plan states, within the field's rule (see the matching schemas/ file).",
        )
    return (
        f"Giá trị của {field} không hợp lệ: {excerpt(error.message, quote=False)}.",
        f"Invalid value in {field}: {excerpt(error.message, quote=False)}.",
        "xem mô tả trường trong tệp schemas/ tương ứng.",
        "see the field's description in the matching schemas/ file.",
    )


_BOUNDS = {  # JSON Schema's bounds on a number, as a message says them
    "minimum": ("nhỏ hơn mức thấp nhất cho phép là", "below the allowed minimum of"),
    "maximum": ("lớn hơn mức cao nhất cho phép là", "above the allowed maximum of"),
    "exclusiveMinimum": ("phải lớn hơn", "not above"),
    "exclusiveMaximum": ("phải nhỏ hơn", "not below"),
}


class DataFile:
    """A loaded, validated data file that can say on which line a field is
    (`first_line`: the file line where its YAML starts, 2 for front matter)."""

    def __init__(self, rel: str, data: Any, node: yaml.Node | None, first_line: int = 1):
        self.rel = rel
        self.data = data
        self._node = node
        self._offset = first_line - 1

    def line(self, path: list) -> int | None:
        line = _line_for(self._node, path)
        return line + self._offset if line is not None else None

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
    schema_path = schema_dir / f"{name}.schema.json"
    if path.is_symlink() or schema_path.is_symlink():
        raise textfile.symlink_error(rel if path.is_symlink() else _rel(schema_path))
    for file, file_rel, what_vi, what_en in ((path, rel, "Tệp dữ liệu", "The data file"),
                                             (schema_path, _rel(schema_path), "Lược đồ", "The schema")):
        if not file.exists():
            raise SiteError(file_rel, None, f"Không tìm thấy {what_vi.lower()}.", f"{what_en} is not found.",
                            f"tạo tệp {file_rel}.", f"create {file_rel}.")
        if not file.is_file():
            raise SiteError(
                file_rel, None,
                f"{what_vi} {file_rel} là một thư mục (hoặc không phải tệp thường), không phải một tệp.",
                f"{what_en} {file_rel} is a folder (or not a regular file), not a file.",
                f"xóa thư mục {file_rel} và đặt vào đó chính tệp {file.name}.",
                f"delete the folder {file_rel} and put the file {file.name} there.",
            )
    raw = path.read_bytes()
    textfile.check_size(rel, raw)
    text = decode(rel, raw)
    schema_text = decode(_rel(schema_path), schema_path.read_bytes())
    key = (rel, text, schema_text)
    cached = project.cache.get(key)
    if cached is not None:  # several modules load the same file in one build, serve rebuilds
        return cached
    textfile.check_text(rel, text)
    datafile = parse(rel, text)
    data = datafile.data
    try:
        schema = json.loads(schema_text)
    except json.JSONDecodeError as exc:
        raise SiteError(_rel(schema_path), exc.lineno, f"Lỗi cú pháp JSON: {exc.msg}.", f"JSON syntax error: {exc.msg}.",
                        "kiểm tra dấu phẩy, dấu ngoặc và dấu ngoặc kép ở dòng này và dòng trên.",
                        "check commas, brackets and quotes on this line and the one above.") from None
    # Valid data (every build's) is told so without importing jsonschema (core/schemacheck.py);
    # anything else is judged, and named, by jsonschema.
    errors = [] if schemacheck.valid(schema, data, _python_regex) else _schema_errors(schema, data)
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
    character class becomes `\Z`. ECMA's `\d` is 0-9, Python's any decimal
    digit of any script ("١٠٧" or fullwidth "１０７" in a document number):
    each `\d` becomes 0-9."""
    out, escaped, in_class = [], False, False
    for ch in pattern:
        if escaped:
            escaped = False
            if ch == "d":
                ch = "0-9" if in_class else "[0-9]"
            elif ch == "D" and not in_class:
                ch = "[^0-9]"
            else:
                ch = "\\" + ch
        elif ch == "\\":
            escaped = True
            continue
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
        import jsonschema
        yield jsonschema.ValidationError(f"{excerpt(instance)} does not match {pattern!r}")


def _schema_errors(schema: dict, data: Any) -> list:
    """jsonschema's errors for `data`, the one to name first first: a misspelled
    required field is also a missing one, the misspelling is named."""
    validator = _validator_class()(schema, format_checker=_formats())
    return sorted(validator.iter_errors(data),
                  key=lambda e: ([str(p) for p in e.absolute_path], e.validator != "additionalProperties"))


# jsonschema costs ~0.05 s to import: imported only when a file may break its
# schema (core/schemacheck.py answers for valid files), so a build of valid
# data, a tool, a unit test never pays for it.
@lru_cache(maxsize=1)
def _validator_class():
    import jsonschema
    return jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _pattern})


@lru_cache(maxsize=1)
def _formats():
    import jsonschema
    return jsonschema.FormatChecker()


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
    for path in sorted(p for p in project.data_dir.glob("*.yml") if p.is_file()):  # a folder: load() says so
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
