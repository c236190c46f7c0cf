"""Each data cell of a table carries the header of its column, for phones.

On a narrow screen (site.css, class kh-reflow) a table's rows are shown as
labelled blocks: every <td> shows its column's header before its value,
written there by CSS from the cell's `data-label`. The tables drawn from data
(tables.py, figure_html.py, register_render.py) write their own labels; this
pass labels the tables that come from Markdown, reading their <thead>.

A header of two rows names a cell by both: "Năm 2021 — Kế hoạch". Cells
spanning rows or columns (rowspan, colspan) are placed where a browser puts
them. A table that already has a label, or has no header row, is left as it is.
"""
from __future__ import annotations

import re
from html import escape, unescape

_TABLE = re.compile(r"(<table\b)([^>]*)>(.*?)</table>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<(t[hd])\b([^>]*)>(.*?)</\1>", re.S)
_SPAN = {name: re.compile(rf'\b{name}="(\d+)"') for name in ("rowspan", "colspan")}
_CLASS = re.compile(r'\bclass="([^"]*)"')

REFLOW = "kh-reflow"
MIN_COLUMNS = 3  # two columns fit a phone as they are
# A browser spans at most 1000 columns (HTML's colspan limit), and a rowspan ends
# with its table section: the same bounds keep a hostile span from costing
# memory and time here.
MAX_COLSPAN = 1000


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _span(attrs: str, name: str) -> int:
    m = _SPAN[name].search(attrs)
    span = max(1, int(m.group(1))) if m else 1
    return min(span, MAX_COLSPAN) if name == "colspan" else span


def _place(rows: list[str]):
    """Yield (row index, first column, cell match) as a browser lays the cells out."""
    covered: list[int] = []  # per column: the last row a cell placed so far covers (-1: none)
    for r, row in enumerate(rows):
        col = 0
        for cell in _CELL.finditer(row):
            while col < len(covered) and covered[col] >= r:
                col += 1
            last = r + min(_span(cell.group(2), "rowspan"), len(rows) - r) - 1
            cs = _span(cell.group(2), "colspan")
            covered.extend([-1] * (col + cs - len(covered)))
            for c in range(col, col + cs):
                covered[c] = max(covered[c], last)
            yield r, col, cell
            col += cs


def column_labels(thead: str) -> list[str]:
    """The label of each column: the texts of the header cells above it, top first."""
    names: dict[int, list[str]] = {}
    for _, col, cell in _place(_ROW.findall(thead)):
        text = _text(cell.group(3))
        for c in range(col, col + _span(cell.group(2), "colspan")):
            if text and text not in names.setdefault(c, []):
                names[c].append(text)
    return [" — ".join(names.get(c, [])) for c in range(max(names, default=-1) + 1)]


def _label_body(body: str, labels: list[str]) -> str:
    rows = list(_ROW.finditer(body))
    edits: list[tuple[int, int, str]] = []
    for r, col, cell in _place([m.group(1) for m in rows]):
        if cell.group(1) != "td" or col >= len(labels) or not labels[col]:
            continue
        start = rows[r].start(1) + cell.start()
        edits.append((start, start + len("<td"), f'<td data-label="{escape(labels[col])}"'))
    pieces, pos = [], 0  # one pass: splicing each edit into the string would copy it once per cell
    for start, end, new in sorted(edits):
        pieces += [body[pos:start], new]
        pos = end
    return "".join(pieces) + body[pos:]


def _label_table(m: re.Match) -> str:
    opening, attrs, inner = m.groups()
    head = re.search(r"<thead\b[^>]*>(.*?)</thead>", inner, re.S)
    if head is None or "data-label=" in inner:
        return m.group(0)
    labels = column_labels(head.group(1))
    if len(labels) < MIN_COLUMNS:
        return m.group(0)
    inner = inner[:head.end()] + _label_body(inner[head.end():], labels)
    cls = _CLASS.search(attrs)
    if cls:
        attrs = attrs[:cls.start(1)] + f"{cls.group(1)} {REFLOW}" + attrs[cls.end(1):]
    else:
        attrs += f' class="{REFLOW}"'
    return f"{opening}{attrs}>{inner}</table>"


def label_tables(html: str) -> str:
    """Label the data cells of every table with a header row of at least three columns."""
    if "<table" not in html:
        return html
    return _TABLE.sub(_label_table, html)
