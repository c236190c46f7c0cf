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
    return indented(obj) + "\n"


class _Unusual(Exception):
    """A value `indented` leaves to json.dumps (a key that is not text, NaN, a
    type JSON has no word for, a cycle), which then writes it or refuses it."""


def indented(obj) -> str:
    """`json.dumps(obj, ensure_ascii=False, indent=2)`, character for character,
    written about 3 times faster: json writes indented output with its Python
    encoder, a generator per list and mapping. Strings go through json's own C
    escaper; anything unusual is handed to json.dumps itself."""
    parts: list[str] = []
    try:
        _indented(obj, "\n", parts.append)
    except (_Unusual, RecursionError):
        return json.dumps(obj, ensure_ascii=False, indent=2)
    return "".join(parts)


_ESCAPE = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) writes a string with
_CONSTANTS = {None: "null", True: "true", False: "false"}


def _scalar(o) -> str | None:
    """A value that is not a list or mapping as json writes it; None for a list or mapping."""
    # The order of json's own encoder: str, None, True, False, int, float, list/tuple, dict.
    if isinstance(o, str):
        return _ESCAPE(o)
    if o is None or o is True or o is False:
        return _CONSTANTS[o]
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        if o != o or o in (float("inf"), float("-inf")):
            raise _Unusual
        return float.__repr__(o)
    if isinstance(o, (list, tuple, dict)):
        return None
    raise _Unusual


def _indented(o, indent: str, put) -> None:
    """`o` written at `indent` (a line break and the spaces before the line)."""
    text = _ESCAPE(o) if type(o) is str else _scalar(o)
    if text is not None:
        put(text)
        return
    if not o:
        put("{}" if isinstance(o, dict) else "[]")
        return
    inner = indent + "  "  # each item on a line of its own, two spaces further in
    lead, rest = inner, "," + inner  # before the first item, before each other one
    if isinstance(o, dict):
        put("{")
        for key, value in o.items():
            if type(key) is not str and not isinstance(key, str):
                raise _Unusual
            text = _ESCAPE(value) if type(value) is str else _scalar(value)
            if text is not None:
                put(lead + _ESCAPE(key) + ": " + text)
            else:
                put(lead + _ESCAPE(key) + ": ")
                _indented(value, inner, put)
            lead = rest
        put(indent + "}")
    else:
        put("[")
        for item in o:
            text = _ESCAPE(item) if type(item) is str else _scalar(item)
            if text is not None:
                put(lead + text)
            else:
                put(lead)
                _indented(item, inner, put)
            lead = rest
        put(indent + "]")
