"""The archive's register as pages (pure functions, no I/O): the overview at
/van-ban/ and one page per cited document at /van-ban/<id>/.

Both are Markdown with HTML blocks, made once per build from the register
across plans (kehoach/archive/register.py). Every value comes from a plan's
data or its pages, which contributors write: each is escaped where it is
written, and what goes in a heading is made plain text (register/html.py
`markdown_text`). The pieces the plans' own register pages use are reused
(counts, the filter, which van-ban.js runs; without it every document is listed).
"""
from __future__ import annotations

import json
from collections import Counter
from html import escape

from kehoach.archive.model import Plan
from kehoach.archive.register import ArchiveRegister, Citing, Document, Place
from kehoach.core.vietnamese import fold, shorten
from kehoach.register import html as plan_html
from kehoach.register.model import ISSUER_SOURCES

OVERVIEW = "van-ban/index.md"
FILTER_SCRIPT = "assets/javascripts/van-ban.js"
JSON_NAME, CSV_NAME = plan_html.JSON_NAME, plan_html.CSV_NAME
NOT_GIVEN = "Không kế hoạch nào ghi"

# Fields of the downloads across plans (name, meaning): the fields of a plan's
# own downloads first, as they were at these addresses, then the plans.
FIELDS = [
    ("id", "Mã cố định của văn bản, chung cho mọi kế hoạch; trang của văn bản là van-ban/<id>/."),
    ("kind", "Loại văn bản (Nghị định, Quyết định, Kế hoạch...)."),
    ("number", "Số, ký hiệu đúng như kế hoạch viết; để trống nếu các kế hoạch dẫn theo tên."),
    ("name", "Tên văn bản, với văn bản được dẫn theo tên (ví dụ Luật Lưu trữ)."),
    ("date", "Ngày ban hành (năm-tháng-ngày), chỉ khi một kế hoạch ghi."),
    ("year", "Năm ban hành: lấy từ số ký hiệu (107/2020/NĐ-CP) hoặc từ ngày ban hành; trống nếu không rõ."),
    ("issuer", "Cơ quan hoặc người ban hành, theo kế hoạch mới nhất có ghi."),
    ("issuer_source", "plan: kế hoạch ghi rõ cơ quan ban hành; symbol: suy ra từ ký hiệu văn bản."),
    ("subject", "Trích yếu, chép nguyên văn từ kế hoạch mới nhất có nêu; trống nếu không kế hoạch nào nêu."),
    ("note", "Ghi chú của người biên tập trang web."),
    ("url", "Địa chỉ trang của văn bản, tính từ gốc trang web."),
    ("cited_count", "Số chỗ trích dẫn văn bản này, trong mọi kế hoạch."),
    ("cited_at", "Các chỗ trích dẫn: mã kế hoạch, địa chỉ trang và đoạn, tính từ gốc trang web "
                 "(JSON: danh sách; CSV: cách nhau bằng dấu cách)."),
    ("plan_count", "Số kế hoạch trích dẫn văn bản này."),
    ("plans", "Mã các kế hoạch trích dẫn văn bản này, mới nhất trước (JSON: danh sách, kèm trang của văn bản "
              "trong từng kế hoạch, tệp dữ liệu và những gì kế hoạch đó ghi; CSV: cách nhau bằng dấu cách)."),
]


def _front_matter(title: str, description: str) -> str:
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
            f"description: {json.dumps(description, ensure_ascii=False)}\n---\n\n")


def plan_name(plan: Plan) -> str:
    """A plan as a reader tells it from the others: its title, who and for when."""
    return f"{plan.title} ({plan.department}, {plan.year})"


# -------------------------------------------------------------- entry pages

def _fact(doc: Document, name: str, missing: str = NOT_GIVEN) -> str:
    """One fact of the document; when plans give it differently, each value
    with the plans that give it (none is chosen for the reader)."""
    variants = doc.variants(name)
    if not variants:
        return f'<span class="kh-missing">{escape(missing)}</span>'
    if len(variants) == 1:
        value = escape(variants[0][0])
        if name == "issuer" and doc.entry.issuer_source:
            value += f' <span class="kh-source">({ISSUER_SOURCES[doc.entry.issuer_source]})</span>'
        return value
    items = "".join(
        f"<li>{escape(value)} <span class=\"kh-source\">(theo {escape('; '.join(plan_name(p) for p in plans))})</span></li>"
        for value, plans in variants)
    return f"<ul>{items}</ul>"


def _place_item(place: Place, href: str) -> str:
    where = escape(place.page_label)
    if place.footnote:
        where += f", chú thích {escape(place.footnote)}"
    return (f'<li><a href="{escape(href, quote=True)}">{where}</a>\n'
            f'<blockquote class="kh-cited-at__context">{escape(place.before)}'
            f"<strong>{escape(place.text)}</strong>{escape(place.after)}</blockquote></li>")


