"""The indicator tables of data/indicators.yml, checked beyond their schema.

The schema says what each field looks like; this module checks what a schema
cannot: ids are unique, every row has a value for every column (null when the
plan leaves the cell empty), figures are numbers, a rank (kind: rank) is a whole
number from 1, comparisons name real columns. (Every number is finite and every
string meets one character rule: core/data.py's loader, for every file.) Each problem stops the build naming file, line and field. And a page
may only call indicator_table("id") with the id of a table (check_page_calls).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kehoach.core import data
from kehoach.core.errors import SiteError, excerpt, line_of


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    group: str | None = None
    plan_column: str | None = None
    compares: tuple[str, str] | None = None

    @property
    def is_comparison(self) -> bool:
        return self.compares is not None


@dataclass
class Table:
    id: str
    title: str
    caption: str
    header: dict
    columns: list[Column]
    rows: list[dict]
    groups: list[tuple[str | None, list[Column]]] = field(default_factory=list)

    def column(self, column_id: str) -> Column:
        return next(c for c in self.columns if c.id == column_id)


def _check_table(df: data.DataFile, index: int, raw: dict) -> Table:
    base = ["tables", index]
    df.check_unique([*base, "rows"], "id")
    columns: list[Column] = []
    groups: list[tuple[str | None, list[Column]]] = []
    paths: dict[str, list] = {}
    for ci, item in enumerate(raw["columns"]):
        members = item["columns"] if "group" in item else [item]
        group = item.get("group")
        made = []
        for mi, col in enumerate(members):
            path = [*base, "columns", ci, "columns", mi] if group else [*base, "columns", ci]
            if col["id"] in paths:
                raise df.error(
                    [*path, "id"],
                    f"Mã cột '{col['id']}' bị trùng trong biểu '{raw['id']}'.",
                    f"Duplicate column id '{col['id']}' in table '{raw['id']}'.",
                    "đặt cho mỗi cột một mã riêng.", "give each column its own id.",
                )
            paths[col["id"]] = path
            compares = tuple(col["compares"]) if "compares" in col else None
            made.append(Column(col["id"], col["label"], group, col.get("plan_column"), compares))
        columns.extend(made)
        groups.append((group, made))
    ids = {c.id for c in columns}
    for c in columns:
        refs = [("plan_column", c.plan_column)] if c.plan_column else []
        refs += [("compares", r) for r in (c.compares or ())]
        for key, ref in refs:
            if ref not in ids or (ref in ids and next(x for x in columns if x.id == ref).is_comparison):
                shown = excerpt(ref, quote=False)  # what the file wrote: at most one short line quoted
                raise df.error(
                    [*paths[c.id], key],
                    f"Cột '{c.id}' nhắc tới cột '{shown}' nhưng biểu không có cột số liệu nào mang mã này.",
                    f"Column '{c.id}' refers to '{shown}', which is not a figure column of this table.",
                    f"dùng một trong các mã: {', '.join(sorted(i for i in ids if i != c.id))}.",
                    "use the id of a figure column of the same table.",
                )
    for ri, row in enumerate(raw["rows"]):
        rpath = [*base, "rows", ri, "values"]
        values = row["values"]
        for c in columns:
            if c.id not in values:
                raise df.error(
                    rpath,
                    f"Dòng '{row['id']}' thiếu giá trị cho cột '{c.id}' ({c.label}).",
                    f"Row '{row['id']}' has no value for column '{c.id}' ({c.label}).",
                    f"thêm '{c.id}: ...'; nếu bản ký để trống ô này thì ghi '{c.id}: null' (không ghi 0).",
                    f"add '{c.id}: ...'; if the signed plan leaves the cell empty write '{c.id}: null' (not 0).",
                )
            value = values[c.id]
            if value is None:
                continue
            if c.is_comparison and not isinstance(value, str):
                raise df.error(
                    [*rpath, c.id],
                    f"Trường values.{c.id} của dòng '{row['id']}' có kiểu sai: cột so sánh ghi chữ đúng như bản ký, ví dụ \"Tăng 1,5%\".",
                    f"Field values.{c.id} of row '{row['id']}' has the wrong type: a comparison is text as printed, e.g. \"Tăng 1,5%\".",
                    "đặt giá trị trong dấu ngoặc kép.", "quote the value.",
                )
            if not c.is_comparison and (isinstance(value, bool) or not isinstance(value, (int, float))):
                raise df.error(
                    [*rpath, c.id],
                    f"Trường values.{c.id} của dòng '{row['id']}' có kiểu sai: cần một số, đang là {excerpt(value)}.",
                    f"Field values.{c.id} of row '{row['id']}' has the wrong type: expected a number, got {excerpt(value)}.",
                    "ghi số không đặt trong ngoặc kép, dùng dấu chấm thập phân (12.5); ô để trống ghi null.",
                    "write the number unquoted with a decimal point (12.5); an empty cell is null.",
                )
            if row["kind"] == "rank" and not c.is_comparison and (not isinstance(value, int) or value < 1):
                raise df.error(
                    [*rpath, c.id],
                    f"Trường values.{c.id} của dòng '{row['id']}' là thứ hạng (kind: rank) nhưng giá trị {excerpt(value)} "
                    "không phải số nguyên từ 1 trở lên. Quy tắc: thứ hạng là số nguyên dương (hạng 1 là cao nhất).",
                    f"Field values.{c.id} of row '{row['id']}' is a rank (kind: rank) but {excerpt(value)} is not a whole "
                    "number from 1 up. Rule: a rank is a positive whole number (1 is the highest).",
                    "ghi thứ hạng đúng như bản ký, là số nguyên (ví dụ 13, không ghi 13.0 hay 013).",
                    "write the rank as signed, a whole number (13, not 13.0 or 013).",
                )
        for key in values:
            if key not in ids:
                raise df.error(
                    [*rpath, key],
                    f"Dòng '{row['id']}' có giá trị cho cột '{excerpt(key, quote=False)}' nhưng biểu không có cột này.",
                    f"Row '{row['id']}' has a value for column '{excerpt(key, quote=False)}', which the table does not have.",
                    "sửa mã cột cho đúng hoặc xóa dòng này.", "fix the column id or remove the line.",
                )
    return Table(raw["id"], raw["title"], raw["caption"], raw["header"], columns, raw["rows"], groups)


def load_tables(project: data.Project, name: str = "indicators") -> dict[str, Table]:
    df = data.load(name, project)
    df.check_unique(["tables"], "id")
    return {raw["id"]: _check_table(df, i, raw) for i, raw in enumerate(df.data["tables"])}


_TABLE_CALL = re.compile(r"""indicator_table\(\s*["']([^"']*)["']""")


def unknown_table(path: str, source: str, table_id: str, known) -> SiteError:
    quoted = excerpt(table_id, quote=False)  # what the page wrote: at most one line quoted
    return SiteError(
        path, line_of(source, table_id),
        f"Không có biểu '{quoted}' trong data/indicators.yml.",
        f"There is no table '{quoted}' in data/indicators.yml.",
        f"dùng một trong các mã: {', '.join(known)}.",
        f"use one of: {', '.join(known)}.",
    )


def check_page_calls(project: data.Project, path: str, source: str) -> None:
    """Before macros render a page: every indicator_table("id") names a table.
    `path`: the page as a contributor names it (docs/bieu-mau-06.md).

    (A macro that raises while mkdocs-macros renders makes it print a Python
    traceback; checking here gives the one-message error instead.)
    """
    ids = _TABLE_CALL.findall(source)
    if not ids:
        return
    known = load_tables(project)
    for table_id in ids:
        if table_id not in known:
            raise unknown_table(path, source, table_id, known)
