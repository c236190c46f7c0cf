"""HTML for the page "Chỉ số và số liệu": the index table, the other figures,
and the list of checks. Everything shown comes from data/figures.yml or is
computed from it and marked "(tính)". `link(page, anchor)` gives the URL of a
source paragraph relative to the current page.
"""
from __future__ import annotations

from html import escape
from typing import Callable

from kehoach.figures.model import IndexResult, Value, rank
from kehoach.core import chrome
from kehoach.core.numbers import format_number

SOURCE = "Nguồn trong Kế hoạch"
COMPUTED = ' <span class="kh-computed__tag">(tính)</span>'


def _label(text: str) -> str:
    """The attribute that names a cell's column on a phone (site.css, kh-reflow),
    proven ours (a page's own data-label is dropped: kehoach/core/chrome.py)."""
    return chrome.label(text)


def _wrap(text: str, value: Value) -> str:
    if value.computed:
        title = f' title="Trang web tính: {escape(value.how)}"' if value.how else ""
        return f'<span class="kh-computed"{title}>{text}{COMPUTED}</span>'
    return text


def _score(r: IndexResult, value: Value) -> str:
    if value.value is None:
        return '<span class="kh-sr-only">Kế hoạch không nêu</span><span aria-hidden="true">—</span>'
    n = format_number(value.value, 2 if value.computed else None)
    unit = r.raw["unit"]
    text = f"{n}/{format_number(r.raw['out_of'])}" if r.raw["out_of"] else (f"{n}%" if unit == "%" else f"{n} {escape(unit)}")
    return _wrap(text, value)


def _rank(value: Value, among: int) -> str:
    if value.value is None:
        return '<span class="kh-sr-only">Kế hoạch không nêu</span><span aria-hidden="true">—</span>'
    return _wrap(f"{rank(value.value)}/{among}", value)


def _score_change(r: IndexResult) -> str:
    v = r.score_change
    if v.value is None:
        return '<span class="kh-sr-only">Kế hoạch không nêu</span><span aria-hidden="true">—</span>'
    word = "tăng" if v.value >= 0 else "giảm"
    n = format_number(abs(v.value), 2 if v.computed else None)
    unit = "điểm phần trăm" if r.raw["unit"] == "%" else r.raw["unit"]
    return _wrap(f"{word} {n} {escape(unit)}", v)


def _rank_change(v: Value) -> str:
    if v.value is None:
        return '<span class="kh-sr-only">Kế hoạch không nêu</span><span aria-hidden="true">—</span>'
    word = "tăng" if v.value >= 0 else "giảm"
    return _wrap(f"{word} {rank(abs(v.value))} bậc", v)


def index_table(results: list[IndexResult], among: int, link: Callable[[str, str], str], province: str) -> str:
    """The table of the indices; `province` (data/site.yml) names whose results they are."""
    years = sorted({y for r in results for y in r.score})
    head1 = ['<th scope="col" rowspan="2">Chỉ số</th>']
    head1 += [f'<th scope="colgroup" colspan="2">Năm {y}</th>' for y in years]
    head1 += [f'<th scope="colgroup" colspan="2">So với năm {years[0]}</th>',
              f'<th scope="col" rowspan="2">{SOURCE}</th>']
    head2 = ['<th scope="col">Điểm</th><th scope="col">Thứ hạng</th>'] * (len(years) + 1)
    body = []
    for r in results:
        src = r.raw["source"]
        cells = [f'<th scope="row"><span class="kh-index-name">{escape(r.raw["name"])}</span><br>'
                 f'<small>{escape(r.raw["full_name"])}</small></th>']
        for y in years:
            cells.append(f'<td class="kh-num"{_label(f"Năm {y} — Điểm")}>{_score(r, r.score.get(y, Value(None)))}</td>')
            cells.append(f'<td class="kh-num"{_label(f"Năm {y} — Thứ hạng")}>'
                         f'{_rank(r.rank.get(y, Value(None)), among)}</td>')
        since = f"So với năm {years[0]}"
        cells.append(f'<td{_label(f"{since} — Điểm")}>{_score_change(r)}</td>'
                     f'<td{_label(f"{since} — Thứ hạng")}>{_rank_change(r.rank_change)}</td>')
        cells.append(f'<td{_label(SOURCE)}><a href="{escape(link(src["page"], src["anchor"]))}">'
                     f'{escape(src["place"])}</a></td>')
        body.append(f'<tr id="chi-so-{escape(r.raw["id"])}">{"".join(cells)}</tr>')
    colgroups = '<colgroup span="1"></colgroup>' + '<colgroup span="2"></colgroup>' * (len(years) + 1) + "<col>"
    return (
        '<div class="kh-table-scroll" role="region" tabindex="0" aria-labelledby="bang-chi-so-caption">\n'
        '<table class="kh-indicators kh-figures kh-reflow" id="bang-chi-so">\n'
        f'<caption id="bang-chi-so-caption">Kết quả các chỉ số của tỉnh {escape(province)} năm {years[0]} và năm {years[-1]}, '
        'theo Phần I của Kế hoạch</caption>\n'
        f'{colgroups}\n<thead>\n<tr>{"".join(head1)}</tr>\n<tr>{"".join(head2)}</tr>\n</thead>\n'
        "<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n</div>\n"
        '<p class="kh-legend"><span class="kh-computed__tag">(tính)</span>: số do trang web tính từ các số '
        "Kế hoạch nêu; Kế hoạch không ghi trực tiếp số này. Dấu “—”: Kế hoạch không nêu.</p>\n"
    )


def checks_list(results: list[IndexResult]) -> str:
    items = []
    for r in results:
        for ok, sentence in r.checks:
            items.append(f"<li>{escape(sentence)}</li>")
    return '<ul class="kh-checks-list">\n' + "\n".join(items) + "\n</ul>\n"


def others_table(others: list[dict], link: Callable[[str, str], str]) -> str:
    body = []
    for o in others:
        value = format_number(o["value"])
        if o["of"] is not None:
            value = f"{value}/{format_number(o['of'])}"
        unit = o["unit"]
        shown = f"{value}%" if unit == "%" else f"{value} {escape(unit)}"
        parts = o.get("parts") or []
        detail = ""
        if parts:
            listed = ", ".join(f"{format_number(p['value'])} {escape(p['label'])}" for p in parts)
            total = sum(p["value"] for p in parts)
            agrees = "khớp" if total == o["value"] else "không khớp"
            detail = (f"<br><small>Gồm {listed}. Cộng lại: {format_number(total)}, {agrees} với tổng "
                      f"<span class=\"kh-computed__tag\">(tính)</span>.</small>")
        src = o["source"]
        body.append(
            f'<tr id="so-lieu-{escape(o["id"])}"><th scope="row">{escape(o["label"])}</th>'
            f'<td class="kh-num"{_label("Số liệu")}>{shown}{detail}</td>'
            f'<td{_label(SOURCE)}><a href="{escape(link(src["page"], src["anchor"]))}">{escape(src["place"])}</a></td></tr>'
        )
    return (
        '<div class="kh-table-scroll" role="region" tabindex="0" aria-labelledby="bang-so-lieu-khac-caption">\n'
        '<table class="kh-indicators kh-figures kh-reflow" id="bang-so-lieu-khac">\n'
        '<caption id="bang-so-lieu-khac-caption">Một số số liệu khác Phần I của Kế hoạch nêu</caption>\n'
        '<thead><tr><th scope="col">Nội dung</th><th scope="col">Số liệu</th>'
        '<th scope="col">Nguồn trong Kế hoạch</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n</div>\n"
    )
