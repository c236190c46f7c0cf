"""The archive's pages as HTML, from its plans (pure functions, no I/O).

Every value comes from a plan's data files, which clerks edit: each is escaped
where it is written (text and attributes alike).
"""
from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from typing import Iterable

from kehoach.archive.model import Plan

HOME_SCRIPT = "assets/javascripts/kho.js"


def _options(values: Iterable, label_all: str) -> str:
    items = [f'<option value="">{escape(label_all)}</option>']
    items += [f'<option value="{escape(str(v), quote=True)}">{escape(str(v))}</option>' for v in values]
    return "".join(items)


def plan_item(plan: Plan) -> str:
    """One plan in the list, a card: its kind, its title (a heading, the link to
    the plan), then what identifies it."""
    attrs = f'data-year="{plan.year}" data-department="{escape(plan.department, quote=True)}"'
    return (
        f'<li class="kh-archive__plan" {attrs}>'
        f'<p class="kh-archive__kind">{escape(plan.kind)}</p>'
        f'<h2 class="kh-archive__title"><a href="{escape(plan.id, quote=True)}/">{escape(plan.title)}</a></h2>'
        f'<dl class="kh-archive__facts">'
        f'<div><dt>Cơ quan</dt><dd>{escape(plan.department)} tỉnh {escape(plan.province)}</dd></div>'
        f'<div><dt>Năm kế hoạch</dt><dd>{plan.year}</dd></div>'
        f'<div><dt>Số, ký hiệu</dt><dd>{escape(plan.number)}</dd></div>'
        f'<div><dt>Nơi, ngày ban hành</dt><dd>{escape(plan.place_and_date)}</dd></div>'
        f'</dl></li>'
    )


def home(plans: list[Plan]) -> str:
    """What the archive's home page lists after its own words (archive/index.md):
    every plan, newest first, with a filter by year and by department that a
    small local script runs (kho.js; without it, the filter stays hidden and the
    list is simply whole). The count is a live region: a filter's result is read out."""
    years = sorted({p.year for p in plans}, reverse=True)
    departments = sorted({p.department for p in plans})
    return "\n".join([
        '<form class="kh-archive__filter" id="loc-ke-hoach" aria-label="Lọc danh sách kế hoạch" hidden>',
        '<div class="kh-archive__field"><label for="loc-nam">Năm kế hoạch</label>'
        f'<select id="loc-nam" data-filter="year">{_options(years, "Tất cả các năm")}</select></div>',
        '<div class="kh-archive__field"><label for="loc-co-quan">Cơ quan</label>'
        f'<select id="loc-co-quan" data-filter="department">{_options(departments, "Tất cả cơ quan")}</select></div>',
        '<button type="reset" class="kh-archive__reset" id="bo-loc" hidden>Bỏ lọc</button>',
        "</form>",
        "",
        f'<p class="kh-archive__count" id="so-ke-hoach" role="status" aria-live="polite">'
        f'{len(plans)} kế hoạch.</p>',
        "",
        '<ul class="kh-archive" id="danh-sach-ke-hoach">',
        *[plan_item(p) for p in plans],
        "</ul>",
        "",
    ])


def _keep_fragment(target: str) -> str:
    """The one script of a redirect page: go to `target` keeping the old address's
    #fragment (a meta refresh drops it), so a link to a paragraph still lands on it."""
    quoted = json.dumps(target).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"location.replace({quoted}+location.hash);"


def redirect_page(target: str, canonical: str | None) -> str:
    """A page kept at an address the site had before the archive, sending the
    reader to where that page is now (`target`, relative to the old address,
    made of a plan's id and page addresses: no quote or markup in it). Works
    without JavaScript (meta refresh) and says where it goes."""
    t = escape(target, quote=True)
    script = _keep_fragment(target)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    canon = f'\n<link rel="canonical" href="{escape(canonical, quote=True)}">' if canonical else ""
    return (
        "<!doctype html>\n"
        '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-{digest}'; "
        "base-uri 'none'; form-action 'none'\">\n"
        f"<script>{script}</script>\n"
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={t}">{canon}\n'
        "<title>Trang đã chuyển địa chỉ</title>\n</head>\n<body>\n"
        f'<p>Trang này đã chuyển tới <a href="{t}">địa chỉ mới</a>.</p>\n'
        "</body>\n</html>\n"
    )
