"""Vietnamese text helpers: accent folding and readable ASCII slugs."""
from __future__ import annotations

import re
import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Remove diacritics: "Nghị định" -> "Nghi dinh", "đ" -> "d"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def slugify(value: str, separator: str = "-") -> str:
    """ASCII slug that keeps every letter: "Đánh giá" -> "danh-gia".

    Python-Markdown's default slug drops "đ" ("nghi-inh"); this one folds it.
    Signature matches the `toc` extension's `slugify` option.
    """
    value = fold(value).lower()
    value = re.sub(r"[^a-z0-9]+", separator, value)
    return value.strip(separator)
