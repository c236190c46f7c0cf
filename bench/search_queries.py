"""Queries as citizens type them, and which passages answer them.

Used by bench/search.py (mean reciprocal rank before/after) and by
tests/test_search_meaning.py. A passage answers a phrase query when its title
or text holds the query's words adjacent and in order, compared without
diacritics (so "Hiệp Hoà" and "hiep hoa" are answered by "Hiệp Hòa"); a
citation query is answered by its entry in the register. When no passage
holds the phrase ("chỉ số PAPI": "Chỉ số Hiệu quả ... (PAPI)"), the passages
holding all its words answer it.
"""
from __future__ import annotations

import html
import re

from kehoach.core.vietnamese import fold

REG = "van-ban/"

# (query, register entry or None for a phrase query)
QUERIES = [
    ("Lục Nam", None), ("luc nam", None),
    ("Hiệp Hòa", None), ("Hiệp Hoà", None), ("hiep hoa", None),
    ("thị trấn Phương Sơn", None), ("thi tran phuong son", None),
    ("thanh niên xung phong", None), ("thanh nien xung phong", None),
    ("chỉ số PAPI", None), ("chi so papi", None),
    ("ưu tú", None), ("uu tu", None),
    ("Sơn Động", None), ("Lạng Giang", None),
    ("tinh giản biên chế", None), ("tinh gian bien che", None),
    ("đơn vị hành chính", None), ("Phật giáo", None),
    ("107/2020/NĐ-CP", REG + "nghi-dinh-2020-107-nd-cp/"),
    ("nghị định 108/2014", REG + "nghi-dinh-2014-108-nd-cp/"),
    ("633/qd-ubnd", REG + "quyet-dinh-2021-633-qd-ubnd/"),
]

TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"[^\w/%,.-]+")


def words(text: str) -> list[str]:
    """Folded lowercase words of an index entry's HTML text."""
    text = html.unescape(TAG.sub(" ", text))
    return [w.strip(",.") for w in WORD.split(fold(text).lower()) if w.strip(",.")]


def holds(doc: dict, query: str) -> bool:
    """Whether an index entry holds the query's words adjacent and in order."""
    want = words(query)
    for field in (doc["title"], doc["text"]):
        have = words(field)
        if any(have[i:i + len(want)] == want for i in range(len(have) - len(want) + 1)):
            return True
    return False


def answers(docs: list[dict], query: str, register: str | None) -> set[str]:
    """Locations of the index entries that answer the query."""
    if register:
        return {register}
    found = {d["location"] for d in docs if holds(d, query)}
    if not found:
        want = set(words(query))
        found = {d["location"] for d in docs if want <= set(words(d["title"] + " " + d["text"]))}
    return found
