"""Checks that keep what contributors write (docs/, data/) what it looks like,
and inside the repository. Each stops the build with one message naming the
file (and line), never a traceback:

- `check_symlinks`: no symbolic link under docs/, data/, overrides/, schemas/
  (a link would publish, or print in the build log, a file from outside);
- (size, UTF-8, NFC and hidden characters: kehoach/core/textfile.py, the rules
  every file meets whoever reads it);
- `check_markdown_nesting`: at most `MAX_MARKDOWN_DEPTH` nested quotes, lists,
  brackets or HTML elements (Python-Markdown and the HTML tools recurse once
  per level and die deep down, or take quadratic time);
- `check_docs_path`: a page named in data is a relative path inside docs/;
- `check_published`: docs/ publishes only pages and images (`PUBLISHED`);
  any other file would be copied to the site as it is, outside every check.

YAML limits (no anchors or aliases, bounded nesting) are in yamlguard.py.
"""
from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

from kehoach.core.errors import SiteError
from kehoach.core.textfile import symlink_error

MAX_MARKDOWN_DEPTH = 20
GUARDED_FOLDERS = ("docs", "data", "record", "overrides", "schemas")


def check_symlinks(root: Path, folders=GUARDED_FOLDERS) -> None:
    """Refuse the first symbolic link under the guarded folders of `root` (links are
    not followed), a plan's folder: its own docs/, data/, record/, and the overrides/
    and schemas/ every plan shares, at the repository's root (two levels up)."""
    root = Path(root)
    shared = root.parent.parent if root.parent.name == "plans" else None
    for name in folders:
        if shared is not None and not (root / name).exists() and (shared / name).exists():
            _refuse_links_under(shared, name)
        else:
            _refuse_links_under(root, name)


def _refuse_links_under(root: Path, name: str) -> None:
    top = root / name
    if top.is_symlink():
        raise symlink_error(top.relative_to(root).as_posix())
    if not top.is_dir():
        return
    for folder, dirs, files in os.walk(top):
        for entry in sorted(dirs + files):
            path = Path(folder) / entry
            if path.is_symlink():
                raise symlink_error(path.relative_to(root).as_posix())


# A line's block containers: quote markers, list markers ("-", "*", "+", "1." / "1)").
_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))")
# Inline nesting: "[" (links, footnote references) and HTML start/end tags.
_NESTING = re.compile(r"\\.|\[|\]|<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def check_markdown_nesting(rel: str, text: str) -> None:
    """No line nested deeper than MAX_MARKDOWN_DEPTH quotes and lists (indentation
    counts a level per 4 columns), "[" brackets (within a paragraph) or HTML
    elements. Python-Markdown and the HTML tools recurse once per level (30,000
    nested ">" crash the build) or take quadratic time ("[" nested 30,000 deep)."""
    brackets = tags = 0
    for number, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" \t"))
        depth, pos = line[:indent].expandtabs(4).count(" ") // 4, 0
        while depth <= MAX_MARKDOWN_DEPTH and (m := _CONTAINER.match(line, pos)):
            depth, pos = depth + 1, m.end()
        if not line.strip():
            brackets = 0  # a blank line ends a paragraph, and any link in it
        for m in _NESTING.finditer(line):
            token = m.group()
            if token == "[":
                brackets += 1
            elif token == "]":
                brackets = max(brackets - 1, 0)
            elif m.group(2) and m.group(2).lower() not in _VOID and not m.group(3):
                tags = max(tags + (-1 if m.group(1) else 1), 0)
            depth = max(depth, brackets, tags)
            if depth > MAX_MARKDOWN_DEPTH:
                break
        if depth > MAX_MARKDOWN_DEPTH:
            raise SiteError(
                rel, number,
                f"Dòng này lồng quá sâu: hơn {MAX_MARKDOWN_DEPTH} tầng trích dẫn (>), danh sách, "
                "dấu ngoặc vuông [ hoặc thẻ HTML lồng nhau.",
                f"This line is nested too deeply: more than {MAX_MARKDOWN_DEPTH} levels of quotes (>), lists, "
                "[ brackets or HTML elements.",
                "bớt số tầng lồng nhau ở dòng này (dấu >, thụt lề danh sách, dấu [ chưa đóng, thẻ HTML chưa đóng).",
                "nest less on this line (> markers, list indentation, unclosed [ or unclosed HTML tags).",
            )


