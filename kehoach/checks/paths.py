"""Checks that keep what contributors write (docs/, data/) what it looks like,
and inside the repository. Each stops the build with one message naming the
file (and line), never a traceback:

- `check_symlinks`: no symbolic link under docs/, data/, overrides/, schemas/
  (a link would publish, or print in the build log, a file from outside);
- `check_size`: a data file or page is at most `MAX_BYTES`;
- `check_text`: NFC only, no bidirectional controls, no invisible characters
  (a clerk's browser edit never runs the pre-commit hooks, so the build checks);
- `check_markdown_nesting`: at most `MAX_MARKDOWN_DEPTH` nested quotes, lists,
  brackets or HTML elements (Python-Markdown and the HTML tools recurse once
  per level and die deep down, or take quadratic time);
- `check_docs_path`: a page named in data is a relative path inside docs/.

YAML limits (no anchors or aliases, bounded nesting) are in yamlguard.py.
"""
from __future__ import annotations

import os
import posixpath
import re
import unicodedata
from pathlib import Path

from kehoach.core.errors import SiteError

MAX_BYTES = 2_000_000  # the largest data file is 19 KB, the largest page 7 KB
MAX_MARKDOWN_DEPTH = 20
GUARDED_FOLDERS = ("docs", "data", "overrides", "schemas")

# Characters that change how text looks or reads without being seen.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
_HIDDEN = re.compile(f"[{_BIDI}{_INVISIBLE}]")


def char_name(ch: str) -> str:
    """"U+202E RIGHT-TO-LEFT OVERRIDE"."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'UNNAMED')}"


def check_symlinks(root: Path, folders=GUARDED_FOLDERS) -> None:
    """Refuse the first symbolic link under the guarded folders of `root` (links are not followed)."""
    for name in folders:
        top = root / name
        if top.is_symlink():
            raise symlink_error(top.relative_to(root).as_posix())
        if not top.is_dir():
            continue
        for folder, dirs, files in os.walk(top):
            for entry in sorted(dirs + files):
                path = Path(folder) / entry
                if path.is_symlink():
                    raise symlink_error(path.relative_to(root).as_posix())


def symlink_error(rel: str) -> SiteError:
    return SiteError(
        rel, None,
        "Đây là một liên kết tượng trưng (symlink). Trang web chỉ được dựng từ tệp thật nằm trong kho, "
        "không đọc tệp ở nơi khác trên máy dựng.",
        "This is a symbolic link. The site is built only from real files in the repository, "
        "never from files elsewhere on the build machine.",
        f"xóa liên kết {rel} và đặt vào đó chính tệp (hoặc thư mục) cần dùng.",
        f"delete the link {rel} and put the file (or folder) itself there.",
    )


def check_size(rel: str, raw: bytes) -> None:
    if len(raw) > MAX_BYTES:
        raise SiteError(
            rel, None,
            f"Tệp quá lớn: {len(raw):,} byte, giới hạn là {MAX_BYTES:,} byte.",
            f"The file is too large: {len(raw):,} bytes, the limit is {MAX_BYTES:,} bytes.",
            "chia nội dung thành nhiều tệp nhỏ hơn, hoặc kiểm tra xem có dán nhầm cả một tệp khác vào không.",
            "split the content into smaller files, or check that nothing was pasted in by mistake.",
        )


def check_text(rel: str, text: str) -> None:
    """NFC, no bidi controls, no zero-width characters; the first offence with its line."""
    hidden = _HIDDEN.search(text)
    decomposed = None if unicodedata.is_normalized("NFC", text) else _first_non_nfc(text)
    first = min((p for p in (hidden.start() if hidden else None, decomposed) if p is not None), default=None)
    if first is None:
        return
    line = text.count("\n", 0, first) + 1
    if hidden is not None and first == hidden.start():
        what = char_name(hidden.group())
        kind_vi = ("ký tự điều khiển hướng chữ" if hidden.group() in _BIDI
                   else "ký tự vô hình (không có độ rộng)")
        kind_en = "a bidirectional control character" if hidden.group() in _BIDI else "an invisible (zero-width) character"
        raise SiteError(
            rel, line,
            f"Dòng này có {kind_vi} {what}: người đọc không nhìn thấy nó nhưng nó làm chữ hiển thị "
            "hoặc được tìm kiếm khác với chữ đã viết.",
            f"This line holds {kind_en}, {what}: readers cannot see it, but it makes the text display "
            "or search differently from what was written.",
            "xóa ký tự đó (trong VS Code: bật View > Render Control Characters để thấy nó), rồi gõ lại chữ quanh đó nếu cần.",
            "delete that character (an editor showing control characters helps), retyping the words around it if needed.",
        )
    ch = text[first]
    raise SiteError(
        rel, line,
        f"Có chữ tiếng Việt gõ ở dạng tổ hợp (NFD: chữ cái và dấu tách rời, ở đây {char_name(ch)}), "
        "khác với dạng chuẩn NFC: trông giống nhưng tìm kiếm và liên kết không nhận ra.",
        f"Text is in decomposed form (NFD: letter and mark apart, here {char_name(ch)}), not NFC: "
        "it looks the same but search and citation links miss it.",
        "trong bộ gõ (Unikey/EVKey) chọn bảng mã Unicode dựng sẵn rồi gõ lại từ đó, "
        "hoặc chạy: python tools/check_nfc.py --fix TỆP.",
        "retype it with a precomposed Unicode keyboard, or run: python tools/check_nfc.py --fix FILE.",
    )


def _first_non_nfc(text: str) -> int:
    """Offset of the first character that NFC would change."""
    offset = 0
    for line in text.splitlines(keepends=True):
        if not unicodedata.is_normalized("NFC", line):
            for i, ch in enumerate(line):
                # The character whose composition with what precedes it changes: a combining mark
                # or a character NFC replaces.
                if unicodedata.combining(ch) or unicodedata.normalize("NFC", ch) != ch:
                    return offset + i
            return offset
        offset += len(line)
    return 0


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
