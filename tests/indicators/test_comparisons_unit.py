"""comparisons.check_row on rows where values are present, missing, or disagree."""
from kehoach.indicators.comparisons import check_row
from kehoach.indicators.model import Column, Table

COLS = [
    Column("th2020", "Thực hiện 2020"),
    Column("kh2021", "Kế hoạch", "Năm 2021"),
    Column("th2021", "Thực hiện cả năm", "Năm 2021", plan_column="kh2021"),
    Column("cmp", "TH 2021/ TH 2020", "So sánh (%)", compares=("th2021", "th2020")),
]


def table(values: dict, kind: str = "number") -> tuple[Table, dict]:
    row = {"id": "x", "number": "1", "name": "X", "unit": None, "kind": kind, "values": values}
    return Table("t", "T", "c", {}, COLS, [row]), row


def test_stated_ratio_agrees():
    t, row = table({"th2020": 200, "kh2021": 210, "th2021": 220, "cmp": "Tăng 110,0%"})
    check = check_row(t, row, COLS[3])
    assert check.missing == [] and check.substitute is None
    assert round(check.ratio, 1) == 110.0 and check.reading == "ratio"


def test_stated_change_agrees():
    t, row = table({"th2020": 200, "kh2021": 210, "th2021": 220, "cmp": "Tăng 10,0%"})
    assert check_row(t, row, COLS[3]).reading == "change"


def test_stated_figure_disagrees():
    t, row = table({"th2020": 200, "kh2021": 210, "th2021": 220, "cmp": "Tăng 12,0%"})
    check = check_row(t, row, COLS[3])
    assert check.computable and check.reading is None


def test_direction_matters_for_ranks():
    # rank 13 -> 12 is one place up; "Giảm 7,7%" does not say that
    t, row = table({"th2020": 13, "kh2021": 12, "th2021": 12, "cmp": "Giảm 7,7%"}, kind="rank")
    check = check_row(t, row, COLS[3])
    assert check.places == 1 and check.reading is None


def test_empty_result_uses_plan_figure_and_says_so():
    t, row = table({"th2020": 27, "kh2021": 25, "th2021": None, "cmp": "Tăng 9,3%"}, kind="rank")
    check = check_row(t, row, COLS[3])
    assert [c.id for c in check.missing] == ["th2021"]
    assert check.substitute.id == "kh2021" and (check.a, check.b) == (25, 27)
    assert check.reading == "ratio/10"


def test_nothing_to_compute_without_values():
    t, row = table({"th2020": None, "kh2021": None, "th2021": None, "cmp": None})
    check = check_row(t, row, COLS[3])
    assert not check.computable and check.reading is None
