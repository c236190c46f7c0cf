"""Vietnamese text helpers: accent folding, readable ASCII slugs, alphabetical
order, and shortening a text at a word (a page's description)."""
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


_ALPHABET = "AĂÂBCDĐEÊFGHIJKLMNOÔƠPQRSTUƯVWXYZ"  # with F J W Z of foreign words


def vietnamese_key(text: str) -> tuple:
    """Sort key in Vietnamese alphabetical order (A Ă Â B C D Đ E Ê ...).

    Tone marks are ignored at the first level; other characters (space, "-",
    "&") sort before letters.
    """
    key = []
    for ch in text.upper():
        base = _strip_tone(ch)
        key.append(_ALPHABET.index(base) + 1 if base in _ALPHABET else 0)
    return tuple(key), text


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _strip_tone(ch: str) -> str:
    """"Ấ" -> "Â": drop the tone, keep the letter's own mark (Ă Â Ê Ô Ơ Ư)."""
    decomposed = unicodedata.normalize("NFD", ch)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))


MAX_DESCRIPTION = 160  # characters of a page's description (<meta name="description">)


def shorten(text: str, limit: int = MAX_DESCRIPTION) -> str:
    """`text` cut at the last word that fits in `limit` characters, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"
