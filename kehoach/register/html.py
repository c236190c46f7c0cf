"""HTML, Markdown and downloads for the register section (/van-ban/).

Pure functions of the register and the places where each entry is cited; the
MkDocs glue lives in `register_site.py`. Every string from data is escaped.
"""
from __future__ import annotations

import json
from collections import Counter
from html import escape

from kehoach.register.linker import Place
from kehoach.core.vietnamese import shorten
from kehoach.register.model import ISSUER_SOURCES, Entry, Register
from kehoach.core import tabular
from kehoach.core.fill import Markers
from kehoach.core.vietnamese import fold

NOT_GIVEN = "Kế hoạch không ghi"
JSON_NAME = "danh-muc-van-ban.json"
CSV_NAME = "danh-muc-van-ban.csv"

# Fields of the downloads, documented on the register page (name, meaning).
FIELDS = [
    ("id", "Mã cố định của văn bản; trang của văn bản là van-ban/<id>/ và không đổi khi nội dung Kế hoạch được sửa."),
    ("kind", "Loại văn bản (Nghị định, Quyết định, Kế hoạch...)."),
    ("number", "Số, ký hiệu đúng như Kế hoạch viết; để trống nếu Kế hoạch dẫn theo tên."),
    ("name", "Tên văn bản, với văn bản Kế hoạch dẫn theo tên (ví dụ Luật Lưu trữ)."),
    ("date", "Ngày ban hành (năm-tháng-ngày), chỉ khi Kế hoạch ghi."),
    ("year", "Năm ban hành: lấy từ số ký hiệu (107/2020/NĐ-CP) hoặc từ ngày ban hành; trống nếu không rõ."),
    ("issuer", "Cơ quan hoặc người ban hành, chỉ khi Kế hoạch hoặc ký hiệu nêu rõ."),
    ("issuer_source", "plan: Kế hoạch ghi rõ cơ quan ban hành; symbol: suy ra từ ký hiệu văn bản."),
    ("subject", "Trích yếu, chép nguyên văn từ Kế hoạch; trống nếu Kế hoạch không nêu."),
    ("note", "Ghi chú của người biên tập trang web."),
    ("url", "Địa chỉ trang của văn bản, tính từ gốc trang web."),
    ("cited_count", "Số chỗ trong Kế hoạch trích dẫn văn bản này."),
    ("cited_at", "Các chỗ trích dẫn: địa chỉ trang và đoạn (JSON: danh sách; CSV: cách nhau bằng dấu cách)."),
]


# Characters that start Markdown syntax (links, emphasis, code, attribute lists, raw HTML,
# a heading's closing hashes): written as character references, they are only text.
_MARKDOWN_SYNTAX = {c: f"&#{ord(c)};" for c in "\\`*_{}[]<>#|~!"}


def markdown_text(value: str) -> str:
    """`value` as literal text inside a line of Markdown (e.g. a heading): nothing in it is syntax.
    Quotes stay as they are (text, not an attribute): escaped as `&#x27;`, their `#` was
    escaped again and readers saw "&#x27;"."""
    return "".join(_MARKDOWN_SYNTAX.get(c, c) for c in escape(value, quote=False))


def _or_not_given(value: str | None) -> str:
    return escape(value) if value else f'<span class="kh-missing">{NOT_GIVEN}</span>'


def _or_dash(value: str | None) -> str:
    """In the overview table: a dash that screen readers read as "Kế hoạch không ghi"."""
    if value:
        return escape(value)
    return (f'<span class="kh-missing"><span aria-hidden="true">—</span>'
            f'<span class="kh-sr-only">{NOT_GIVEN}</span></span>')


# ---------------------------------------------------------------- entry pages

# An entry page is short and its title names the document: in search, among
# passages holding a query's words equally well, the plan's text comes first
# (Material's `search: boost`, honoured by lunr.vi.min.js). A citation still
# finds its entry first: the entry holds it whole, in the title.
SEARCH_BOOST = 0.5
CITED_AT_MARKER = "duoc-trich-dan"  # the name of the marker an entry page leaves for its citing places (core/fill.py)


