"""A text file as saved, before anything reads it: the rules every page and
data file meets, whoever reads it (core/data.py for data/, checks/files.py for
docs/). Each stops the build with one message naming the file (and line):

- `symlink_error`: a symbolic link is never followed (kehoach/checks/paths.py
  walks the folders for them);
- `check_size`: at most `MAX_BYTES`;
- `decode`: UTF-8 (an old Vietnamese code page would otherwise be a Python
  UnicodeDecodeError traceback);
- `check_text`: NFC only, no bidirectional controls, no invisible characters
  (a clerk's browser edit never runs the pre-commit hooks, so the build checks).
"""
from __future__ import annotations

import re
import unicodedata

from kehoach.core.errors import SiteError

MAX_BYTES = 2_000_000  # the largest data file is 19 KB, the largest page 7 KB

# Characters that change how text looks or reads without being seen.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
_HIDDEN = re.compile(f"[{_BIDI}{_INVISIBLE}]")


def char_name(ch: str) -> str:
    """"U+202E RIGHT-TO-LEFT OVERRIDE"."""
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'UNNAMED')}"


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


def decode(rel: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SiteError(
            rel, line,
            "Tệp không được lưu bằng bảng mã UTF-8, nên máy không đọc được chữ có dấu.",
            "The file is not saved as UTF-8, so its accented letters cannot be read.",
            "mở tệp bằng VS Code hoặc Notepad++, chọn lưu với bảng mã UTF-8 (Save with Encoding > UTF-8), "
            "rồi kiểm tra lại chữ có dấu ở dòng này.",
            "reopen the file in an editor, save it with UTF-8 encoding, and check the accented letters on this line.",
        ) from None
