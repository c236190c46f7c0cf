"""Each data cell of a table carries the header of its column, for phones.

On a narrow screen (site.css, class kh-reflow) a table's rows are shown as
labelled blocks: every <td> shows its column's header before its value,
written there by CSS from the cell's `data-label`. The tables drawn from data
(indicators/html.py, figures/html.py, register/html.py) write their own labels;
this pass labels the tables that come from Markdown, reading their <thead>, in
the page's tree (kehoach/core/htmltree.py), in place.

A header of two rows names a cell by both: "Năm 2021 — Kế hoạch". Cells
spanning rows or columns (rowspan, colspan) are placed where a browser puts
them. A table that already has a label, or has no header row, is left as it is.
"""
from __future__ import annotations

from kehoach.core import htmltree

REFLOW = "kh-reflow"
MIN_COLUMNS = 3  # two columns fit a phone as they are
# A browser spans at most 1000 columns (HTML's colspan limit), and a rowspan ends
# with its table section: the same bounds keep a hostile span from costing
# memory and time here.
MAX_COLSPAN = 1000
_HUGE = 10**9  # any span of more digits than this is bounded below anyway


def _span(cell: htmltree.Element, name: str) -> int:
    value = cell.get(name) or ""
    if not (value.isascii() and value.isdigit()):
        return 1
    span = max(1, int(value) if len(value) <= 9 else _HUGE)
    return min(span, MAX_COLSPAN) if name == "colspan" else span


def _own(el: htmltree.Element, table: htmltree.Element, tag: str) -> list[htmltree.Element]:
    """The `tag` elements below `el` that belong to `table`, not to a table inside it."""
    return [x for x in el.iter(tag) if next(x.iterancestors("table"), None) is table]


def _place(rows: list[list[htmltree.Element]]):
    """Yield (row index, first column, cell) as a browser lays the cells out."""
    covered: list[int] = []  # per column: the last row a cell placed so far covers (-1: none)
    for r, cells in enumerate(rows):
        col = 0
        for cell in cells:
            while col < len(covered) and covered[col] >= r:
                col += 1
            last = r + min(_span(cell, "rowspan"), len(rows) - r) - 1
            cs = _span(cell, "colspan")
            covered.extend([-1] * (col + cs - len(covered)))
            for c in range(col, col + cs):
                covered[c] = max(covered[c], last)
            yield r, col, cell
            col += cs


def _sections(rows: list[htmltree.Element]) -> list[list[htmltree.Element]]:
    """`rows` cut where their parent changes: one list per table section, in order."""
    sections: list[list[htmltree.Element]] = []
    for row in rows:
        if sections and sections[-1][-1].getparent() is row.getparent():
            sections[-1].append(row)
        else:
            sections.append([row])
    return sections


def _cells(row: htmltree.Element) -> list[htmltree.Element]:
    return [c for c in row.iter("th", "td") if next(c.iterancestors("tr"), None) is row]


def column_labels(rows: list[list[htmltree.Element]]) -> list[str]:
    """The label of each column: the texts of the header cells above it, top first."""
    names: dict[int, list[str]] = {}
    for _, col, cell in _place(rows):
        text = htmltree.spaced_text(cell)
        for c in range(col, col + _span(cell, "colspan")):
            if text and text not in names.setdefault(c, []):
                names[c].append(text)
    return [" — ".join(names.get(c, [])) for c in range(max(names, default=-1) + 1)]


def _label_first(cell: htmltree.Element, label: str) -> None:
    """Set data-label as the cell's first attribute."""
    others = list(cell.attrib.items())
    cell.attrib.clear()
    cell.set("data-label", label)
    for name, value in others:
        cell.set(name, value)


_LABELLED = htmltree.finder("boolean(descendant-or-self::*[@data-label])")  # a table labelled already


def _label_table(table: htmltree.Element) -> bool:
    head = next(iter(_own(table, table, "thead")), None)
    if head is None or _LABELLED(table):
        return False
    labels = column_labels([_cells(row) for row in _own(head, table, "tr")])
    if len(labels) < MIN_COLUMNS:
        return False
    body = [row for row in _own(table, table, "tr") if not any(a is head for a in row.iterancestors("thead"))]
    for section in _sections(body):  # a rowspan ends with its section (tbody, tfoot), as in a browser
        for _, col, cell in _place([_cells(row) for row in section]):
            if cell.tag == "td" and col < len(labels) and labels[col]:
                _label_first(cell, labels[col])
    cls = table.get("class")
    table.set("class", f"{cls} {REFLOW}" if cls is not None else REFLOW)
    return True


def label_tables(root: htmltree.Element) -> bool:
    """Label the data cells of every table with a header row of at least three
    columns. True if any table was labelled."""
    changed = False
    for table in list(root.iter("table")):
        changed |= _label_table(table)
    return changed
