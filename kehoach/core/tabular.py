"""The writers of the site's CSV and JSON downloads (figures, indicator tables, register).

UTF-8 with a byte order mark (so spreadsheet programs read Vietnamese
letters), comma separated, CRLF line ends; None is an empty field.

A spreadsheet program runs a cell that starts with "=", "+", "-" or "@" as a
formula (a tab or carriage return in front hides one), and a formula can
fetch addresses or run commands on the reader's computer. Text from data/
is written by contributors, so such a cell gets a leading apostrophe: the
spreadsheet shows it as text, the apostrophe hidden. Numbers stay numbers:
a number in the data (-3.5), and a text that is exactly a negative decimal
number ("-3.5"), are written as they are.
"""
from __future__ import annotations

import csv
import json
import io
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEGATIVE_NUMBER = re.compile(r"-\d+(?:[.,]\d+)?\Z")


def cell(value) -> str | int | float:
    """What one field of a download holds."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):  # bool too: written True/False as before
        return value
    text = str(value)
    if text.startswith(FORMULA_START) and not _NEGATIVE_NUMBER.match(text):
        return "'" + text
    return text


def write(header: list[str], rows) -> str:
    """The whole CSV file, byte order mark first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([cell(v) for v in header])
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return "\ufeff" + out.getvalue()


def json_text(obj) -> str:
    """A JSON download: UTF-8 letters as they are, indented, one final newline."""
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
