"""Text files must be in Unicode NFC (precomposed Vietnamese letters).

    python tools/check_nfc.py FILE...

Some Vietnamese keyboards type "ế" as "e" + two combining marks (NFD). It looks
the same but breaks search, links and the comparison with the signed text.
Exit 1 and name the file and line of the first such character per file.
"""
from __future__ import annotations

import sys
import unicodedata
from pathlib import Path


def first_non_nfc_line(text: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if not unicodedata.is_normalized("NFC", line):
            return number
    return None


def main(paths: list[str]) -> int:
    bad = 0
    for name in paths:
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, IsADirectoryError, FileNotFoundError):
            continue
        line = first_non_nfc_line(text)
        if line:
            bad += 1
            print(f"{name}, dòng {line} (line {line}):\n"
                  "  Có chữ tiếng Việt gõ ở dạng tổ hợp (NFD), khác với dạng chuẩn NFC.\n"
                  "  Cách sửa: trong bộ gõ (Unikey/EVKey) chọn bảng mã Unicode dựng sẵn rồi gõ lại từ đó, "
                  "hoặc chạy: python tools/check_nfc.py --fix TỆP\n"
                  "  [EN] Text is in decomposed form (NFD), not NFC. Fix: retype it with a precomposed "
                  "Unicode keyboard, or run: python tools/check_nfc.py --fix FILE", file=sys.stderr)
    return 1 if bad else 0


def fix(paths: list[str]) -> int:
    for name in paths:
        path = Path(name)
        text = path.read_text(encoding="utf-8")
        path.write_text(unicodedata.normalize("NFC", text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(fix(args[1:]) if args[:1] == ["--fix"] else main(args))
