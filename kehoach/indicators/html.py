"""HTML for an indicator table such as "Biểu mẫu số 06", and its note.

`table_html` draws the table exactly as printed: the plan's header in one or
two rows (a group such as "Năm 2021" spans its columns), each row's figures in
Vietnamese number format, empty cells left empty with a hidden "để trống" for
screen readers. The caption is the site's wording, so it is marked
`data-kh-chrome`. `note_html` explains, as the site's own computation, what the
values imply for the comparison columns (see comparisons.py).
"""
from __future__ import annotations

from html import escape

from kehoach.indicators.comparisons import Check
from kehoach.indicators.model import Table
from kehoach.core import chrome
from kehoach.core.numbers import format_number, format_percent

EMPTY = f'<span class="kh-sr-only" {chrome.MARK}>(để trống trong bản ký)</span>'


def _label(text: str) -> str:
    """The attribute that names a cell's column on a phone (site.css, kh-reflow),
    proven ours (a page's own data-label is dropped: kehoach/core/chrome.py)."""
    return chrome.label(text)


def _column_label(column) -> str:
    return f"{column.group} — {column.label}" if column.group else column.label


def _cell(value, column) -> str:
    label = _label(_column_label(column))
    if value is None:
        return f'<td class="kh-empty"{label}>{EMPTY}</td>'
    if column.is_comparison:
        return f'<td class="kh-num"{label}>{escape(value)}</td>'
    return f'<td class="kh-num"{label}>{escape(format_number(value))}</td>'


def _header(table: Table) -> str:
    two_rows = any(group for group, _ in table.groups)
    span = ' rowspan="2"' if two_rows else ""
    first, second = [], []
    for key in ("number", "name", "unit"):
        first.append(f'<th scope="col"{span}>{escape(table.header[key])}</th>')
    for group, columns in table.groups:
        if group:
            first.append(f'<th scope="colgroup" colspan="{len(columns)}">{escape(group)}</th>')
            second += [f'<th scope="col">{escape(c.label)}</th>' for c in columns]
        else:
            first += [f'<th scope="col"{span}>{escape(c.label)}</th>' for c in columns]
    rows = [f"<tr>{''.join(first)}</tr>"]
    if two_rows:
        rows.append(f"<tr>{''.join(second)}</tr>")
    return "<thead>\n" + "\n".join(rows) + "\n</thead>"


def _colgroups(table: Table) -> str:
    out = ['<colgroup span="3"></colgroup>']
    for group, columns in table.groups:
        if group:
            out.append(f'<colgroup span="{len(columns)}"></colgroup>')
        else:
            out += ["<col>" for _ in columns]
    return "".join(out)


def table_html(table: Table) -> str:
    body = []
    for row in table.rows:
        unit = row["unit"]
        number, unit_label = _label(table.header["number"]), _label(table.header["unit"])
        cells = [
            f'<td class="kh-num"{number}>{escape(row["number"])}</td>',
            f'<th scope="row">{escape(row["name"])}</th>',
            f"<td{unit_label}>{escape(unit)}</td>" if unit else f'<td class="kh-empty"{unit_label}>{EMPTY}</td>',
        ]
        cells += [_cell(row["values"].get(c.id), c) for c in table.columns]
        body.append(f'<tr id="{escape(table.id)}-{escape(row["id"])}">{"".join(cells)}</tr>')
    return (
        f'<div class="kh-table-scroll" role="region" tabindex="0" aria-labelledby="{table.id}-caption">\n'
        f'<table class="kh-indicators kh-reflow" id="bang-{table.id}">\n'
        f'<caption id="{table.id}-caption" {chrome.MARK}>{escape(table.caption)}</caption>\n'
        f"{_colgroups(table)}\n{_header(table)}\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n</div>\n"
    )


def _quote(text: str) -> str:
    return f"“{escape(text)}”"


def _col_name(column) -> str:
    label = _quote(column.label)
    return f"{label} ({escape(column.group)})" if column.group else label


def _numbers(row_numbers: list[str], total: int) -> str:
    if len(row_numbers) == total:
        return f"ở cả {total} dòng" if total > 1 else "ở dòng duy nhất"
    return "ở dòng " + ", ".join(row_numbers)


def _trial(check: Check) -> str:
    a, b = format_number(check.a), format_number(check.b)
    text = f"{a} / {b} = {format_percent(check.ratio)}"
    if check.places is not None and check.places:
        word = "lên" if check.places > 0 else "xuống"
        text += f" (hạng {b} {word} {a}: {word} {format_number(abs(check.places))} bậc)"
    elif check.places is None:
        word = "tăng" if check.change >= 0 else "giảm"
        text += f", tức {word} {format_percent(abs(check.change))}"
    return text


