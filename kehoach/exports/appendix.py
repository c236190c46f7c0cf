"""The register summary printed after the whole plan (print page and PDF).

One row per document the plan cites (data/register.yml, as the build loaded it),
with what the plan says of it and how often it is cited. On the whole-plan
page every citation links to its row, so paper needs no web address per
citation; the register's own address is printed once. The summary is the
site's work, not the plan's words: it is marked `data-kh-chrome`.
"""
from __future__ import annotations

from collections import Counter
from html import escape

from kehoach import settings

SECTION_ID = "danh-muc-van-ban-trich-dan"


def row_id(entry_id: str) -> str:
    return f"{SECTION_ID}--{entry_id}"


def local_targets(register) -> dict[str, str]:
    """Register pages ('van-ban/<id>') -> the id of their row on the whole-plan page."""
    return {e.url.strip("/"): row_id(e.id) for e in register.entries}


def citation_counts(places: dict[str, list], is_plan_page) -> Counter:
    """How often each entry is cited: the citations the linker found
    (kehoach/register/linker.py; `places`, the RegisterState's, by page) on the
    plan's pages. Not the links' `data-doc` in the pages: a page can type that
    attribute on any link and so change the printed count."""
    return Counter(place.entry_id for src, found in places.items() if is_plan_page(src) for place in found)


def appendix(register, counts: Counter, site_url: str, register_href: str) -> str:
    public = (site_url.rstrip("/") + "/" if site_url else "/") + f"{settings.REGISTER_SECTION}/"
    kinds = list(dict.fromkeys(e.kind for e in register.entries))
    rows = []
    for kind in kinds:
        entries = sorted((e for e in register.entries if e.kind == kind),
                         key=lambda e: (e.year or "0", e.date or "", e.id))
        for e in entries:
            rows.append(
                f'<tr id="{row_id(e.id)}"><td>{escape(e.label)}</td>'
                f"<td>{escape(e.date_vi or '—')}</td><td>{escape(e.issuer or '—')}</td>"
                f'<td class="kh-num">{counts.get(e.id, 0)}</td></tr>'
            )
    return (
        f'<section class="kh-fullplan__appendix" id="{SECTION_ID}" data-kh-chrome>\n'
        "<h2>Phụ lục: Văn bản được Kế hoạch trích dẫn</h2>\n"
        "<p>Phụ lục này do trang web lập, không phải nội dung của Kế hoạch. Mỗi chỗ trích dẫn "
        "trong toàn văn ở trên dẫn tới dòng tương ứng. Bảng chỉ ghi những gì Kế hoạch nêu; "
        "dấu “—” nghĩa là Kế hoạch không ghi. Danh mục đầy đủ, kèm từng chỗ trích dẫn: "
        f'<a href="{escape(register_href)}" data-kh-print-url="{escape(public)}">'
        "Văn bản được trích dẫn</a>.</p>\n"
        '<div class="kh-table-scroll" role="region" tabindex="0" aria-label="Bảng văn bản được trích dẫn">'
        '<table class="kh-register-summary">\n'
        f"<caption>{len(register.entries)} văn bản, {sum(counts.values())} chỗ trích dẫn</caption>\n"
        '<thead><tr><th scope="col">Văn bản</th><th scope="col">Ngày ban hành</th>'
        '<th scope="col">Cơ quan ban hành</th><th scope="col">Số chỗ trích dẫn</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>\n</section>\n"
    )