def _citing_section(citing: Citing, to_root: str) -> str:
    plan = citing.plan
    n = len(citing.places)
    items = "\n".join(_place_item(p, to_root + p.address) for p in citing.places)
    return (
        f'<section class="kh-archive-cited" id="ke-hoach-{escape(plan.id, quote=True)}">\n'
        f'<h3><a href="{escape(to_root + plan.id, quote=True)}/">{escape(plan.title)}</a></h3>\n'
        f'<p>{escape(plan.department)} tỉnh {escape(plan.province)}, năm {plan.year}; '
        f'{escape(plan.number)}. {n} chỗ trích dẫn. '
        f'<a href="{escape(to_root + citing.url, quote=True)}">Trang của văn bản trong kế hoạch này</a>.</p>\n'
        f'<ol class="kh-cited-at__list">\n{items}\n</ol>\n</section>'
    )


def entry_description(doc: Document) -> str:
    e = doc.entry
    about = f"{e.label} ({e.date_vi})" if e.date_vi else e.label
    n = len(doc.citings)
    return shorten(f"{about}: {n} kế hoạch trong kho trích dẫn, tại {len(doc.places)} chỗ.")


def entry_markdown(doc: Document) -> str:
    """The Markdown of /van-ban/<id>/ (the page is two folders below the root)."""
    e = doc.entry
    rows = [
        ("Loại văn bản", escape(e.kind)),
        ("Số, ký hiệu", escape(e.number) if e.number else
         '<span class="kh-missing">Các kế hoạch dẫn theo tên, không ghi số, ký hiệu</span>'),
        ("Ngày ban hành", escape(e.date_vi) if e.date_vi else f'<span class="kh-missing">{NOT_GIVEN}</span>'),
        ("Cơ quan ban hành", _fact(doc, "issuer")),
        ("Trích yếu (theo kế hoạch)", _fact(doc, "subject")),
    ]
    if doc.variants("note"):
        rows.append(("Ghi chú", _fact(doc, "note")))
    rows.append(("Mã văn bản", f"<code>{escape(e.id)}</code>"))
    table = "\n".join(f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in rows)
    n_plans, n_places = len(doc.citings), len(doc.places)
    sections = "\n\n".join(_citing_section(c, "../../") for c in doc.citings)
    return (
        _front_matter(e.label, entry_description(doc))
        + f"# {plan_html.markdown_text(e.label)} {{: #van-ban }}\n\n"
        + '<div class="kh-doc-meta">\n<table>\n<caption>Thông tin về văn bản, chỉ gồm những gì các kế hoạch '
          f"nêu</caption>\n<tbody>\n{table}\n</tbody>\n</table>\n</div>\n\n"
        + "## Được trích dẫn tại {: #duoc-trich-dan-tai }\n\n"
        + f'<p class="kh-register-summary"><strong>{n_plans}</strong> kế hoạch trong kho trích dẫn văn bản này, '
          f"tại <strong>{n_places}</strong> chỗ (kế hoạch mới nhất trước).</p>\n\n"
        + sections + "\n\n"
        + "[Danh mục văn bản được trích dẫn trong các kế hoạch](index.md)\n"
    )


# ------------------------------------------------------------ overview page

def _row(doc: Document) -> str:
    e = doc.entry
    year = e.year or "Không rõ năm"
    search = fold(" ".join(filter(None, [e.label, e.number, e.date_vi, e.issuer, e.subject, e.name]))).lower()
    cells = [
        ("Số, ký hiệu", f'<a href="{escape(doc.id, quote=True)}/">{escape(e.number or e.name or e.id)}</a>', False),
        ("Ngày ban hành", plan_html._or_dash(e.date_vi), False),
        ("Cơ quan ban hành", plan_html._or_dash(e.issuer), False),
        ("Trích yếu", plan_html._or_dash(e.subject), False),
        ("Số kế hoạch trích dẫn", str(len(doc.citings)), True),
        ("Số chỗ trích dẫn", str(len(doc.places)), True),
    ]
    num_class = ' class="kh-num"'
    tds = "".join(f'<td data-label="{label}"{num_class if num else ""}>{value}</td>' for label, value, num in cells)
    return (f'<tr data-kind="{escape(e.kind)}" data-issuer="{escape(e.issuer or plan_html.NOT_GIVEN)}" '
            f'data-year="{escape(year)}" data-text="{escape(search)}">{tds}</tr>')