def entry_markdown(entry: Entry, site_url: str, markers: Markers) -> str:
    """The Markdown of an entry's page; "Được trích dẫn tại" is filled after the build's first pass."""
    issuer = _or_not_given(entry.issuer)
    if entry.issuer and entry.issuer_source:
        issuer += f' <span class="kh-source">({ISSUER_SOURCES[entry.issuer_source]})</span>'
    rows = [
        ("Loại văn bản", escape(entry.kind)),
        ("Số, ký hiệu", escape(entry.number) if entry.number else
         '<span class="kh-missing">Kế hoạch dẫn theo tên, không ghi số, ký hiệu</span>'),
        ("Ngày ban hành", _or_not_given(entry.date_vi)),
        ("Cơ quan ban hành", issuer),
        ("Trích yếu (theo Kế hoạch)", _or_not_given(entry.subject)),
    ]
    if entry.note:
        rows.append(("Ghi chú", escape(entry.note)))
    rows.append(("Mã văn bản", f"<code>{escape(entry.id)}</code>"))
    table = "\n".join(f"<tr><th scope=\"row\">{k}</th><td>{v}</td></tr>" for k, v in rows)
    return (
        f"---\ntitle: {json.dumps(entry.label, ensure_ascii=False)}\n"
        f"description: {json.dumps(entry_description(entry), ensure_ascii=False)}\n"
        f"search:\n  boost: {SEARCH_BOOST}\n---\n\n"
        f"# {markdown_text(entry.label)} {{: #van-ban }}\n\n"
        f'<div class="kh-doc-meta">\n<table>\n<caption>Thông tin về văn bản, chỉ gồm những gì Kế hoạch nêu</caption>\n'
        f"<tbody>\n{table}\n</tbody>\n</table>\n</div>\n\n"
        "## Được trích dẫn tại {: #duoc-trich-dan-tai }\n\n"
        f'<div class="kh-cited-at" data-kh-cited-at="{escape(entry.id)}">\n{markers.marker(CITED_AT_MARKER, entry.id)}\n</div>\n\n'
        f'<script type="application/ld+json">\n{json_ld(entry, site_url)}\n</script>\n\n'
        "[Danh mục văn bản được trích dẫn](index.md)\n"
    )


def entry_description(entry: Entry) -> str:
    """The entry page's description (search results, link previews): the register's facts only."""
    about = f"{entry.label} ({entry.date_vi})" if entry.date_vi else entry.label
    if entry.subject:
        about += f" — {entry.subject}"
    return shorten(f"{about}. Thông tin về văn bản và những đoạn của Kế hoạch trích dẫn văn bản này.")


def json_ld(entry: Entry, site_url: str) -> str:
    """schema.org Legislation markup with only the facts the register holds."""
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": site_url + entry.url,
        "url": site_url + entry.url,
        "name": entry.label,
        "legislationType": entry.kind,
        "inLanguage": "vi",
    }
    if entry.number:
        data["legislationIdentifier"] = entry.number
    if entry.date:
        data["legislationDate"] = entry.date
    if entry.issuer:
        data["legislationPassedBy"] = {"@type": "Organization", "name": entry.issuer}
    if entry.subject:
        data["description"] = entry.subject
    # No "<", ">" or "&" in the script element: "</script>" would end it, "<!--" would
    # hide the rest of the page, and Markdown reads "&" as the start of a character reference.
    text = tabular.indented(data)  # json.dumps(data, ensure_ascii=False, indent=2), sooner
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def cited_at_html(entry: Entry, places: list[tuple[Place, str, str]]) -> str:
    """The list of places citing `entry`: (place, href to page#anchor, page label)."""
    if not places:
        return "<p>Kế hoạch không trích dẫn văn bản này.</p>"
    items = []
    for place, href, page_label in places:
        where = escape(page_label)
        if place.footnote:
            where += f", chú thích {escape(place.footnote)}"
        items.append(
            f'<li><a href="{escape(href)}">{where}</a>\n'
            f'<blockquote class="kh-cited-at__context">{escape(place.before)}'
            f"<strong>{escape(place.text)}</strong>{escape(place.after)}</blockquote></li>"
        )
    return f'<p>{len(places)} chỗ trong Kế hoạch:</p>\n<ol class="kh-cited-at__list">\n' + "\n".join(items) + "\n</ol>"


# -------------------------------------------------------------- overview page

def _group_counts(title: str, counter: Counter, key: str) -> str:
    items = "\n".join(
        f'<li><span class="kh-register-count__name">{escape(name)}</span> '
        f'<span class="kh-register-count__n">{n}</span></li>'
        for name, n in counter
    )
    return (f'<div class="kh-register-counts__group" data-group="{key}">\n<h3>{escape(title)}</h3>\n'
            f"<ul>\n{items}\n</ul>\n</div>")


