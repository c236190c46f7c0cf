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

And one rule for every string a YAML file holds once read (core/data.py applies
it to each value and key of every data file and front matter, escapes such as
"\u202e" included, which `check_text` cannot see in the saved text):
`value_problem` says what is wrong with a string, or None.
"""
from __future__ import annotations

import functools
import re
import unicodedata

from kehoach.core.errors import SiteError

MAX_BYTES = 2_000_000  # the largest data file is 19 KB, the largest page 7 KB

def _char_class(chars: str) -> re.Pattern:
    """A pattern matching any one of `chars`, written as ranges of consecutive
    code points: a class of hundreds of single characters (some beyond the
    BMP) costs `re` some 40 times more per character searched."""
    codes = sorted(set(map(ord, chars)))
    spans: list[list[int]] = []
    for code in codes:
        if spans and code == spans[-1][1] + 1:
            spans[-1][1] = code
        else:
            spans.append([code, code])
    return re.compile("[" + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "")
                                    for a, b in spans) + "]")


# Characters that change how text looks or reads without being seen.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
_HIDDEN = re.compile(f"[{_BIDI}{_INVISIBLE}]")

# In a value, also: characters drawn as nothing or as a space that is not one
# (variation selectors, Hangul fillers, the blank braille pattern).
_BLANK = ("\u115f\u1160\u2800\u3164\uffa0" + "".join(map(chr, range(0xFE00, 0xFE10)))
          + "".join(map(chr, range(0xE0100, 0xE01F0))))
# Unicode categories a value may not hold: controls (but the line break of a
# block scalar), format characters, private use, surrogates, unassigned code
# points, line and paragraph separators, and spaces other than the space.
_REFUSED_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp", "Zs"}
# The refused characters that str.isprintable() lets through (letters, marks and
# symbols that show nothing): looked for in one pass before the per-character loop.
_SPECIAL = _char_class(_BLANK + _BIDI + _INVISIBLE)
# Scripts whose letters look like Latin ones (а/a, о/o, Ο/O, ν/v): a word that
# mixes one of them with Latin reads as one word but is another string.
_LOOKALIKE_SCRIPTS = ("GREEK", "CYRILLIC")
_WORD = re.compile(r"[^\W\d_]+")
# Text only of Latin letters (Vietnamese: Latin Extended Additional), combining
# marks, punctuation and currency signs: no character named GREEK or CYRILLIC
# (tests/core/test_yaml_values.py checks every one), so no word to look at.
_NO_LOOKALIKE = re.compile(r"[\x00-\u036f\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf]*\Z")


def char_name(ch: str) -> str:
    """"U+202E RIGHT-TO-LEFT OVERRIDE"."""
    name = unicodedata.name(ch, None) or _UNNAMED.get(unicodedata.category(ch), "UNNAMED")
    return f"U+{ord(ch):04X} {name}"


_UNNAMED = {"Cc": "CONTROL CHARACTER", "Co": "PRIVATE USE CHARACTER", "Cs": "SURROGATE", "Cn": "UNASSIGNED"}


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


def _refused_char(ch: str) -> bool:
    if ch in " \n":
        return False
    return ch in _BLANK or ch in _BIDI or ch in _INVISIBLE or unicodedata.category(ch) in _REFUSED_CATEGORIES


@functools.lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    return unicodedata.name(ch, "").split(" ", 1)[0]


def value_problem(value: str) -> tuple[int, str, str, str, str] | None:
    """What is wrong with one string of a YAML file, as (offset of the first
    offending character, problem in Vietnamese, in English, fix in Vietnamese,
    in English), or None. The rule every value and key of every data file and
    front matter meets: NFC; no control, format, private-use, unassigned or
    invisible character, no space but the space (a line break only as a block
    value's own); no word mixing Latin letters with Greek or Cyrillic ones."""
    # str.isprintable() is False exactly for the categories refused (Other and
    # Separator, the ASCII space aside): the loop runs only when one may be there.
    fast = value.replace("\n", "").isprintable() and _SPECIAL.search(value) is None
    for offset, ch in ([] if fast else enumerate(value)):
        if _refused_char(ch):
            what = char_name(ch)
            return (
                offset,
                f"Giá trị có ký tự không nhìn thấy hoặc không phải chữ {what} (ký tự thứ {offset + 1} của giá trị): "
                "người đọc không thấy nó nhưng nó làm chữ hiển thị hoặc được tìm kiếm khác với chữ đã viết.",
                f"The value holds a character that is invisible or not text, {what} (character {offset + 1} "
                "of the value): readers cannot see it, but it makes the text display or search differently.",
                "xóa ký tự đó (kể cả khi viết dạng \\u....); khoảng trắng chỉ dùng dấu cách thường.",
                "delete that character (also when written as an escape \\u....); use plain spaces only.",
            )
    if not unicodedata.is_normalized("NFC", value):
        offset = _first_non_nfc(value)
        return (
            offset,
            f"Giá trị có chữ tiếng Việt ở dạng tổ hợp (NFD, ở đây {char_name(value[offset])}), khác với dạng chuẩn NFC.",
            f"The value is in decomposed form (NFD, here {char_name(value[offset])}), not NFC.",
            "gõ lại chữ đó bằng bảng mã Unicode dựng sẵn (Unikey/EVKey).",
            "retype it with a precomposed Unicode keyboard.",
        )
    for word in ([] if _NO_LOOKALIKE.match(value) else _WORD.finditer(value)):
        scripts = {_script(ch) for ch in word.group()}
        lookalike = scripts & set(_LOOKALIKE_SCRIPTS)
        if lookalike and "LATIN" in scripts:
            offset = word.start() + next(i for i, ch in enumerate(word.group()) if _script(ch) in lookalike)
            what = char_name(value[offset])
            shown = excerpt_word(word.group())
            return (
                offset,
                f"Từ {shown} trộn chữ Latinh với chữ {'Hy Lạp' if 'GREEK' in lookalike else 'Kirin'} trông giống hệt "
                f"({what}, ký tự thứ {offset + 1} của giá trị): từ đó trông như chữ thường nhưng tìm kiếm và liên kết không nhận ra.",
                f"The word {shown} mixes Latin letters with a look-alike {'Greek' if 'GREEK' in lookalike else 'Cyrillic'} "
                f"one ({what}, character {offset + 1} of the value): it looks like the usual word but search and links miss it.",
                "gõ lại từ đó bằng bàn phím tiếng Việt (chữ Latinh).",
                "retype the word with a Vietnamese (Latin) keyboard.",
            )
    return None


def excerpt_word(word: str) -> str:
    return repr(word[:40] + ("…" if len(word) > 40 else ""))


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
