"""Numbers written the Vietnamese way, and the percentages the plan states.

Vietnamese uses a decimal comma and a dot between thousands: 1.234; 12,5.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_STATED = re.compile(r"^(Tăng|Giảm)\s+(\d+(?:,\d+)?)\s*%$", re.IGNORECASE)


def format_number(value: float | int, decimals: int | None = None) -> str:
    """12.5 -> "12,5"; 1234 -> "1.234"; 7.0 -> "7,0"; (2/3*100, 1) -> "66,7".

    Without `decimals` a float keeps the digits it was written with in YAML
    (Python's shortest repr), so 7.0 stays "7,0".
    """
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if decimals is None:
        text = str(value) if isinstance(value, float) else str(int(value))
    else:
        text = f"{value:.{decimals}f}"
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups)
    return f"{sign}{out},{frac}" if frac else f"{sign}{out}"


def format_percent(value: float, decimals: int = 1) -> str:
    return f"{format_number(value, decimals)}%"


@dataclass(frozen=True)
class Stated:
    """A comparison as the plan prints it: "Tăng 1,5%" -> up, 9.3."""

    up: bool
    percent: float


def parse_stated(text: str | None) -> Stated | None:
    """Read "Tăng 1,5%" / "Giảm 2%"; None when the text says something else."""
    if not text:
        return None
    m = _STATED.match(text.strip())
    if not m:
        return None
    return Stated(m.group(1).lower() == "tăng", float(m.group(2).replace(",", ".")))