def overview_html(register: Register, cited: dict[str, int], href_for, script_src: str) -> str:
    """Counts by kind, issuer and year; a filter (shown by JS); one table per kind."""
    entries = register.entries
    kinds = [k for k in dict.fromkeys(e.kind for e in entries)]
    by_kind = Counter(e.kind for e in entries)
    by_issuer = Counter(e.issuer or NOT_GIVEN for e in entries)
    by_year = Counter(e.year or "Không rõ năm" for e in entries)
    total_places = sum(cited.values())
    parts = [
        f'<p class="kh-register-summary">Kế hoạch trích dẫn <strong>{len(entries)}</strong> văn bản, '
        f"tại <strong>{total_places}</strong> chỗ.</p>",
        '<div class="kh-register-counts">',
        _group_counts("Theo loại văn bản", [(k, by_kind[k]) for k in kinds], "kind"),
        _group_counts("Theo cơ quan ban hành", sorted(by_issuer.items(), key=lambda t: (-t[1], fold(t[0]))), "issuer"),
        _group_counts("Theo năm ban hành", sorted(by_year.items(), reverse=True), "year"),
        "</div>",
        _filter_form(kinds, sorted(by_issuer, key=fold), sorted(by_year, reverse=True), len(entries)),
        '<p class="kh-register-legend">Trong các bảng dưới đây, dấu “—” nghĩa là Kế hoạch không ghi thông tin đó. '
        "Bấm vào số, ký hiệu để xem trang của văn bản và các chỗ trích dẫn.</p>",
    ]
    for kind in kinds:
        rows = []
        for e in sorted((e for e in entries if e.kind == kind), key=lambda e: (e.year or "0", e.date or "", e.id)):
            year = e.year or "Không rõ năm"
            search = fold(" ".join(filter(None, [e.label, e.number, e.date_vi, e.issuer, e.subject, e.name]))).lower()
            cells = [
                ("Số, ký hiệu", f'<a href="{escape(href_for(e))}">{escape(e.number or e.name or e.id)}</a>'),
                ("Ngày ban hành", _or_dash(e.date_vi)),
                ("Cơ quan ban hành", _or_dash(e.issuer)),
                ("Trích yếu", _or_dash(e.subject)),
                ("Số chỗ trích dẫn", str(cited.get(e.id, 0))),
            ]
            num = ' class="kh-num"'
            tds = "".join(f'<td data-label="{label}"{num if label.startswith("Số chỗ") else ""}>{value}</td>'
                          for label, value in cells)
            rows.append(
                f'<tr data-kind="{escape(e.kind)}" data-issuer="{escape(e.issuer or NOT_GIVEN)}" '
                f'data-year="{escape(year)}" data-text="{escape(search)}">{tds}</tr>'
            )
        parts.append(
            f'<section class="kh-register-group" data-kind="{escape(kind)}">\n'
            f"<h3>{escape(kind)} <span class=\"kh-register-group__n\">({by_kind[kind]})</span></h3>\n"
            '<div class="kh-table-scroll kh-register-table"><table>\n'
            '<thead><tr><th scope="col">Số, ký hiệu</th><th scope="col">Ngày ban hành</th>'
            '<th scope="col">Cơ quan ban hành</th><th scope="col">Trích yếu (theo Kế hoạch)</th>'
            '<th scope="col">Số chỗ trích dẫn</th></tr></thead>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody></table></div>\n</section>"
        )
    parts.append(f'<script src="{escape(script_src)}" defer></script>')
    return "\n".join(parts)


def _options(values) -> str:
    return "".join(f'<option value="{escape(v)}">{escape(v)}</option>' for v in values)


def _filter_form(kinds, issuers, years, total: int) -> str:
    return (
        '<form class="kh-register-filter" role="search" aria-label="Lọc danh mục văn bản" hidden>\n'
        '<label>Tìm <input type="search" name="q" placeholder="số, ký hiệu, trích yếu" autocomplete="off"></label>\n'
        f'<label>Loại văn bản <select name="kind"><option value="">Tất cả</option>{_options(kinds)}</select></label>\n'
        f'<label>Cơ quan ban hành <select name="issuer"><option value="">Tất cả</option>{_options(issuers)}</select></label>\n'
        f'<label>Năm <select name="year"><option value="">Tất cả</option>{_options(years)}</select></label>\n'
        '<button type="reset">Bỏ lọc</button>\n'
        f'<p class="kh-register-filter__status" role="status" aria-live="polite">Đang hiện {total}/{total} văn bản.</p>\n'
        "</form>"
    )


def fields_html() -> str:
    rows = "\n".join(f"<tr><td><code>{k}</code></td><td>{escape(v)}</td></tr>" for k, v in FIELDS)
    return ('<div class="kh-table-scroll kh-register-fields"><table>\n'
            '<thead><tr><th scope="col">Trường</th><th scope="col">Ý nghĩa</th></tr></thead>\n'
            f"<tbody>\n{rows}\n</tbody></table></div>")


def exclusions_html(register: Register) -> str:
    items = "\n".join(
        f"<li>“{escape(p)}”: {escape(register.exclusion_reasons[p])}</li>" for p in register.exclusions
    )
    return f"<ul>\n{items}\n</ul>"
