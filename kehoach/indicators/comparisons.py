"""What the values of an indicator table imply for its comparison columns.

The plan's comparison cells are shown exactly as printed. This module works
out, for each of them, whether it can follow from the values in the same row,
and if a value is missing, what a trial with the plan figure of the same year
gives. Nothing here changes a figure of the plan; the results are shown in a
note marked as computed by the site.
"""
from __future__ import annotations

from dataclasses import dataclass

from kehoach.indicators.model import Column, Table
from kehoach.core.numbers import Stated, parse_stated

# A stated percentage "agrees" with a computed one when equal once rounded to
# the one decimal the plan prints.
_TOLERANCE = 0.05


@dataclass
class Check:
    row: dict
    column: Column
    stated_text: str | None
    stated: Stated | None
    numerator: Column
    denominator: Column
    missing: list[Column]          # figure columns left empty in this row
    substitute: Column | None      # plan column used in place of an empty result
    a: float | None = None         # numerator value used (maybe substituted)
    b: float | None = None         # denominator value used
    ratio: float | None = None     # a / b in %
    change: float | None = None    # ratio - 100
    places: float | None = None    # for ranks: places gained (b - a)
    reading: str | None = None     # which computed figure the stated one equals

    @property
    def computable(self) -> bool:
        return self.ratio is not None


def _matches(x: float, y: float) -> bool:
    return abs(round(x, 1) - round(y, 1)) < _TOLERANCE


def _reading(stated: Stated, ratio: float, change: float, rank: bool) -> str | None:
    """Name the computed figure the stated percentage equals, if any."""
    improved = (change < 0) if rank else (change > 0)
    if _matches(stated.percent, ratio):
        return "ratio"
    if _matches(stated.percent, abs(change)) and stated.up == improved:
        return "change"
    if _matches(stated.percent, ratio / 10):
        return "ratio/10"
    return None


def check_row(table: Table, row: dict, column: Column) -> Check:
    values = row["values"]
    num, den = (table.column(i) for i in column.compares)
    stated_text = values.get(column.id)
    check = Check(row, column, stated_text, parse_stated(stated_text), num, den,
                  [c for c in (num, den) if values.get(c.id) is None], None)
    used = {}
    for c in (num, den):
        value = values.get(c.id)
        if value is None and c.plan_column and values.get(c.plan_column) is not None:
            check.substitute = table.column(c.plan_column)
            value = values[c.plan_column]
        used[c.id] = value
    a, b = used[num.id], used[den.id]
    if a is None or b is None or b == 0:
        return check
    check.a, check.b = a, b
    check.ratio = a / b * 100
    check.change = check.ratio - 100
    if row["kind"] == "rank":
        check.places = b - a
    if check.stated:
        check.reading = _reading(check.stated, check.ratio, check.change, row["kind"] == "rank")
    return check


def check_table(table: Table) -> list[Check]:
    return [
        check_row(table, row, column)
        for row in table.rows
        for column in table.columns
        if column.is_comparison
    ]
