"""The naming scheme of paragraph addresses: pure functions, no HTML.

A plan is cited by its own numbering ("điểm 2, mục II, Phần II"), so an
address is built from it, as Akoma Ntoso's `eId` builds an element's id from
the ids of the units that hold it (`part_2__sec_II__point_2__para_3`) and
legislation.gov.uk its section addresses (`/part/2/crossheading/…`):

- a heading numbered as the plan numbers its units is a unit:
  "PHẦN II" -> `phan-2`, "II. …" -> `muc-ii`, "2. …" -> `diem-2`,
  "a) …" -> `tiet-a`; a unit holds the units of lower rank after it, up to
  the next heading of its rank or a higher one;
- the units that hold a block, joined by "-", are its unit's id
  (`phan-2-muc-ii-diem-2`); a heading that is not numbered is a unit named by
  its own id (`ke-hoach`, the home page's title), below the numbered units
  above it; a block under no heading at all is in `mo-dau`;
- a block's id is its unit's id, its kind and its place among the blocks of
  that kind directly in that unit, counted from 1: `…-doan-3` (a paragraph or
  list item), `…-bang-1` (a table). A footnote keeps `fn:<n>`, n being the
  number the plan itself prints (unique in the whole plan).

See README.md, "Paragraph addresses", and kehoach/anchors/html.py.
"""
from __future__ import annotations

import re
import unicodedata

# Ranks of the numbered units, outermost first; a unit named by a heading's id ranks below them all.
PHAN, MUC, DIEM, TIET, NAMED = 0, 1, 2, 3, 9
KINDS = ("doan", "bang")  # the counted kinds of block; footnotes are named by their number
FOOTNOTE = "chu-thich"  # the kind of a footnote block (its id stays fn:<n>)
TOP = "mo-dau"  # the unit of blocks under no heading

_ROMAN = re.compile(r"(?=[IVXLCDM])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_PART = re.compile(r"PHẦN\s+([IVXLCDM]+|\d{1,3})(?![\w])", re.IGNORECASE)
_SECTION = re.compile(r"([IVXLCDM]+)\.(?:\s|$)")
_POINT = re.compile(r"(\d{1,3})\.(?:\s|$)")
_ITEM = re.compile(r"([a-zđ])\)(?:\s|$)")


def roman(value: str) -> int | None:
    """The number a Roman numeral stands for, or None if `value` is not one."""
    value = value.upper()
    if not _ROMAN.fullmatch(value):
        return None
    total = 0
    for i, ch in enumerate(value):
        n = _ROMAN_VALUES[ch]
        total += -n if i + 1 < len(value) and _ROMAN_VALUES[value[i + 1]] > n else n
    return total


def unit_part(heading: str) -> tuple[int, str] | None:
    """The unit a heading's text opens, as (rank, part of the id), or None if
    the heading is not numbered the way the plan numbers its units."""
    text = " ".join(unicodedata.normalize("NFC", heading).split())
    if m := _PART.match(text):
        number = m.group(1)
        value = int(number) if number.isdigit() else roman(number)
        return (PHAN, f"phan-{value}") if value else None
    if (m := _SECTION.match(text)) and roman(m.group(1)):
        return MUC, f"muc-{m.group(1).lower()}"
    if m := _POINT.match(text):
        return DIEM, f"diem-{int(m.group(1))}"
    if m := _ITEM.match(text):
        return TIET, "tiet-" + ("dd" if m.group(1) == "đ" else m.group(1))
    return None


def enter(path: tuple[tuple[int, str], ...], part: tuple[int, str]) -> tuple[tuple[int, str], ...]:
    """The units open after a heading that opens `part`: those of higher rank stay."""
    return tuple(p for p in path if p[0] < part[0]) + (part,)


def unit_id(path: tuple[tuple[int, str], ...]) -> str:
    return "-".join(token for _, token in path) or TOP


def block_id(unit: str, kind: str, number: int) -> str:
    return f"{unit}-{kind}-{number}"


def trail(titles: list[str]) -> tuple[tuple[int, str], ...]:
    """The units open where a page starts, from the titles of the nav sections
    that hold it, outermost first ("PHẦN I", "I. Kết quả thực hiện năm 2021");
    a title that is not numbered opens nothing."""
    path: tuple[tuple[int, str], ...] = ()
    for title in titles:
        part = unit_part(title or "")
        if part is not None:
            path = enter(path, part)
    return path
