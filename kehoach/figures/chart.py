"""A small rank chart drawn as inline SVG at build time (no chart library).

One line per index: a hollow circle at the earlier year's rank, a filled one
at the later year's, an arrowhead between them; rank 1 is on the left. A rank
the site computed (not stated by the plan) has a dashed circle. Colours come
from site.css with `currentColor` fallbacks, so the chart prints in black and
white; shapes, not colours, carry the meaning. The SVG has a <title> and a
<desc> that say in words what it shows.
"""
from __future__ import annotations

from html import escape

from kehoach.figures.model import IndexResult, rank

W = 400          # viewBox width; the SVG scales to the column width
LEFT = 84        # room for the index names
RIGHT = 18
TOP = 46         # room for the legend
ROW = 46
BOTTOM = 46      # room for the axis and its title
R = 6            # circle radius


def _x(value: float, among: int) -> float:
    return LEFT + (value - 1) / (among - 1) * (W - LEFT - RIGHT)


def _ticks(among: int) -> list[int]:
    return [1, *(t for t in range(10, among, 10) if among - t >= 5), among]


def describe(results: list[IndexResult], among: int) -> str:
    parts = []
    for r in results:
        a, b = r.rank[r.first], r.rank[r.last]
        if a.value is None or b.value is None:
            continue
        computed = " (số do trang web tính)" if a.computed else ""
        parts.append(f"{r.raw['name']}: năm {r.first} hạng {rank(a.value)}{computed}, "
                     f"năm {r.last} hạng {rank(b.value)}.")
    return " ".join(parts) + f" Hạng 1 là cao nhất trong {among} tỉnh, thành phố."


def rank_chart(results: list[IndexResult], among: int, chart_id: str) -> str:
    rows = [r for r in results if r.rank[r.first].value is not None and r.rank[r.last].value is not None]
    height = TOP + ROW * len(rows) + BOTTOM
    first, last = (rows[0].first, rows[0].last) if rows else (0, 0)
    out = [
        f'<svg class="kh-chart" viewBox="0 0 {W} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg" '
        'font-size="13" fill="currentColor">',
        f'<title id="{chart_id}-title">Thứ hạng năm {first} và năm {last} của các chỉ số</title>',
        f'<desc id="{chart_id}-desc">{escape(describe(rows, among))}</desc>',
    ]
    # Legend
    lx = LEFT
    out.append(f'<g class="kh-chart__legend" aria-hidden="true" transform="translate(0 16)">'
               f'<circle class="kh-chart__early" cx="{lx + R}" cy="0" r="{R}" fill="none" stroke="currentColor" stroke-width="2"/>'
               f'<text x="{lx + 3 * R}" y="4">năm {first}</text>'
               f'<circle class="kh-chart__late" cx="{lx + 90}" cy="0" r="{R}" stroke="currentColor" stroke-width="1.5"/>'
               f'<text x="{lx + 90 + 2 * R}" y="4">năm {last}</text>'
               f'<circle class="kh-chart__early" cx="{lx + 180}" cy="0" r="{R}" fill="none" stroke="currentColor" '
               f'stroke-width="2" stroke-dasharray="3 2"/>'
               f'<text x="{lx + 180 + 2 * R}" y="4">trang web tính</text></g>')
    # Grid and axis
    axis_y = TOP + ROW * len(rows)
    out.append('<g class="kh-chart__axis" aria-hidden="true">')
    for t in _ticks(among):
        x = _x(t, among)
        out.append(f'<line x1="{x:.1f}" y1="{TOP - 8}" x2="{x:.1f}" y2="{axis_y}" stroke="currentColor" '
                   'stroke-opacity="0.2"/>')
        out.append(f'<text x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle">{t}</text>')
    out.append(f'<text x="{(LEFT + W - RIGHT) / 2:.1f}" y="{axis_y + 36}" text-anchor="middle">'
               f'Thứ hạng (1 là cao nhất, trên {among} tỉnh, thành phố)</text></g>')
    # One row per index
    for i, r in enumerate(rows):
        y = TOP + ROW * i + ROW / 2
        a, b = r.rank[r.first], r.rank[r.last]
        xa, xb = _x(a.value, among), _x(b.value, among)
        out.append('<g class="kh-chart__row" aria-hidden="true">')
        out.append(f'<text x="0" y="{y + 4:.1f}" font-weight="700">{escape(r.raw["name"])}</text>')
        if abs(xb - xa) > 2 * R + 6:
            direction = 1 if xb > xa else -1
            tip = xb - direction * (R + 2)
            out.append(f'<line x1="{xa + direction * R:.1f}" y1="{y}" x2="{tip - direction * 6:.1f}" y2="{y}" '
                       'stroke="currentColor" stroke-width="2"/>')
            out.append(f'<path d="M{tip:.1f},{y} l{-direction * 8},-5 v10 z"/>')
        dash = ' stroke-dasharray="3 2"' if a.computed else ""
        out.append(f'<circle class="kh-chart__early" cx="{xa:.1f}" cy="{y}" r="{R}" fill="none" '
                   f'stroke="currentColor" stroke-width="2"{dash}/>')
        out.append(f'<circle class="kh-chart__late" cx="{xb:.1f}" cy="{y}" r="{R}" stroke="currentColor" stroke-width="1.5"/>')
        mark = "*" if a.computed else ""
        out.append(f'<text x="{xa:.1f}" y="{y - 11}" text-anchor="middle">{rank(a.value)}{mark}</text>')
        out.append(f'<text x="{xb:.1f}" y="{y + 21}" text-anchor="middle" font-weight="700">{rank(b.value)}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