def _verdict(check: Check) -> str:
    if not check.computable:
        return "Không tính được: thiếu số liệu."
    if check.stated is None:
        return "Bản ký không ghi tỉ lệ dạng “Tăng/Giảm …%” nên không đối chiếu được."
    if check.reading == "ratio":
        return "Khớp với tỉ số tính thử."
    if check.reading == "change":
        return "Khớp với mức thay đổi tính thử."
    ratio = format_percent(check.ratio)
    change = format_percent(abs(check.change))
    text = f"Không khớp với tỉ số {ratio} hay mức thay đổi {change}."
    if check.reading == "ratio/10":
        text += f" Bằng một phần mười tỉ số ({format_number(check.ratio / 10, 1)})."
    return text


CHECK_COLUMNS = ("Chỉ tiêu", "Cột so sánh", "Bản ký ghi", "Tính thử", "Đối chiếu")


def note_html(table: Table, checks: list[Check]) -> str:
    """The site's own reading of the comparison columns, marked as such."""
    if not checks:
        return ""
    total = len(table.rows)
    paras = [
        "Phần này do trang web tính để người đọc tham khảo, <strong>không phải nội dung của Kế hoạch</strong>. "
        "Mọi ô của biểu ở trên được giữ nguyên như bản ký."
    ]
    missing: dict[str, tuple[list, list]] = {}
    for check in checks:
        for col in check.missing:
            rows, cols = missing.setdefault(col.id, ([], []))
            if check.row["number"] not in rows:
                rows.append(check.row["number"])
            if check.column not in cols:
                cols.append(check.column)
    for col_id, (rows, cols) in missing.items():
        column = table.column(col_id)
        paras.append(
            f"Cột {_col_name(column)} để trống {_numbers(rows, total)}, nên các tỉ lệ ghi ở cột "
            + " và ".join(_quote(c.label) for c in cols)
            + " <strong>không thể suy ra từ số liệu của biểu</strong>."
        )
    substitutes = {(c.missing[0].id, c.substitute.id) for c in checks if c.substitute}
    for missing_id, sub_id in sorted(substitutes):
        paras.append(
            f"Để tham khảo, bảng dưới đây tính thử bằng cách lấy số ở cột {_col_name(table.column(sub_id))} "
            f"thay cho ô {_col_name(table.column(missing_id))} còn trống."
        )
    legend = "Tỉ số là số trước dấu “/” của cột so sánh chia cho số sau, tính theo phần trăm; mức thay đổi là tỉ số trừ đi 100%."
    if any(row["kind"] == "rank" for row in table.rows):
        legend += " Với thứ hạng, số càng nhỏ thì thứ hạng càng cao."
    paras.append(legend)
    head = "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in CHECK_COLUMNS) + "</tr></thead>"
    body = []
    per_row: dict[str, list[Check]] = {}
    for check in checks:
        per_row.setdefault(check.row["id"], []).append(check)
    for row_checks in per_row.values():
        row = row_checks[0].row
        for i, check in enumerate(row_checks):
            first = (
                f'<th scope="rowgroup" rowspan="{len(row_checks)}">{escape(row["number"])}. {escape(row["name"])}</th>'
                if i == 0 else ""
            )
            stated = escape(check.stated_text) if check.stated_text else "(để trống)"
            trial = _trial(check) if check.computable else "—"
            cells = zip(CHECK_COLUMNS[1:], (escape(check.column.label), stated, trial, _verdict(check)))
            body.append(f"<tr>{first}" + "".join(f"<td{_label(h)}>{v}</td>" for h, v in cells) + "</tr>")
    heading_id = f"{table.id}-doi-chieu"
    return (
        f'<section class="kh-note" {chrome.MARK} aria-labelledby="{heading_id}">\n'
        f'<h2 id="{heading_id}">Đối chiếu các cột so sánh (trang web tính)</h2>\n'
        + "".join(f"<p>{p}</p>\n" for p in paras)
        + '<div class="kh-table-scroll" role="region" tabindex="0" '
        f'aria-label="Bảng tính thử các cột so sánh của {escape(table.title)}">\n'
        f'<table class="kh-checks kh-reflow">\n{head}\n<tbody>\n' + "\n".join(body) + "\n</tbody>\n</table>\n</div>\n"
        + "</section>\n"
    )