def check_docs_path(datafile, path: list, value: str, docs: Path, generated: bool = False) -> Path:
    """A path written in a data file: relative, no ".." or empty segment, inside docs/
    (`generated`: a file the build makes, checked only for its form). Returns the file."""
    parts = value.split("/")
    bad = value.startswith(("/", "\\")) or "\\" in value or ":" in value or any(p in ("", ".", "..") for p in parts)
    target = docs / posixpath.normpath(value) if not bad else None
    if target is not None and not generated:
        try:
            target.resolve().relative_to(docs.resolve())
        except ValueError:
            bad = True
    if bad:
        raise datafile.error(
            path,
            f"Đường dẫn '{value[:120]}' phải là đường dẫn tương đối nằm trong thư mục docs/ "
            "(không bắt đầu bằng /, không có .. hay //).",
            f"The path '{value[:120]}' must be a relative path inside docs/ (no leading /, no .. or //).",
            "ghi đường dẫn tính từ thư mục docs/, ví dụ phan-1/index.md.",
            "write the path relative to docs/, e.g. phan-1/index.md.",
        )
    return target


# What a plan's docs/ may hold: the Markdown pages (rendered, then
# checked: allow-list, CSP) and the raster images a page shows, each known by
# how its bytes start. Anything else (.html, .js, .svg, .css, .pdf, ...) would be
# copied to the site as it is, on the site's own address and without the
# Content-Security-Policy; an SVG image can carry script and links, so it too
# is refused here. The site's own scripts, styles and images live in
# overrides/assets/, shared by every plan: code, reviewed by the code owners
# (.github/CODEOWNERS); no folder of a plan's docs/ is exempt.
PAGE_SUFFIX = ".md"
IMAGE_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),  # then the size, then WEBP (checked below)
}
CODE_FOLDER = "overrides/assets/"


def _is_image(suffix: str, head: bytes) -> bool:
    if not head.startswith(IMAGE_SIGNATURES[suffix]):
        return False
    return suffix != ".webp" or head[8:12] == b"WEBP"


def check_published(files, docs_label: str) -> None:
    """Refuse the first file written in docs/ that is neither a page nor an
    image (`files`: (path relative to docs/, a function giving the file's
    first bytes), in order; `docs_label`: docs/ as messages name it)."""
    kinds = ", ".join(IMAGE_SIGNATURES)
    for rel, head in files:
        suffix = posixpath.splitext(rel)[1].lower()
        if suffix == PAGE_SUFFIX:
            continue
        where = f"{docs_label}/{rel}"
        if suffix not in IMAGE_SIGNATURES:
            raise SiteError(
                where, None,
                f"Tệp này (loại «{suffix or 'không có đuôi'}») sẽ được đăng nguyên văn lên trang web, "
                "không qua bước kiểm tra nào và không có chính sách bảo mật nội dung (CSP). Thư mục "
                f"{docs_label}/ chỉ nhận trang Markdown (.md) và ảnh ({kinds}); ảnh .svg có thể chứa mã "
                "chạy được nên cũng không được nhận.",
                f"This file (kind «{suffix or 'no suffix'}») would be published as it is, outside every "
                f"check and without the Content-Security-Policy. {docs_label}/ takes only Markdown pages "
                f"(.md) and images ({kinds}); an .svg image can carry script, so it is refused too.",
                "viết nội dung thành một trang .md, hoặc lưu ảnh dưới dạng PNG, JPEG hay WebP. Mã, kiểu "
                f"trình bày và ảnh SVG của chính trang web đặt trong {CODE_FOLDER} "
                "(người quản lý mã phải duyệt).",
                "write the content as a .md page, or save the image as PNG, JPEG or WebP. The site's own "
                f"scripts, styles and SVG images go in {CODE_FOLDER} (reviewed by the code owners).",
            )
        if not _is_image(suffix, head()):
            raise SiteError(
                where, None,
                f"Tệp này mang đuôi {suffix} nhưng nội dung không phải ảnh {suffix[1:].upper()}: "
                "trình duyệt có thể đọc nó thành một loại tệp khác.",
                f"This file is named {suffix} but its content is not a {suffix[1:].upper()} image: "
                "a browser could read it as another kind of file.",
                f"lưu lại ảnh đúng định dạng {suffix[1:].upper()} (mở bằng phần mềm xem ảnh rồi lưu), "
                "hoặc đổi đuôi tệp cho đúng.",
                f"save the image again as a real {suffix[1:].upper()} file, or give it the right suffix.",
            )
