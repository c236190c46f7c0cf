"""The change log page, as HTML (pure: values in, escaped HTML out).

The page's Markdown (`page_markdown`) holds only our own words and one marker
(kehoach/core/fill.py); the list is HTML filled in once every page is rendered
(`changelog_html`), so a commit's subject is never read as Markdown or by the
macros: it is cleaned (kehoach/changelog/model.py clean_subject) and escaped
here, and written only as text, never into an attribute.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from kehoach.core.fill import Markers

TITLE = "Lịch sử thay đổi"
MARKER = "lich-su-thay-doi"  # the marker's name (core/fill.py)
CHANGES_ID, PAGES_ID = "cac-thay-doi", "theo-trang"
CHANGES_TITLE, PAGES_TITLE = "Các thay đổi", "Thay đổi theo trang"
FILES_SHOWN = 30  # files listed per change; the others counted
PAGES_SHOWN = 30  # pages linked per change
STATUS = {"A": "thêm mới", "M": "sửa", "D": "xóa", "R": "đổi tên và sửa", "T": "đổi loại tệp"}


@dataclass(frozen=True)
class PageRef:
    title: str
    href: str  # from the change log page


@dataclass(frozen=True)
class FileView:
    path: str    # from the plan's folder: docs/phan-1/index.md
    status: str  # model.Change.status
    pages: tuple[PageRef, ...] = ()


@dataclass(frozen=True)
class EntryView:
    anchor: str
    date_iso: str
    date_vi: str
    subject: str  # cleaned (model.clean_subject), not yet escaped
    files: tuple[FileView, ...]
    commit_url: str | None = None
    short_sha: str = ""


@dataclass(frozen=True)
class PageChanges:
    anchor: str
    page: PageRef
    entries: tuple[tuple[str, str, str], ...]  # (entry anchor, date_iso, date_vi), newest first
    older: bool = False  # it has changes older than those listed


def page_markdown(markers: Markers) -> str:
    """The generated page: our words, then the marker the list replaces."""
    return (
        f"---\ntitle: {TITLE}\n"
        "description: Những thay đổi về nội dung của trang web Kế hoạch kể từ khi đăng, lấy từ lịch sử git.\n"
        "search:\n  exclude: true\n---\n\n"
        f"# {TITLE} {{: #lich-su-thay-doi }}\n\n"
        "Trang này liệt kê những thay đổi về nội dung của trang web (các trang và dữ liệu của Kế hoạch) "
        "kể từ khi đăng, mới nhất trước: ngày ghi thay đổi vào kho mã, mô tả do người sửa ghi, các tệp "
        "và trang đã thay đổi, và liên kết tới thay đổi đó trong kho mã. Những thay đổi chỉ về mã nguồn "
        "của trang web, không đổi nội dung, không được liệt kê. Danh sách được lấy từ lịch sử git khi "
        "dựng trang web.\n\n"
        "Mô tả thay đổi là lời của người sửa, không phải nội dung của Kế hoạch.\n\n"
        f"{markers.marker(MARKER)}\n"
    )


def no_history_html(reason: str) -> str:
    return (f'<p class="kh-changelog-none"><strong>Không có lịch sử thay đổi:</strong> {escape(reason)}.</p>')


def _page_links(pages: tuple[PageRef, ...]) -> str:
    shown = ", ".join(f'<a href="{escape(p.href)}">{escape(p.title)}</a>' for p in pages[:PAGES_SHOWN])
    more = f" và {len(pages) - PAGES_SHOWN} trang khác" if len(pages) > PAGES_SHOWN else ""
    return shown + more


def _entry(e: EntryView) -> str:
    pages = tuple(dict.fromkeys(p for f in e.files for p in f.pages))
    files = "".join(f"<li><code>{escape(f.path)}</code> ({STATUS.get(f.status, 'sửa')})</li>"
                    for f in e.files[:FILES_SHOWN])
    if len(e.files) > FILES_SHOWN:
        files += f"<li>và {len(e.files) - FILES_SHOWN} tệp khác</li>"
    parts = [
        f'<li id="{escape(e.anchor)}" class="kh-change">',
        f'<p class="kh-change-head"><time datetime="{escape(e.date_iso)}">{escape(e.date_vi)}</time>: '
        f'<span class="kh-change-subject" dir="auto">{escape(e.subject)}</span></p>',
    ]
    if pages:
        parts.append(f'<p class="kh-change-pages">Trang đã thay đổi: {_page_links(pages)}</p>')
    parts.append(f'<p class="kh-change-files-label">Tệp đã thay đổi:</p><ul class="kh-change-files">{files}</ul>')
    if e.commit_url:
        parts.append(f'<p class="kh-change-link"><a href="{escape(e.commit_url)}">Xem thay đổi '
                     f'<code>{escape(e.short_sha)}</code> trong kho mã</a></p>')
    parts.append("</li>")
    return "".join(parts)


def _page_item(p: PageChanges) -> str:
    dates = ", ".join(f'<a href="#{escape(a)}"><time datetime="{escape(iso)}">{escape(vi)}</time></a>'
                      for a, iso, vi in p.entries)
    if p.older:
        dates += (" và các thay đổi cũ hơn (xem trong kho mã)" if dates
                  else "các thay đổi của trang này cũ hơn những thay đổi liệt kê ở trên (xem trong kho mã)")
    return (f'<li id="{escape(p.anchor)}" class="kh-changelog-page">'
            f'<a href="{escape(p.page.href)}">{escape(p.page.title)}</a>: {dates}</li>')


def changelog_html(entries: list[EntryView], pages: list[PageChanges], total: int, history_url: str | None) -> str:
    """The list of changes (newest first), then each page's own changes.
    `total`: the plan's changes in all history; `entries` are the newest of them."""
    if not entries:
        return '<p class="kh-changelog-none">Chưa có thay đổi nào về nội dung được ghi lại.</p>'
    out = [f'<h2 id="{CHANGES_ID}">{CHANGES_TITLE}</h2>',
           f'<ol class="kh-changelog">{"".join(_entry(e) for e in entries)}</ol>']
    if total > len(entries):
        where = (f'<a href="{escape(history_url)}">trong kho mã</a>' if history_url
                 else "trong kho mã (lệnh <code>git log</code>)")
        out.append(f'<p class="kh-changelog-older">Trang này chỉ liệt kê {len(entries)} thay đổi gần nhất; '
                   f"{total - len(entries)} thay đổi cũ hơn xem {where}.</p>")
    out.append(f'<h2 id="{PAGES_ID}">{PAGES_TITLE}</h2>')
    out.append("<p>Mỗi trang và những lần trang đó thay đổi (ngày “Cập nhật lần cuối” ở cuối mỗi trang "
               "dẫn tới đây).</p>")
    out.append(f'<ul class="kh-changelog-pages">{"".join(_page_item(p) for p in pages)}</ul>')
    return "".join(out)