def overview_html(reg: ArchiveRegister) -> str:
    """Counts; the filter (shown by van-ban.js); one table per kind, as a plan's overview."""
    docs = reg.documents
    kinds = list(reg.kinds)
    by_kind = Counter(d.entry.kind for d in docs)
    by_issuer = Counter(d.entry.issuer or plan_html.NOT_GIVEN for d in docs)
    by_year = Counter(d.entry.year or "Không rõ năm" for d in docs)
    by_plans = Counter(len(d.citings) for d in docs)
    parts = [
        f'<p class="kh-register-summary">{len(reg.plans)} kế hoạch trong kho trích dẫn '
        f"<strong>{len(docs)}</strong> văn bản, tại <strong>{reg.place_count}</strong> chỗ.</p>",
        '<div class="kh-register-counts">',
        plan_html._group_counts("Theo loại văn bản", [(k, by_kind[k]) for k in kinds], "kind"),
        plan_html._group_counts("Theo cơ quan ban hành",
                                sorted(by_issuer.items(), key=lambda t: (-t[1], fold(t[0]))), "issuer"),
        plan_html._group_counts("Theo năm ban hành", sorted(by_year.items(), reverse=True), "year"),
        plan_html._group_counts("Theo số kế hoạch trích dẫn",
                                [(f"{n} kế hoạch", by_plans[n]) for n in sorted(by_plans, reverse=True)], "plans"),
        "</div>",
        plan_html._filter_form(kinds, sorted(by_issuer, key=fold), sorted(by_year, reverse=True), len(docs)),
        '<p class="kh-register-legend">Trong các bảng dưới đây, dấu “—” nghĩa là không kế hoạch nào ghi thông tin đó. '
        "Bấm vào số, ký hiệu để xem trang của văn bản và mọi chỗ trích dẫn, trong mọi kế hoạch.</p>",
    ]
    for kind in kinds:
        rows = sorted((d for d in docs if d.entry.kind == kind),
                      key=lambda d: (d.entry.year or "0", d.entry.date or "", d.id))
        parts.append(
            f'<section class="kh-register-group" data-kind="{escape(kind)}">\n'
            f'<h3>{escape(kind)} <span class="kh-register-group__n">({by_kind[kind]})</span></h3>\n'
            '<div class="kh-table-scroll kh-register-table"><table>\n'
            '<thead><tr><th scope="col">Số, ký hiệu</th><th scope="col">Ngày ban hành</th>'
            '<th scope="col">Cơ quan ban hành</th><th scope="col">Trích yếu (theo kế hoạch)</th>'
            '<th scope="col">Số kế hoạch trích dẫn</th><th scope="col">Số chỗ trích dẫn</th></tr></thead>\n<tbody>\n'
            + "\n".join(_row(d) for d in rows) + "\n</tbody></table></div>\n</section>"
        )
    parts.append(f'<script src="../{FILTER_SCRIPT}" defer></script>')
    return "\n".join(parts)


def fields_html() -> str:
    rows = "\n".join(f"<tr><td><code>{k}</code></td><td>{escape(v)}</td></tr>" for k, v in FIELDS)
    return ('<div class="kh-table-scroll kh-register-fields"><table>\n'
            '<thead><tr><th scope="col">Trường</th><th scope="col">Ý nghĩa</th></tr></thead>\n'
            f"<tbody>\n{rows}\n</tbody></table></div>")


def _plan_list(reg: ArchiveRegister) -> str:
    items = []
    for plan in reg.plans:
        n = sum(1 for d in reg.documents if any(c.plan.id == plan.id for c in d.citings))
        items.append(f'<li><a href="../{escape(plan.id, quote=True)}/van-ban/">{escape(plan.title)}</a> '
                     f"({escape(plan.department)}, {plan.year}): {n} văn bản.</li>")
    return '<ul class="kh-archive-register-plans">\n' + "\n".join(items) + "\n</ul>"


def overview_markdown(reg: ArchiveRegister) -> str:
    """The Markdown of /van-ban/, the register of the whole archive."""
    return (
        _front_matter("Văn bản được trích dẫn trong các kế hoạch",
                      f"Danh mục {len(reg.documents)} văn bản mà các kế hoạch trong kho trích dẫn, "
                      "với mọi chỗ trích dẫn trong từng kế hoạch.")
        + "# Văn bản được trích dẫn trong các kế hoạch {: #van-ban-duoc-trich-dan }\n\n"
        "Trang này do nhóm biên tập trang web lập, **không phải nội dung của kế hoạch nào**. "
        "Đây là danh mục chung các văn bản mà những kế hoạch trong kho trích dẫn. Mỗi văn bản có "
        "một trang với địa chỉ cố định, liệt kê mọi kế hoạch trích dẫn nó và từng chỗ trích dẫn, "
        "kèm câu văn ở chỗ đó. Một văn bản được nhiều kế hoạch trích dẫn vẫn chỉ là một mục.\n\n"
        "## Tổng quan và tra cứu {: #tong-quan }\n\n"
        + overview_html(reg) + "\n\n"
        "## Tải danh mục về máy {: #tai-ve }\n\n"
        f"- [Danh mục dạng CSV]({CSV_NAME}) (mở được bằng Excel, giữ nguyên tiếng Việt)\n"
        f"- [Danh mục dạng JSON]({JSON_NAME}) (cho lập trình viên)\n\n"
        "Hai tệp có cùng các trường sau:\n\n"
        + fields_html() + "\n\n"
        "## Danh mục của từng kế hoạch {: #tung-ke-hoach }\n\n"
        "Mỗi kế hoạch có danh mục riêng, chỉ gồm những gì kế hoạch đó nêu, và tệp tải về riêng:\n\n"
        + _plan_list(reg) + "\n"
    )
