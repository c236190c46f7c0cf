"""Vietnamese number format and reading the plan's stated comparisons."""
import pytest

from kehoach.core.numbers import Stated, format_number, format_percent, parse_stated


@pytest.mark.parametrize("value,decimals,shown", [
    (12.5, None, "12,5"), (7.0, None, "7,0"), (1234, None, "1.234"), (1234567.25, None, "1.234.567,25"),
    (0, None, "0"), (200 / 3, 1, "66,7"), (-7.41, 1, "-7,4"), (100, 1, "100,0"),
])
def test_format_number(value, decimals, shown):
    assert format_number(value, decimals) == shown


def test_format_percent():
    assert format_percent(2 / 3 * 100) == "66,7%"


def test_parse_stated():
    assert parse_stated("Tăng 1,5%") == Stated(True, 1.5)
    assert parse_stated("Giảm 2%") == Stated(False, 2.0)
    assert parse_stated("") is None and parse_stated("khoảng 3%") is None
