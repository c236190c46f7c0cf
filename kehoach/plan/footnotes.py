"""Footnotes that keep the plan's own numbers (1-8) across pages.

Python-Markdown numbers footnotes from 1 on every page. The plan's footnotes
are numbered through the whole document, so on the page of section 4 they are
4 and 5. Authors write the original number as the label (`[^4]`); the
`OriginalNumbers` extension then shows that label as the number, both on the
reference and in the list at the bottom of the page.

`check_page` validates a page's Markdown before rendering: every reference has
a text, every text is referenced, and labels are numbers used once site-wide.
"""
from __future__ import annotations

import re

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from kehoach.core.errors import SiteError, excerpt, line_of

DEF_RE = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$", re.MULTILINE)
REF_RE = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def _label(href_or_id: str) -> str:
    return href_or_id.rsplit(":", 1)[-1]


class _Renumber(Treeprocessor):
    def run(self, root):
        for sup in root.iter("sup"):
            for a in sup.iter("a"):
                if "footnote-ref" in (a.get("class") or ""):
                    label = _label(a.get("href", ""))
                    a.text = label
                    a.set("aria-label", f"Chú thích {label}")
        for div in root.iter("div"):
            if "footnote" not in (div.get("class") or "").split():
                continue
            ol = div.find("ol")
            if ol is None:
                continue
            for li in ol.findall("li"):
                label = _label(li.get("id", ""))
                li.set("value", label)
                for a in li.iter("a"):
                    if "footnote-backref" in (a.get("class") or ""):
                        a.set("title", f"Quay lại chỗ dẫn chú thích {label}")
                        a.set("aria-label", f"Quay lại chỗ dẫn chú thích {label}")


class OriginalNumbers(Extension):
    """Show each footnote with its own label as its number."""

    def extendMarkdown(self, md):
        # After footnotes (50), their reordering (19) and duplicates (15).
        md.treeprocessors.register(_Renumber(md), "kehoach_footnote_numbers", 14)


def makeExtension(**kwargs):  # Python-Markdown's entry point by module name
    return OriginalNumbers(**kwargs)


def check_page(src_path: str, source, markdown: str, seen: dict[str, str]) -> None:
    """Validate the footnotes of one page; `seen` maps label -> page, site-wide.

    `markdown` is the text after macros; `source` the file as written (for line
    numbers), or a function that returns it, called only to report an error.
    """

    def line(needle: str) -> int | None:
        return line_of(source() if callable(source) else source, needle)

    defs: dict[str, str] = {}
    for m in DEF_RE.finditer(markdown):
        label, text = m.group(1), m.group(2).strip()
        where = m.group(0).split(":")[0] + ":"  # looked up in `source` on error only
        if not label.isdigit():
            raise SiteError(
                src_path, line(where),
                f"Chú thích [^{shown(label)}] phải mang số thứ tự gốc của văn bản (1, 2, 3...).",
                f"Footnote [^{shown(label)}] must be labelled with its original number (1, 2, 3...).",
                f"đổi [^{shown(label)}] thành số của chú thích trong văn bản gốc.",
                f"rename [^{shown(label)}] to the footnote's number in the signed text.",
            )
        if not text:
            raise SiteError(
                src_path, line(where),
                f"Chú thích [^{shown(label)}] không có nội dung.",
                f"Footnote [^{shown(label)}] has no text.",
                f"viết nội dung chú thích ngay sau \"[^{shown(label)}]:\" trên cùng dòng.",
                f"write the footnote text right after \"[^{shown(label)}]:\" on the same line.",
            )
        if label in defs:
            raise SiteError(
                src_path, line(where),
                f"Chú thích [^{shown(label)}] được viết hai lần trên trang này.",
                f"Footnote [^{shown(label)}] is defined twice on this page.",
                "xóa một trong hai dòng.", "remove one of the two definitions.",
            )
        if label in seen and seen[label] != src_path:
            raise SiteError(
                src_path, line(where),
                f"Chú thích số {shown(label)} đã có ở trang {seen[label]}; "
                "mỗi số chỉ dùng một lần trong toàn văn bản.",
                f"Footnote {shown(label)} already exists on {seen[label]}; "
                "each number is used once in the whole plan.",
                "dùng đúng số chú thích của văn bản gốc.",
                "use the footnote's number from the signed text.",
            )
        defs[label] = text
    body = DEF_RE.sub("", markdown)
    refs = [m.group(1) for m in REF_RE.finditer(body)]
    for label in refs:
        if label not in defs:
            raise SiteError(
                src_path, line(f"[^{label}]"),
                f"Chỗ dẫn chú thích [^{shown(label)}] không có nội dung chú thích tương ứng.",
                f"Footnote reference [^{shown(label)}] has no footnote text.",
                f"thêm dòng \"[^{shown(label)}]: nội dung chú thích\" ở cuối trang.",
                f"add a line \"[^{shown(label)}]: footnote text\" at the end of the page.",
            )
    for label in defs:
        if label not in refs:
            raise SiteError(
                src_path, line(f"[^{label}]:"),
                f"Chú thích [^{shown(label)}] có nội dung nhưng không được dẫn ở đâu trong trang.",
                f"Footnote [^{shown(label)}] has text but is never referenced on the page.",
                f"đặt [^{shown(label)}] ngay sau từ mà chú thích giải thích, hoặc xóa chú thích.",
                f"put [^{shown(label)}] right after the word it explains, or remove the footnote.",
            )
    for label in defs:
        seen[label] = src_path


def shown(label: str) -> str:
    """A label as messages quote it: as the page wrote it, one line of 120 characters at most."""
    return excerpt(label, quote=False)
